// The images step against Debian's docker-registry (--registry) and ECR in moto
// for the token: the three real services built and pushed, a rerun pushes no
// byte (seen by a proxy in front of the registry, not read from progress text),
// and the pushed reference is what the deploy step will run.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { ecrAuthorization } from "../../src/aws/ecr-auth.js";
import { imagesStep } from "../../src/steps/images.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";
import {
  pushTinyBase,
  type RegistryProxy,
  startRegistry,
  startRegistryProxy,
  type TestRegistry,
} from "../support/registry.js";
import { stepRun, testConfig } from "../support/step-harness.js";

let registry: TestRegistry;
let moto: Moto;
let base: string;

beforeAll(async () => {
  [registry, moto] = await Promise.all([startRegistry(), startMoto()]);
  base = (await pushTinyBase(registry.url, "library/node", { tag: "20-alpine" })).reference;
});
afterAll(async () => {
  await Promise.all([registry?.stop(), moto?.stop()]);
});

/** Blob uploads (new, resumed or cross-repository mounts) the proxy passed on. */
const blobUploads = (proxy: RegistryProxy) =>
  proxy.requests.filter((r) => r.method !== "GET" && r.method !== "HEAD" && /\/blobs\/uploads\//.test(r.url));

describe("images step", () => {
  it("builds and pushes the three services; a rerun uploads nothing and gives the same digests", async () => {
    const proxy = await startRegistryProxy(registry.url);
    onTestFinished(() => proxy.stop());
    const config = testConfig(
      { registry: proxy.host, baseImage: base.replace(registry.host, proxy.host) },
      { stateDir: tempDir("images-state") },
    );
    const run = stepRun(config, moto.clients());
    expect((await imagesStep.plan(run.context(imagesStep))).map((c) => c.action)).toEqual([
      "create",
      "create",
      "create",
    ]);
    const first = await run.apply(imagesStep);
    const images = first.images as Record<string, string>;
    // Each service's layer went up: the proxy sees uploads when there are any.
    expect(blobUploads(proxy).length).toBeGreaterThanOrEqual(3);
    for (const service of ["auth", "orders", "products"]) {
      expect(images[service]).toMatch(
        new RegExp(`^${proxy.host}/${service}-service-repo@sha256:[0-9a-f]{64}$`),
      );
      const manifest = await fetch(`${registry.url}/v2/${service}-service-repo/manifests/latest`, {
        headers: {
          accept:
            "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json",
        },
      });
      expect(manifest.status).toBe(200);
      expect(`sha256:${images[service]!.split("@sha256:")[1]}`).toBe(
        manifest.headers.get("docker-content-digest"),
      );
    }
    proxy.requests.length = 0;
    const second = await run.apply(imagesStep);
    expect(second.images).toEqual(first.images);
    expect(blobUploads(proxy)).toEqual([]);
    expect((await imagesStep.plan(run.context(imagesStep))).map((c) => c.action)).toEqual([
      "none",
      "none",
      "none",
    ]);
  }, 120_000);

  it("pins the base image's tag to the digest the first build found; a moved tag changes nothing, a new --base-image re-pins", async () => {
    const first = await pushTinyBase(registry.url, "library/node", { tag: "lts-alpine" });
    const config = testConfig(
      { registry: registry.host, baseImage: first.reference },
      { stateDir: tempDir("images-state") },
    );
    const run = stepRun(config, moto.clients());
    const built = await run.apply(imagesStep);
    expect(built.baseImage).toBe(first.reference);
    expect(built.baseImagePinned).toBe(`${registry.host}/library/node@${first.manifestDigest}`);

    // The tag moves to other bytes (a new LTS patch): the rerun still builds on the pinned digest.
    const moved = await pushTinyBase(registry.url, "library/node", { tag: "lts-alpine", format: "oci" });
    expect(moved.manifestDigest).not.toBe(first.manifestDigest);
    const rerun = await run.apply(imagesStep);
    expect(rerun.baseImagePinned).toBe(built.baseImagePinned);
    expect(rerun.images).toEqual(built.images);

    // Asking for another base image builds on it and pins that one.
    const other = await pushTinyBase(registry.url, "library/node", { tag: "26-alpine", format: "oci" });
    const rebased = await stepRun(
      testConfig(
        { registry: registry.host, baseImage: other.reference },
        { stateDir: tempDir("images-state") },
      ),
      moto.clients(),
      { images: { status: "done", outputs: rerun, updatedAt: "" } },
    ).apply(imagesStep);
    expect(rebased.baseImagePinned).toBe(`${registry.host}/library/node@${other.manifestDigest}`);
    expect(rebased.images).not.toEqual(built.images);
  }, 120_000);

  it("gets ECR's push token as base64 AWS:<password>", async () => {
    const auth = await ecrAuthorization(moto.clients().ecr);
    expect(Buffer.from(auth.token, "base64").toString()).toMatch(/^AWS:.+/);
    expect(auth.proxyEndpoint).toMatch(/^https:\/\/\d{12}\.dkr\.ecr\.us-east-1\.amazonaws\.com/);
  });

  it("without --registry it needs the registry step's repositories", async () => {
    const run = stepRun(
      testConfig({ baseImage: base }, { stateDir: tempDir("images-state") }),
      moto.clients(),
    );
    await expect(run.apply(imagesStep)).rejects.toThrow(/registry step/);
  });
});
