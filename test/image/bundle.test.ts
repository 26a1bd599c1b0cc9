// The service bundler with the real esbuild: a bundle is reused while none of
// its files changed and remade when one did, and esbuild's process is held to a
// small memory budget and stopped once no bundle is in flight (CloudShell has
// 2 GiB for everything; npm run bench:rss measures the whole run).
import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleService } from "../../src/image/bundle.js";
import { listProcesses } from "../support/proc.js";
import { tempDir, waitUntil } from "../support/process.js";

/** A tiny service: an entry that imports a module of its own. */
function tinyService(word: string) {
  const root = tempDir("bundle");
  writeFileSync(join(root, "word.ts"), `export const word = ${JSON.stringify(word)};\n`);
  writeFileSync(join(root, "server.ts"), 'import { word } from "./word.js";\nconsole.log(word);\n');
  return { root, entry: join(root, "server.ts") };
}

/** esbuild processes whose parent is this test process (Linux /proc). */
const esbuildChildren = (): number[] =>
  listProcesses()
    .filter((p) => p.parent === process.pid && p.name === "esbuild")
    .map((p) => p.pid);

describe("bundleService", () => {
  it("reuses a bundle while its files are unchanged, and remakes it when one changes", async () => {
    const service = tinyService("first");
    const first = await bundleService({ entry: service.entry, rootDir: service.root });
    expect(first.serverJs.toString()).toContain("first");
    expect(await bundleService({ entry: service.entry, rootDir: service.root })).toBe(first);

    // A file the entry imports changes (its time moved on too, as an editor's save does).
    writeFileSync(join(service.root, "word.ts"), 'export const word = "second";\n');
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(service.root, "word.ts"), later, later);
    const second = await bundleService({ entry: service.entry, rootDir: service.root });
    expect(second).not.toBe(first);
    expect(second.serverJs.toString()).toContain("second");
  });

  it.skipIf(process.platform !== "linux")(
    "runs esbuild with a small memory budget, leaves our environment as it was, and stops esbuild afterwards",
    async () => {
      const before = { GOMEMLIMIT: process.env.GOMEMLIMIT, GOMAXPROCS: process.env.GOMAXPROCS };
      const service = tinyService("budget");
      // The process an earlier bundle stopped may still be on its way out.
      await waitUntil(() => esbuildChildren().length === 0, "esbuild from an earlier bundle to end", 10_000);
      const pending = bundleService({ entry: service.entry, rootDir: service.root });
      // esbuild's process starts within the call's synchronous part.
      const [child] = esbuildChildren();
      expect(child).toBeDefined();
      const environment = readFileSync(`/proc/${child}/environ`, "utf8").split("\0");
      expect(environment).toContain(`GOMEMLIMIT=${before.GOMEMLIMIT ?? "64MiB"}`);
      expect(environment).toContain(`GOMAXPROCS=${before.GOMAXPROCS ?? "1"}`);
      await pending;
      expect({ GOMEMLIMIT: process.env.GOMEMLIMIT, GOMAXPROCS: process.env.GOMAXPROCS }).toEqual(before);
      await waitUntil(
        () => esbuildChildren().length === 0,
        "esbuild to end once no bundle is in flight",
        10_000,
      );
    },
  );
});
