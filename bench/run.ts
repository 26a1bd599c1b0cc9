// npm run bench: every speed and size goal, measured side by side in one run.
import { benchEngine } from "./engine.js";
import { benchImages, printImageBench } from "./images.js";
import { benchLocal } from "./local.js";
import { benchNoopUp } from "./noop-up.js";
import { benchPeakRss } from "./peak-rss.js";
import { benchStartup } from "./startup.js";
import { benchWebPage } from "./web.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const line = (name: string, value: string, goal: string) =>
  console.log(`${name.padEnd(44)} ${value.padEnd(34)} goal ${goal}`);

const startup = benchStartup();
line(
  "start-up: msdemo --help / node -e 0",
  `${startup.ratio.toFixed(2)} (${startup.helpMs.toFixed(0)} ms / ${startup.nodeMs.toFixed(0)} ms)`,
  "≤ 2.0",
);

const web = await benchWebPage();
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
line(
  "web page: first visit, HTML+JS+CSS gzipped",
  `${kB(web.wireBytes)} (${kB(web.rawBytes)} unzipped, ${web.files.length} files)`,
  "≤ 100 kB",
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

const noop = await benchNoopUp();
line(
  `no-op up (${noop.steps.join(",")}): mutating calls`,
  `${noop.secondMutating.length}${noop.secondMutating.length ? ` (${noop.secondMutating.join(", ")})` : ""} (first run: ${noop.firstMutating})`,
  "0",
);
line(
  "no-op up: wall time, second run / first run",
  `${noop.secondMs.toFixed(0)} ms / ${noop.firstMs.toFixed(0)} ms`,
  "(for comparison)",
);

const images = await benchImages();
printImageBench(images, line);

const local = await benchLocal();
line(
  "msdemo local: time to URL, first run",
  `${(local.firstMs / 1000).toFixed(2)} s (median of 3, initdb)`,
  "≤ 6 s",
);
line("msdemo local: time to URL, data kept", `${(local.warmMs / 1000).toFixed(2)} s (median of 3)`, "≤ 3 s");
line(
  "msdemo local: idle memory, whole tree",
  // RSS summed counts shared pages once per process: an upper bound. PSS splits them (with other programs too).
  `${local.idle.rssMb.toFixed(0)} MB RSS summed (${local.idle.pssMb.toFixed(0)} MB PSS, ${local.idle.processes} processes)`,
  "≤ 200 MB",
);

const rss = await benchPeakRss();
line(
  "up --yes, every step (images built): peak RSS",
  `${rss.up.treeMB.toFixed(0)} MB with children (msdemo ${rss.up.ownMB.toFixed(0)}; --version ${rss.version.ownMB.toFixed(0)})`,
  "≤ 300 MB",
);
