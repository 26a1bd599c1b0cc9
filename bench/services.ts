// npm run bench:services: the bundled services against a re-creation of the
// walkthrough's original Express services (bench/original-express/), on the
// same machine, the same PostgreSQL (TLS on, as RDS; both sides connect with
// TLS) and in the same run. Rounds alternate which side goes first, so a
// machine that slows down or speeds up during the run favours neither; the
// medians of the rounds are printed. Goal: at least twice the throughput, with
// a lower p99, on GET /api/products and GET /api/orders. Login is shown for
// what it costs: ours hashes (scrypt, OWASP's cost), the originals compare
// plaintext in SQL.
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { SignJWT } from "jose";
import { tokenSigner } from "../services/shared/token.js";
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
const KEYS = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});
const ISSUER = "https://bench.invalid";
// The re-created originals' hard-coded secret (bench/original-express/orders.cjs).
const ORIGINAL_SECRET = "supersecretkey";
// One user per side: ours stores a scrypt hash, the originals the plaintext, in the same table.
const OUR_USER = "bench_ours";
const ORIGINAL_USER = "bench_original";
const PASSWORD = "bench-password";
const ORDERS_PER_USER = 10;
const ROUNDS = 3;
const WARMUP_SECONDS = 2;
const SECONDS = 5;
// Logins are few per second on our side: measure longer, so each round has enough of them.
const LOGIN_SECONDS = 10;

type Service = "auth" | "orders" | "products";
type Side = "ours" | "original";

export interface WrkResult {
  requestsPerSecond: number;
  p99Ms: number;
  /** Non-2xx answers plus socket errors: must be 0 for the numbers to mean anything. */
  failures: number;
}

interface Case {
  name: string;
  service: Service;
  path: string;
  connections: number;
  seconds: number;
  /** A wrk Lua script (the login's POST), if the request is not a plain GET. */
  script?: Record<Side, string>;
  token?: Record<Side, string>;
}

export interface CaseResult {
  name: string;
  rounds: Record<Side, WrkResult>[];
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

interface WrkRun {
  url: string;
  connections: number;
  seconds: number;
  token?: string;
  script?: string;
}

function wrk(bin: string, run: WrkRun): WrkResult {
  // A 30 s timeout: a queued login is slow, not lost.
  const args = ["-t2", `-c${run.connections}`, `-d${run.seconds}s`, "--timeout", "30s", "--latency"];
  if (run.token) args.push("-H", `Authorization: Bearer ${run.token}`);
  if (run.script) args.push("-s", run.script);
  const done = spawnSync(bin, [...args, run.url], { encoding: "utf8" });
  if (done.status !== 0) throw new Error(`wrk failed: ${done.stderr}`);
  return parseWrk(done.stdout);
}

/** A wrk script that POSTs one JSON body. */
function postScript(dir: string, name: string, body: unknown): string {
  const path = join(dir, `${name}.lua`);
  const lua = [
    'wrk.method = "POST"',
    'wrk.headers["Content-Type"] = "application/json"',
    `wrk.body = ${JSON.stringify(JSON.stringify(body))}`,
  ];
  writeFileSync(path, `${lua.join("\n")}\n`);
  return path;
}

async function bundle(service: Service): Promise<string> {
  const dir = tempDir(`bench-${service}`);
  const built = await bundleService({ entry: join(ROOT, "services", service, "server.ts"), rootDir: ROOT });
  writeFileSync(join(dir, "server.js"), built.serverJs);
  writeFileSync(join(dir, "package.json"), built.packageJson);
  return join(dir, "server.js");
}

async function serve(
  db: TestPostgres,
  script: string,
  extraEnv: Record<string, string> = {},
): Promise<{ url: string; process: ManagedProcess }> {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    PORT: String(port),
    DB_HOST: db.host,
    DB_PORT: String(db.port),
    DB_NAME: db.database,
    DB_USER: db.user,
    DB_PASS: db.password,
    JWT_PRIVATE_KEY: KEYS.privateKey,
    JWT_PUBLIC_KEY: KEYS.publicKey,
    JWT_ISSUER: ISSUER,
    ...extraEnv,
  };
  // Logs go where a container's would, but unread: /dev/null, so a full pipe never stalls a server.
  const child = startProcess(process.execPath, [script], { env, stdio: ["ignore", "ignore", "pipe"] });
  await waitForPort(port, 20_000, child.child);
  return { url: `http://127.0.0.1:${port}`, process: child };
}

