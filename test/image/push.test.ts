// The daemonless builder against a real registry (Debian's docker-registry): what it
// pushes, what a second run does not push, and that the image runs.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOnly, WriteWhileObservingError } from "../../src/engine/read-only.js";
import { sha256Digest } from "../../src/image/digest.js";
import {
  buildAndPushImage,
  contentTag,
  type ImageProgress,
  type ImageResult,
} from "../../src/image/index.js";
import { MEDIA } from "../../src/image/media-types.js";
import { startProcess, tempDir, waitForOutput } from "../support/process.js";
import {
  pushTinyBase,
  type RegistryProxy,
  startRegistry,
  startRegistryProxy,
  type TestRegistry,
  type TinyBase,
} from "../support/registry.js";
import { fetchBlob, pullImage, unpackImage } from "./helpers.js";

const ROOT = resolve(import.meta.dirname, "../..");
const HELLO = join(ROOT, "test/image/fixtures/hello/server.ts");
const SOURCE = { url: "https://github.com/example/msdemo", revision: "0123456789abcdef" };

let registry: TestRegistry;
let dockerBase: TinyBase;
let ociIndexBase: TinyBase;

beforeAll(async () => {
  registry = await startRegistry();
  dockerBase = await pushTinyBase(registry.url, "base/node", { format: "docker" });
  ociIndexBase = await pushTinyBase(registry.url, "base/node-oci", { format: "oci", asIndex: true });
});

afterAll(async () => {
  await registry?.stop();
});

