// What every service shares: fastify with JSON logs and request ids, the error
// answers, GET / (the contract's index), /healthz, /readyz, and the schema set
// up in the background, retried until the database answers (pods on EKS often
// start before RDS does).
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import type pg from "pg";
import { secretKey } from "./auth.js";
import type { DbConfig } from "./config.js";
import { createPool, withSchemaLock } from "./db.js";
import { installErrorHandlers, sendError } from "./errors.js";

export interface ServiceOptions {
  db: DbConfig;
  jwtSecret: string;
  /** false for tests and `msdemo local`; true for JSON logs to stdout. */
  logger?: boolean;
  /** Pool size per process. */
  poolSize?: number;
}

export interface ServiceDefinition {
  name: "auth" | "orders" | "products";
  endpoints: string[];
  /** Creates tables and seeds; runs under the schema lock. */
  setupSchema(client: pg.PoolClient): Promise<void>;
  routes(app: FastifyInstance, deps: ServiceDeps): void;
}

export interface ServiceDeps {
  pool: pg.Pool;
  jwtKey: Uint8Array;
  /** True once the schema is in place. */
  schemaReady(): boolean;
}

const BODY_LIMIT = 16 * 1024;
const SCHEMA_RETRY_MS = 2_000;

export async function buildService(
  definition: ServiceDefinition,
  options: ServiceOptions,
): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    logger: options.logger
      ? { level: "info", redact: ["req.headers.authorization", "req.headers.cookie"] }
      : false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });
  const pool = createPool(options.db, options.poolSize);
  let ready = false;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;

  const setup = async (): Promise<void> => {
    try {
      await withSchemaLock(pool, definition.setupSchema);
      ready = true;
      app.log.info("schema ready");
    } catch (error) {
      if (stopped) return;
      app.log.warn({ err: { message: (error as Error).message } }, "database not ready; retrying");
      retryTimer = setTimeout(() => void setup(), SCHEMA_RETRY_MS);
      retryTimer.unref();
    }
  };

  installErrorHandlers(app);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  app.get("/", async () => ({ status: "ok", service: definition.name, endpoints: definition.endpoints }));
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    try {
      await pool.query("SELECT 1");
    } catch {
      return sendError(reply, 503, "The database is not reachable");
    }
    if (!ready) return sendError(reply, 503, "The schema is not set up yet");
    return { status: "ready" };
  });
  definition.routes(app, { pool, jwtKey: secretKey(options.jwtSecret), schemaReady: () => ready });
  app.addHook("onClose", async () => {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    await pool.end();
  });
  await setup();
  return app;
}
