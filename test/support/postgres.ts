// A throwaway PostgreSQL server per test file: initdb into a temp dir, then the
// real `postgres` on a free loopback port, password (SCRAM) auth. PostgreSQL
// refuses to run as root, so as root (CI, containers) it runs as the
// `postgres` system user (or `nobody`) and the temp dir is handed to that user.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
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

export async function startPostgres(): Promise<TestPostgres> {
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
    async destroy() {
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
