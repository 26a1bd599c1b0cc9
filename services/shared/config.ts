// A service's settings, from the environment its Deployment (or `msdemo local`)
// gives it. auth refuses to start without JWT_PRIVATE_KEY, orders without
// JWT_PUBLIC_KEY (checked where the service is built): the originals
// hard-coded a shared secret, which let anyone mint tokens.
import { readFileSync } from "node:fs";
import type { TokenSettings } from "./token.js";

/** TLS to the database. `ca` pins the trusted roots (e.g. the RDS bundle); without it, the system's. */
export interface DbTls {
  ca?: string;
  rejectUnauthorized: boolean;
}

export interface DbConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** TLS to the database: off locally, required on the cluster (RDS). */
  ssl: false | DbTls;
  /** Connections per process; default 10. */
  poolSize?: number;
}

export interface ServiceConfig {
  port: number;
  db: DbConfig;
  tokens: TokenSettings;
  logLevel: string;
  /** Things the operator should know at start, e.g. an unverified TLS certificate. */
  warnings: string[];
}

export class ConfigError extends Error {}

/** The `aud` claim when JWT_AUDIENCE is not set. */
export const DEFAULT_JWT_AUDIENCE = "msdemo";
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export const UNVERIFIED_TLS_WARNING =
  "DB_SSL=require without DB_SSL_CA: the database connection is encrypted, but the server's certificate " +
  "is not verified. Set DB_SSL_CA to a CA bundle (for RDS, the global bundle) to verify it.";

/**
 * DB_SSL:
 * - `disable` (default; local PostgreSQL has no TLS): plain connection.
 * - `require` (what the cluster manifests set): encrypted. With DB_SSL_CA (a PEM
 *   bundle path) the certificate is verified against it; without one it is
 *   encrypted but unverified, like libpq's sslmode=require, and the service
 *   says so in a warning at start. The image carries no RDS CA bundle, and RDS
 *   is reachable only inside the VPC, so encryption without verification is the
 *   default rather than a refusal to start.
 * - `verify-full`: encrypted and verified, against DB_SSL_CA or the system roots.
 */
function tlsFrom(env: NodeJS.ProcessEnv, warnings: string[]): DbConfig["ssl"] {
  const mode = (env.DB_SSL ?? "disable").toLowerCase();
  if (mode === "disable" || mode === "false" || mode === "off") return false;
  const ca = env.DB_SSL_CA ? readCa(env.DB_SSL_CA) : undefined;
  if (mode === "verify-full") return ca ? { ca, rejectUnauthorized: true } : { rejectUnauthorized: true };
  if (mode !== "require")
    throw new ConfigError(`DB_SSL must be "disable", "require" or "verify-full" (got "${env.DB_SSL}")`);
  if (ca) return { ca, rejectUnauthorized: true };
  warnings.push(UNVERIFIED_TLS_WARNING);
  return { rejectUnauthorized: false };
}

function readCa(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`DB_SSL_CA: cannot read ${path} (${(error as NodeJS.ErrnoException).code})`);
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const logLevel = (env.LOG_LEVEL ?? "info").toLowerCase();
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got "${env.LOG_LEVEL}")`);
  const warnings: string[] = [];
  return {
    port: integer(env, "PORT", 3000, 0, 65535),
    tokens: {
      issuer: env.JWT_ISSUER ?? "",
      audience: env.JWT_AUDIENCE || DEFAULT_JWT_AUDIENCE,
      ...(env.JWT_PRIVATE_KEY ? { privateKey: env.JWT_PRIVATE_KEY } : {}),
      ...(env.JWT_PUBLIC_KEY ? { publicKey: env.JWT_PUBLIC_KEY } : {}),
    },
    logLevel,
    warnings,
    db: {
      host: env.DB_HOST || "127.0.0.1",
      port: integer(env, "DB_PORT", 5432, 1, 65535),
      database: env.DB_NAME || "postgres",
      user: env.DB_USER || "postgres",
      password: env.DB_PASS ?? "",
      ssl: tlsFrom(env, warnings),
      poolSize: integer(env, "DB_POOL_SIZE", 10, 1, 100),
    },
  };
}
