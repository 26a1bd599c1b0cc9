// A throwaway PostgreSQL server per test file: initdb into a temp dir, then the
// real `postgres` on a free loopback port. As root (CI), it runs as the
// `postgres` system user, since PostgreSQL refuses to run as root.
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { freePort, type ManagedProcess, missingTool, startProcess, tempDir, waitForPort } from "./process.js";

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(root, v, "bin")).find((dir) => existsSync(join(dir, "postgres")));
  if (!found) throw missingTool("PostgreSQL server (Debian package postgresql)");
  return found;
}

export interface TestPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  url: string;
  /** Stops the server; the data stays, so start() brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good. */
  destroy(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<pg.QueryResult>;
}

const PASSWORD = "test-password";

export async function startPostgres(): Promise<TestPostgres> {
  const bin = binDir();
  const dir = tempDir("pg");
  const dataDir = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot ? { uid: Number(spawnSync("id", ["-u", "postgres"]).stdout), gid: Number(spawnSync("id", ["-g", "postgres"]).stdout) } : undefined;
  if (ids) {
    chownSync(dir, ids.uid, ids.gid);
    chmodSync(dir, 0o700);
  }
  const pwfile = join(dir, "pw");
  writeFileSync(pwfile, PASSWORD, { mode: 0o600 });
  if (ids) chownSync(pwfile, ids.uid, ids.gid);
  const init = spawnSync(join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "scram-sha-256", `--pwfile=${pwfile}`, "--no-sync"], {
    encoding: "utf8",
    ...(ids ? { uid: ids.uid, gid: ids.gid } : {}),
  });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  let server: ManagedProcess | undefined;
  const start = async () => {
    server = startProcess(
      join(bin, "postgres"),
      ["-D", dataDir, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200"],
      ids ? { uid: ids.uid, gid: ids.gid } : {},
    );
    try {
      await waitForPort(port, 30_000, server.child);
    } catch (error) {
      throw new Error(`postgres did not start: ${(error as Error).message}\n${server.output()}`);
    }
  };
  await start();
  const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;
  return {
    host: "127.0.0.1",
    port,
    user: "postgres",
    password: PASSWORD,
    database: "postgres",
    url,
    stop: async () => server?.stop(),
    start,
    destroy: async () => server?.stop(),
    async query(sql, params) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await client.query(sql, params);
      } finally {
        await client.end();
      }
    },
  };
}
