// What every service shares: fastify with JSON logs and request ids, the error
// answers, GET / (the contract's index), /healthz, /readyz, and the schema set
// up in the background, retried until the database answers.
import { randomUUID } from "node:crypto";
import Fastify, {
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from "fastify";
import pg from "pg";
import type { DbConfig } from "./config.js";
import { ConfigError } from "./config.js";
import { createPool, type PoolClient } from "./db.js";
import { DATABASE_UNAVAILABLE, HttpError, installErrorHandlers, sendError } from "./errors.js";
import { parseJsonBody } from "./json-body.js";
import { SchemaSetup } from "./schema.js";
import { describeValidationErrors } from "./schemas.js";
import {
  DISCOVERY_PATH,
  ISSUER_HEADER,
  JWKS_PATH,
  requestIssuer,
  type TokenSettings,
  type TokenSigner,
  type TokenVerifier,
  tokenSigner,
  tokenVerifier,
} from "./token.js";

export type ServiceName = "auth" | "orders" | "products";
export type LoggerOptions = Exclude<FastifyServerOptions["logger"], boolean | undefined>;

export interface ServiceOptions {
  /** Connection settings (the app owns its pool and ends it on close), or a pool the caller owns. */
  db: DbConfig | pg.Pool;
  /** Token keys, issuer and audience; products needs none. */
  tokens?: TokenSettings;
  /** false (default) for tests and `msdemo local`; true for JSON logs on stdout; or pino options. */
  logger?: boolean | LoggerOptions;
}

export type ServiceFactory = (options: ServiceOptions) => Promise<FastifyInstance>;

export interface ServiceDeps {
  pool: pg.Pool;
  /** The tokens' issuer for a request: JWT_ISSUER, else what the gateway in front says. */
  issuerOf(request: FastifyRequest): string;
  /** Given to a service whose definition says `tokens: "sign"`. */
  signer?: TokenSigner;
  /** Given to a service whose definition says `tokens: "sign"` or `"verify"`. */
  verifier?: TokenVerifier;
}

export interface ServiceDefinition {
  name: ServiceName;
  /** The service's API, as listed by GET /. */
  endpoints: string[];
  /** What the service does with tokens: auth signs (and publishes its keys), orders verifies. */
  tokens?: "sign" | "verify";
  /** Creates tables and seeds; runs in one transaction under the schema lock. */
  setupSchema(client: PoolClient): Promise<void>;
  /** Registers the API routes; they only run once the schema is in place. */
  routes(app: FastifyInstance, deps: ServiceDeps): void;
}

const BODY_LIMIT = 16 * 1024;
/** Neither JWT_ISSUER nor a gateway that names the API's URL: no token can be issued or checked. */
export const NO_ISSUER = "No token issuer: set JWT_ISSUER, or call through the gateway";
const PROBES = new Set(["/healthz", "/readyz"]);

const indexSchema = {
  response: {
    200: {
      type: "object",
      properties: {
        status: { type: "string" },
        service: { type: "string" },
        endpoints: { type: "array", items: { type: "string" } },
      },
    },
  },
} as const;

const statusSchema = {
  response: { 200: { type: "object", properties: { status: { type: "string" } } } },
} as const;

function loggerOptions(logger: ServiceOptions["logger"]): FastifyServerOptions["logger"] {
  if (!logger) return false;
  return {
    level: "info",
    // Belt and braces: requests are logged without headers or bodies anyway.
    redact: ["req.headers.authorization", "req.headers.cookie", "req.body", "password"],
    ...(logger === true ? {} : logger),
  };
}

export async function buildService(
  definition: ServiceDefinition,
  options: ServiceOptions,
): Promise<FastifyInstance> {
  // Before anything is opened: a missing key stops the start with nothing to clean up.
  const tokens = await tokenDeps(definition, options.tokens);
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    logger: loggerOptions(options.logger),
    // One line per request (in onResponse below) instead of fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // No type coercion ("2" is not a quantity); unknown body fields are dropped, as the originals ignored them.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: true, allErrors: false } },
    schemaErrorFormatter: describeValidationErrors,
  });
  const ownsPool = !(options.db instanceof pg.Pool);
  const pool =
    options.db instanceof pg.Pool
      ? options.db
      : createPool(options.db, (error) =>
          app.log.warn({ reason: error.message }, "idle database connection lost"),
        );
  const schema = new SchemaSetup(pool, definition.setupSchema, {
    ready: () => app.log.info("schema ready"),
    retrying: (error, delayMs) =>
      app.log.warn({ reason: error.message, retryInMs: delayMs }, "database not ready; retrying"),
  });

  installErrorHandlers(app);
  // JSON only: text/plain is answered 415 like any other type, as the README says.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, parseJsonBody);
  // While shutting down, a kept-alive connection is closed after its last
  // answer, or the server would wait for the client to hang up.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    if (closing) reply.header("connection", "close");
  });
  app.addHook("onResponse", async (request, reply) => {
    if (PROBES.has(request.url) && reply.statusCode === 200) return;
    request.log.info(
      {
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      "request completed",
    );
  });

  app.get("/", { schema: indexSchema }, async () => ({
    status: "ok",
    service: definition.name,
    endpoints: definition.endpoints,
  }));
  app.get("/healthz", { schema: statusSchema }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: statusSchema }, async (_request, reply) => {
    try {
      await schema.ensure();
      await pool.query("SELECT 1");
    } catch {
      return sendError(reply, 503, DATABASE_UNAVAILABLE);
    }
    return { status: "ready" };
  });

  const settings = options.tokens;
  const issuerOf = (request: FastifyRequest) =>
    settings ? requestIssuer(settings, request.headers[ISSUER_HEADER]) : "";
  const deps: ServiceDeps = { pool, issuerOf, ...tokens };
  const { signer } = deps;
  if (signer) {
    // Issuer metadata and keys need no database: API Gateway's authorizer fetches them.
    app.get(DISCOVERY_PATH, async (request) => {
      const issuer = issuerOf(request);
      if (!issuer) throw new HttpError(503, NO_ISSUER);
      return signer.discovery(issuer);
    });
    app.get(JWKS_PATH, async () => signer.jwks());
  }
  await app.register(async (api) => {
    // The API needs the tables: while they are not there, try once more, else 503.
    api.addHook("preHandler", async () => {
      if (schema.ready) return;
      try {
        await schema.ensure();
      } catch {
        throw new HttpError(503, DATABASE_UNAVAILABLE);
      }
    });
    definition.routes(api, deps);
  });

  app.addHook("onClose", async () => {
    schema.stop();
    if (ownsPool) await pool.end();
  });
  await schema.start();
  return app;
}

/** The signer or verifier a service's definition asks for; a clear ConfigError when its key is missing. */
async function tokenDeps(
  definition: ServiceDefinition,
  settings: TokenSettings | undefined,
): Promise<Pick<ServiceDeps, "signer" | "verifier">> {
  if (!definition.tokens) return {};
  const wanted = definition.tokens === "sign" ? "JWT_PRIVATE_KEY" : "JWT_PUBLIC_KEY";
  const key =
    definition.tokens === "sign" ? settings?.privateKey : (settings?.publicKey ?? settings?.privateKey);
  if (!settings || !key)
    throw new ConfigError(
      `${wanted} must be set (a PEM key) for the ${definition.name} service; refusing to start`,
    );
  try {
    if (definition.tokens === "verify") return { verifier: tokenVerifier(settings) };
    const signer = await tokenSigner(settings);
    return { signer, verifier: signer };
  } catch {
    // Never the key itself in the message.
    throw new ConfigError(`${wanted} is not a valid PEM RSA key`);
  }
}