function build(
  repositoryUri: string,
  baseImage: string,
  cacheDir = tempDir("cache"),
  events?: ImageProgress[],
) {
  return buildAndPushImage({
    service: "hello",
    entry: HELLO,
    rootDir: ROOT,
    repositoryUri,
    baseImage,
    cacheDir,
    source: SOURCE,
    onProgress: events ? (e) => events.push(e) : undefined,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
}

/** Requests that change something on the registry. */
const writes = (proxy: RegistryProxy, from = 0) =>
  proxy.requests.slice(from).filter((r) => ["POST", "PUT", "PATCH", "DELETE"].includes(r.method));

describe("buildAndPushImage on a local registry", () => {
  it("pushes once, then a second run gives the same digest and uploads and rewrites nothing", async () => {
    const proxy = await startRegistryProxy(registry.url);
    try {
      const events: ImageProgress[] = [];
      // The base through the same proxy: one registry, so the base layer can be mounted.
      const baseRef = dockerBase.reference.replace(registry.host, proxy.host);
      const first = await build(`${proxy.host}/twice`, baseRef, tempDir("cache"), events);
      const firstWrites = writes(proxy);
      expect(first.bytesUploaded).toBeGreaterThan(first.appLayerBytes);
      expect(first.blobsUploaded).toBe(2); // app layer and config; the base layer is mounted
      expect(first.blobsSkipped).toBe(1);
      // Monolithic uploads: a POST and one PUT ?digest= per blob, never a PATCH.
      expect(firstWrites.filter((r) => r.method === "PATCH")).toEqual([]);
      expect(
        firstWrites.filter((r) => r.method === "PUT" && r.url.includes("digest=sha256%3A")),
      ).toHaveLength(2);
      expect(
        firstWrites.some((r) => r.url.includes(`mount=${encodeURIComponent(dockerBase.layerDigest)}`)),
      ).toBe(true);
      expect(events.map((e) => e.phase)).toEqual(
        expect.arrayContaining(["bundle", "base", "push", "manifest", "done"]),
      );
      expect(events.at(-1)).toMatchObject({ phase: "done", bytesPushed: first.bytesUploaded, blobsTotal: 3 });

      const seen = proxy.requests.length;
      const second = await build(`${proxy.host}/twice`, baseRef);
      expect(second.digest).toBe(first.digest);
      expect(second.reference).toBe(first.reference);
      expect(second.bytesUploaded).toBe(0);
      expect(second.blobsUploaded).toBe(0);
      expect(second.blobsSkipped).toBe(3);
      expect(writes(proxy, seen)).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });

  it("tags the image with its content tag and latest, both naming the digest it returns", async () => {
    const result = await build(`${registry.host}/tags`, dockerBase.reference);
    expect(result.tags).toEqual([contentTag(result.digest), "latest"]);
    expect(result.tags[0]).toMatch(/^[a-f0-9]{12}$/);
    expect(result.reference).toBe(`${registry.host}/tags@${result.digest}`);
    for (const tag of result.tags) {
      const pulled = await pullImage(registry.url, "tags", tag);
      expect(pulled.manifestDigestHeader).toBe(result.digest);
    }
  });

  it("refuses to push while a step only observes: the read-only guard stops it before any write request", async () => {
    const proxy = await startRegistryProxy(registry.url);
    try {
      const pushing = readOnly("images: observe", () => build(`${proxy.host}/guarded`, dockerBase.reference));
      await expect(pushing).rejects.toBeInstanceOf(WriteWhileObservingError);
      expect(proxy.requests.filter((r) => !["GET", "HEAD"].includes(r.method))).toEqual([]);
      // Outside the guard the same push goes through.
      await build(`${proxy.host}/guarded`, dockerBase.reference);
      expect(proxy.requests.some((r) => r.method === "PUT")).toBe(true);
    } finally {
      await proxy.stop();
    }
  });

  it("pushes a Docker v2 manifest and config that read back field by field", async () => {
    const result = await build(`${registry.host}/fields`, dockerBase.reference);
    const { manifest, config, manifestContentType } = await pullImage(registry.url, "fields", result.digest);
    expect(manifestContentType).toBe(MEDIA.dockerManifest);
    expect(manifest.schemaVersion).toBe(2);
    expect(manifest.mediaType).toBe(MEDIA.dockerManifest);
    expect(manifest.config.mediaType).toBe(MEDIA.dockerConfig);
    expect(manifest.layers.map((l) => l.mediaType)).toEqual([MEDIA.dockerLayerGzip, MEDIA.dockerLayerGzip]);
    expect(manifest.layers[0]).toMatchObject({ digest: dockerBase.layerDigest, size: dockerBase.layerSize });
    expect(manifest.layers[1]!.size).toBe(result.appLayerBytes);

    const configBlob = await fetchBlob(registry.url, "fields", manifest.config.digest);
    expect(sha256Digest(configBlob)).toBe(manifest.config.digest);
    expect(configBlob.byteLength).toBe(manifest.config.size);

    expect(config.architecture).toBe("amd64");
    expect(config.os).toBe("linux");
    expect(config.created).toBe("1970-01-01T00:00:00Z");
    const c = config.config!;
    expect(c.Entrypoint).toEqual(["node", "/app/server.js"]);
    expect(c.Cmd).toBeNull();
    expect(c.WorkingDir).toBe("/app");
    expect(c.User).toBe("node");
    expect(c.ExposedPorts).toEqual({ "3000/tcp": {} });
    expect(c.Env).toEqual([
      "PATH=/usr/local/bin:/usr/bin:/bin",
      "NODE_VERSION=20.0.0",
      "NODE_ENV=production",
    ]);
    expect(c.Labels).toEqual({
      "base.label": "kept",
      "org.opencontainers.image.title": "msdemo-hello",
      "org.opencontainers.image.source": SOURCE.url,
      "org.opencontainers.image.revision": SOURCE.revision,
    });

    // diff_ids are the digests of the uncompressed layers, in order.
    const diffIds = [];
    for (const layer of manifest.layers) {
      const blob = await fetchBlob(registry.url, "fields", layer.digest);
      expect(sha256Digest(blob)).toBe(layer.digest);
      diffIds.push(sha256Digest(gunzipSync(blob)));
    }
    expect(config.rootfs).toEqual({ type: "layers", diff_ids: diffIds });

    // One non-empty history entry per layer, the base's first.
    const history = config.history!;
    expect(history.filter((h) => h.empty_layer !== true)).toHaveLength(manifest.layers.length);
    expect(history.slice(0, 2).map((h) => h.created_by)).toEqual(["ADD rootfs", 'CMD ["node"]']);
    expect(history.at(-2)!.created_by).toContain("/app/");
  });

  it("picks linux/amd64 from an OCI index and keeps the OCI media types", async () => {
    const result = await build(`${registry.host}/from-index`, ociIndexBase.reference);
    const { manifest, config } = await pullImage(registry.url, "from-index", result.digest);
    expect(manifest.mediaType).toBe(MEDIA.ociManifest);
    expect(manifest.config.mediaType).toBe(MEDIA.ociConfig);
    expect(manifest.layers.map((l) => l.mediaType)).toEqual([MEDIA.ociLayerGzip, MEDIA.ociLayerGzip]);
    expect(manifest.layers[0]!.digest).toBe(ociIndexBase.layerDigest);
    expect(config.architecture).toBe("amd64");
  });

  it("builds an image whose unpacked layers run: node /app/server.js answers GET /", async () => {
    const result = await build(`${registry.host}/runs`, dockerBase.reference);
    const { manifest, config } = await pullImage(registry.url, "runs", result.digest);
    const root = tempDir("rootfs");
    await unpackImage(registry.url, "runs", manifest, root);
    expect(readFileSync(join(root, "etc/msdemo-base"), "utf8")).toContain("amd64");
    const [command, script] = config.config!.Entrypoint!;
    expect(command).toBe("node");
    // The config's Env, as a runtime would set it, plus the port.
    const env = Object.fromEntries(
      config.config!.Env!.map((e) => [e.split("=", 1)[0]!, e.slice(e.indexOf("=") + 1)]),
    );
    const server = startProcess(process.execPath, [join(root, script!)], {
      cwd: join(root, config.config!.WorkingDir!),
      env: { ...env, PATH: process.env.PATH, PORT: "0" },
    });
    try {
      const [, url] = await waitForOutput(
        server,
        /^listening at (http:\/\/127\.0\.0\.1:\d+)$/m,
        "the server to say where it listens",
      );
      const response = await fetch(`${url}/`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: "ok",
        service: "hello",
        endpoints: ["GET /", "GET /healthz"],
        node_env: "production",
      });
    } finally {
      await server.stop();
    }
  });
});

describe("base blobs across registries", () => {
  let baseRegistry: TestRegistry;
  let baseProxy: RegistryProxy;
  let base: TinyBase;

  beforeAll(async () => {
    baseRegistry = await startRegistry();
    base = await pushTinyBase(baseRegistry.url, "library/node", { format: "docker", asIndex: true });
    baseProxy = await startRegistryProxy(baseRegistry.url);
  });

  afterAll(async () => {
    await baseProxy?.stop();
    await baseRegistry?.stop();
  });

  it("streams base blobs into the cache once; a second build downloads nothing and the digest is stable", async () => {
    const cacheDir = tempDir("cache");
    const baseRef = `${baseProxy.host}/library/node:20-alpine`;
    const downloads = (from: number) =>
      baseProxy.requests.slice(from).filter((r) => r.method === "GET" && r.url.includes("/blobs/"));
    const manifestGets = (from: number) =>
      baseProxy.requests.slice(from).filter((r) => r.method === "GET" && r.url.includes("/manifests/"));

    const first: ImageResult = await build(`${registry.host}/cross-a`, baseRef, cacheDir);
    expect(downloads(0).map((r) => r.url.split("/").at(-1))).toEqual(
      expect.arrayContaining([base.configDigest, base.layerDigest]),
    );
    expect(existsSync(join(cacheDir, "blobs/sha256", base.layerDigest.slice(7)))).toBe(true);
    expect(first.blobsUploaded).toBe(3); // a different registry: no mount, the base layer is copied

    const seen = baseProxy.requests.length;
    const second = await build(`${registry.host}/cross-b`, baseRef, cacheDir);
    expect(downloads(seen)).toEqual([]);
    expect(manifestGets(seen)).toEqual([]);
    expect(second.digest).toBe(first.digest);
    expect(second.blobsUploaded).toBe(3);

    // The image matches one built from the same base content on the local registry.
    const sameContentLocally = await pushTinyBase(registry.url, "base/node-list", {
      format: "docker",
      asIndex: true,
    });
    const local = await build(`${registry.host}/cross-c`, sameContentLocally.reference);
    expect(local.digest).toBe(first.digest);
  });

  it("fetches each base blob once when three images build at the same time", async () => {
    const cacheDir = tempDir("cache");
    const baseRef = `${baseProxy.host}/library/node:20-alpine`;
    const seen = baseProxy.requests.length;
    const results = await Promise.all(
      ["auth", "orders", "products"].map((s) => build(`${registry.host}/parallel-${s}`, baseRef, cacheDir)),
    );
    expect(new Set(results.map((r) => r.digest)).size).toBe(1);
    const layerGets = baseProxy.requests
      .slice(seen)
      .filter((r) => r.method === "GET" && r.url.endsWith(`/blobs/${base.layerDigest}`));
    expect(layerGets).toHaveLength(1);
  });
});

describe("the real products service", () => {
  const entry = join(ROOT, "services/products/server.ts");
  it.runIf(existsSync(entry))("bundles into an app layer of at most 2 MB and pushes", async () => {
    const result = await buildAndPushImage({
      service: "products",
      entry,
      rootDir: ROOT,
      repositoryUri: `${registry.host}/products-service-repo`,
      baseImage: dockerBase.reference,
      cacheDir: tempDir("cache"),
    });
    expect(result.appLayerBytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    const { manifest } = await pullImage(registry.url, "products-service-repo", result.digest);
    expect(manifest.layers.at(-1)!.size).toBe(result.appLayerBytes);
  });
});
