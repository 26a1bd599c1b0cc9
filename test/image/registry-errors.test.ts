// How the builder meets a registry that says no: wrong credentials, a missing
// repository or base, flaky servers, token auth, relative upload locations.
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RegistryError } from "../../src/image/errors.js";
import { type BuildAndPushOptions, buildAndPushImage } from "../../src/image/index.js";
import { CLOSED_PORT, tempDir } from "../support/process.js";
import {
  basicCredentials,
  bearerGate,
  type Interceptor,
  pushTinyBase,
  type RegistryProxy,
  sendRegistryError,
  startRegistry,
  startRegistryProxy,
  type TestRegistry,
  type TinyBase,
} from "../support/registry.js";
import { pullImage } from "./helpers.js";

const ROOT = resolve(import.meta.dirname, "../..");
const HELLO = join(ROOT, "test/image/fixtures/hello/server.ts");
const USER = "student";
const PASSWORD = "correct-horse-battery-staple";

let registry: TestRegistry;
let base: TinyBase;
const proxies: RegistryProxy[] = [];

beforeAll(async () => {
  registry = await startRegistry();
  base = await pushTinyBase(registry.url, "base/node");
});

afterAll(async () => {
  for (const p of proxies) await p.stop();
  await registry?.stop();
});

async function proxy(intercept: Interceptor, upstream = registry.url): Promise<RegistryProxy> {
  const p = await startRegistryProxy(upstream, intercept);
  proxies.push(p);
  return p;
}

