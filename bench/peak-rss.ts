// Peak memory of `msdemo up --yes` with every step, the image build included,
// beside bare `node -e 0`: CloudShell has 2 GiB for everything. Goal ≤ 300 MB.
// AWS is moto_server, images go to a real registry, Kubernetes is the FAKE API
// server (test/support), as in test/e2e/full-stack.test.ts.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startFakeKubeApi } from "../test/support/fake-kube-api.js";
import { createLabRoles } from "../test/support/lab-roles.js";
import { startMoto } from "../test/support/moto.js";
import { tempDir } from "../test/support/process.js";
import { pushTinyBase, startRegistry } from "../test/support/registry.js";

const BIN = resolve(import.meta.dirname, "../bin/msdemo.js");
const REPORTER = resolve(import.meta.dirname, "support/report-peak-rss.mjs");

/** Peak RSS in MB of `node <args>`, read by the process itself as it exits. */
function peakRssMB(args: string[], env: Record<string, string>): number {
  const file = join(tempDir("rss"), "peak");
  const run = spawnSync(process.execPath, ["--import", REPORTER, ...args], {
    env: { ...process.env, ...env, CI: "true", MSDEMO_BENCH_RSS_FILE: file },
    encoding: "utf8",
  });
  if (run.status !== 0)
    throw new Error(`node ${args.join(" ")} exited ${run.status}:\n${run.stderr}${run.stdout}`);
  return (Number(readFileSync(file, "utf8")) * 1024) / 1e6;
}

export async function benchPeakRss(): Promise<{ upMB: number; nodeMB: number }> {
  const [moto, registry, kube] = await Promise.all([
    startMoto(),
    startRegistry(),
    startFakeKubeApi({ readyAfterMs: 200, loadBalancerAfterMs: 300 }),
  ]);
  try {
    await createLabRoles(moto.clients());
    const base = await pushTinyBase(registry.url, "library/node", { tag: "20-alpine" });
    const kubeconfig = join(tempDir("kubeconfig"), "config");
    writeFileSync(kubeconfig, kube.kubeconfig());
    const env = { ...moto.env, MSDEMO_STATE_DIR: tempDir("rss-state"), MSDEMO_POLL_SCALE: "0.001" };
    const args = ["--registry", registry.host, "--base-image", base.reference, "--kubeconfig", kubeconfig];
    const upMB = peakRssMB([BIN, "up", "--yes", ...args], env);
    const nodeMB = peakRssMB(["-e", "0"], {});
    return { upMB, nodeMB };
  } finally {
    await Promise.all([moto.stop(), registry.stop(), kube.stop()]);
  }
}
