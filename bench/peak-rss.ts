// Peak memory of `msdemo up --yes` with every step, the image build included,
// beside `msdemo --version`: CloudShell has 2 GiB for everything. Goal ≤ 300 MB.
// AWS is moto_server, images go to a real registry, Kubernetes is the FAKE API
// server (test/support), as in test/e2e/full-stack.test.ts.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { runCli } from "../test/support/cli.js";
import { startFakeKubeApi } from "../test/support/fake-kube-api.js";
import { createLabRoles } from "../test/support/lab-roles.js";
import { startMoto } from "../test/support/moto.js";
import { tempDir } from "../test/support/process.js";
import { pushTinyBase, startRegistry } from "../test/support/registry.js";

const REPORTER = resolve(import.meta.dirname, "support/report-peak-rss.mjs");

/** Peak RSS in MB of `msdemo <args>`, read by the process itself as it exits. */
async function peakRssMB(args: string[], env: Record<string, string>): Promise<number> {
  const file = join(tempDir("rss"), "peak");
  // Asynchronous: the fake Kubernetes API answers from this very process.
  const run = await runCli(args, {
    env: { ...env, MSDEMO_BENCH_RSS_FILE: file },
    nodeArgs: ["--import", REPORTER],
    timeoutMs: 600_000,
  });
  if (run.code !== 0)
    throw new Error(`msdemo ${args.join(" ")} exited ${run.code}:\n${run.stderr}${run.stdout}`);
  return (Number(readFileSync(file, "utf8")) * 1024) / 1e6;
}

export async function benchPeakRss(): Promise<{ upMB: number; versionMB: number }> {
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
    const upMB = await peakRssMB(["up", "--yes", ...args], env);
    const versionMB = await peakRssMB(["--version"], {});
    return { upMB, versionMB };
  } finally {
    await Promise.all([moto.stop(), registry.stop(), kube.stop()]);
  }
}

// `npm run bench:rss`: this figure alone (`npm run bench` prints it with the others).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { upMB, versionMB } = await benchPeakRss();
  console.log(
    `up --yes, every step (images built): peak RSS ${upMB.toFixed(0)} MB (msdemo --version: ${versionMB.toFixed(0)} MB), goal ≤ 300 MB`,
  );
}
