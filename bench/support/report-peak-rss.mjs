// Preloaded into a measured process (node --import): on exit, writes the
// process's peak resident set size in kilobytes to $MSDEMO_BENCH_RSS_FILE.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const file = process.env.MSDEMO_BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
