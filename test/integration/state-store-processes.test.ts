// The state store across real processes: what only another process can show (a
// writer SIGKILLed mid-write, contenders racing for a stale lock). The rest of the
// store is tested in-process in test/unit/state-store.test.ts.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { StateStore } from "../../src/state/store.js";
import { tempDir } from "../support/process.js";
import { seededRandom } from "../support/seeded-random.js";

const FIXTURES = resolve(import.meta.dirname, "../support/fixtures");

function spawnFixture(name: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", join(FIXTURES, name), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolveLine, reject) => {
    let buffer = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes("\n")) resolveLine(buffer.split("\n")[0]!);
    });
    child.once("exit", (code) =>
      buffer.includes("\n") ? undefined : reject(new Error(`exited ${code} before a line`)),
    );
  });
}

describe("state store across processes", () => {
  it("never leaves a truncated file when the writer is SIGKILLed at random moments", async () => {
    const random = seededRandom("state writer kill moments", "MSDEMO_KILL_SEED");
    const dir = tempDir("kill");
    const store = new StateStore(dir, "demo");
    let sawData = 0;
    for (let trial = 0; trial < 25; trial++) {
      const writer = spawnFixture("state-writer.ts", [dir, "demo"]);
      const exited = new Promise<[number | null, NodeJS.Signals | null]>((r) =>
        writer.once("exit", (code, signal) => r([code, signal])),
      );
      await firstLine(writer);
      await new Promise((r) => setTimeout(r, random.next() * 60));
      writer.kill("SIGKILL");
      // The writer loops forever: it ended because the kill landed, not by itself.
      expect(await exited, `trial ${trial} (seed ${random.seed})`).toEqual([null, "SIGKILL"]);
      const state = store.read();
      expect(state?.steps.network?.status).toBe("done");
      if ((state?.steps.network?.outputs.counter as number) > 0) sawData++;
    }
    // The kills landed in the middle of rewriting, not only before the first one.
    expect(sawData).toBeGreaterThan(0);
  }, 180_000);

  it("lets exactly one of several contenders take over a stale lock", async () => {
    const dir = tempDir("lock");
    const store = new StateStore(dir, "demo");
    store.lockExclusive("setup");
    store.unlock();
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid;
    writeFileSync(
      join(store.dir, "lock"),
      JSON.stringify({ pid: dead, host: hostname(), command: "old", since: "x" }),
    );
    const contenders = Array.from({ length: 4 }, () => spawnFixture("lock-holder.ts", [dir, "demo"]));
    const lines = await Promise.all(contenders.map(firstLine));
    expect(lines.filter((l) => l === "locked")).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith("refused"))).toHaveLength(3);
    for (const c of contenders) c.kill("SIGKILL");
  });
});
