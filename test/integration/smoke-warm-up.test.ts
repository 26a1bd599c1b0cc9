// A FAKE HTTP server standing for an API Gateway whose load balancers are still
// warming up (5xx for a while): smoke retries a safe read while it gets 5xx, for
// a bounded time, tells about each retry, then runs the journey either way.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runSmoke } from "../../src/smoke/smoke.js";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

/** Answers `warmStatus` to the first `warm` requests, then 404 to everything. */
async function warmingApi(warm: number, warmStatus = 503): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.statusCode = seen.length <= warm ? warmStatus : 404;
    res.end("{}");
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen };
}

describe("smoke while the load balancers warm up", () => {
  it("retries GET /api/products while it answers 5xx, saying so, then runs the journey", async () => {
    const { url, seen } = await warmingApi(3, 502);
    const retries: number[] = [];
    const calls = await runSmoke(url, { warmUpMs: 60_000, intervalMs: 10, onRetry: (s) => retries.push(s) });
    expect(retries).toEqual([502, 502, 502]);
    expect(seen.slice(0, 4)).toEqual(Array(4).fill("GET /api/products"));
    // The journey met the warmed-up API (404 here), not the 5xx.
    expect(calls[0]).toMatchObject({ name: "register", status: 404 });
  });

  it("gives up warming after the bound and reports the 5xx in the journey", async () => {
    const { url } = await warmingApi(Number.POSITIVE_INFINITY);
    const retries: number[] = [];
    const calls = await runSmoke(url, { warmUpMs: 300, intervalMs: 20, onRetry: (s) => retries.push(s) });
    expect(retries.length).toBeGreaterThan(0);
    expect(calls.map((c) => c.status)).toEqual(Array(6).fill(503));
    expect(calls.every((c) => !c.ok)).toBe(true);
  });

  it("makes no retry when the API answers at once", async () => {
    const { url, seen } = await warmingApi(0);
    const retries: number[] = [];
    await runSmoke(url, { warmUpMs: 60_000, intervalMs: 10, onRetry: (s) => retries.push(s) });
    expect(retries).toEqual([]);
    expect(seen[0]).toBe("GET /api/products");
    expect(seen[1]).toBe("POST /api/register");
  });
});
