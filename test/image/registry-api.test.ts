// The registry API calls against a real registry (docker-registry), with a proxy
// in front (test/support/registry.ts) for what it never does on its own: send a
// blob to storage on another origin (as ECR sends to S3), or return a manifest
// that does not match the digest asked for. The storage is a scripted fake server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Digest } from "../../src/image/digest.js";
import { RegistryError } from "../../src/image/errors.js";
import { RegistryClient } from "../../src/image/registry-api.js";
import {
  basicCredentials,
  pushTinyBase,
  type RegistryProxy,
  startRegistry,
  startRegistryProxy,
  type TestRegistry,
  type TinyBase,
} from "../support/registry.js";
import { type FakeServer, startFakeServer } from "./fake-http.js";
import { fetchBlob } from "./helpers.js";

const CREDENTIALS = basicCredentials("student", "secret");

let registry: TestRegistry;
let base: TinyBase;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  registry = await startRegistry();
  base = await pushTinyBase(registry.url, "base/node");
});

afterAll(async () => {
  for (const close of closers) await close();
  await registry?.stop();
});

async function proxy(intercept: Parameters<typeof startRegistryProxy>[1]): Promise<RegistryProxy> {
  const p = await startRegistryProxy(registry.url, intercept);
  closers.push(p.stop);
  return p;
}

describe("openBlob", () => {
  it("follows a redirect to storage on another origin without sending our credentials there", async () => {
    const layer = await fetchBlob(registry.url, "base/node", base.layerDigest);
    const storage: FakeServer = await startFakeServer((_seen, res) => {
      res.writeHead(200, { "content-length": String(layer.byteLength) });
      res.end(layer);
    });
    closers.push(storage.close);
    const blobPath = `/v2/base/node/blobs/${base.layerDigest}`;
    const redirecting = await proxy((request, res) => {
      if (request.method !== "GET" || request.url !== blobPath) return false;
      res.writeHead(307, { location: `${storage.url}/bucket/layer?signature=abc` });
      res.end();
      return true;
    });
    const client = new RegistryClient({ registry: redirecting.url, credentials: CREDENTIALS });

    const chunks: Buffer[] = [];
    for await (const chunk of await client.openBlob("base/node", base.layerDigest))
      chunks.push(chunk as Buffer);

    expect(sha256Digest(Buffer.concat(chunks))).toBe(base.layerDigest);
    expect(storage.requests.map((r) => r.url)).toEqual(["/bucket/layer?signature=abc"]);
    // The registry got our credentials; the storage elsewhere must not.
    expect(redirecting.requests.find((r) => r.url === blobPath)?.headers.authorization).toBe(
      `Basic ${CREDENTIALS}`,
    );
    expect(storage.requests[0]!.headers.authorization).toBeUndefined();
  });
});

describe("getManifest", () => {
  it("returns the manifest a tag names, with its digest", async () => {
    const client = new RegistryClient({ registry: registry.url });
    const fetched = await client.getManifest("base/node", "20-alpine");
    expect(fetched.digest).toBe(base.manifestDigest);
  });

  it("refuses a manifest whose bytes do not match the digest asked for", async () => {
    const tampering = await proxy(async (request, res) => {
      if (request.method !== "GET" || !request.url.includes("/manifests/sha256:")) return false;
      const real = await fetch(`${registry.url}${request.url}`, {
        headers: { accept: String(request.headers.accept) },
      });
      const bytes = Buffer.from(`${await real.text()}\n`);
      res.writeHead(200, { "content-type": real.headers.get("content-type") ?? "" });
      res.end(bytes);
      return true;
    });
    const client = new RegistryClient({ registry: tampering.url });
    const error = await client.getManifest("base/node", base.manifestDigest).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).failure).toBe("protocol");
    expect((error as RegistryError).message).toContain(base.manifestDigest);
  });
});
