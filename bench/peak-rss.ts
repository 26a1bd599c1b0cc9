// Peak memory of `msdemo up --yes` with every step, the image build included,
// beside `msdemo --version`: CloudShell has 2 GiB for everything. Goal ≤ 300 MB
// for msdemo and every process under it (esbuild's bundler) together, sampled
// from /proc; msdemo's own peak is read exactly by the process as it exits.
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
import { sampleTreeRss } from "./support/tree-rss.js";

const REPORTER = resolve(import.meta.dirname, "support/report-peak-rss.mjs");

interface Peak {
  /** The peak of msdemo's and its children's memory together, sampled: what the machine held at once. */
  treeMB: number;
  /** msdemo's own peak, MB. */
  ownMB: number;
  /** Its children's peaks (esbuild's service), MB, summed. */
  childrenMB: number;
  /** Each child still running at exit, with its peak. */
  childNames: string[];
}

/** Peak RSS of `msdemo <args>` and of its children, read by the process itself as it exits. */
async function peakRss(args: string[], env: Record<string, string>): Promise<Peak> {
  const file = join(tempDir("rss"), "peak");
  // Asynchronous: the fake Kubernetes API answers from this very process.
  const sampler = sampleTreeRss(REPORTER);
  const run = await runCli(args, {
    env: { ...env, MSDEMO_BENCH_RSS_FILE: file },
    nodeArgs: ["--import", REPORTER],
    timeoutMs: 600_000,
  });
  const treeKB = sampler.stop();
  if (run.code !== 0)
    throw new Error(`msdemo ${args.join(" ")} exited ${run.code}:\n${run.stderr}${run.stdout}`);
  const { own, children } = JSON.parse(readFileSync(file, "utf8")) as {
    own: number;
    children: { name: string; kb: number }[];
  };
  const mb = (kb: number) => (kb * 1024) / 1e6;
  return {
    treeMB: mb(treeKB),
    ownMB: mb(own),
    childrenMB: mb(children.reduce((sum, c) => sum + c.kb, 0)),
    childNames: children.map((c) => `${c.name} ${mb(c.kb).toFixed(0)} MB`),
  };
}

export async function benchPeakRss(): Promise<{ up: Peak; version: Peak }> {
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
    const up = await peakRss(["up", "--yes", ...args], env);
    const version = await peakRss(["--version"], {});
    return { up, version };
  } finally {
    await Promise.all([moto.stop(), registry.stop(), kube.stop()]);
  }
}

/** One line: msdemo's peak with its children's added, and each part. */
function describePeakRss({ up, version }: { up: Peak; version: Peak }): string {
  return (
    `up --yes, every step (images built): peak RSS of msdemo and its children at once ${up.treeMB.toFixed(0)} MB ` +
    `(msdemo alone ${up.ownMB.toFixed(0)} MB; children's own peaks ${up.childNames.join(", ") || "none"}; ` +
    `msdemo --version: ${version.ownMB.toFixed(0)} MB), goal ≤ 300 MB`
  );
}

// `npm run bench:rss`: this figure alone (`npm run bench` prints it with the others).
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(describePeakRss(await benchPeakRss()));
}
