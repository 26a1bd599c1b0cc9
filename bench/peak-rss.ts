// Peak memory of `msdemo up --yes` with every step, the image build included,
// beside bare `node -e 0`: CloudShell has 2 GiB for everything. Goal ≤ 300 MB.
// AWS is moto_server, images go to a real registry, Kubernetes is the FAKE API
// server (test/support), as in test/e2e/full-stack.test.ts.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startFakeKubeApi } from "../test/support/fake-kube-api.js";
import { createLabRoles } from "../test/support/lab-roles.js";
import { startMoto } from "../test/support/moto.js";
import { tempDir } from "../test/support/process.js";
import { pushTinyBase, startRegistry } from "../test/support/registry.js";

const BIN = resolve(import.meta.dirname, "../bin/msdemo.js");
const REPORTER = resolve(import.meta.dirname, "support/report-peak-rss.mjs");

/**
 * Peak RSS in MB of `node <args>`, read by the process itself as it exits.
 * Asynchronous: the fake Kubernetes API answers from this very process.
 */
async function peakRssMB(args: string[], env: Record<string, string>): Promise<number> {
  const file = join(tempDir("rss"), "peak");
  const child = spawn(process.execPath, ["--import", REPORTER, ...args], {
    env: { ...process.env, ...env, CI: "true", MSDEMO_BENCH_RSS_FILE: file },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    output += c.toString();
  });
  const code = await new Promise<number | null>((r) => child.on("close", r));
  if (code !== 0) throw new Error(`node ${args.join(" ")} exited ${code}:\n${output}`);
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
    const upMB = await peakRssMB([BIN, "up", "--yes", ...args], env);
    const nodeMB = await peakRssMB(["-e", "0"], {});
    return { upMB, nodeMB };
  } finally {
    await Promise.all([moto.stop(), registry.stop(), kube.stop()]);
  }
}

// `npm run bench:rss`: this figure alone (`npm run bench` prints it with the others).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { upMB, nodeMB } = await benchPeakRss();
  console.log(
    `up --yes, every step (images built): peak RSS ${upMB.toFixed(0)} MB (bare node -e 0: ${nodeMB.toFixed(0)} MB), goal ≤ 300 MB`,
  );
}
