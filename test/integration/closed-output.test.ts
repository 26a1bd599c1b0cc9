// `msdemo … | head`: a reader that goes away closes msdemo's stdout. Here the
// test closes its end of the pipe before msdemo writes, as `head` does when it
// has its lines. msdemo must end quietly (no stack trace), releasing its lock.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN } from "../support/cli.js";
import { type Moto, startMoto } from "../support/moto.js";
import { CLOSED_PORT, tempDir } from "../support/process.js";

interface Ended {
  code: number | null;
  stderr: string;
}

function runWithClosedStdout(args: string[], env: Record<string, string>): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, CI: "true", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    // Generous bound for a loaded machine; a hang is a failure, not a wait.
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());

describe("a closed stdout", () => {
  it("smoke ends quietly", async () => {
    const r = await runWithClosedStdout(["smoke", "--url", `http://127.0.0.1:${CLOSED_PORT}`], {
      MSDEMO_STATE_DIR: tempDir("epipe"),
    });
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
    expect(r.code).toBe(141);
  });

  it("teardown ends quietly and leaves no lock behind", async () => {
    const stateDir = tempDir("epipe");
    const r = await runWithClosedStdout(["teardown", "--yes"], {
      ...moto.env,
      MSDEMO_STATE_DIR: stateDir,
      MSDEMO_POLL_SCALE: "0.001",
    });
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
    expect(r.code).toBe(141);
    expect(existsSync(join(stateDir, "node-microservices-demo", "lock"))).toBe(false);
  });
});
