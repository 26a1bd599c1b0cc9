// A scripted fake server (test/image/fake-http.ts) as both registry and token
// realm, not a real registry: the tests need to refuse a token once, count token
// requests and read every Authorization header, which a real registry does not offer.
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { RegistryError } from "../../src/image/errors.js";
import { parseChallenge, pullScope, pushScope, RegistryAuth } from "../../src/image/registry-auth.js";
import { RegistryTransport } from "../../src/image/registry-transport.js";
import { type FakeServer, type SeenRequest, startFakeServer } from "./fake-http.js";

const CREDENTIALS = Buffer.from("student:secret").toString("base64");

let server: FakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("parseChallenge", () => {
  it("reads a Bearer challenge with a quoted scope that holds a comma", () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:app:pull,push"',
      ),
    ).toEqual({
      scheme: "bearer",
      params: {
        realm: "https://auth.example/token",
        service: "registry.example",
        scope: "repository:app:pull,push",
      },
    });
  });

  it("lower-cases the scheme and the names, keeps unquoted values, unescapes quoted ones", () => {
    expect(parseChallenge('BASIC Realm=msdemo, Note="say \\"hi\\""')).toEqual({
      scheme: "basic",
      params: { realm: "msdemo", note: 'say "hi"' },
    });
  });

  it("takes a scheme without parameters", () => {
    expect(parseChallenge("Negotiate")).toEqual({ scheme: "negotiate", params: {} });
  });
});

/**
 * A registry at /v2/ that wants `Bearer good-<n>` and a realm at /token that hands out
 * `good-<n>`, but refuses the token requests numbered (from 1) in `refused`.
 */
async function bearerRegistry(refused: number[] = []): Promise<{ tokenRequests: SeenRequest[] }> {
  const tokenRequests: SeenRequest[] = [];
  server = await startFakeServer((seen, res) => {
    if (seen.url.startsWith("/token")) {
      tokenRequests.push(seen);
      if (refused.includes(tokenRequests.length)) return answer(res, 401);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ token: `good-${tokenRequests.length}` }));
      return;
    }
    if (seen.headers.authorization?.startsWith("Bearer good-")) return answer(res, 200);
    answer(res, 401, {
      "www-authenticate": `Bearer realm="${server!.url}/token",service="fake.test",scope="repository:extra:pull"`,
    });
  });
  return { tokenRequests };
}

function answer(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

function auth(credentials: string | undefined): RegistryAuth {
  const transport = new RegistryTransport("fake.test", undefined, {
    attempts: 2,
    baseDelayMs: 1,
    maxDelayMs: 2,
  });
  return new RegistryAuth(transport, credentials);
}

function get(scopes: string[]) {
  return { method: "GET", url: new URL("/v2/app/manifests/1", server!.url), scopes, what: "testing" };
}

async function expectRefused(sent: Promise<Response>): Promise<void> {
  const error = await sent.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryError);
  expect((error as RegistryError).failure).toBe("auth");
  expect((error as RegistryError).message).not.toContain(CREDENTIALS);
}

function scopesOf(request: SeenRequest): string[] {
  return new URL(request.url, "http://x").searchParams.getAll("scope");
}

describe("RegistryAuth.send", () => {
  it("answers a Bearer challenge with a token for our scopes and the challenge's, using our credentials", async () => {
    const { tokenRequests } = await bearerRegistry();
    const response = await auth(CREDENTIALS).send(get([pushScope("app")]));
    expect(response.status).toBe(200);
    expect(tokenRequests).toHaveLength(1);
    const token = new URL(tokenRequests[0]!.url, "http://x");
    expect(token.searchParams.get("service")).toBe("fake.test");
    expect(scopesOf(tokenRequests[0]!).sort()).toEqual(["repository:app:pull,push", "repository:extra:pull"]);
    expect(tokenRequests[0]!.headers.authorization).toBe(`Basic ${CREDENTIALS}`);
  });

  it("asks for an anonymous token without credentials", async () => {
    const { tokenRequests } = await bearerRegistry();
    expect((await auth(undefined).send(get([pullScope("app")]))).status).toBe(200);
    expect(tokenRequests[0]!.headers.authorization).toBeUndefined();
  });

  it("shares one token request among concurrent requests for the same scopes", async () => {
    const { tokenRequests } = await bearerRegistry();
    const client = auth(CREDENTIALS);
    await client.send(get([pullScope("base")])); // learns the realm
    const answers = await Promise.all([1, 2, 3].map(() => client.send(get([pushScope("app")]))));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(tokenRequests.map(scopesOf)).toEqual([
      expect.arrayContaining(["repository:base:pull"]),
      ["repository:app:pull,push"],
    ]);
  });

  it("forgets a refused token request, so the next request asks again", async () => {
    // Refused once while answering the challenge, once more when the realm is already known.
    const { tokenRequests } = await bearerRegistry([1, 3]);
    const client = auth(CREDENTIALS);
    await expectRefused(client.send(get([pushScope("app")])));
    expect((await client.send(get([pushScope("app")]))).status).toBe(200);
    await expectRefused(client.send(get([pullScope("base")])));
    expect((await client.send(get([pullScope("base")]))).status).toBe(200);
    expect(tokenRequests).toHaveLength(4);
  });

  it("sends Basic up front when it has credentials, and hands a Basic 401 back when it has none", async () => {
    server = await startFakeServer((seen, res) =>
      seen.headers.authorization === `Basic ${CREDENTIALS}`
        ? answer(res, 200)
        : answer(res, 401, { "www-authenticate": 'Basic realm="fake"' }),
    );
    expect((await auth(CREDENTIALS).send(get([pullScope("app")]))).status).toBe(200);
    expect(server.requests).toHaveLength(1);
    expect((await auth(undefined).send(get([pullScope("app")]))).status).toBe(401);
    expect(server.requests).toHaveLength(2);
  });
});
