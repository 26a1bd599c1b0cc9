// Samples, every few milliseconds, the resident memory of a process tree: the
// processes whose command line holds `marker`, and everything under them. The
// peak of the sums is what the machine had to hold at once (a sample can miss
// a spike shorter than the interval; the figures here last seconds).
import { readdirSync, readFileSync } from "node:fs";

interface Proc {
  pid: number;
  parent: number;
  rssKB: number;
  cmdline: string;
}

function processes(): Proc[] {
  const found: Proc[] = [];
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      found.push({
        pid: Number(entry),
        parent: Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]),
        rssKB: Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0),
        cmdline: readFileSync(`/proc/${entry}/cmdline`, "utf8"),
      });
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

/** The summed RSS in kB of the tree(s) under processes whose command line holds `marker`. */
function treeRssKB(marker: string): number {
  const all = processes();
  const inTree = new Set(all.filter((p) => p.cmdline.includes(marker)).map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all)
      if (!inTree.has(p.pid) && inTree.has(p.parent)) {
        inTree.add(p.pid);
        grew = true;
      }
  }
  return all.filter((p) => inTree.has(p.pid)).reduce((sum, p) => sum + p.rssKB, 0);
}

/** Starts sampling; `stop()` returns the peak in kB seen so far. */
export function sampleTreeRss(marker: string, everyMs = 20): { stop(): number } {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssKB(marker));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
