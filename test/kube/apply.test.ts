// Server-side apply, waiting, re-applying and planning against the FAKE
// Kubernetes API server of test/support.
import { describe, expect, it } from "vitest";
import { applyObjects, FIELD_MANAGER, planObjects } from "../../src/kube/apply.js";
import { renderStack } from "../../src/kube/render.js";
import { deployStack } from "../../src/kube/stack.js";
import { waitForLoadBalancers, waitForRollouts } from "../../src/kube/wait.js";
import { SERVICE_NAMES } from "../../src/routes.js";
import { STACK } from "./fixtures.js";
import { fakeCluster, never, recorder } from "./helpers.js";

const NAMES = ["auth-service", "orders-service", "products-service"];
const versions = (objects: { kind: string; metadata: { name: string; resourceVersion?: string } }[]) =>
  Object.fromEntries(objects.map((o) => [`${o.kind}/${o.metadata.name}`, o.metadata.resourceVersion]));

describe("deployStack", () => {
  it("applies everything, waits for rollouts and load balancers, and returns each service's hostname", async () => {
    const { fake, config } = await fakeCluster({ readyAfterMs: 50, loadBalancerAfterMs: 80 });
    const progress = recorder();
    const result = await deployStack(config, {
      ...STACK,
      signal: never(),
      intervalMs: 10,
      onProgress: progress.onProgress,
    });

    expect(result.loadBalancers).toEqual({
      auth: "aauthservice-1234567890.us-east-1.elb.amazonaws.com",
      orders: "aordersservice-1234567890.us-east-1.elb.amazonaws.com",
      products: "aproductsservice-1234567890.us-east-1.elb.amazonaws.com",
    });
    expect(result.applied.map((a) => a.outcome)).toEqual(Array(11).fill("created"));
    // Server-side apply, field manager msdemo, forced, for every object.
    expect(fake.applies).toHaveLength(11);
    expect(fake.applies.every((a) => a.fieldManager === FIELD_MANAGER && a.force)).toBe(true);
    const patches = fake.requests.filter((r) => r.method === "PATCH");
    expect(patches.every((r) => r.contentType === "application/apply-patch+yaml")).toBe(true);
    // Progress: each object, each rollout, each load balancer.
    expect(progress.messages).toContain("Deployment orders-service created");
    for (const deployment of NAMES) {
      expect(progress.events).toContainEqual({ type: "rolled-out", deployment, replicas: 2 });
    }
    expect(progress.events.filter((e) => e.type === "load-balancer")).toHaveLength(3);
    // What ended up in the cluster: pods of the rolled-out Deployments, the Secret.
    expect(fake.pods("msdemo", "auth-service")).toHaveLength(2);
    expect(fake.get("Deployment", "auth-service", "msdemo")?.status).toMatchObject({ readyReplicas: 2 });
    expect(fake.get("Secret", "msdemo-secrets", "msdemo")).toBeDefined();
  });

  it("re-applying the same thing changes nothing; a new image changes only its Deployment", async () => {
    const { fake, config } = await fakeCluster();
    await deployStack(config, { ...STACK, signal: never(), intervalMs: 10 });
    const before = versions(fake.objects());

    const again = await deployStack(config, { ...STACK, signal: never(), intervalMs: 10 });
    expect(again.applied.map((a) => a.outcome)).toEqual(Array(11).fill("unchanged"));
    expect(versions(fake.objects())).toEqual(before);

    const newImage = STACK.images.orders.replace(/@sha256:.*/, `@sha256:${"d".repeat(64)}`);
    const changed = await deployStack(config, {
      ...STACK,
      images: { ...STACK.images, orders: newImage },
      signal: never(),
      intervalMs: 10,
    });
    expect(changed.applied.filter((a) => a.outcome !== "unchanged")).toEqual([
      expect.objectContaining({ kind: "Deployment", name: "orders-service", outcome: "changed" }),
    ]);
    const orders = fake.get("Deployment", "orders-service", "msdemo")!;
    expect(orders.metadata.generation).toBe(2);
    expect(orders.status).toMatchObject({ observedGeneration: 2, readyReplicas: 2 });
    const after = versions(fake.objects());
    for (const [key, version] of Object.entries(before)) {
      if (key !== "Deployment/orders-service") expect(after[key], key).toBe(version);
    }
  });

  it("keeps an autoscaled Deployment's live replica count: a rerun does not undo the HPA's scale-up", async () => {
    const { fake, config } = await fakeCluster();
    await deployStack(config, { ...STACK, signal: never(), intervalMs: 10 });
    // The HPA scales orders up (another field manager writes spec.replicas).
    fake.scale("orders-service", "msdemo", 3);
    const rollout = { namespace: "msdemo", names: ["orders-service"], timeoutMs: 30_000, intervalMs: 10 };
    await waitForRollouts(config, { ...rollout, signal: never() });
    const scaled = versions(fake.objects());

    const again = await deployStack(config, { ...STACK, signal: never(), intervalMs: 10 });
    expect(again.applied.map((a) => a.outcome)).toEqual(Array(11).fill("unchanged"));
    expect(versions(fake.objects())).toEqual(scaled);
    expect(fake.get("Deployment", "orders-service", "msdemo")?.spec).toMatchObject({ replicas: 3 });
    expect(fake.pods("msdemo", "orders-service")).toHaveLength(3);
    const plans = await planObjects(config, renderStack(STACK, SERVICE_NAMES));
    expect(plans.filter((p) => p.action !== "none")).toEqual([]);
  });

  it("a changed secret changes the Secret and each Deployment's pod template (so the pods roll), nothing else", async () => {
    const { config } = await fakeCluster();
    const objects = renderStack(STACK, SERVICE_NAMES);
    await applyObjects(config, objects);
    const rotated = renderStack(
      { ...STACK, secrets: { ...STACK.secrets, jwtSecret: "rotated" } },
      SERVICE_NAMES,
    );
    const applied = await applyObjects(config, rotated);
    expect(applied.filter((a) => a.outcome === "changed").map((a) => `${a.kind}/${a.name}`)).toEqual([
      "Secret/msdemo-secrets",
      "Deployment/auth-service",
      "Deployment/orders-service",
      "Deployment/products-service",
    ]);
  });
});

