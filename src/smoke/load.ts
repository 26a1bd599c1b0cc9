// `msdemo smoke --load <n>`: a bounded burst of the journey's reads and writes,
// measured per route (p50/p95/p99, error rate, how many the door throttled with
// 429) and held to the SLO targets. Bounded in count and in time, and it stops
// by itself: a student's laptop or CloudShell is no load generator.
import { randomBytes } from "node:crypto";
import { SLO_TARGETS } from "../limits.js";

export interface LoadOptions {
  requests: number;
  concurrency: number;
  /** The whole run stops after this long, whatever is left. */
  maxMs: number;
}

export type LoadRoute = "GET /api/products" | "GET /api/orders" | "POST /api/orders";
const ROUTES: readonly LoadRoute[] = ["GET /api/products", "GET /api/orders", "POST /api/orders"];

export interface RouteReport {
  route: LoadRoute;
  calls: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** 5xx answers and calls that got no answer. */
  errors: number;
  errorRate: number;
  /** 429: turned away by the rate limit (not an error of the service). */
  throttled: number;
  meetsSlo: boolean;
}

export interface LoadReport {
  routes: RouteReport[];
  targets: typeof SLO_TARGETS;
  /** Requests not sent because the time bound ran out. */
  unsent: number;
  ok: boolean;
}

const CALL_TIMEOUT_MS = 10_000;

/** The run could not get a user to call the orders routes with. */
export class LoginFailed extends Error {
  constructor(readonly status: number | undefined) {
    super(`login answered ${status ?? "nothing"}`);
    this.name = "LoginFailed";
  }
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

interface Sample {
  ms: number;
  status: number | null;
}

export async function runLoad(base: string, options: LoadOptions): Promise<LoadReport> {
  const token = await signIn(base);
  const samples = new Map<LoadRoute, Sample[]>(ROUTES.map((route) => [route, []]));
  const deadline = Date.now() + options.maxMs;
  let next = 0;
  const worker = async () => {
    while (next < options.requests && Date.now() < deadline) {
      const route = ROUTES[next % ROUTES.length]!;
      next += 1;
      samples.get(route)!.push(await timed(base, route, token));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.requests) }, worker));
  const routes = ROUTES.map((route) => summarize(route, samples.get(route)!));
  return {
    routes,
    targets: SLO_TARGETS,
    unsent: options.requests - next,
    ok: routes.every((r) => r.meetsSlo),
  };
}

function summarize(route: LoadRoute, samples: Sample[]): RouteReport {
  // Latency of what the services answered; a 429 is the door's, not theirs.
  const answered = samples.filter((s) => s.status !== null && s.status !== 429);
  const sorted = answered.map((s) => s.ms).sort((a, b) => a - b);
  const errors = samples.filter((s) => s.status === null || s.status >= 500).length;
  const errorRate = samples.length ? errors / samples.length : 0;
  const p95Ms = percentile(sorted, 95);
  return {
    route,
    calls: samples.length,
    p50Ms: percentile(sorted, 50),
    p95Ms,
    p99Ms: percentile(sorted, 99),
    errors,
    errorRate,
    throttled: samples.filter((s) => s.status === 429).length,
    meetsSlo: samples.length > 0 && p95Ms <= SLO_TARGETS.p95Ms && errorRate <= SLO_TARGETS.errorRate,
  };
}

async function timed(base: string, route: LoadRoute, token: string): Promise<Sample> {
  const [method, path] = route.split(" ") as [string, string];
  const started = performance.now();
  try {
    const response = await fetch(new URL(path, base), {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(method === "POST" ? { body: JSON.stringify({ item: "Mouse", quantity: 1 }) } : {}),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return { ms: performance.now() - started, status: response.status };
  } catch {
    return { ms: performance.now() - started, status: null };
  }
}

/** One user for the whole run: register and log in once (hashing is deliberately slow). */
async function signIn(base: string): Promise<string> {
  const user = {
    username: `load-${randomBytes(4).toString("hex")}`,
    password: randomBytes(12).toString("base64url"),
  };
  const post = (path: string) =>
    fetch(new URL(path, base), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(user),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS * 3),
    });
  try {
    await post("/api/register");
    const login = await post("/api/login");
    const body = (await login.json().catch(() => ({}))) as { token?: string };
    if (!login.ok || !body.token) throw new LoginFailed(login.status);
    return body.token;
  } catch (error) {
    throw error instanceof LoginFailed ? error : new LoginFailed(undefined);
  }
}