function build(repositoryUri: string, extra: Partial<BuildAndPushOptions> = {}) {
  return buildAndPushImage({
    service: "hello",
    entry: HELLO,
    rootDir: ROOT,
    repositoryUri,
    baseImage: base.reference,
    cacheDir: tempDir("cache"),
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryError);
  return error as RegistryError;
}

function expectNoSecret(error: RegistryError, ...secrets: string[]) {
  const shown = `${error.message}\n${error.hint ?? ""}`;
  for (const secret of secrets) expect(shown).not.toContain(secret);
}

describe("Basic auth (htpasswd, as ECR's token is used)", () => {
  let secured: TestRegistry;
  let securedBase: TinyBase;

  beforeAll(async () => {
    secured = await startRegistry({ auth: { user: USER, password: PASSWORD } });
    securedBase = await pushTinyBase(secured.url, "base/node", {
      credentials: basicCredentials(USER, PASSWORD),
    });
  });

  afterAll(async () => {
    await secured?.stop();
  });

  it("fails clearly with a wrong password, naming the registry and never the secret", async () => {
    const wrong = basicCredentials(USER, "wrong-password");
    const error = await failure(
      build(`${secured.host}/app`, { credentials: wrong, baseImage: securedBase.reference }),
    );
    expect(error.failure).toBe("auth");
    expect(error.message).toContain(secured.host);
    expect(error.message).toMatch(/HTTP 401/);
    expect(error.hint).toMatch(/credentials/);
    expectNoSecret(error, "wrong-password", wrong);
  });

  it("pushes with the right credentials, mounting the base from the same registry", async () => {
    const result = await build(`${secured.host}/app`, {
      credentials: basicCredentials(USER, PASSWORD),
      baseImage: securedBase.reference,
    });
    expect(result.blobsSkipped).toBe(1);
    expect(result.blobsUploaded).toBe(2);
    const authorized = await fetch(`${secured.url}/v2/app/manifests/latest`, {
      method: "HEAD",
      headers: {
        authorization: `Basic ${basicCredentials(USER, PASSWORD)}`,
        accept: "application/vnd.docker.distribution.manifest.v2+json",
      },
    });
    expect(authorized.headers.get("docker-content-digest")).toBe(result.digest);
  });
});

describe("missing things", () => {
  it("says how to create a repository the registry does not have (ECR's NAME_UNKNOWN)", async () => {
    const ecrLike = await proxy((request, res) => {
      if (request.method === "POST" && request.url.startsWith("/v2/products-service-repo/blobs/uploads/")) {
        sendRegistryError(
          res,
          404,
          "NAME_UNKNOWN",
          "The repository with name 'products-service-repo' does not exist in the registry with id '123456789012'",
        );
        return true;
      }
      return false;
    });
    const error = await failure(build(`${ecrLike.host}/products-service-repo`));
    expect(error.failure).toBe("repository-missing");
    expect(error.message).toBe(`Repository products-service-repo does not exist on ${ecrLike.host}.`);
    expect(error.hint).toContain("msdemo up --steps registry");
  });

  it("names a base image that does not exist and points at --base-image", async () => {
    const error = await failure(
      build(`${registry.host}/app`, { baseImage: `${registry.host}/no/such-base:1` }),
    );
    expect(error.failure).toBe("not-found");
    expect(error.message).toBe(`Base image ${registry.host}/no/such-base:1 was not found.`);
    expect(error.hint).toContain("--base-image");
  });

  it("reports a registry nobody answers at", async () => {
    const port = CLOSED_PORT;
    const error = await failure(
      build(`127.0.0.1:${port}/app`, { baseImage: `127.0.0.1:${port}/base/node:1` }),
    );
    expect(error.failure).toBe("unreachable");
    expect(error.message).toMatch(/Cannot reach registry 127\.0\.0\.1:\d+ .*ECONNREFUSED, 3 tries/);
  });
});

describe("flaky registries", () => {
  it("retries an upload that got a 500 and succeeds with a fresh upload session", async () => {
    let failed = 0;
    const flaky = await proxy((request, res) => {
      if (request.method === "PUT" && request.url.includes("digest=") && failed === 0) {
        failed++;
        sendRegistryError(res, 500, "UNKNOWN", "storage hiccup");
        return true;
      }
      return false;
    });
    const result = await build(`${flaky.host}/retry-500`);
    expect(failed).toBe(1);
    const puts = flaky.requests.filter((r) => r.method === "PUT" && r.url.includes("digest="));
    const posts = flaky.requests.filter((r) => r.method === "POST");
    expect(puts.length).toBe(result.blobsUploaded + 1);
    expect(posts.length).toBe(result.blobsUploaded + 1);
    const pulled = await pullImage(registry.url, "retry-500", "latest");
    expect(pulled.manifestDigestHeader).toBe(result.digest);
  });

  it("backs off on 429 and carries on", async () => {
    let throttled = 0;
    const busy = await proxy((request, res) => {
      if (request.method === "HEAD" && request.url.includes("/blobs/") && throttled < 2) {
        throttled++;
        res.writeHead(429, { "retry-after": "0" });
        res.end();
        return true;
      }
      return false;
    });
    const result = await build(`${busy.host}/retry-429`);
    expect(throttled).toBe(2);
    expect(result.digest).toMatch(/^sha256:/);
  });

  it("gives up after the bounded retries with the status and the count", async () => {
    const down = await proxy((request, res) => {
      if (request.method === "PUT" && request.url.includes("/manifests/")) {
        sendRegistryError(res, 503, "UNAVAILABLE", "service unavailable");
        return true;
      }
      return false;
    });
    const error = await failure(build(`${down.host}/always-503`));
    expect(error.failure).toBe("server");
    expect(error.message).toMatch(
      /kept failing \(HTTP 503\) while pushing manifest always-503:[0-9a-f]{12}, after 3 tries/,
    );
    expect(down.requests.filter((r) => r.method === "PUT" && r.url.includes("/manifests/"))).toHaveLength(3);
  });

  it("follows a relative upload Location that carries its own query", async () => {
    const relative = await proxy(async (request, res) => {
      if (request.method !== "POST" || !request.url.includes("/blobs/uploads/")) return false;
      const upstream = await fetch(`${registry.url}${request.url}`, { method: "POST" });
      const location = new URL(upstream.headers.get("location")!);
      location.searchParams.set("extra", "kept");
      res.writeHead(upstream.status, {
        location: `${location.pathname}${location.search}`,
        "content-length": "0",
      });
      res.end();
      return true;
    });
    const result = await build(`${relative.host}/relative-location`);
    const puts = relative.requests.filter((r) => r.method === "PUT" && r.url.includes("digest="));
    expect(puts).toHaveLength(result.blobsUploaded);
    for (const put of puts) {
      expect(put.url).toContain("extra=kept");
      expect(put.url).toContain("_state=");
    }
  });
});

describe("bearer token auth", () => {
  it("gets tokens from the challenge's realm with the needed scopes, then pushes", async () => {
    const gate = bearerGate({ user: USER, password: PASSWORD });
    const gated = await proxy(gate.intercept);
    const result = await build(`${gated.host}/bearer-app`, {
      baseImage: base.reference.replace(registry.host, gated.host),
      credentials: basicCredentials(USER, PASSWORD),
    });
    expect(result.blobsSkipped).toBe(1); // mounted from base/node: the token covered both repositories
    const scopes = gate.tokenRequests.flatMap((t) => t.scopes);
    // Concurrent blob pushes share one token request per scope set.
    expect(new Set(gate.tokenRequests.map((t) => t.scopes.join(" "))).size).toBe(gate.tokenRequests.length);
    expect(scopes).toContain("repository:bearer-app:pull,push");
    expect(scopes).toContain("repository:base/node:pull");
    expect(gate.tokenRequests.every((t) => t.user === USER && t.service === "gate.test")).toBe(true);
    const forwarded = gated.requests.filter((r) => r.url.startsWith("/v2/bearer-app/"));
    expect(forwarded.length).toBeGreaterThan(0);
    expect(forwarded.every((r) => r.headers.authorization?.startsWith("Bearer "))).toBe(true);
    // Basic goes out once, before the registry says it wants tokens; never again.
    const basic = gated.requests.filter(
      (r) => r.url.startsWith("/v2/") && r.headers.authorization?.startsWith("Basic "),
    );
    expect(basic.map((r) => r.url)).toEqual([gated.requests[0]!.url]);
  });

  it("pulls a public base with an anonymous token", async () => {
    const gate = bearerGate({ user: USER, password: PASSWORD });
    const publicRegistry = await proxy(gate.intercept);
    const result = await build(`${registry.host}/from-public`, {
      baseImage: base.reference.replace(registry.host, publicRegistry.host),
    });
    expect(result.digest).toMatch(/^sha256:/);
    expect(gate.tokenRequests.length).toBeGreaterThan(0);
    for (const t of gate.tokenRequests) {
      expect(t.user).toBeUndefined();
      expect(t.scopes).toEqual(["repository:base/node:pull"]);
    }
  });

  it("reports refused token requests as an auth failure without the password", async () => {
    const gate = bearerGate({ user: USER, password: PASSWORD });
    const gated = await proxy(gate.intercept);
    const wrong = basicCredentials(USER, "not-it");
    const error = await failure(
      build(`${gated.host}/bearer-denied`, { baseImage: base.reference, credentials: wrong }),
    );
    expect(error.failure).toBe("auth");
    expect(error.message).toContain(gated.host);
    expectNoSecret(error, "not-it", wrong);
  });
});

describe("cancellation", () => {
  it("stops when the signal is aborted", async () => {
    const controller = new AbortController();
    const slow = await proxy(async () => {
      controller.abort();
      await new Promise((r) => setTimeout(r, 50));
      return false;
    });
    const outcome = await build(`${slow.host}/aborted`, {
      baseImage: base.reference.replace(registry.host, slow.host),
      signal: controller.signal,
    }).then(
      () => "finished",
      (e: unknown) => (e as Error).name,
    );
    expect(outcome).toBe("AbortError");
  });
});
