// The live view in a real terminal (util-linux `script` gives a pty): quick
// steps end with their time, none is left "(waiting)".
import { spawn } from "node:child_process";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN } from "../support/cli.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());

function inTerminal(
  args: string,
  env: Record<string, string>,
): Promise<{ code: number | null; screen: string }> {
  // A pty has no size of its own here: give it one, or listr2 wraps every character.
  const command = `stty cols 120 rows 40; ${process.execPath} ${BIN} ${args}`;
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    env: { ...process.env, ...env, CI: "", TERM: "xterm" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => {
    output += c.toString();
  });
  return new Promise((resolve) => {
    child.on("close", (code) => resolve({ code, screen: stripVTControlCharacters(output) }));
  });
}

describe("the live view in a terminal", () => {
  it("ends every quick step with its time, not as waiting", async () => {
    const env = { ...moto.env, MSDEMO_STATE_DIR: tempDir("tty"), MSDEMO_POLL_SCALE: "0.001" };
    const run = await inTerminal("up --yes --steps network,registry", env);
    expect(run.code, run.screen).toBe(0);
    // The last frame listr2 drew: from the last line that names the first step.
    const last = run.screen.slice(run.screen.lastIndexOf("Security groups"));
    expect(last).toMatch(/Security groups \(\d/);
    expect(last).toMatch(/ECR repositories \(\d/);
    expect(last).not.toContain("(waiting)");
  });
});
