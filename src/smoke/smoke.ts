// `msdemo smoke`: the walkthrough's user journey against a running system
// (the API Gateway URL or the local gateway), one timed HTTP call at a time.
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

export type SmokeCallId =
  | "register"
  | "login"
  | "products"
  | "order"
  | "orders"
  | "no-token"
  | "page"
  | "asset";
/** What went wrong, as a code the CLI words in the user's language; else the network error's text. */
export type SmokeProblem =
  | "unexpected-status"
  | "no-token-returned"
  | "no-products"
  | "order-missing"
  | "not-the-page"
  | "wrong-type"
  | "not-the-gateway"
  | "unreachable"
  | "timeout";

export interface SmokeCall {
  name: SmokeCallId;
  method: string;
  path: string;
  expected: number;
  status: number | null;
  ok: boolean;
  ms: number;
  note?: string;
}

interface Answer {
  status: number;
  body: unknown;
}

export const SMOKE_TIMEOUT_MS = 15_000;

/** A call that got no HTTP answer: no connection, or none in time; else the error's own text. */
export function networkProblem(error: unknown): SmokeProblem | string {
  const e = error as { name?: unknown; message?: unknown; cause?: { code?: unknown } } | null;
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return "timeout";
  if (e?.message === "fetch failed" || /^E[A-Z_]+$/.test(String(e?.cause?.code ?? ""))) return "unreachable";
  return error instanceof Error ? error.message : String(error);
}

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(new URL(path, base), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(SMOKE_TIMEOUT_MS),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: kept as text for the note.
  }
  return { status: response.status, body: parsed };
}

export interface WarmUp {
  /** How long to keep retrying while the API answers 5xx (new load balancers warming up). */
  warmUpMs: number;
  intervalMs: number;
  /** Told of each 5xx answer while warming up, so the user knows why smoke waits. */
  onRetry?: (status: number, elapsedMs: number, limitMs: number) => void;
}

export const DEFAULT_WARM_UP: WarmUp = { warmUpMs: 180_000, intervalMs: 5_000 };

/**
 * Asks the products list (a read, safe to repeat) until the API answers
 * anything but 5xx, for at most `warmUpMs`: right after `up` the load balancers
 * may still be registering their instances. The journey runs after it either way.
 */
async function warmUp(base: string, options: WarmUp): Promise<void> {
  const started = performance.now();
  for (;;) {
    const status = await call(base, "GET", "api/products").then(
      (a) => a.status,
      () => null,
    );
    if (status === null || status < 500) return;
    const elapsed = performance.now() - started;
    if (elapsed + options.intervalMs > options.warmUpMs) return;
    options.onRetry?.(status, elapsed, options.warmUpMs);
    await sleep(options.intervalMs);
  }
}

export async function runSmoke(baseUrl: string, warm: WarmUp = DEFAULT_WARM_UP): Promise<SmokeCall[]> {
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  await warmUp(base, warm);
  const username = `smoke_${randomBytes(4).toString("hex")}`;
  const password = randomBytes(12).toString("base64url");
  const item = `smoke-item-${randomBytes(3).toString("hex")}`;
  const results: SmokeCall[] = [];
  let token: string | undefined;

  const step = async (
    name: SmokeCallId,
    method: string,
    path: string,
    expected: number,
    send: () => Promise<Answer>,
    check?: (answer: Answer) => SmokeProblem | undefined,
  ): Promise<Answer | undefined> => {
    const started = performance.now();
    try {
      const answer = await send();
      const problem = answer.status !== expected ? "unexpected-status" : check?.(answer);
      results.push({
        name,
        method,
        path,
        expected,
        status: answer.status,
        ok: !problem,
        ms: performance.now() - started,
        ...(problem ? { note: problem } : {}),
      });
      return problem ? undefined : answer;
    } catch (error) {
      results.push({
        name,
        method,
        path,
        expected,
        status: null,
        ok: false,
        ms: performance.now() - started,
        note: networkProblem(error),
      });
      return undefined;
    }
  };

  await step("register", "POST", "api/register", 201, () =>
    call(base, "POST", "api/register", { username, password }),
  );
  const login = await step(
    "login",
    "POST",
    "api/login",
    200,
    () => call(base, "POST", "api/login", { username, password }),
    (a) => (typeof (a.body as { token?: unknown })?.token === "string" ? undefined : "no-token-returned"),
  );
  token = (login?.body as { token?: string } | undefined)?.token;
  await step(
    "products",
    "GET",
    "api/products",
    200,
    () => call(base, "GET", "api/products"),
    (a) => (Array.isArray(a.body) && a.body.length > 0 ? undefined : "no-products"),
  );
  await step("order", "POST", "api/orders", 201, () =>
    call(base, "POST", "api/orders", { item, quantity: 2 }, token),
  );
  await step(
    "orders",
    "GET",
    "api/orders",
    200,
    () => call(base, "GET", "api/orders", undefined, token),
    (a) =>
      Array.isArray(a.body) && a.body.some((o) => (o as { item?: string }).item === item)
        ? undefined
        : "order-missing",
  );
  // The gateway's JWT authorizer must refuse it, not the service behind it (defence in depth is the second wall).
  await step(
    "no-token",
    "POST",
    "api/orders",
    401,
    () => call(base, "POST", "api/orders", { item, quantity: 1 }),
    (a) => (refusedByGateway(a.body) ? undefined : "not-the-gateway"),
  );
  return results;
}

/** API Gateway's JWT authorizer answers `{"message":"Unauthorized"}`; the services add an `error` field. */
export function refusedByGateway(body: unknown): boolean {
  const answer = body as { message?: unknown; error?: unknown } | null;
  return answer?.message === "Unauthorized" && answer.error === undefined;
}
