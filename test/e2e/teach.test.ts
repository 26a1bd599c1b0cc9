// `msdemo up --step` in a real pseudo-terminal (util-linux `script`): the
// student answers each pause with the arrow keys, as in CloudShell.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { es } from "../../src/i18n/es.js";
import { StateStore } from "../../src/state/store.js";
import { BIN } from "../support/cli.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";

const ENTER = "\r";
const DOWN = "\u001b[B";

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());

// Printed by the shell once msdemo has ended: `script` runs until its input ends.
const DONE = "__msdemo_ended__";

/**
 * Runs `msdemo up --step …` in a pty, answering each pause with the next keys
 * once its prompt (`prompt`, the "What now?" question) is drawn.
 */
function upStep(
  stateDir: string,
  answers: string[],
  extraEnv: Record<string, string> = {},
  prompt = "What now?",
): Promise<{ code: number | null; output: string; asked: number }> {
  const command = `${process.execPath} ${BIN} up --step --yes --steps network,registry; code=$?; echo ${DONE}; exit $code`;
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    env: { ...process.env, ...moto.env, MSDEMO_STATE_DIR: stateDir, CI: "", TERM: "xterm", ...extraEnv },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  let asked = 0;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    // Each pause starts with the step's heading, printed once (the prompt itself
    // redraws): answer a pause once its prompt is on screen after its heading.
    const pauses = output.split("── ").slice(1);
    while (asked < pauses.length && asked < answers.length && pauses[asked]!.includes(prompt)) {
      child.stdin.write(answers[asked]!);
      asked++;
    }
    if (output.includes(DONE) && !child.stdin.writableEnded) child.stdin.end();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  return new Promise((resolve) => {
    // A generous bound on a loaded machine; the test waits on the output, not on it.
    const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output, asked });
    });
  });
}

describe("up --step (teaching mode) in a terminal", () => {
  it("shows each step's console equivalent; continue runs it, skip leaves it, quit stops with state kept", async () => {
    const stateDir = tempDir("teach");
    const store = new StateStore(stateDir, "node-microservices-demo");

    const first = await upStep(stateDir, [ENTER, DOWN + ENTER]);
    expect(first.code, first.output).toBe(0);
    expect(first.asked).toBe(2);
    expect(first.output).toMatch(/In the console: /);
    expect(first.output).toMatch(/msdemo differs: /);
    const afterFirst = store.read();
    const steps = Object.keys(afterFirst?.steps ?? {});
    // One of the two ran (the first asked), the other was skipped.
    expect(steps).toHaveLength(1);
    expect(afterFirst?.steps[steps[0]!]?.status).toBe("done");

    const second = await upStep(stateDir, [DOWN + DOWN + ENTER]);
    expect(second.code, second.output).toBe(0);
    expect(second.asked).toBe(1);
    expect(store.read()?.steps).toEqual(afterFirst?.steps);
  }, 400_000);
});

describe("up --step in Spanish", () => {
  it("teaches each step in Spanish, in the walkthrough's terms, and asks in Spanish", async () => {
    const stateDir = tempDir("teach-es");
    const run = await upStep(
      stateDir,
      [ENTER, DOWN + DOWN + ENTER],
      { MSDEMO_LANG: "es" },
      es["prompt.whatNow"],
    );
    expect(run.code, run.output).toBe(0);
    expect(run.asked).toBe(2);
    const text = run.output.replace(/\s+/g, " ");
    expect(text).toContain("En la consola: ");
    expect(text).toContain("msdemo lo hace distinto: ");
    expect(text).toContain(es["prompt.whatNow"]);
    // Either step may be asked first; both speak Spanish.
    expect(text).toMatch(/Create security group, dos veces|Create repository, tres veces/);
    expect(text).not.toMatch(/In the console|What now\?/);
    // The first ran; quitting at the second kept it.
    expect(Object.keys(new StateStore(stateDir, "node-microservices-demo").read()?.steps ?? {})).toHaveLength(
      1,
    );
  }, 400_000);
});
