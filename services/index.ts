// The three services as app factories, for `msdemo local` (all in one process).
import type { FastifyInstance } from "fastify";
import { createAuthApp } from "./auth/app.js";
import { createOrdersApp } from "./orders/app.js";
import { createProductsApp } from "./products/app.js";
import type { ServiceOptions } from "./shared/app.js";

export type { ServiceOptions } from "./shared/app.js";
export type { DbConfig } from "./shared/config.js";

export const SERVICE_FACTORIES = {
  auth: createAuthApp,
  orders: createOrdersApp,
  products: createProductsApp,
} as const satisfies Record<string, (options: ServiceOptions) => Promise<FastifyInstance>>;

export function createService(
  name: keyof typeof SERVICE_FACTORIES,
  options: ServiceOptions,
): Promise<FastifyInstance> {
  return SERVICE_FACTORIES[name](options);
}
