// The state store and the stack lock, in this process. What needs other processes
// (a writer killed mid-write, racing contenders) is in
// test/integration/state-store-processes.test.ts.
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LONGEST_STEP_WAIT_MS } from "../../src/config.js";
import { CorruptStateError, StateStore, withStep } from "../../src/state/store.js";
import { tempDir } from "../support/process.js";

// Above Linux's highest possible pid_max (2^22) and macOS's 99998: no process has it.
const NEVER_A_PID = 4_194_305;

/** A lock held by a live process on this machine that is not this one: vitest's own parent. */
function liveHolderLock(store: StateStore): number {
  store.lockExclusive("setup");
  store.unlock();
  const pid = process.ppid;
  writeFileSync(
    join(store.dir, "lock"),
    JSON.stringify({ pid, host: hostname(), command: "msdemo up", since: new Date().toISOString() }),
  );
  return pid;
}

describe("state store", () => {
  it("round-trips a state and writes it with mode 0600", () => {
    const store = new StateStore(tempDir("state"), "demo");
    expect(store.read()).toBeUndefined();
    const state = withStep(store.readOrNew("demo", "us-east-1"), "network", {
      status: "done",
      outputs: { vpcId: "vpc-1" },
    });
    store.write(state);
    expect(store.read()?.steps.network?.outputs).toEqual({ vpcId: "vpc-1" });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(readdirSync(store.dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses to store a secret value", () => {
    const store = new StateStore(tempDir("state"), "demo");
    const state = withStep(store.readOrNew("demo", "us-east-1"), "database", {
      status: "done",
      outputs: { masterPassword: "hunter22" },
    });
    expect(() => store.write(state)).toThrow(/looks like a secret/);
    expect(store.exists()).toBe(false);
  });

  it("reports a corrupt file clearly and never overwrites it", () => {
    const store = new StateStore(tempDir("state"), "demo");
    store.write(store.readOrNew("demo", "us-east-1"));
    writeFileSync(store.path, '{"schemaVersion": 1, "stack": ');
    expect(() => store.read()).toThrow(CorruptStateError);
    const error = (() => {
      try {
        store.read();
      } catch (e) {
        return e as CorruptStateError;
      }
    })();
    expect(error?.hint).toMatch(/mv .*state\.json/);
    expect(readFileSync(store.path, "utf8")).toBe('{"schemaVersion": 1, "stack": ');
  });
});

describe("stack lock", () => {
  it("refuses a second holder at once, naming the holder's pid", () => {
    const store = new StateStore(tempDir("lock"), "demo");
    const holder = liveHolderLock(store);
    expect(() => store.lockExclusive("msdemo up")).toThrow(new RegExp(`pid ${holder}\\b`));
  });

  it("takes over a lock left by a dead process", () => {
    const dir = tempDir("lock");
    const store = new StateStore(dir, "demo");
    store.lockExclusive("first");
    store.unlock();
    writeFileSync(
      join(store.dir, "lock"),
      JSON.stringify({ pid: NEVER_A_PID, host: hostname(), command: "msdemo up", since: "x" }),
    );
    store.lockExclusive("msdemo up");
    expect(JSON.parse(readFileSync(join(store.dir, "lock"), "utf8")).pid).toBe(process.pid);
    store.unlock();
  });

  /** A lock file as an msdemo on another machine (a CloudShell session since recycled) left it. */
  function otherHostLock(store: StateStore, ageMs: number): string {
    store.lockExclusive("setup");
    store.unlock();
    const path = join(store.dir, "lock");
    const since = new Date(Date.now() - ageMs);
    writeFileSync(
      path,
      JSON.stringify({
        pid: 4242,
        host: "ip-10-0-1-2.ec2.internal",
        command: "msdemo up",
        since: since.toISOString(),
      }),
    );
    utimesSync(path, since, since);
    return path;
  }

  it("refuses a recent lock from another host, naming the host and offering --force-unlock", () => {
    const store = new StateStore(tempDir("lock"), "demo");
    otherHostLock(store, 60_000);
    let error: (Error & { hint?: string }) | undefined;
    try {
      store.lockExclusive("msdemo up");
    } catch (e) {
      error = e as Error & { hint?: string };
    }
    expect(error?.message).toBe(
      `Stack is in use by another msdemo (pid 4242 on ip-10-0-1-2.ec2.internal, \`msdemo up\`, since ${
        JSON.parse(readFileSync(join(store.dir, "lock"), "utf8")).since
      }).`,
    );
    expect(error?.hint).toContain("It runs on another machine (ip-10-0-1-2.ec2.internal)");
    expect(error?.hint).toContain("--force-unlock");
    expect(error?.hint).toContain(`${LONGEST_STEP_WAIT_MS / 60_000} minutes`);
    expect(error?.hint).not.toContain("kill");
  });

  it("takes over a lock from another host idle for longer than the longest step waits", () => {
    const store = new StateStore(tempDir("lock"), "demo");
    const path = otherHostLock(store, LONGEST_STEP_WAIT_MS + 60_000);
    store.lockExclusive("msdemo up");
    expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({ pid: process.pid, host: hostname() });
    store.unlock();
  });

  it("an old lock from another host whose holder still touches it stays held", () => {
    const store = new StateStore(tempDir("lock"), "demo");
    const path = otherHostLock(store, LONGEST_STEP_WAIT_MS + 60_000);
    const now = new Date();
    utimesSync(path, now, now); // its heartbeat
    expect(() => store.lockExclusive("msdemo up")).toThrow(/pid 4242 on ip-10-0-1-2/);
  });

  it("--force-unlock takes the lock even from a live holder", () => {
    const store = new StateStore(tempDir("lock"), "demo");
    const holder = liveHolderLock(store);
    const refused = (() => {
      try {
        store.lockExclusive("msdemo up");
      } catch (error) {
        return error as { hint?: string };
      }
    })();
    expect(refused?.hint).toContain(`kill ${holder}`);
    expect(refused?.hint).toContain("--force-unlock");
    store.lockExclusive("msdemo up", { force: true });
    expect(JSON.parse(readFileSync(join(store.dir, "lock"), "utf8")).pid).toBe(process.pid);
    store.unlock();
  });
});