describe("planObjects", () => {
  it("says create, then none, then update with the differing fields but never their values", async () => {
    const { fake, config } = await fakeCluster();
    const objects = renderStack(STACK, SERVICE_NAMES);
    expect((await planObjects(config, objects)).map((p) => p.action)).toEqual(Array(11).fill("create"));
    await applyObjects(config, objects);
    const requestsBefore = fake.requests.filter((r) => r.method !== "GET").length;
    expect((await planObjects(config, objects)).map((p) => p.action)).toEqual(Array(11).fill("none"));

    const changed = renderStack(
      {
        ...STACK,
        images: {
          ...STACK.images,
          auth: STACK.images.auth.replace(/@sha256:.*/, `@sha256:${"e".repeat(64)}`),
        },
        secrets: { ...STACK.secrets, dbPassword: "new-password" },
      },
      SERVICE_NAMES,
    );
    const plan = await planObjects(config, changed);
    const hash = "spec.template.metadata.annotations.msdemo/secret-hash";
    expect(plan.filter((p) => p.action === "update")).toEqual([
      { kind: "Secret", name: "msdemo-secrets", action: "update", differences: ["data.db-password"] },
      {
        kind: "Deployment",
        name: "auth-service",
        action: "update",
        differences: [hash, "spec.template.spec.containers[0].image"],
      },
      { kind: "Deployment", name: "orders-service", action: "update", differences: [hash] },
      { kind: "Deployment", name: "products-service", action: "update", differences: [hash] },
    ]);
    expect(JSON.stringify(plan)).not.toContain(Buffer.from("new-password").toString("base64"));
    // Planning mutates nothing.
    expect(fake.requests.filter((r) => r.method !== "GET").length).toBe(requestsBefore);
  });
});

describe("applyObjects errors", () => {
  it("says what failed, without echoing the Secret's data", async () => {
    const { config } = await fakeCluster();
    const withoutNamespace = renderStack(STACK, SERVICE_NAMES).filter((o) => o.kind !== "Namespace");
    const failure = applyObjects(config, withoutNamespace);
    await expect(failure).rejects.toThrow(
      /Applying Secret msdemo\/msdemo-secrets: HTTP 404 — namespaces "msdemo" not found/,
    );
    const message = await failure.catch((e: Error) => `${e.message} ${JSON.stringify(e)}`);
    expect(message).not.toContain(Buffer.from(STACK.secrets.jwtSecret).toString("base64"));
  });

  it("explains a rejected token", async () => {
    const { config } = await fakeCluster({ acceptToken: (t) => t === "good" }, "bad");
    await expect(applyObjects(config, renderStack(STACK, ["auth"]))).rejects.toMatchObject({
      message: expect.stringMatching(/HTTP 401/),
      hint: expect.stringMatching(/AWS credentials/),
    });
  });

  it("explains an API server that cannot be reached", async () => {
    const { fake, config } = await fakeCluster();
    await fake.stop();
    await expect(applyObjects(config, renderStack(STACK, []))).rejects.toMatchObject({
      message: expect.stringMatching(/^Applying Namespace msdemo: /),
      hint: expect.stringMatching(/cannot be reached/),
    });
  });

  it("stops at an aborted signal before changing anything", async () => {
    const { fake, config } = await fakeCluster();
    const controller = new AbortController();
    controller.abort();
    await expect(
      applyObjects(config, renderStack(STACK, SERVICE_NAMES), undefined, controller.signal),
    ).rejects.toThrow();
    expect(fake.applies).toEqual([]);
  });
});

