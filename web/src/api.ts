// The page's only way out: the API routes of src/routes.ts, on the page's own
// origin (the local gateway, or CloudFront in front of API Gateway). Each call is
// timed and tagged with the service the route table sends it to, so the page can
// show the architecture at work.
import { matchRoute, type ServiceName } from "../../src/routes.js";

/** Every call has a deadline: a hung gateway must not hang the page. */
export const CALL_TIMEOUT_MS = 15_000;

export interface CallRecord {
  method: string;
  path: string;
  service: ServiceName | undefined;
  /** null when no HTTP answer came back. */
  status: number | null;
  ms: number;
}

export type Outcome<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; message: string }
  | { ok: false; status: null; problem: "unreachable" | "timeout" };

export interface Product {
  id: number;
  name: string | null;
  /** A decimal string such as "1200.50" (NUMERIC as text), or null. */
  price: string | null;
}

export interface Order {
  id: number;
  item: string | null;
  quantity: number | null;
}

export class Api {
  constructor(private readonly onCall: (record: CallRecord) => void) {}

  register(username: string, password: string): Promise<Outcome<unknown>> {
    return this.call("POST", "/api/register", { username, password });
  }

  login(username: string, password: string): Promise<Outcome<{ token?: unknown }>> {
    return this.call("POST", "/api/login", { username, password });
  }

  products(): Promise<Outcome<Product[]>> {
    return this.call("GET", "/api/products");
  }

  orders(token: string): Promise<Outcome<Order[]>> {
    return this.call("GET", "/api/orders", undefined, token);
  }

  order(token: string, item: string, quantity: number): Promise<Outcome<Order>> {
    return this.call("POST", "/api/orders", { item, quantity }, token);
  }

  private async call<T>(method: string, path: string, body?: unknown, token?: string): Promise<Outcome<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (token) headers.authorization = `Bearer ${token}`;
    const service = matchRoute(method, path)?.route.service;
    const started = performance.now();
    const record = (status: number | null) =>
      this.onCall({ method, path, service, status, ms: Math.round(performance.now() - started) });
    let response: Response;
    let text: string;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      record(null);
      const name = (error as { name?: string } | null)?.name;
      return { ok: false, status: null, problem: name === "TimeoutError" ? "timeout" : "unreachable" };
    }
    record(response.status);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (response.ok) return { ok: true, status: response.status, body: parsed as T };
    const message = (parsed as { message?: unknown } | undefined)?.message;
    return { ok: false, status: response.status, message: typeof message === "string" ? message : "" };
  }
}
