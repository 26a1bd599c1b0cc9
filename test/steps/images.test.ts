// The images step against Debian's docker-registry (--registry) and ECR in moto
// for the token: the three real services built and pushed, a rerun pushes
// nothing, and the pushed reference is what the deploy step will run. The
// plan/apply agreement counts the registry's write requests through the
// test proxy of test/support/registry.ts in front of the real registry.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { ecrAuthorization } from "../../src/aws/ecr-auth.js";
import { imagesStep } from "../../src/steps/images.js";
import type { ImagesOutputs } from "../../src/steps/outputs.js";
import { expectPlanIsApply } from "../support/agreement.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";
import {
  pushTinyBase,
  type RegistryProxy,
  startRegistry,
  startRegistryProxy,
  type TestRegistry,
} from "../support/registry.js";
import { registryRequests } from "../support/request-logs.js";
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
  it("builds and pushes the three services; a rerun plans nothing, uploads nothing and gives the same digests", async () => {
    const proxy = await startRegistryProxy(registry.url);
    onTestFinished(() => proxy.stop());
    const config = testConfig(
      { registry: proxy.host, baseImage: base.replace(registry.host, proxy.host) },
      { stateDir: tempDir("images-state") },
    );
    const run = stepRun(config, moto.clients());
    expect((await run.plan(imagesStep)).map((c) => c.action)).toEqual(["create", "create", "create"]);
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
    const planned = await run.plan(imagesStep);
    expect(planned.map((c) => c.action)).toEqual(["none", "none", "none"]);
    expect(planned.map((c) => c.name)).toEqual([
      expect.stringMatching(/^auth-service-repo:src-[0-9a-f]{12}$/),
      expect.stringMatching(/^orders-service-repo:src-[0-9a-f]{12}$/),
      expect.stringMatching(/^products-service-repo:src-[0-9a-f]{12}$/),
    ]);
    run.events.length = 0;
    proxy.requests.length = 0;
    const second = await run.apply(imagesStep);
    expect(second.images).toEqual(first.images);
    expect(run.events.filter((e) => e.type === "step-change")).toEqual([]);
    expect(blobUploads(proxy)).toEqual([]);
  }, 120_000);

  describe("plan lists exactly what up does", () => {
    const images = (outputs: Record<string, unknown>) => (outputs as ImagesOutputs).images;
    const proxied = async () => {
      const proxy = await startRegistryProxy(registry.url);
      const config = testConfig(
        // Each test its own repositories (a prefix), so one's pushes are not the next one's "present".
        { registry: `${proxy.host}/${Math.random().toString(36).slice(2, 8)}`, baseImage: base },
        { stateDir: tempDir("images-state") },
      );
      return { proxy, config, calls: registryRequests(proxy) };
    };

    it("in an empty registry: three pushes", async () => {
      const { proxy, config, calls } = await proxied();
      try {
        const planned = await expectPlanIsApply(
          stepRun(config, moto.clients(), {}, calls),
          imagesStep,
          calls,
        );
        expect(planned.map((c) => c.action)).toEqual(["create", "create", "create"]);
      } finally {
        await proxy.stop();
      }
    }, 120_000);

    it("with every image present: nothing, and not one write request", async () => {
      const { proxy, config, calls } = await proxied();
      try {
        const first = images(await stepRun(config, moto.clients()).apply(imagesStep));
        calls.clear();
        const run = stepRun(config, moto.clients(), {}, calls);
        const planned = await expectPlanIsApply(run, imagesStep, calls);
        expect(planned.map((c) => c.action)).toEqual(["none", "none", "none"]);
        expect(calls.mutating()).toEqual([]);
        // Found by its source tag even with no state: the same digests as the push.
        expect(images(run.state.get("images")!.outputs)).toEqual(first);
      } finally {
        await proxy.stop();
      }
    }, 120_000);

    it("after an image was deleted from its repository behind msdemo's back: that one is pushed again", async () => {
      const { proxy, config, calls } = await proxied();
      try {
        const first = images(await stepRun(config, moto.clients()).apply(imagesStep));
        const [repository, digest] = first.orders!.slice(proxy.host.length + 1).split("@");
        const deleted = await fetch(`${registry.url}/v2/${repository}/manifests/${digest}`, {
          method: "DELETE",
        });
        expect(deleted.status).toBe(202);
        const run = stepRun(config, moto.clients(), {}, calls);
        const planned = await expectPlanIsApply(run, imagesStep, calls);
        expect(planned.map((c) => c.action)).toEqual(["none", "create", "none"]);
        expect(calls.mutating().every((c) => c.includes("orders-service-repo"))).toBe(true);
        expect(images(run.state.get("images")!.outputs)).toEqual(first);
      } finally {
        await proxy.stop();
      }
    }, 120_000);
  });

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
    // A plan before the registry step ran: everything to push.
    expect((await run.plan(imagesStep)).map((c) => c.action)).toEqual(["create", "create", "create"]);
    await expect(run.apply(imagesStep)).rejects.toThrow(/registry step/);
  });
});
