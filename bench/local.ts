// `msdemo local` as a student meets it: time from the command to its URL, on a
// first run (initdb) and a warm one (data kept), and the memory of the whole
// thing idle (msdemo's process plus every PostgreSQL process under it).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalCli } from "../test/support/local.js";
import { processTree } from "../test/support/proc.js";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(start: () => Promise<T>): Promise<{ local: T; ms: number }> {
  const started = performance.now();
  const local = await start();
  return { local, ms: performance.now() - started };
}

/** kB from /proc/<pid>/smaps_rollup: Rss counts shared pages in every process, Pss splits them. */
function memoryOf(pids: number[]): { rssMb: number; pssMb: number } {
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return { rssMb: rss / 1024, pssMb: pss / 1024 };
}

export interface LocalBench {
  firstMs: number;
  warmMs: number;
  idle: { rssMb: number; pssMb: number; processes: number };
}

export async function benchLocal(rounds = 3): Promise<LocalBench> {
  const first: number[] = [];
  const warm: number[] = [];
  let idle: LocalBench["idle"] = { rssMb: 0, pssMb: 0, processes: 0 };
  const cleanup: string[] = [];
  try {
    // Alternating first and warm starts, so both see the same machine load.
    for (let round = 0; round < rounds; round++) {
      const stateDir = mkdtempSync(join(tmpdir(), "msdemo-bench-local-"));
      cleanup.push(stateDir);
      const cold = await timed(() => startLocalCli([], { MSDEMO_STATE_DIR: stateDir }));
      if (cold.local.dataDir) cleanup.push(cold.local.dataDir);
      first.push(cold.ms);
      await cold.local.stop();
      const again = await timed(() => startLocalCli([], { MSDEMO_STATE_DIR: stateDir }));
      warm.push(again.ms);
      if (round === rounds - 1) {
        // Idle after one call per kind of route: what a student's terminal holds while reading.
        for (const path of ["/auth", "/orders", "/products", "/api/products"])
          await fetch(`${again.local.url}${path}`);
        const tree = processTree([again.local.child.pid!]).map((p) => p.pid);
        idle = { ...memoryOf(tree), processes: tree.length };
      }
      await again.local.stop();
    }
  } finally {
    for (const folder of cleanup) rmSync(folder, { recursive: true, force: true });
  }
  return { firstMs: median(first), warmMs: median(warm), idle };
}
