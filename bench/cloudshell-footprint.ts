// npm run bench:cloudshell: what the README's CloudShell install line leaves in
// $HOME, on a fresh clone of the committed tree with an empty HOME (CloudShell
// keeps only $HOME, 1 GB of it). Goal: ≤ 250 MB in total. Needs the npm registry.
// After the install it runs cost, diagram, and local with smoke against it.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");

/** Disk usage in MB (1e6 bytes), as `du` counts it: what the home quota sees. */
function diskMB(path: string, ...exclude: string[]): number {
  const out = execFileSync("du", ["-sk", ...exclude.map((e) => `--exclude=${e}`), path], {
    encoding: "utf8",
  });
  return (Number(out.split("\t")[0]) * 1024) / 1e6;
}

/** Starts `msdemo local`, runs `msdemo smoke` against it, and stops it with Ctrl-C. */
async function smokeLocal(msdemo: string, env: Record<string, string>) {
  const local = spawn(msdemo, ["local", "--ephemeral", "--port", "0"], { env });
  try {
    const url = await new Promise<string>((found, failed) => {
      let seen = "";
      const timer = setTimeout(() => failed(new Error(`msdemo local did not start:\n${seen}`)), 120_000);
      const read = (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /running at (http:\/\/\S+)/.exec(seen);
        if (match) {
          clearTimeout(timer);
          found(match[1]!);
        }
      };
      local.stdout.on("data", read);
      local.stderr.on("data", read);
      local.on("exit", () => failed(new Error(`msdemo local ended:\n${seen}`)));
    });
    const smoke = spawnSync(msdemo, ["smoke", "--url", url], { env, encoding: "utf8", timeout: 120_000 });
    if (smoke.status !== 0) throw new Error(`msdemo smoke failed: ${smoke.stdout}${smoke.stderr}`);
  } finally {
    if (local.exitCode === null && local.signalCode === null) {
      const ended = new Promise((done) => local.once("close", done));
      local.kill("SIGINT");
      await ended;
    }
  }
}

export async function benchCloudShellFootprint() {
  const sandbox = mkdtempSync(join(tmpdir(), "msdemo-cloudshell-"));
  const home = join(sandbox, "home");
  const tmp = join(sandbox, "tmp");
  try {
    execFileSync("mkdir", ["-p", home, tmp]);
    const repo = join(home, "msdemo");
    execFileSync("git", ["clone", "--quiet", "--depth", "1", `file://${ROOT}`, repo]);
    const started = Date.now();
    // The environment of a new CloudShell user: nothing in HOME, no npm settings of ours.
    const env: Record<string, string> = { HOME: home, TMPDIR: tmp, PATH: process.env.PATH ?? "" };
    for (const key of ["npm_config_registry", "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"])
      if (process.env[key]) env[key] = process.env[key]!;
    const install = spawnSync("bash", [join(repo, "scripts/cloudshell-install.sh")], {
      env,
      encoding: "utf8",
    });
    if (install.status !== 0) throw new Error(`install failed:\n${install.stdout}\n${install.stderr}`);
    // What was kept still works: every runtime dependency loads, and msdemo runs from the PATH link.
    const loadAll = `import { readFileSync } from "node:fs";
      const p = JSON.parse(readFileSync("package.json", "utf8"));
      for (const d of Object.keys(p.dependencies)) await import(d);`;
    const loads = spawnSync(process.execPath, ["--input-type=module", "-e", loadAll], {
      cwd: repo,
      env,
      encoding: "utf8",
    });
    if (loads.status !== 0) throw new Error(`a dependency does not load: ${loads.stderr}`);
    const msdemo = join(home, ".local/bin/msdemo");
    for (const args of [["--version"], ["cost"], ["diagram"]]) {
      const run = spawnSync(msdemo, args, { env, encoding: "utf8" });
      if (run.status !== 0) throw new Error(`msdemo ${args.join(" ")} failed: ${run.stderr}`);
    }
    // The first thing a student runs: local, and smoke against it, from the slim install.
    await smokeLocal(msdemo, env);
    return {
      homeMB: diskMB(home),
      nodeModulesMB: diskMB(join(repo, "node_modules")),
      repoMB: diskMB(repo, "node_modules"),
      elsewhereMB: diskMB(home, "msdemo"),
      leftInTmpMB: diskMB(tmp),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const f = await benchCloudShellFootprint();
  const line = (name: string, value: string, goal: string) =>
    console.log(`${name.padEnd(44)} ${value.padEnd(34)} goal ${goal}`);
  line(
    "CloudShell install: $HOME in total",
    `${f.homeMB.toFixed(0)} MB (${f.seconds.toFixed(0)} s)`,
    "≤ 250 MB",
  );
  line("  node_modules", `${f.nodeModulesMB.toFixed(0)} MB`, "(part of it)");
  line("  the clone without node_modules", `${f.repoMB.toFixed(1)} MB`, "(part of it)");
  line("  elsewhere in $HOME (npm cache, links)", `${f.elsewhereMB.toFixed(1)} MB`, "(part of it)");
  line("  left outside $HOME (npm cache)", `${f.leftInTmpMB.toFixed(1)} MB`, "0");
}
