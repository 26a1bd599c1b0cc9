// In CloudShell (AWS_EXECUTION_ENV=CloudShell, which its ~/.bashrc exports) a
// long `up` first warns, once and in the user's language, that an idle session
// ends and `up` resumes; a rerun says which steps an earlier run had done.
// AWS is moto_server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { es } from "../../src/i18n/es.js";
import { runCli } from "../support/cli.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());
beforeEach(async () => moto.reset());

const env = (stateDir: string, extra: Record<string, string> = {}) => ({
  ...moto.env,
  MSDEMO_STATE_DIR: stateDir,
  MSDEMO_POLL_SCALE: "0.001",
  AWS_EXECUTION_ENV: undefined,
  ...extra,
});

const count = (text: string, part: string) => text.split(part).length - 1;

describe("up in CloudShell", () => {
  it("warns once about the idle timeout before a long run, in Spanish too", async () => {
    const stateDir = tempDir("cloudshell");
    const run = await runCli(["up", "--yes", "--steps", "network,database", "--lang", "es"], {
      env: env(stateDir, { AWS_EXECUTION_ENV: "CloudShell" }),
    });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(count(run.stderr, es["notes.cloudShell"])).toBe(1);
    // Nothing was done before this run: no "already done" line.
    expect(run.stderr).not.toContain("Ya hecho");

    const rerun = await runCli(["up", "--yes", "--steps", "network,database"], {
      env: env(stateDir, { AWS_EXECUTION_ENV: "CloudShell" }),
    });
    expect(rerun.code, rerun.stderr).toBe(0);
    // All done already: a short run, so no timeout notice; it says what it found done.
    expect(rerun.stderr).not.toContain(en["notes.cloudShell"]);
    expect(rerun.stderr).toContain("Already done before this run, checked and kept: network, database.");
  });

  it("says nothing about CloudShell elsewhere", async () => {
    const run = await runCli(["up", "--yes", "--steps", "network,database"], {
      env: env(tempDir("cloudshell")),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain(en["notes.cloudShell"]);
  });
});
