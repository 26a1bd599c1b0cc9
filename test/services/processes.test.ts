// The services as real processes: each one bundled into a single server.js, as
// the image ships it, run with nothing but Node beside it.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { Socket } from "node:net";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleService } from "../../src/image/bundle.js";
import { startPostgres, type TestPostgres } from "../support/postgres.js";
import {
  exitOf,
  type ManagedProcess,
  startProcess,
  tempDir,
  waitForOutput,
  waitUntil,
} from "../support/process.js";
import { rsaKeyPair, TEST_ISSUER } from "../support/token-keys.js";

const ROOT = resolve(import.meta.dirname, "../..");
const KEYS = rsaKeyPair();
/** A line from the middle of the private key: must never appear in any output. */
const PRIVATE_KEY_LINE = KEYS.privateKey.split("\n")[5]!;
const SERVICES = ["auth", "orders", "products"] as const;
type Service = (typeof SERVICES)[number];

let db: TestPostgres;
const bundles = new Map<Service, string>();
const running: ManagedProcess[] = [];

/** The image builder's bundle (ESM, minified), alone in a temp dir: no node_modules to lean on. */
async function bundled(service: Service): Promise<string> {
  const dir = tempDir(`bundle-${service}`);
  const bundle = await bundleService({ entry: join(ROOT, "services", service, "server.ts"), rootDir: ROOT });
  writeFileSync(join(dir, "server.js"), bundle.serverJs);
  writeFileSync(join(dir, "package.json"), bundle.packageJson);
  return join(dir, "server.js");
}

beforeAll(async () => {
  db = await startPostgres();
  for (const service of SERVICES) bundles.set(service, await bundled(service));
});
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  await db?.destroy();
});

function serviceEnv(port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    PORT: String(port),
    DB_HOST: db.host,
    DB_PORT: String(db.port),
    DB_USER: db.user,
    DB_PASS: db.password,
    DB_NAME: db.database,
    // Each service takes what it needs: auth the private key, orders the public one.
    JWT_PRIVATE_KEY: KEYS.privateKey,
    JWT_PUBLIC_KEY: KEYS.publicKey,
    JWT_ISSUER: TEST_ISSUER,
    ...extra,
  };
}

async function run(
  server: string,
  extra: Record<string, string> = {},
): Promise<{ proc: ManagedProcess; url: string }> {
  // PORT=0: the service binds a port the kernel picks and logs it (no port handed
  // on between a check and the bind for another process to take).
  const proc = startProcess(process.execPath, [server], {
    env: serviceEnv(0, extra),
    cwd: tempDir("cwd"),
  });
  running.push(proc);
  const [, port] = await waitForOutput(
    proc,
    /"msg":"Server listening at http:\/\/127\.0\.0\.1:(\d+)"/,
    "the service to log the port it listens on",
  );
  return { proc, url: `http://127.0.0.1:${port}` };
}

function logLines(proc: ManagedProcess): Record<string, unknown>[] {
  return proc
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function refused(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    socket.once("connect", () => {
      socket.destroy();
      done(false);
    });
    socket.once("error", () => done(true));
    socket.connect(port, "127.0.0.1");
  });
}

