// Teardown against the FAKE API server: LoadBalancer Services first, then
// waiting until the (fake) cloud no longer lists their load balancers, then the
// namespace; gone counts as done.
import { describe, expect, it } from "vitest";
import { removeDeployment } from "../../src/kube/remove.js";
import { deployStack } from "../../src/kube/stack.js";
import { STACK } from "./fixtures.js";
import { fakeCluster, never, recorder } from "./helpers.js";

describe("removeDeployment", () => {
  it("deletes the Services, waits for AWS to drop their load balancers, then deletes the namespace", async () => {
    const { fake, config } = await fakeCluster({ loadBalancerDeleteMs: 60, namespaceDeleteMs: 60 });
    const { loadBalancers } = await deployStack(config, { ...STACK, signal: never(), intervalMs: 10 });
    const hosts = Object.values(loadBalancers);
    expect(fake.cloudLoadBalancers().sort()).toEqual([...hosts].sort());

    const asked: string[] = [];
    const progress = recorder();
    await removeDeployment(config, {
      namespace: "msdemo",
      signal: never(),
      intervalMs: 10,
      timeoutMs: 30_000,
      loadBalancerGone: async (host) => {
        asked.push(host);
        return !fake.cloudLoadBalancers().includes(host);
      },
      onProgress: progress.onProgress,
    });

    expect(new Set(asked)).toEqual(new Set(hosts));
    expect(fake.cloudLoadBalancers()).toEqual([]);
    expect(fake.objects()).toEqual([]);
    // The order AWS needs: every Service deletion, every load balancer gone, then the namespace.
    const t = fake.timeline;
    const lastLbGone = Math.max(...hosts.map((h) => t.indexOf(`lb-deleted ${h}`)));
    const serviceDeletes = t.filter((e) => e.startsWith("DELETE /api/v1/namespaces/msdemo/services/"));
    expect(serviceDeletes).toHaveLength(3);
    for (const d of serviceDeletes) expect(t.indexOf(d)).toBeLessThan(lastLbGone);
    expect(t.indexOf("DELETE /api/v1/namespaces/msdemo")).toBeGreaterThan(lastLbGone);
    expect(t.at(-1)).toBe("namespace-deleted msdemo");
    expect(progress.messages.at(-1)).toBe("namespace msdemo deleted");
    expect(progress.events).toContainEqual({ type: "load-balancer-gone", hostname: hosts[0], gone: true });
  });

  it("counts what is already gone as done", async () => {
    const { fake, config } = await fakeCluster();
    const options = {
      namespace: "msdemo",
      signal: never(),
      intervalMs: 10,
      timeoutMs: 5_000,
      loadBalancerGone: async () => true,
    };
    await removeDeployment(config, options);
    expect(fake.requests.filter((r) => r.method === "DELETE")).toEqual([]);
  });

  it("resumes an interrupted teardown whose namespace is still Terminating", async () => {
    const { fake, config } = await fakeCluster({ namespaceDeleteMs: "manual" });
    await deployStack(config, { ...STACK, services: ["auth"], signal: never(), intervalMs: 10 });
    const options = { namespace: "msdemo", intervalMs: 10, loadBalancerGone: async () => true };
    await expect(removeDeployment(config, { ...options, signal: never(), timeoutMs: 50 })).rejects.toThrow(
      /waiting for namespace msdemo to be deleted/,
    );
    expect(fake.get("Namespace", "msdemo")?.status).toEqual({ phase: "Terminating" });
    const progress = recorder();
    const resumed = removeDeployment(config, {
      ...options,
      signal: never(),
      timeoutMs: 30_000,
      onProgress: progress.onProgress,
    });
    await expect.poll(() => progress.messages).toContain("deleting namespace msdemo");
    fake.finishNamespaceDeletions();
    await resumed;
    expect(fake.objects()).toEqual([]);
    expect(
      fake.requests.filter((r) => r.method === "DELETE" && r.path === "/api/v1/namespaces/msdemo"),
    ).toHaveLength(1);
  });

  it("times out, saying which load balancer AWS still lists", async () => {
    const { config } = await fakeCluster();
    await deployStack(config, { ...STACK, services: ["auth"], signal: never(), intervalMs: 10 });
    const removing = removeDeployment(config, {
      namespace: "msdemo",
      signal: never(),
      intervalMs: 10,
      timeoutMs: 100,
      loadBalancerGone: async () => false,
    });
    await expect(removing).rejects.toMatchObject({
      message: expect.stringMatching(
        /waiting for AWS to delete load balancer aauthservice-1234567890\.us-east-1\.elb\.amazonaws\.com/,
      ),
      hint: expect.stringMatching(/teardown again/),
    });
  });
});