async function expectOk(url: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(url, init);
    if (response.ok) return response;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered 2xx`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function benchServices(): Promise<CaseResult[]> {
  const wrkBin = findWrk();
  const db = await startPostgres({ ssl: true });
  const running: ManagedProcess[] = [];
  const scripts = tempDir("bench-wrk");
  try {
    const services: Service[] = ["auth", "orders", "products"];
    const bundles = await Promise.all(services.map(bundle));
    const ours = {} as Record<Service, string>;
    const original = {} as Record<Service, string>;
    for (const [i, service] of services.entries()) {
      // DB_SSL=require, as the cluster manifests set: TLS on both sides.
      const server = await serve(db, bundles[i]!, { DB_SSL: "require" });
      running.push(server.process);
      ours[service] = server.url;
      // Our services create the tables and the seed; the originals use the same ones.
      await expectOk(`${server.url}/readyz`);
    }
    for (const service of services) {
      const server = await serve(db, join(ROOT, "bench/original-express", `${service}.cjs`));
      running.push(server.process);
      original[service] = server.url;
    }

    const credentials = (username: string) => ({ username, password: PASSWORD });
    for (const [url, username] of [
      [ours.auth, OUR_USER],
      [original.auth, ORIGINAL_USER],
    ] as const)
      await expectOk(`${url}/api/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(credentials(username)),
      });
    for (const username of [OUR_USER, ORIGINAL_USER])
      for (let i = 1; i <= ORDERS_PER_USER; i++)
        await db.query("INSERT INTO orders (username, item, quantity) VALUES ($1, $2, $3)", [
          username,
          `item ${i}`,
          i,
        ]);
    const token = {
      ours: await (
        await tokenSigner({ issuer: ISSUER, audience: "msdemo", privateKey: KEYS.privateKey })
      ).sign(OUR_USER, ISSUER),
      original: await new SignJWT({ username: ORIGINAL_USER })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(new TextEncoder().encode(ORIGINAL_SECRET)),
    };
    const login = {
      ours: postScript(scripts, "login-ours", credentials(OUR_USER)),
      original: postScript(scripts, "login-original", credentials(ORIGINAL_USER)),
    };

    const cases: Case[] = [
      ...[32, 128]
        .flatMap((c) => [
          {
            name: `GET /api/products c${c}`,
            service: "products" as const,
            path: "/api/products",
            connections: c,
          },
          {
            name: `GET /api/orders c${c}`,
            service: "orders" as const,
            path: "/api/orders",
            connections: c,
            token,
          },
        ])
        .map((c) => ({ ...c, seconds: SECONDS })),
      // c32 only: more than 34 logins at once are refused (503) by design, see services/README.md.
      {
        name: "POST /api/login c32",
        service: "auth",
        path: "/api/login",
        connections: 32,
        seconds: LOGIN_SECONDS,
        script: login,
      },
    ];
    const urls = { ours, original };
    const runOf = (c: Case, side: Side, seconds: number): WrkRun => ({
      url: `${urls[side][c.service]}${c.path}`,
      connections: c.connections,
      seconds,
      token: c.token?.[side],
      script: c.script?.[side],
    });

    // Warm both up (JIT, pool connections, prepared statements) before measuring either.
    for (const c of cases)
      for (const side of ["ours", "original"] as const) wrk(wrkBin, runOf(c, side, WARMUP_SECONDS));

    const results: CaseResult[] = cases.map((c) => ({ name: c.name, rounds: [] }));
    for (let round = 0; round < ROUNDS; round++) {
      const order: Side[] = round % 2 === 0 ? ["ours", "original"] : ["original", "ours"];
      for (const [i, c] of cases.entries()) {
        const measured = {} as Record<Side, WrkResult>;
        for (const side of order) measured[side] = wrk(wrkBin, runOf(c, side, c.seconds));
        results[i]!.rounds.push(measured);
      }
    }
    return results;
  } finally {
    await Promise.all(running.map((p) => p.stop()));
    await db.destroy();
  }
}

export function printServicesBench(results: CaseResult[]): void {
  const pad = (text: string, width: number) => text.padEnd(width);
  const rate = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  console.log(
    `${pad("endpoint", 24)}${pad("bundled req/s", 15)}${pad("p99", 12)}${pad("original req/s", 16)}${pad("p99", 12)}${pad("throughput ×", 14)}p99 ratio`,
  );
  for (const { name, rounds } of results) {
    const ours = rounds.map((r) => r.ours);
    const original = rounds.map((r) => r.original);
    const oursRps = median(ours.map((r) => r.requestsPerSecond));
    const originalRps = median(original.map((r) => r.requestsPerSecond));
    const oursP99 = median(ours.map((r) => r.p99Ms));
    const originalP99 = median(original.map((r) => r.p99Ms));
    console.log(
      pad(name, 24) +
        pad(rate(oursRps), 15) +
        pad(`${oursP99.toFixed(1)} ms`, 12) +
        pad(rate(originalRps), 16) +
        pad(`${originalP99.toFixed(1)} ms`, 12) +
        pad(`${(oursRps / originalRps).toFixed(3)}`, 14) +
        (oursP99 / originalP99).toFixed(2),
    );
    const perRound = rounds.map(
      (r) => `${rate(r.ours.requestsPerSecond)}/${rate(r.original.requestsPerSecond)}`,
    );
    console.log(`  rounds (bundled/original req/s): ${perRound.join(", ")}`);
    const failures = (side: WrkResult[]) => side.reduce((sum, r) => sum + r.failures, 0);
    if (failures(ours) + failures(original) > 0)
      console.log(`  warning: ${failures(ours)} failed answers (bundled), ${failures(original)} (original)`);
  }
  console.log(
    `medians of ${ROUNDS} alternating rounds; original = a re-creation of the walkthrough's Express 5 services ` +
      "(bench/original-express/); PostgreSQL with TLS, both sides connect with TLS; wrk -t2. " +
      "Goal for products and orders: throughput × ≥ 2 and p99 ratio < 1. " +
      "Login: ours hashes with scrypt (OWASP cost), the originals compare plaintext.",
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  printServicesBench(await benchServices());
}
