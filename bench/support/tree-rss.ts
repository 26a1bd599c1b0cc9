// Samples, every few milliseconds, the resident memory of a process tree: the
// processes whose command line holds `marker`, and everything under them. The
// peak of the sums is what the machine had to hold at once (a sample can miss
// a spike shorter than the interval; the figures here last seconds).
import { commandLine, listProcesses, processTree } from "../../test/support/proc.js";

/** The summed RSS in kB of the tree(s) under processes whose command line holds `marker`. */
function treeRssKB(marker: string): number {
  const all = listProcesses();
  const roots = all.filter((p) => commandLine(p.pid).includes(marker)).map((p) => p.pid);
  return processTree(roots, all).reduce((sum, p) => sum + p.rssKB, 0);
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
