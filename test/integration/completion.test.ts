import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

function bashComplete(script: string, words: string[]): string[] {
  const program = `${script}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")})
COMP_CWORD=${words.length - 1}
_msdemo
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync("bash", ["-c", program], { encoding: "utf8" });
  expect(r.status).toBe(0);
  return r.stdout.split("\n").filter(Boolean);
}

describe("msdemo completion", () => {
  it("bash: completes commands, then the chosen command's options", async () => {
    const { stdout, code } = await runCli(["completion", "bash"]);
    expect(code).toBe(0);
    expect(bashComplete(stdout, ["msdemo", "te"])).toEqual(["teardown"]);
    expect(bashComplete(stdout, ["msdemo", "up", "--ss"])).toEqual(["--ssh-cidr"]);
    expect(bashComplete(stdout, ["msdemo", "status", "--off"])).toEqual(["--offline"]);
    // Options of one command are not offered for another.
    expect(bashComplete(stdout, ["msdemo", "status", "--ss"])).toEqual([]);
  });

  it("zsh and fish: every command is offered", async () => {
    for (const shell of ["zsh", "fish"]) {
      const { stdout, code } = await runCli(["completion", shell]);
      expect(code).toBe(0);
      for (const command of ["up", "plan", "status", "teardown", "completion"])
        expect(stdout).toContain(command);
    }
    expect((await runCli(["completion", "fish"])).stdout).toMatch(
      /__fish_seen_subcommand_from up' -l ssh-cidr/,
    );
  });

  it("an unknown shell exits 2", async () => {
    const r = await runCli(["completion", "tcsh"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bash, zsh, fish/);
  });
});
