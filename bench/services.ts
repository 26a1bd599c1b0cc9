// npm run bench:services: the bundled services against a re-creation of the
// walkthrough's original Express services (bench/original-express/), on the
// same machine, the same PostgreSQL and in the same run. Goal: at least twice
// the throughput, with a lower p99, on GET /api/products and GET /api/orders.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { SignJWT } from "jose";
import { signToken } from "../services/shared/token.js";
import { bundleService } from "../src/image/bundle.js";
import { startPostgres, type TestPostgres } from "../test/support/postgres.js";
import {
  freePort,
  type ManagedProcess,
  startProcess,
  tempDir,
  waitForPort,
} from "../test/support/process.js";

const ROOT = resolve(import.meta.dirname, "..");
const JWT_SECRET = "bench-secret-0123456789abcdef";
// The re-created original's hard-coded secret (bench/original-express/orders.cjs).
const ORIGINAL_SECRET = "secretkey";
const USER = "bench_user";
const ORDERS_FOR_USER = 10;
const WARMUP = "2s";
const DURATION = "10s";

export interface WrkResult {
  requestsPerSecond: number;
  p99Ms: number;
  /** Non-2xx answers plus socket errors: must be 0 for the numbers to mean anything. */
  failures: number;
}

export interface EndpointComparison {
  endpoint: string;
  ours: WrkResult;
  original: WrkResult;
}

function findWrk(): string {
  const found = spawnSync("sh", ["-c", "command -v wrk"], { encoding: "utf8" }).stdout.trim();
  if (!found)
    throw new Error("wrk is not installed: run `bash scripts/setup-test-env.sh` (Debian package wrk)");
  return found;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

export function parseWrk(output: string): WrkResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const p99 = /^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(output);
  if (!rps || !p99) throw new Error(`unexpected wrk output:\n${output}`);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return {
    requestsPerSecond: Number(rps[1]),
    p99Ms: Number(p99[1]) * (UNIT_MS[p99[2] ?? "ms"] ?? 1),
    failures: non2xx + socketErrors,
  };
}

function wrk(bin: string, url: string, duration: string, token?: string): WrkResult {
  const args = ["-t2", "-c32", `-d${duration}`, "--latency"];
  if (token) args.push("-H", `Authorization: Bearer ${token}`);
  const run = spawnSync(bin, [...args, url], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr}`);
  return parseWrk(run.stdout);
}

async function bundle(service: "products" | "orders"): Promise<string> {
  const dir = tempDir(`bench-${service}`);
  const built = await bundleService({ entry: join(ROOT, "services", service, "server.ts"), rootDir: ROOT });
  writeFileSync(join(dir, "server.js"), built.serverJs);
  writeFileSync(join(dir, "package.json"), built.packageJson);
  return join(dir, "server.js");
}

async function serve(db: TestPostgres, script: string): Promise<{ url: string; process: ManagedProcess }> {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    PORT: String(port),
    DB_HOST: db.host,
    DB_PORT: String(db.port),
    DB_NAME: db.database,
    DB_USER: db.user,
    DB_PASS: db.password,
    JWT_SECRET,
  };
  // Logs go where a container's would, but unread: /dev/null, so a full pipe never stalls a server.
  const child = startProcess(process.execPath, [script], { env, stdio: ["ignore", "ignore", "pipe"] });
  await waitForPort(port, 20_000, child.child);
  return { url: `http://127.0.0.1:${port}`, process: child };
}

async function expectOk(url: string, token?: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (response.ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered 200`);
}

export async function benchServices(): Promise<EndpointComparison[]> {
  const wrkBin = findWrk();
  const db = await startPostgres();
  const running: ManagedProcess[] = [];
  try {
    const [productsJs, ordersJs] = await Promise.all([bundle("products"), bundle("orders")]);
    const ours = { products: await serve(db, productsJs), orders: await serve(db, ordersJs) };
    running.push(ours.products.process, ours.orders.process);
    // Our services created the tables and the seed; the originals read the same ones.
    await expectOk(`${ours.products.url}/readyz`);
    await expectOk(`${ours.orders.url}/readyz`);
    const original = {
      products: await serve(db, join(ROOT, "bench/original-express/products.cjs")),
      orders: await serve(db, join(ROOT, "bench/original-express/orders.cjs")),
    };
    running.push(original.products.process, original.orders.process);
    for (let i = 1; i <= ORDERS_FOR_USER; i++) {
      await db.query("INSERT INTO orders (username, item, quantity) VALUES ($1, $2, $3)", [
        USER,
        `item ${i}`,
        i,
      ]);
    }
    const ourToken = await signToken(USER, new TextEncoder().encode(JWT_SECRET));
    const originalToken = await new SignJWT({ username: USER })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(ORIGINAL_SECRET));

    const cases = [
      { endpoint: "GET /api/products", path: "/api/products", service: "products" as const },
      { endpoint: "GET /api/orders", path: "/api/orders", service: "orders" as const },
    ];
    const results: EndpointComparison[] = [];
    for (const { endpoint, path, service } of cases) {
      const token = service === "orders" ? { ours: ourToken, original: originalToken } : undefined;
      const ourUrl = `${ours[service].url}${path}`;
      const originalUrl = `${original[service].url}${path}`;
      await expectOk(ourUrl, token?.ours);
      await expectOk(originalUrl, token?.original);
      // Warm both up (JIT, pool connections, prepared statements) before measuring either.
      wrk(wrkBin, ourUrl, WARMUP, token?.ours);
      wrk(wrkBin, originalUrl, WARMUP, token?.original);
      results.push({
        endpoint,
        ours: wrk(wrkBin, ourUrl, DURATION, token?.ours),
        original: wrk(wrkBin, originalUrl, DURATION, token?.original),
      });
    }
    return results;
  } finally {
    await Promise.all(running.map((p) => p.stop()));
    await db.destroy();
  }
}

export function printServicesBench(results: EndpointComparison[]): void {
  const pad = (text: string, width: number) => text.padEnd(width);
  console.log(
    `${pad("endpoint", 20)}${pad("bundled req/s", 16)}${pad("p99", 11)}${pad("original req/s", 16)}${pad("p99", 11)}${pad("throughput ×", 18)}p99 ratio`,
  );
  for (const { endpoint, ours, original } of results) {
    const speedup = ours.requestsPerSecond / original.requestsPerSecond;
    const p99Ratio = ours.p99Ms / original.p99Ms;
    console.log(
      pad(endpoint, 20) +
        pad(ours.requestsPerSecond.toFixed(0), 16) +
        pad(`${ours.p99Ms.toFixed(2)} ms`, 11) +
        pad(original.requestsPerSecond.toFixed(0), 16) +
        pad(`${original.p99Ms.toFixed(2)} ms`, 11) +
        pad(`${speedup.toFixed(2)} (goal ≥ 2)`, 18) +
        `${p99Ratio.toFixed(2)} (goal < 1)`,
    );
    if (ours.failures + original.failures > 0)
      console.log(`  warning: ${ours.failures} failed answers (ours), ${original.failures} (original)`);
  }
  console.log(
    "original = a re-creation of the walkthrough's Express services (bench/original-express/); wrk -t2 -c32 -d10s",
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  printServicesBench(await benchServices());
}
