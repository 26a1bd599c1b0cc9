// Preloaded into a measured process (node --import): on exit, writes the peak
// resident set size in kilobytes to $MSDEMO_BENCH_RSS_FILE: the process's own,
// plus the peak (VmHWM) of each child still running then, such as esbuild's
// service that bundles the images. A sum of peaks: an upper bound of the
// tree's peak, which is what CloudShell's 2 GiB must hold. Plain JavaScript with
// its own small /proc read (not test/support/proc.ts): it is preloaded into the
// built CLI, where no TypeScript loader runs.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

/** Name and peak RSS in kB of each live child of this process (Linux /proc; none elsewhere). */
function childrenPeaksKB() {
  let entries;
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const peaks = [];
  for (const pid of entries) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
      const peak = /^VmHWM:\s+(\d+) kB/m.exec(status);
      if (peak) peaks.push({ name: /^Name:\s+(\S+)/m.exec(status)?.[1] ?? pid, kb: Number(peak[1]) });
    } catch {
      // gone meanwhile
    }
  }
  return peaks;
}

process.on("exit", () => {
  const file = process.env.MSDEMO_BENCH_RSS_FILE;
  if (!file) return;
  const own = process.resourceUsage().maxRSS;
  const children = childrenPeaksKB();
  writeFileSync(file, JSON.stringify({ own, children }));
});
