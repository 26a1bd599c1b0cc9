// --private is remembered in the state: a later up without the flag keeps it,
// --no-private switches back, and the setting survives the state file.
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/main.js";
import { withRememberedSettings } from "../../src/cli/remembered-settings.js";
import { StateStore } from "../../src/state/store.js";
import { tempDir } from "../support/process.js";
import { testConfig } from "../support/step-harness.js";

function stateWith(settings?: { private?: boolean }) {
  const store = new StateStore(tempDir("state"), "node-microservices-demo");
  const state = store.readOrNew("node-microservices-demo", "us-east-1");
  store.write(settings ? { ...state, settings } : state);
  return store.read();
}

describe("--private, remembered", () => {
  it("a stack made with --private stays private when the flag is left out", () => {
    expect(withRememberedSettings(testConfig(), stateWith({ private: true })).private).toBe(true);
  });

  it("--no-private switches a private stack back to public", () => {
    expect(withRememberedSettings(testConfig({ private: false }), stateWith({ private: true })).private).toBe(
      false,
    );
  });

  it("--private on a public stack, and public by default without state or setting", () => {
    expect(withRememberedSettings(testConfig({ private: true }), stateWith({ private: false })).private).toBe(
      true,
    );
    expect(withRememberedSettings(testConfig(), stateWith()).private).toBe(false);
    expect(withRememberedSettings(testConfig(), undefined).private).toBe(false);
  });

  it("up and plan take --private and --no-private; an unset flag stays undefined (the state decides)", () => {
    const parsed = (...args: string[]) => {
      const program = buildProgram();
      const plan = program.commands.find((c) => c.name() === "plan")!;
      plan.action(() => {});
      program.parse(["node", "msdemo", "plan", ...args]);
      return plan.opts().private;
    };
    expect(parsed("--private")).toBe(true);
    expect(parsed("--no-private")).toBe(false);
    expect(parsed()).toBeUndefined();
  });
});
