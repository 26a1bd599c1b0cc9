// Image builds against a local docker-registry with a tiny test base: app layer
// size per service (goal ≤ 2 MB), build time, and bytes uploaded on the first and
// second push (goal: 0 the second time). Runs alone (`node --import tsx
// bench/images.ts`) or from bench/run.ts through benchImages().
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildAppLayer } from "../src/image/app-layer.js";
import { buildAndPushImage } from "../src/image/index.js";
import { tempDir } from "../test/support/process.js";
import { pushTinyBase, startRegistry } from "../test/support/registry.js";

const ROOT = resolve(import.meta.dirname, "..");
const SERVICES = ["auth", "orders", "products"] as const;
const FIXTURE = join(ROOT, "test/image/fixtures/hello/server.ts");

export interface ImageBenchRow {
  service: string;
  appLayerBytes: number;
  /** Bundle + deterministic tar+gzip, the first run (esbuild bundles). */
  buildMs: number;
  /** The same, median of the later runs: the bundle is reused while its files are unchanged. */
  rebuildMs: number;
  firstPushBytes: number;
  secondPushBytes: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The real services when they exist; the test fixture otherwise, so the bench always measures something. */
function entries(): { service: string; entry: string }[] {
  const real = SERVICES.map((s) => ({ service: s, entry: join(ROOT, "services", s, "server.ts") })).filter(
    (s) => existsSync(s.entry),
  );
  return real.length > 0 ? real : [{ service: "fixture-hello", entry: FIXTURE }];
}

export async function benchImages(buildRuns = 3): Promise<ImageBenchRow[]> {
  const registry = await startRegistry();
  try {
    const base = await pushTinyBase(registry.url, "bench/node", { asIndex: true });
    const rows: ImageBenchRow[] = [];
    for (const { service, entry } of entries()) {
      const times: number[] = [];
      for (let i = 0; i < buildRuns; i++) {
        const started = performance.now();
        await buildAppLayer({ entry, rootDir: ROOT, mtimeSeconds: 0 });
        times.push(performance.now() - started);
      }
      const push = () =>
        buildAndPushImage({
          service,
          entry,
          rootDir: ROOT,
          repositoryUri: `${registry.host}/${service}-service-repo`,
          baseImage: base.reference,
          cacheDir: tempDir("bench-cache"),
        });
      const first = await push();
      const second = await push();
      rows.push({
        service,
        appLayerBytes: first.appLayerBytes,
        // The first build bundles with esbuild; later ones reuse the bundle (its files unchanged).
        buildMs: times[0]!,
        rebuildMs: median(times.slice(1)),
        firstPushBytes: first.bytesUploaded ?? 0,
        secondPushBytes: second.bytesUploaded ?? 0,
      });
    }
    return rows;
  } finally {
    await registry.stop();
  }
}

export function printImageBench(
  rows: ImageBenchRow[],
  line: (name: string, value: string, goal: string) => void,
) {
  for (const row of rows) {
    line(`image ${row.service}: app layer`, `${(row.appLayerBytes / 1024).toFixed(0)} KiB`, "≤ 2048 KiB");
    line(`image ${row.service}: build (bundle + layer)`, `${row.buildMs.toFixed(0)} ms`, "(for comparison)");
    line(
      `image ${row.service}: build again (bundle reused)`,
      `${row.rebuildMs.toFixed(0)} ms`,
      "(for comparison)",
    );
    line(`image ${row.service}: bytes pushed, 1st run`, `${row.firstPushBytes}`, "(tiny test base)");
    line(`image ${row.service}: bytes pushed, 2nd run`, `${row.secondPushBytes}`, "0");
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const line = (name: string, value: string, goal: string) =>
    console.log(`${name.padEnd(44)} ${value.padEnd(34)} goal ${goal}`);
  printImageBench(await benchImages(), line);
}
