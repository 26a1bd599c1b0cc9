// Rollouts that never finish, against the FAKE Kubernetes API server of
// test/support: kwok's pods always become Ready, so a real control plane here
// cannot show image pull errors, crash loops or a failing readiness probe.
// Everything a real one can show is in apply.test.ts.
import { describe, expect, it } from "vitest";
import { readOnly, WriteWhileObservingError } from "../../src/engine/read-only.js";
import { applyObjects } from "../../src/kube/apply.js";
import { removeDeployment } from "../../src/kube/remove.js";
import { renderStack } from "../../src/kube/render.js";
import { waitForRollouts } from "../../src/kube/wait.js";
import { SERVICE_NAMES } from "../../src/routes.js";
import { STACK } from "./fixtures.js";
import { fakeCluster, never, recorder } from "./helpers.js";

const NAMES = ["auth-service", "orders-service", "products-service"];

// Why the fake here: the guard is proven by counting write requests, and only
// the fake keeps a log of the requests it was sent.
describe("the read-only guard", () => {
  it("stops an apply and a teardown's deletes while a step only observes, before any write request", async () => {
    const { fake, config } = await fakeCluster();
    const writes = () => fake.requests.filter((r) => !["GET", "HEAD"].includes(r.method));
    await expect(
      readOnly("deploy: observe", () => applyObjects(config, renderStack(STACK, SERVICE_NAMES))),
    ).rejects.toBeInstanceOf(WriteWhileObservingError);
    expect(writes()).toEqual([]);
    await applyObjects(config, renderStack(STACK, SERVICE_NAMES));
    fake.requests.length = 0;
    const removing = readOnly("deploy: inspect", () =>
      removeDeployment(config, {
        namespace: "msdemo",
        loadBalancerGone: async () => true,
        intervalMs: 10,
        timeoutMs: 5_000,
        signal: never(),
      }),
    );
    await expect(removing).rejects.toBeInstanceOf(WriteWhileObservingError);
    expect(writes()).toEqual([]);
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
    ["Unready", /orders-service-\S+: Running but not ready \(its readiness probe \/readyz fails/],
  ] as const;

  for (const [trouble, expected] of cases) {
    it(trouble, async () => {
      // Fake: kwok never fails a pull, crashes a container or fails a probe.
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
    // Fake: a pod stuck in ImagePullBackOff needs a kubelet that pulls.
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
    // Fake: it counts the pod reads while the pods wait, which only the fake records.
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
