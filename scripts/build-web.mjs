// Bundles the web page (web/) into dist/web: one minified JS and one CSS file
// under content-hash names in assets/ (cached for ever), and index.html, which
// names them (never cached, so a new build is seen at once).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const outdir = new URL("dist/web/", root);

export async function buildWeb() {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(new URL("assets/", outdir), { recursive: true });
  const result = await build({
    absWorkingDir: fileURLToPath(root),
    entryPoints: ["web/src/main.ts", "web/src/style.css"],
    outdir: "dist/web/assets",
    entryNames: "[name]-[hash]",
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    // What a phone from the last few years runs.
    target: ["chrome111", "firefox115", "safari16.4"],
    metafile: true,
    legalComments: "none",
    logLevel: "warning",
  });
  const outputs = Object.entries(result.metafile.outputs);
  const named = (entry) => {
    const found = outputs.find(([, meta]) => meta.entryPoint === entry);
    if (!found) throw new Error(`build-web: no output for ${entry}`);
    return basename(found[0]);
  };
  const html = readFileSync(new URL("web/index.html", root), "utf8")
    .replace("{{js}}", named("web/src/main.ts"))
    .replace("{{css}}", named("web/src/style.css"));
  writeFileSync(new URL("index.html", outdir), html);
}
