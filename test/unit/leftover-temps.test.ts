// A run killed while writing its state leaves `.state.json.<pid>.<hex>.tmp`
// behind; the next run that takes the stack's lock removes it, and nothing else.
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StateStore } from "../../src/state/store.js";
import { tempDir } from "../support/process.js";

describe("temp files of a killed state write", () => {
  it("are removed when the lock is taken; other files stay", () => {
    const store = new StateStore(tempDir("leftover"), "demo");
    store.lockExclusive("setup");
    store.write(store.readOrNew("demo", "us-east-1"));
    store.unlock();
    writeFileSync(join(store.dir, ".state.json.4242.0badc0de.tmp"), "{half");
    writeFileSync(join(store.dir, "notes.tmp"), "mine");
    writeFileSync(join(store.dir, ".other.json.4242.0badc0de.tmp"), "not msdemo's state");

    store.lockExclusive("msdemo up");
    try {
      expect(readdirSync(store.dir).sort()).toEqual([
        ".other.json.4242.0badc0de.tmp",
        "lock",
        "notes.tmp",
        "state.json",
      ]);
    } finally {
      store.unlock();
    }
  });
});
