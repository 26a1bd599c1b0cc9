// The database pool, and telling "the database is unreachable" (503) apart
// from a bad query. Schema setup runs under an advisory lock, so replicas
// starting together never race on CREATE TABLE or the seed.
import pg from "pg";
import type { DbConfig } from "./config.js";

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export const DEFAULT_POOL_SIZE = 10;

export function createPool(db: DbConfig, onIdleError: (error: Error) => void = () => undefined): pg.Pool {
  const pool = new pg.Pool({
    host: db.host,
    port: db.port,
    database: db.database,
    user: db.user,
    password: db.password,
    ssl: db.ssl,
    max: db.poolSize ?? DEFAULT_POOL_SIZE,
    // Fail a request within seconds (503) rather than hang while the database is away.
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on("error", onIdleError);
  return pool;
}

// Socket errors, and PostgreSQL classes 08 (connection), 57P (shutdown/cannot
// connect now), 53300 (too many connections), 28 (authentication) and 3D000
// (no such database): the database is not usable by us right now.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "28000",
  "28P01",
  "3D000",
]);

const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is not open|The server does not support SSL/i;

/** True when the error means the database cannot be reached, not that the query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
  return typeof message === "string" && UNAVAILABLE_MESSAGES.test(message);
}

// One key for all three services: their schema work is tiny, and one lock
// means no ordering to reason about. "msdemo" in ASCII, as a bigint.
const SCHEMA_LOCK_KEY = "120342373035375";

/**
 * Runs `work` in one transaction holding a cluster-wide, transaction-level
 * advisory lock: CREATE TABLE IF NOT EXISTS can fail with a unique violation
 * when two sessions run it at once, and the seed must happen once.
 */
export async function withSchemaLock(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<void>,
): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1::bigint)", [SCHEMA_LOCK_KEY]);
    await work(client);
    await client.query("COMMIT");
  } catch (error) {
    broken = error as Error;
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    // A connection that failed mid-transaction is discarded, not reused.
    client.release(broken !== undefined && isDatabaseUnavailable(broken) ? broken : undefined);
  }
}
