// `msdemo logs SERVICE` against the FAKE API server: each pod's lines,
// prefixed with its name; since/tail passed on; follow streams until aborted.
// Why the fake: kwok runs no containers, so a real control plane has no pod
// logs to stream.
import { describe, expect, it } from "vitest";
import { applyObjects } from "../../src/kube/apply.js";
import { podLogs } from "../../src/kube/logs.js";
import { renderStack } from "../../src/kube/render.js";
import { STACK } from "./fixtures.js";
import { fakeCluster } from "./helpers.js";

async function deployed(options: Parameters<typeof fakeCluster>[0] = {}) {
  const cluster = await fakeCluster(options);
  await applyObjects(cluster.config, renderStack(STACK, ["auth", "products"]));
  return cluster;
}

describe("podLogs", () => {
  it("prints every pod's lines, prefixed with the pod's name, one pod after the other", async () => {
    const { fake, config } = await deployed();
    const lines: string[] = [];
    const pods = await podLogs(config, {
      namespace: "msdemo",
      app: "products-service",
      follow: false,
      onLine: (l) => lines.push(l),
    });
    const names = fake
      .pods("msdemo", "products-service")
      .map((p) => p.metadata.name)
      .sort();
    expect(pods).toEqual(names);
    expect(lines).toEqual(
      names.flatMap((pod) => [`[${pod}] products-service listening on port 3000`, `[${pod}] database ready`]),
    );
  });

  it("passes since and tail on to the API server", async () => {
    const { fake, config } = await deployed();
    const lines: string[] = [];
    await podLogs(config, {
      namespace: "msdemo",
      app: "auth-service",
      follow: false,
      sinceSeconds: 300,
      tailLines: 1,
      onLine: (l) => lines.push(l),
    });
    const logRequests = fake.requests.filter((r) => r.path.endsWith("/log"));
    expect(logRequests).toHaveLength(2);
    for (const r of logRequests) expect(r.query).toEqual({ sinceSeconds: "300", tailLines: "1" });
    expect(lines.every((l) => l.endsWith("] database ready"))).toBe(true);
  });

  it("follows new lines from every pod until the signal aborts", async () => {
    const { fake, config } = await deployed();
    const [first, second] = fake.pods("msdemo", "auth-service").map((p) => p.metadata.name);
    const lines: string[] = [];
    const controller = new AbortController();
    const following = podLogs(config, {
      namespace: "msdemo",
      app: "auth-service",
      follow: true,
      signal: controller.signal,
      onLine: (l) => lines.push(l),
    });
    await expect.poll(() => lines.length).toBe(4);
    fake.appendLog(first!, "GET /api/login 200");
    fake.appendLog(second!, "GET /api/login 401");
    await expect.poll(() => lines).toContain(`[${second}] GET /api/login 401`);
    expect(lines).toContain(`[${first}] GET /api/login 200`);
    controller.abort();
    await expect(following).resolves.toHaveLength(2);
    expect(fake.requests.filter((r) => r.path.endsWith("/log")).every((r) => r.query.follow === "true")).toBe(
      true,
    );
  });

  it("ends a follow when the server closes the streams", async () => {
    const { fake, config } = await deployed();
    const lines: string[] = [];
    const following = podLogs(config, {
      namespace: "msdemo",
      app: "auth-service",
      follow: true,
      onLine: (l) => lines.push(l),
    });
    await expect.poll(() => lines.length).toBe(4);
    fake.endLogStreams();
    await expect(following).resolves.toHaveLength(2);
  });

  it("finds no pods for a service that is not deployed", async () => {
    const { config } = await deployed();
    const lines: string[] = [];
    expect(
      await podLogs(config, {
        namespace: "msdemo",
        app: "orders-service",
        follow: false,
        onLine: (l) => lines.push(l),
      }),
    ).toEqual([]);
    expect(lines).toEqual([]);
  });
});