describe("waiting", () => {
  it("waits for a rollout that completes on demand, reporting progress", async () => {
    const { fake, config } = await fakeCluster({ readyAfterMs: "manual" });
    await applyObjects(config, renderStack(STACK, ["auth"]));
    const progress = recorder();
    const waiting = waitForRollouts(config, {
      namespace: "msdemo",
      names: ["auth-service"],
      timeoutMs: 30_000,
      intervalMs: 10,
      signal: never(),
      onProgress: progress.onProgress,
    });
    await expect.poll(() => progress.messages).toContain("auth-service: 0/2 pods ready");
    expect(progress.events.some((e) => e.type === "rolled-out")).toBe(false);
    fake.markReady("auth-service");
    await waiting;
    expect(progress.messages.at(-1)).toBe("auth-service: 2/2 pods ready");
  });

  it("waits for load balancers provisioned on demand; on timeout it says what it still waits for", async () => {
    const { fake, config } = await fakeCluster({ loadBalancerAfterMs: "manual" });
    await applyObjects(config, renderStack(STACK, SERVICE_NAMES));
    const options = { namespace: "msdemo", names: NAMES, intervalMs: 10, signal: never() };
    await expect(waitForLoadBalancers(config, { ...options, timeoutMs: 100 })).rejects.toThrow(
      /waiting for load balancers for auth-service, orders-service, products-service\.\nauth-service: no event/,
    );
    fake.provisionLoadBalancers();
    const hosts = await waitForLoadBalancers(config, { ...options, timeoutMs: 30_000 });
    expect(Object.keys(hosts)).toEqual(NAMES);
  });

  it("gives up when the signal aborts", async () => {
    const { config } = await fakeCluster({ readyAfterMs: "manual" });
    await applyObjects(config, renderStack(STACK, ["auth"]));
    const controller = new AbortController();
    const waiting = waitForRollouts(config, {
      namespace: "msdemo",
      names: ["auth-service"],
      timeoutMs: 60_000,
      intervalMs: 10,
      signal: controller.signal,
    });
    controller.abort();
    await expect(waiting).rejects.toThrow(/abort/i);
  });

  it("fails clearly for a Deployment that does not exist", async () => {
    const { config } = await fakeCluster();
    await expect(
      waitForRollouts(config, {
        namespace: "msdemo",
        names: ["nope"],
        timeoutMs: 1_000,
        intervalMs: 10,
        signal: never(),
      }),
    ).rejects.toThrow(/Reading Deployment msdemo\/nope: HTTP 404/);
  });
});

describe("a rollout that times out says why, from the pods", () => {
  const cases = [
    [
      "ImagePullBackOff",
      /orders-service:\n {2}orders-service-\S+: ImagePullBackOff — the node cannot pull the image \(Back-off pulling image "the-image"\)/,
    ],
    [
      "CrashLoopBackOff",
      /CrashLoopBackOff — the container keeps exiting \(exit code 1\); last log lines:\norders-service starting\nError: connect ECONNREFUSED 10\.0\.0\.5:5432/,
    ],
    [
      "Pending",
      /orders-service-\S+: Pending — FailedScheduling: 0\/2 nodes are available: 2 Insufficient cpu\./,
    ],
    ["Unready", /orders-service-\S+: Running but not ready \(its readiness probe \/readyz fails/],
  ] as const;

  for (const [trouble, expected] of cases) {
    it(trouble, async () => {
      const { config } = await fakeCluster({ trouble: { "orders-service": trouble } });
      await applyObjects(config, renderStack(STACK, SERVICE_NAMES));
      const waiting = waitForRollouts(config, {
        namespace: "msdemo",
        names: NAMES,
        timeoutMs: 300,
        intervalMs: 20,
        signal: never(),
      });
      await expect(waiting).rejects.toThrow(expected);
      // Only the stuck Deployment is blamed.
      const message = await waiting.catch((e: Error) => e.message);
      expect(message).toMatch(/waiting for orders-service to roll out/);
      expect(message).not.toMatch(/auth-service/);
    });
  }
});

describe("a rollout whose pods are stuck", () => {
  it("fails before the timeout, with the reason, once every pod is stuck for stuckAfterMs", async () => {
    const { config } = await fakeCluster({ trouble: { "orders-service": "ImagePullBackOff" } });
    await applyObjects(config, renderStack(STACK, SERVICE_NAMES));
    const waiting = waitForRollouts(config, {
      namespace: "msdemo",
      names: NAMES,
      timeoutMs: 10 * 60_000,
      intervalMs: 10,
      stuckAfterMs: 0,
      signal: never(),
    });
    await expect(waiting).rejects.toThrow(
      /^orders-service cannot roll out: its pods are stuck\.\norders-service:\n {2}orders-service-\S+: ImagePullBackOff/,
    );
  });

  it("keeps waiting for pods that are merely not ready yet", async () => {
    const { fake, config } = await fakeCluster({ readyAfterMs: "manual" });
    await applyObjects(config, renderStack(STACK, ["auth"]));
    const progress = recorder();
    const waiting = waitForRollouts(config, {
      namespace: "msdemo",
      names: ["auth-service"],
      timeoutMs: 60_000,
      intervalMs: 10,
      stuckAfterMs: 0,
      signal: never(),
      onProgress: progress.onProgress,
    });
    await expect.poll(() => fake.requests.filter((r) => r.path.endsWith("/pods")).length).toBeGreaterThan(2);
    fake.markReady("auth-service");
    await expect(waiting).resolves.toBeUndefined();
  });
});
