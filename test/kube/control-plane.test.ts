// The test control plane itself (test/support/kube-control-plane.ts): ready
// when start() returns, and no process of it survives stop() or the death of
// the test process that started it.
import { execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { AppsV1Api, CoreV1Api } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { kubeBinDir, realKubeAvailable, startKubeControlPlane } from "../support/kube-control-plane.js";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!realKubeAvailable())("the test control plane", () => {
  it("is where the build script says it put the binaries (both compute the folder from versions.env)", () => {
    const script = resolve(import.meta.dirname, "../../scripts/kube/build.sh");
    const out = execFileSync("bash", [script], { encoding: "utf8", timeout: 60_000 });
    // The last line is the binaries' folder; the helper computes the same one from versions.env.
    expect(out.trim().split("\n").at(-1)).toBe(kubeBinDir());
  });

  it("is ready when start() returns (nodes Ready, controllers and scheduler at work), and stop() ends every process", async () => {
    const plane = await startKubeControlPlane();
    const pids = plane.pids();
    try {
      expect(pids).toHaveLength(5);
      const core = plane.config.makeApiClient(CoreV1Api);
      const nodes = (await core.listNode()).items;
      expect(nodes.map((n) => n.metadata?.name).sort()).toEqual(["kwok-node-0", "kwok-node-1"]);
      // A Deployment becomes ready pods: controller-manager, scheduler and kwok all work.
      const apps = plane.config.makeApiClient(AppsV1Api);
      await apps.createNamespacedDeployment({
        namespace: "default",
        body: {
          metadata: { name: "probe" },
          spec: {
            replicas: 1,
            selector: { matchLabels: { app: "probe" } },
            template: {
              metadata: { labels: { app: "probe" } },
              spec: { containers: [{ name: "probe", image: "example.invalid/probe:1" }] },
            },
          },
        },
      });
      await expect
        .poll(
          async () =>
            (await apps.readNamespacedDeployment({ name: "probe", namespace: "default" })).status
              ?.readyReplicas,
          {
            timeout: 60_000,
            interval: 200,
          },
        )
        .toBe(1);
    } finally {
      await plane.stop();
    }
    expect(pids.filter(alive)).toEqual([]);
  }, 240_000);

  it("leaves no process behind when the test process that started it is killed", async () => {
    const holder = spawn(
      process.execPath,
      ["--import", "tsx", resolve(import.meta.dirname, "../support/fixtures/control-plane-holder.ts")],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const { pids, dir } = await new Promise<{ pids: number[]; dir: string }>((done, fail) => {
      let out = "";
      holder.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        const line = out.split("\n").find((l) => l.startsWith("{"));
        if (line) done(JSON.parse(line) as { pids: number[]; dir: string });
      });
      holder.once("exit", (code) => fail(new Error(`the holder exited (${code}) before starting the plane`)));
    });
    expect(pids).toHaveLength(5);
    expect(pids.every(alive)).toBe(true);
    holder.kill("SIGKILL");
    await expect.poll(() => pids.filter(alive), { timeout: 120_000, interval: 200 }).toEqual([]);
    // Only its files stay, as with any killed process: the test removes them.
    rmSync(dir, { recursive: true, force: true });
  }, 240_000);
});