async function until(check: () => Promise<boolean>, what: string, proc?: ManagedProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}${proc ? `\n${proc.output()}` : ""}`);
}

async function status(url: string): Promise<number> {
  return (await fetch(url)).status;
}

describe("each bundled service", () => {
  for (const service of SERVICES) {
    it(`${service}: the single-file bundle serves GET / and /readyz, logs JSON, and exits 0 on SIGTERM`, async () => {
      const { proc, url } = await run(bundles.get(service)!);
      expect(await (await fetch(`${url}/`)).json()).toMatchObject({ status: "ok", service });
      await until(async () => (await status(`${url}/readyz`)) === 200, "ready");
      const exited = exitOf(proc.child);
      proc.child.kill("SIGTERM");
      expect(await exited).toBe(0);
      const lines = logLines(proc);
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["schema ready", "stopped"]));
      expect(lines.every((l) => typeof l.level === "number" && typeof l.time === "number")).toBe(true);
      expect(proc.output()).not.toContain(PRIVATE_KEY_LINE);
      expect(proc.output()).not.toContain(db.password);
    });
  }

  it("also bundles as CommonJS with plain esbuild and runs", async () => {
    const dir = tempDir("bundle-cjs");
    await build({
      entryPoints: [join(ROOT, "services/products/server.ts")],
      outfile: join(dir, "server.js"),
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      logLevel: "silent",
    });
    const { url } = await run(join(dir, "server.js"));
    expect(await (await fetch(`${url}/`)).json()).toMatchObject({ service: "products" });
  });
});

describe("logs", () => {
  it("carry a request id per request and never the password, the token or the Authorization header", async () => {
    const auth = await run(bundles.get("auth")!);
    const orders = await run(bundles.get("orders")!);
    const password = "a-password-to-find-in-logs";
    const credentials = JSON.stringify({ username: "logcheck", password });
    const headers = { "content-type": "application/json" };
    await fetch(`${auth.url}/api/register`, { method: "POST", headers, body: credentials });
    const login = await fetch(`${auth.url}/api/login`, { method: "POST", headers, body: credentials });
    const { token } = (await login.json()) as { token: string };
    const listed = await fetch(`${orders.url}/api/orders`, {
      headers: { authorization: `Bearer ${token}`, "x-request-id": "follow-me" },
    });
    expect(listed.status).toBe(200);
    await until(async () => orders.proc.output().includes("follow-me"), "the request's log line");
    const line = logLines(orders.proc).find((l) => l.reqId === "follow-me");
    expect(line).toMatchObject({
      msg: "request completed",
      method: "GET",
      url: "/api/orders",
      statusCode: 200,
    });
    const everything = auth.proc.output() + orders.proc.output();
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(token);
    expect(everything).not.toMatch(/authorization/i);
  });
});

describe("shutting down", () => {
  it("on SIGTERM stops accepting, finishes the request in flight, and exits 0", async () => {
    const { proc, url } = await run(bundles.get("products")!);
    await until(async () => (await status(`${url}/readyz`)) === 200, "ready");
    const port = Number(new URL(url).port);
    // Hold the products table so a request is certainly in flight when the signal arrives.
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query("LOCK TABLE products IN ACCESS EXCLUSIVE MODE");
    let settled = false;
    const inFlight = fetch(`${url}/api/products`).finally(() => {
      settled = true;
    });
    await until(
      async () => {
        if (settled) throw new Error(`the request did not wait for the lock\n${proc.output()}`);
        // Not matched on the query text: a first Parse of a prepared statement still shows the previous query.
        const waiting = await blocker.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE wait_event_type = 'Lock' AND datname = current_database() AND pid <> pg_backend_pid()`,
        );
        return (waiting.rows[0]?.n ?? 0) >= 1;
      },
      "the request waiting on the lock",
      proc,
    );
    const exited = exitOf(proc.child);
    proc.child.kill("SIGTERM");
    await until(() => refused(port), "the listener closing");
    expect(proc.child.exitCode).toBeNull();
    await blocker.query("COMMIT");
    await blocker.end();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveLength(5);
    expect(await exited).toBe(0);
  });
});

describe("when the database goes away mid-run", () => {
  it("answers 503 JSON, keeps running, and recovers when it returns", async () => {
    const { proc, url } = await run(bundles.get("products")!);
    await until(async () => (await status(`${url}/readyz`)) === 200, "ready");
    expect(await status(`${url}/api/products`)).toBe(200);
    await db.stop();
    try {
      expect(await status(`${url}/readyz`)).toBe(503);
      const list = await fetch(`${url}/api/products`);
      expect(list.status).toBe(503);
      expect(list.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await list.json()).toEqual({ error: "Service Unavailable", message: expect.any(String) });
      expect(await status(`${url}/healthz`)).toBe(200);
      expect(proc.child.exitCode).toBeNull();
    } finally {
      await db.start();
    }
    await until(async () => (await status(`${url}/api/products`)) === 200, "products served again");
    expect(await status(`${url}/readyz`)).toBe(200);
    expect(proc.child.exitCode).toBeNull();
    expect(proc.output()).not.toContain("Error:");
  });
});

describe("refusing to start", () => {
  async function startFails(
    extra: Record<string, string | undefined>,
  ): Promise<{ code: number | null; stderr: string }> {
    // It must refuse before it binds anything: any port will do.
    const env = { ...serviceEnv(0), ...extra };
    const child = spawn(process.execPath, [bundles.get("auth")!], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    return { code: await exitOf(child), stderr };
  }

  it("without JWT_PRIVATE_KEY: exit 1 and a clear message", async () => {
    const { code, stderr } = await startFails({ JWT_PRIVATE_KEY: undefined });
    expect(code).toBe(1);
    expect(JSON.parse(stderr.trim().split("\n")[0]!)).toMatchObject({
      level: 60,
      msg: expect.stringMatching(/JWT_PRIVATE_KEY must be set/),
    });
  });

  it("with a DB_SSL it does not know: exit 1", async () => {
    const { code, stderr } = await startFails({ DB_SSL: "maybe" });
    expect(code).toBe(1);
    expect(stderr).toMatch(/DB_SSL must be/);
  });
});

describe("DB_SSL=require", () => {
  it("really asks for TLS (a server without it is not ready) and warns that the certificate is unverified", async () => {
    const { proc, url } = await run(bundles.get("products")!, { DB_SSL: "require" });
    expect(await status(`${url}/readyz`)).toBe(503);
    // The warning is written before the port opens, but its pipe may be read after: wait for it.
    const warned = () => logLines(proc).some((l) => l.level === 40 && String(l.msg).includes("not verified"));
    await waitUntil(warned, "the unverified-certificate warning", 10_000);
    expect(warned()).toBe(true);
  });
});
