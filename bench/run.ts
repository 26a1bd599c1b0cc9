// npm run bench: every speed and size goal, measured side by side in one run.
import { benchEngine } from "./engine.js";
import { benchStartup } from "./startup.js";

const line = (name: string, value: string, goal: string) =>
  console.log(`${name.padEnd(44)} ${value.padEnd(34)} goal ${goal}`);

const startup = benchStartup();
line(
  "start-up: msdemo --help / node -e 0",
  `${startup.ratio.toFixed(2)} (${startup.helpMs.toFixed(0)} ms / ${startup.nodeMs.toFixed(0)} ms)`,
  "≤ 2.0",
);

const engine = await benchEngine();
line(
  "engine: wall / critical path",
  `${engine.ratio.toFixed(3)} (${engine.wallMs.toFixed(0)} ms / ${engine.criticalMs} ms)`,
  "≤ 1.05",
);
line(
  "engine: sequential sum / critical path",
  `${engine.sequentialRatio.toFixed(2)} (${engine.sequentialMs} ms if run one by one)`,
  "(for comparison)",
);
