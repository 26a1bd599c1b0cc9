// Conventions a user brings from git, npm and the AWS CLI: `help [command]`,
// MSDEMO_VERBOSE as good as --verbose, and a diagram file whose extension says
// its format. No AWS: all offline.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { tempDir } from "../support/process.js";

const env = () => ({ MSDEMO_STATE_DIR: tempDir("conventions") });

describe("msdemo help", () => {
  it("msdemo help lists the commands, like --help", async () => {
    const help = await runCli(["help"], { env: env() });
    const flag = await runCli(["--help"], { env: env() });
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(flag.stdout);
    expect(help.stdout).toMatch(/^ {2}help \[command\]/m);
  });

  it("msdemo help <command> shows that command's help", async () => {
    const help = await runCli(["help", "diagram"], { env: env() });
    const flag = await runCli(["diagram", "--help"], { env: env() });
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(flag.stdout);
    expect(help.stdout).toContain("--format <format>");
  });
});

describe("MSDEMO_VERBOSE", () => {
  it("shows an error's cause as --verbose does", async () => {
    const args = ["diagram", "-o", join(tempDir("verbose"), "missing", "x.svg")];
    const quiet = await runCli(args, { env: env() });
    const verbose = await runCli(args, { env: { ...env(), MSDEMO_VERBOSE: "1" } });
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).not.toContain("ENOENT");
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toContain("ENOENT");
  });
});

describe("diagram -o", () => {
  it("takes the format from the extension, in any case", async () => {
    const dir = tempDir("diagram-ext");
    for (const [file, start] of [
      ["a.svg", "<?xml"],
      ["b.SVG", "<?xml"],
      ["c.mmd", "%% msdemo diagram"],
    ] as const) {
      const r = await runCli(["diagram", "-o", join(dir, file)], { env: env() });
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(dir, file), "utf8").trimStart().startsWith(start), file).toBe(true);
    }
  });

  it("--format wins over the extension, and is case-blind", async () => {
    const dir = tempDir("diagram-ext");
    const r = await runCli(["diagram", "--format", "MERMAID", "-o", join(dir, "x.svg")], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "x.svg"), "utf8").trimStart().startsWith("%% msdemo diagram")).toBe(true);
  });
});
