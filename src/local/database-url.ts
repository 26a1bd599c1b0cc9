// --database-url: parsed, then tried once before msdemo local prints its URL, so
// a wrong password or a missing database is bad input (exit 2) said plainly,
// not a 503 from every route later.
import pg from "pg";
import { type MsdemoError, UsageError } from "../errors.js";
import { t } from "../i18n/index.js";

export interface DbSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

const CHECK_TIMEOUT_MS = 5_000;

export function parseDatabaseUrl(url: string): DbSettings {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || "postgres"),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
  };
}

export function describeWhere(db: DbSettings): string {
  return `${db.host}:${db.port}`;
}

/** Connects once (no TLS demanded, as the services connect locally) and runs SELECT 1. */
export async function checkDatabase(db: DbSettings): Promise<void> {
  const client = new pg.Client({ ...db, connectionTimeoutMillis: CHECK_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw explainConnectError(error, db);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function explainConnectError(error: unknown, db: DbSettings): MsdemoError {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  const where = describeWhere(db);
  const params = {
    where,
    user: db.user,
    database: db.database,
    host: db.host,
    seconds: CHECK_TIMEOUT_MS / 1000,
  };
  const hint = t("local.url.hint");
  switch (code) {
    case "28P01":
      return new UsageError(t("local.url.badPassword", params), hint);
    case "3D000":
      return new UsageError(t("local.url.noDatabase", params), hint);
    case "28000":
      return new UsageError(t("local.url.noUser", params), hint);
    case "ECONNREFUSED":
      return new UsageError(t("local.url.refused", params), hint);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new UsageError(t("local.url.unknownHost", params), hint);
  }
  if (/timeout/i.test(message ?? "")) return new UsageError(t("local.url.timeout", params), hint);
  return new UsageError(t("local.url.other", { ...params, reason: message ?? String(error) }), hint);
}
