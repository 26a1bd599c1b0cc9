// Start-up cost of `msdemo --help` against bare `node -e 0`, measured side by side.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const BIN = resolve(import.meta.dirname, "../bin/msdemo.js");

function timeOnce(args: string[]): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: "ignore" });
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function benchStartup(runs = 15): { helpMs: number; nodeMs: number; ratio: number } {
  const help: number[] = [];
  const bare: number[] = [];
  timeOnce([BIN, "--help"]); // warm the file cache
  // Interleaved, so both see the same machine load.
  for (let i = 0; i < runs; i++) {
    bare.push(timeOnce(["-e", "0"]));
    help.push(timeOnce([BIN, "--help"]));
  }
  const helpMs = median(help);
  const nodeMs = median(bare);
  return { helpMs, nodeMs, ratio: helpMs / nodeMs };
}
