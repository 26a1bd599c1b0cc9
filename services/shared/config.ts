// A service's settings, from the environment its Deployment (or `msdemo local`)
// gives it. A service refuses to start without JWT_SECRET: the originals
// hard-coded one, which lets anyone mint tokens.
import { readFileSync } from "node:fs";

export interface DbConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** TLS to the database: off locally, required on the cluster (RDS). */
  ssl: false | { ca?: string; rejectUnauthorized: boolean };
}

export interface ServiceConfig {
  port: number;
  db: DbConfig;
  jwtSecret: string;
}

export class ConfigError extends Error {}

/**
 * DB_SSL=require encrypts the connection. With DB_SSL_CA (a PEM bundle path,
 * e.g. the RDS global bundle) the server's certificate is also verified;
 * without it the connection is encrypted but the certificate is not checked,
 * because the node image carries no RDS CA by default.
 */
function sslFrom(env: NodeJS.ProcessEnv): DbConfig["ssl"] {
  const mode = (env.DB_SSL ?? "disable").toLowerCase();
  if (mode === "disable" || mode === "false" || mode === "off") return false;
  if (mode !== "require")
    throw new ConfigError(`DB_SSL must be "require" or "disable" (got "${env.DB_SSL}")`);
  return env.DB_SSL_CA
    ? { ca: readFileSync(env.DB_SSL_CA, "utf8"), rejectUnauthorized: true }
    : { rejectUnauthorized: false };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const jwtSecret = env.JWT_SECRET ?? "";
  if (jwtSecret.length < 16)
    throw new ConfigError("JWT_SECRET must be set (at least 16 characters); refusing to start without it");
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number (got "${env.PORT}")`);
  return {
    port,
    jwtSecret,
    db: {
      host: env.DB_HOST ?? "127.0.0.1",
      port: Number(env.DB_PORT ?? 5432),
      database: env.DB_NAME ?? "postgres",
      user: env.DB_USER ?? "postgres",
      password: env.DB_PASS ?? "",
      ssl: sslFrom(env),
    },
  };
}
