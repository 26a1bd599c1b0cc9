// Teardown against a REAL control plane: LoadBalancer Services first, held by
// the cleanup finalizer until the (stand-in) cloud has deleted their load
// balancers (test/support/lb-watcher.ts plays EKS's cloud controller), then the
// namespace, which Kubernetes empties asynchronously; gone counts as done.
import { CoreV1Api } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { removeDeployment } from "../../src/kube/remove.js";
import { deployStack } from "../../src/kube/stack.js";
import { realKubeAvailable } from "../support/kube-control-plane.js";
import { CLEANUP_FINALIZER } from "../support/lb-watcher.js";
import { STACK } from "./fixtures.js";
import { never, realCluster, recorder } from "./helpers.js";

describe.skipIf(!realKubeAvailable())("removeDeployment", () => {
  const cluster = realCluster();
  const fast = { signal: never(), intervalMs: 100 };

  it("deletes the Services, waits while their cleanup finalizer holds them, then deletes the namespace", async () => {
    const namespace = cluster.namespace();
    const config = cluster.config();
    const watcher = cluster.plane().loadBalancers;
    const core = config.makeApiClient(CoreV1Api);
    const { loadBalancers } = await deployStack(config, { ...STACK, namespace, ...fast });
    const hosts = Object.values(loadBalancers);
    for (const name of ["auth-service", "orders-service", "products-service"]) {
      const service = await core.readNamespacedService({ name, namespace });
      expect(service.metadata?.finalizers).toContain(CLEANUP_FINALIZER);
    }

    // AWS is slow: the load balancers stay, and so do the finalizers.
    watcher.hold();
    const asked = new Set<string>();
    const progress = recorder();
    try {
      const removing = removeDeployment(config, {
        namespace,
        ...fast,
        timeoutMs: 120_000,
        loadBalancerGone: async (host) => {
          asked.add(host);
          return !(await watcher.cloud.list()).includes(host);
        },
        onProgress: progress.onProgress,
      });
      await expect
        .poll(() => progress.events.filter((e) => e.type === "held-by-finalizer").length, {
          timeout: 120_000,
        })
        .toBe(1);
      expect(progress.events).toContainEqual({
        type: "held-by-finalizer",
        kind: "Service",
        name: "auth-service",
        finalizer: "service.kubernetes.io/load-balancer-cleanup",
      });
      const held = await core.readNamespacedService({ name: "auth-service", namespace });
      expect(held.metadata?.deletionTimestamp).toBeDefined();
      // The namespace is not touched while a load balancer may still exist.
      const meanwhile = await core.readNamespace({ name: namespace });
      expect(meanwhile.metadata?.deletionTimestamp).toBeUndefined();

      watcher.release();
      await removing;
    } finally {
      watcher.release();
    }

    expect(asked).toEqual(new Set(hosts));
    const cloud = await watcher.cloud.list();
    for (const host of hosts) {
      expect(cloud).not.toContain(host);
      expect(watcher.timeline).toContain(`lb-deleted ${host}`);
    }
    await expect(core.readNamespace({ name: namespace })).rejects.toMatchObject({ code: 404 });
    expect(progress.events.at(-1)).toEqual({ type: "deleted", kind: "Namespace", name: namespace });
    expect(progress.events).toContainEqual({ type: "load-balancer-gone", hostname: hosts[0], gone: true });
  }, 240_000);

  it("counts what is already gone as done", async () => {
    const progress = recorder();
    await removeDeployment(cluster.config(), {
      namespace: cluster.namespace(),
      ...fast,
      timeoutMs: 5_000,
      loadBalancerGone: async () => true,
      onProgress: progress.onProgress,
    });
    expect(progress.events).toEqual([]);
  });

  it("resumes an interrupted teardown whose namespace is still Terminating (no second delete refused)", async () => {
    const namespace = cluster.namespace();
    const config = cluster.config();
    const watcher = cluster.plane().loadBalancers;
    const core = config.makeApiClient(CoreV1Api);
    await deployStack(config, { ...STACK, namespace, services: ["auth"], ...fast });
    watcher.hold();
    try {
      // The interrupted teardown got as far as deleting the namespace.
      await core.deleteNamespace({ name: namespace });
      const progress = recorder();
      const resumed = removeDeployment(config, {
        namespace,
        ...fast,
        timeoutMs: 120_000,
        loadBalancerGone: async (host) => !(await watcher.cloud.list()).includes(host),
        onProgress: progress.onProgress,
      });
      await expect
        .poll(() => progress.events.some((e) => e.type === "held-by-finalizer"), { timeout: 120_000 })
        .toBe(true);
      watcher.release();
      await resumed;
      expect(progress.events).toContainEqual({ type: "deleting", kind: "Namespace", name: namespace });
    } finally {
      watcher.release();
    }
    await expect(core.readNamespace({ name: namespace })).rejects.toMatchObject({ code: 404 });
  }, 240_000);

  it("times out, saying which load balancer AWS still lists", async () => {
    const namespace = cluster.namespace();
    const config = cluster.config();
    const { loadBalancers } = await deployStack(config, { ...STACK, namespace, services: ["auth"], ...fast });
    const removing = removeDeployment(config, {
      namespace,
      ...fast,
      timeoutMs: 20_000,
      loadBalancerGone: async () => false,
    });
    await expect(removing).rejects.toMatchObject({
      message: expect.stringContaining(`waiting for AWS to delete load balancer ${loadBalancers.auth}`),
      hint: expect.stringMatching(/teardown again/),
    });
  }, 120_000);
});
