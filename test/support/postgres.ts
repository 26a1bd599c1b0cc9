// A throwaway PostgreSQL server per test file: initdb into a temp dir, then the
// real `postgres` on a free loopback port, password (SCRAM) auth. PostgreSQL
// refuses to run as root, so as root (CI, containers) it runs as the
// `postgres` system user (or `nobody`) and the temp dir is handed to that user.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import type { DbConfig } from "../../services/shared/config.js";
import { freePort, missingTool, tempDir } from "./process.js";

const PG_ROOT = "/usr/lib/postgresql";

function binDir(): string {
  const versions = existsSync(PG_ROOT) ? readdirSync(PG_ROOT).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(PG_ROOT, v, "bin")).find((dir) => existsSync(join(dir, "postgres")));
  if (!found) throw missingTool("PostgreSQL server binaries (Debian package postgresql)");
  return found;
}

interface RunAs {
  uid: number;
  gid: number;
}

/** Who the server runs as: ourselves, or an unprivileged user when we are root. */
function runAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ["postgres", "nobody"]) {
    const uid = spawnSync("id", ["-u", user], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", user], { encoding: "utf8" });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new Error("running as root, and there is neither a postgres nor a nobody user to run PostgreSQL as");
}

export interface TestPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  url: string;
  /** Stops the server (fast shutdown); the data dir and port stay, so start() brings it back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops it for good and deletes its files. */
  destroy(): Promise<void>;
  /**
   * Freezes the whole server with SIGSTOP, as a hung host or a stalled disk would:
   * the postmaster (so no new session is forked) and then every process it has
   * forked (the backends serving open connections, and its background workers).
   * Stopping only the postmaster would leave open sessions answering.
   */
  freeze(): void;
  /** SIGCONT to everything freeze() stopped. */
  thaw(): void;
  /** A new, empty database on this server. */
  createDatabase(name: string): Promise<void>;
  /** One query on a short-lived connection, to `database` unless another one is named. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params?: unknown[],
    database?: string,
  ): Promise<pg.QueryResult<R>>;
}

const USER = "postgres";
const PASSWORD = "test-password";
const DATABASE = "msdemo_test";
const READY_TIMEOUT_MS = 30_000;

async function connectWhenReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited with code ${server.exitCode}\n${log()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not become ready: ${error}\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** The processes `pid` has forked (Linux: /proc/<pid>/task/<pid>/children). */
function childrenOf(pid: number): number[] {
  try {
    const listed = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    return listed === "" ? [] : listed.split(/\s+/).map(Number);
  } catch {
    return [];
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    // A backend that exited in the meantime is not an error.
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** The services' connection settings for a database on this server (plain TCP). */
export function serviceDb(server: TestPostgres, database = server.database): DbConfig {
  const { host, port, user, password } = server;
  return { host, port, database, user, password, ssl: false };
}

export interface PostgresOptions {
  /**
   * TLS on, with a self-signed certificate made by openssl (as RDS always
   * offers TLS); plain connections are still accepted, as RDS's default is.
   */
  ssl?: boolean;
}

/** A self-signed certificate and key for the server, readable only by its owner (PostgreSQL insists). */
function selfSignedCertificate(dir: string, owner: RunAs | undefined): { cert: string; key: string } {
  const cert = join(dir, "server.crt");
  const key = join(dir, "server.key");
  const args = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"];
  const made = spawnSync("openssl", [...args, "-keyout", key, "-out", cert], { encoding: "utf8" });
  if (made.error) throw missingTool("openssl (Debian package openssl)");
  if (made.status !== 0) throw new Error(`openssl failed (${made.status}): ${made.stderr}`);
  chmodSync(key, 0o600);
  for (const file of [cert, key]) if (owner) chownSync(file, owner.uid, owner.gid);
  return { cert, key };
}

export async function startPostgres(options: PostgresOptions = {}): Promise<TestPostgres> {
  const bin = binDir();
  const owner = runAs();
  const dir = tempDir("pg");
  const dataDir = join(dir, "data");
  const pwfile = join(dir, "pwfile");
  writeFileSync(pwfile, PASSWORD, { mode: 0o600 });
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(pwfile, owner.uid, owner.gid);
  }
  const init = spawnSync(
    join(bin, "initdb"),
    ["-D", dataDir, "-U", USER, "-A", "scram-sha-256", `--pwfile=${pwfile}`, "--no-sync", "-E", "UTF8"],
    { encoding: "utf8", cwd: dir, ...owner },
  );
  if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr}`);

  const tls = options.ssl ? selfSignedCertificate(dir, owner) : undefined;
  // PostgreSQL cannot bind port 0 (its socket file and lock are named by the port),
  // and a restart must come back on the same one: a freed port, told up front.
  const port = await freePort();
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
  let server: ChildProcess | undefined;
  let log = "";

  const start = async (): Promise<void> => {
    log = "";
    // Durability is worthless for a throwaway server; fsync off keeps tests quick.
    const args = ["-D", dataDir, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1"];
    args.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "max_connections=200");
    if (tls) args.push("-c", "ssl=on", "-c", `ssl_cert_file=${tls.cert}`, "-c", `ssl_key_file=${tls.key}`);
    const child = spawn(join(bin, "postgres"), args, {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      ...owner,
    });
    const keep = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-10_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    server = child;
    await connectWhenReady(adminUrl, child, () => log);
  };

  // SIGINT is PostgreSQL's fast shutdown: it disconnects clients (as a crash
  // or failover would, from the services' view) instead of waiting for them.
  const stop = async (): Promise<void> => {
    const child = server;
    if (!child) return;
    server = undefined;
    const done = exited(child);
    child.kill("SIGINT");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await done;
    clearTimeout(timer);
  };

  const frozen: number[] = [];
  const freeze = (): void => {
    const postmaster = server?.pid;
    if (postmaster === undefined) throw new Error("postgres is not running");
    signal(postmaster, "SIGSTOP");
    frozen.push(postmaster);
    // The postmaster is stopped, so it forks nothing new; a second pass finds
    // none unless a fork was under way when it stopped.
    for (let pass = 0; pass < 3; pass++) {
      const fresh = childrenOf(postmaster).filter((pid) => !frozen.includes(pid));
      if (fresh.length === 0) break;
      for (const pid of fresh) {
        signal(pid, "SIGSTOP");
        frozen.push(pid);
      }
    }
  };
  const thaw = (): void => {
    for (const pid of frozen.splice(0).reverse()) signal(pid, "SIGCONT");
  };

  const urlOf = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const query = async <R extends pg.QueryResultRow>(sql: string, params?: unknown[], database = DATABASE) => {
    const client = new pg.Client({ connectionString: urlOf(database) });
    await client.connect();
    try {
      return await client.query<R>(sql, params);
    } finally {
      await client.end();
    }
  };

  await start();
  await query(`CREATE DATABASE ${DATABASE}`, [], "postgres");
  return {
    host: "127.0.0.1",
    port,
    user: USER,
    password: PASSWORD,
    database: DATABASE,
    url,
    stop,
    start,
    async restart() {
      await stop();
      await start();
    },
    freeze,
    thaw,
    async destroy() {
      thaw();
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await query(`CREATE DATABASE ${name}`, [], "postgres");
    },
    query,
  };
}
