// The database pool, and telling "the database is unreachable" (503) apart
// from a bad query. Schema setup runs under an advisory lock, so replicas
// starting together never race on CREATE TABLE or the seed.
//
// A database that hangs (a stalled host or disk; SIGSTOP in the tests) does
// not refuse connections, it just never answers. Every wait is therefore
// bounded, so a caller gets a 503 within DATABASE_DEADLINE_MS: a free
// connection within CONNECT_TIMEOUT_MS (waiting in the pool's queue or opening
// a session), then an answer within QUERY_TIMEOUT_MS. A connection whose query
// timed out is discarded (its answer may still arrive), so the pool heals by
// itself once the database answers again.
import pg from "pg";
import type { DbConfig } from "./config.js";

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export const DEFAULT_POOL_SIZE = 10;

/** Waiting for a connection: in the pool's queue, or opening a session (TCP, TLS, authentication). */
export const CONNECT_TIMEOUT_MS = 2_000;
/** Waiting for a query's answer on the client side; covers a server that no longer runs. */
export const QUERY_TIMEOUT_MS = 2_500;
/**
 * The server cancels a statement after this (SQLSTATE 57014): a live but stuck
 * server (lock waits, overload) gives a clean error and keeps the connection.
 */
export const STATEMENT_TIMEOUT_MS = 2_000;
/** The longest a request waits on the database before it is answered 503. */
export const DATABASE_DEADLINE_MS = CONNECT_TIMEOUT_MS + QUERY_TIMEOUT_MS;

export function createPool(db: DbConfig, onIdleError: (error: Error) => void = () => undefined): pg.Pool {
  const pool = new pg.Pool({
    host: db.host,
    port: db.port,
    database: db.database,
    user: db.user,
    password: db.password,
    ssl: db.ssl,
    max: db.poolSize ?? DEFAULT_POOL_SIZE,
    // Fail a request within seconds (503) rather than hang while the database is away or frozen.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on("error", onIdleError);
  return pool;
}

// Socket errors, and PostgreSQL classes 08 (connection), 57P (shutdown/cannot
// connect now), 57014 (statement timeout), 53300 (too many connections), 28
// (authentication) and 3D000 (no such database): the database is not usable
// by us right now.
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
  "57014",
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
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|connection is not open|The server does not support SSL/i;

/** The error a request gets when the database did not answer in time. */
export class DatabaseTimeout extends Error {
  constructor(ms: number) {
    super(`the database did not answer within ${ms} ms`);
  }
}

/**
 * `work`, or a DatabaseTimeout after `ms`: for waits the pool's own timeouts do
 * not bound, such as a request queued behind a shared read. `work` itself
 * carries on (and ends by its own timeouts); only the caller stops waiting.
 */
export function withinDeadline<T>(work: Promise<T>, ms: number = DATABASE_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeout(ms)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** True when the error means the database cannot be reached, not that the query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseTimeout) return true;
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
    // A connection that failed or hung mid-transaction is discarded, not rolled back and reused.
    if (isDatabaseUnavailable(error)) broken = error as Error;
    else await client.query("ROLLBACK").catch((rollback: Error) => (broken = rollback));
    throw error;
  } finally {
    client.release(broken);
  }
}
