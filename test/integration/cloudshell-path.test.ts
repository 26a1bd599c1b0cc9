// `msdemo` on the PATH in a new CloudShell session: only $HOME survives, so a
// fresh interactive bash with a temporary HOME and a bare system PATH stands
// for the next session. Needs the built CLI (npm run build).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const SCRIPT = resolve(import.meta.dirname, "../../scripts/cloudshell-path.sh");
const homes: string[] = [];

function freshHome(): string {
  const home = mkdtempSync(join(tmpdir(), "msdemo-home-"));
  homes.push(home);
  return home;
}

/** A new session: an interactive bash that reads only what $HOME keeps. */
function newSession(home: string, commands: string) {
  return spawnSync("bash", ["-i", "-c", commands], {
    encoding: "utf8",
    env: { HOME: home, PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, TERM: "dumb" },
    timeout: 60_000,
  });
}

afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

describe("scripts/cloudshell-path.sh", () => {
  it("puts msdemo on the PATH of the next session, with bash completion", () => {
    const home = freshHome();
    const before = newSession(home, "command -v msdemo || echo none");
    expect(before.stdout.trim()).toBe("none");

    const install = spawnSync("bash", [SCRIPT], { encoding: "utf8", env: { ...process.env, HOME: home } });
    expect(install.status).toBe(0);

    const after = newSession(home, "msdemo --version && complete -p msdemo");
    expect(after.status).toBe(0);
    expect(after.stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect(after.stdout).toContain("complete -F _msdemo msdemo");
  });

  it("run twice, adds its lines to ~/.bashrc once", () => {
    const home = freshHome();
    for (let i = 0; i < 2; i++)
      expect(spawnSync("bash", [SCRIPT], { env: { ...process.env, HOME: home } }).status).toBe(0);
    const bashrc = readFileSync(join(home, ".bashrc"), "utf8");
    expect(bashrc.match(/completion bash/g)).toHaveLength(1);
  });
});
