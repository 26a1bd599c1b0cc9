// A scripted fake server (test/image/fake-http.ts), not a real registry: the retry
// policy of registry-transport.ts is about 503s, 429s and dropped connections on
// cue, which a real registry does not produce when asked.
import type { ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RegistryError } from "../../src/image/errors.js";
import {
  DEFAULT_RETRY,
  RegistryTransport,
  type RetryPolicy,
  retryDelayMs,
} from "../../src/image/registry-transport.js";
import { dropConnection, type FakeServer, type Script, startFakeServer } from "./fake-http.js";

const FAST: RetryPolicy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5, requestTimeoutMs: 30_000 };

let server: FakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(script: Script): Promise<{ url: URL; transport: RegistryTransport }> {
  server = await startFakeServer(script);
  return { url: new URL("/v2/", server.url), transport: new RegistryTransport("reg.test", undefined, FAST) };
}

function status(code: number, headers: Record<string, string> = {}): (res: ServerResponse) => void {
  return (res) => {
    res.writeHead(code, headers);
    res.end();
  };
}

describe("retryDelayMs", () => {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, attempts: 5, baseDelayMs: 500, maxDelayMs: 8_000 };
  // random 0.5 is the middle of the jitter: a factor of exactly 1.
  it("doubles from the base delay and stops at the cap", () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(policy, a, null, 0.5))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 8_000,
    ]);
  });

  it("jitters between 0.75 and 1.25 of the delay", () => {
    expect(retryDelayMs(policy, 2, null, 0)).toBe(750);
    expect(retryDelayMs(policy, 2, null, 0.999)).toBeCloseTo(1_249.5);
  });

  it("follows Retry-After seconds, capped so a hostile server cannot park us", () => {
    expect(retryDelayMs(policy, 1, "3", 0.5)).toBe(3_000);
    expect(retryDelayMs(policy, 1, "3600", 0.5)).toBe(8_000);
  });

  it("falls back to the exponential delay for a Retry-After it cannot use", () => {
    for (const header of ["0", "-2", "soon", "Wed, 21 Oct 2026 07:28:00 GMT", undefined])
      expect(retryDelayMs(policy, 3, header, 0.5)).toBe(2_000);
  });
});

describe("RegistryTransport.withRetry", () => {
  it("retries 503 and 429 until an answer comes", async () => {
    const answers = [status(503), status(429, { "retry-after": "0" }), status(200)];
    const { url, transport } = await serve((_seen, res, i) => answers[i]!(res));
    const response = await transport.withRetry(url, { method: "GET", redirect: "manual" }, "testing");
    expect(response.status).toBe(200);
    expect(server!.requests).toHaveLength(3);
  });

  it("hands back the last 5xx after the policy's tries, for the caller to word", async () => {
    const { url, transport } = await serve((_seen, res) => status(503)(res));
    const response = await transport.withRetry(url, { method: "GET", redirect: "manual" }, "testing");
    expect(response.status).toBe(503);
    expect(server!.requests).toHaveLength(FAST.attempts);
    const error = await transport.failure(response, "testing", "app");
    expect(error.failure).toBe("server");
    expect(error.message).toContain("after 3 tries");
  });

  it("does not retry an answer that will not change (404, 401)", async () => {
    const answers = [status(404), status(401)];
    const { url, transport } = await serve((_seen, res, i) => answers[i]!(res));
    expect((await transport.withRetry(url, { method: "GET", redirect: "manual" }, "testing")).status).toBe(
      404,
    );
    expect((await transport.withRetry(url, { method: "GET", redirect: "manual" }, "testing")).status).toBe(
      401,
    );
    expect(server!.requests).toHaveLength(2);
  });

  it("retries a dropped connection, then reports the registry unreachable with the count", async () => {
    const { url, transport } = await serve((_seen, res) => dropConnection(res));
    const error = await transport.withRetry(url, { method: "GET", redirect: "manual" }, "testing").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).failure).toBe("unreachable");
    expect((error as RegistryError).message).toMatch(/reg\.test .*3 tries/);
    expect(server!.requests).toHaveLength(FAST.attempts);
  });

  it("gives up on a registry that never answers, per try, and says so", async () => {
    server = await startFakeServer(() => undefined);
    const transport = new RegistryTransport("reg.test", undefined, { ...FAST, requestTimeoutMs: 50 });
    const url = new URL("/v2/", server.url);
    const error = await transport.withRetry(url, { method: "GET", redirect: "manual" }, "testing").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as RegistryError).failure).toBe("unreachable");
    expect((error as RegistryError).message).toMatch(/timeout/i);
    expect(server.requests).toHaveLength(FAST.attempts);
  });

  it("makes a fresh stream body for each try", async () => {
    const answers = [status(500), status(201)];
    const { url, transport } = await serve((_seen, res, i) => answers[i]!(res));
    let made = 0;
    const body = () => {
      made++;
      return Readable.from([Buffer.from("layer-bytes")]);
    };
    const response = await transport.withRetry(
      url,
      { method: "PUT", body: body(), duplex: "half", redirect: "manual" },
      "testing",
      body,
    );
    expect(response.status).toBe(201);
    expect(made).toBe(2);
    expect(server!.requests.map((r) => r.body.toString())).toEqual(["layer-bytes", "layer-bytes"]);
  });

  it("stops waiting between tries as soon as the caller aborts", async () => {
    const controller = new AbortController();
    server = await startFakeServer((_seen, res) => status(503)(res));
    // Abort once the 503 is in the transport's hands, so the abort lands in the backoff,
    // not in the request; the backoff is far longer than the test's bound.
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (...args) => {
      const response = await realFetch(...args);
      controller.abort();
      return response;
    });
    try {
      const transport = new RegistryTransport("reg.test", controller.signal, {
        attempts: 3,
        baseDelayMs: 600_000,
        maxDelayMs: 600_000,
      });
      const outcome = await transport
        .withRetry(new URL("/v2/", server.url), { method: "GET", redirect: "manual" }, "testing")
        .then(
          () => "finished",
          (e: unknown) => (e as Error).name,
        );
      expect(outcome).toBe("AbortError");
      expect(server.requests).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  }, 30_000);
});

describe("RegistryTransport.failure", () => {
  it("words a missing repository (ECR's NAME_UNKNOWN) and a refusal by their kind", async () => {
    const answers = [
      (res: ServerResponse) => {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ code: "NAME_UNKNOWN", message: "no repo" }] }));
      },
      status(403),
      status(400),
    ];
    const { url, transport } = await serve((_seen, res, i) => answers[i]!(res));
    const kinds: string[] = [];
    for (let i = 0; i < answers.length; i++) {
      const response = await transport.once(url, { method: "GET", redirect: "manual" });
      kinds.push((await transport.failure(response, "testing", "app")).failure);
    }
    expect(kinds).toEqual(["repository-missing", "auth", "protocol"]);
  });
});
