// The three services as app factories, for `msdemo local` (all in one process).
// Each is also a process of its own: services/<name>/server.ts.
import type { FastifyInstance } from "fastify";
import { createAuthApp } from "./auth/app.js";
import { createOrdersApp } from "./orders/app.js";
import { createProductsApp } from "./products/app.js";
import type { ServiceFactory, ServiceName, ServiceOptions } from "./shared/app.js";

export type { LoggerOptions, ServiceFactory, ServiceName, ServiceOptions } from "./shared/app.js";
export type { DbConfig, DbTls } from "./shared/config.js";
export { ConfigError, readConfig } from "./shared/config.js";
export { createAuthApp, createOrdersApp, createProductsApp };

export const services: Readonly<Record<ServiceName, ServiceFactory>> = {
  auth: createAuthApp,
  orders: createOrdersApp,
  products: createProductsApp,
};

export function createService(name: ServiceName, options: ServiceOptions): Promise<FastifyInstance> {
  return services[name](options);
}
