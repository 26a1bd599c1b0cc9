// The observe → diff → act model (src/engine/step-run.ts) and its read-only
// guard, in process with steps made for the test (no AWS: an in-memory "cloud"
// whose writes go through assertMayWrite as the real clients' do).
import { describe, expect, it } from "vitest";
import { stepContext } from "../../src/engine/context.js";
import { assertMayWrite, WriteWhileObservingError } from "../../src/engine/read-only.js";
import { memoryState } from "../../src/engine/runner.js";
import { applyStep, inspectStep, planStep, STALE_RETRIES } from "../../src/engine/step-run.js";
import type { Change, EngineEvent, Step } from "../../src/engine/types.js";
import { testConfig } from "../support/step-harness.js";
import { UNCHECKED_HANDOFF } from "../support/synthetic-steps.js";

/** A cloud of named things; every write is checked by the guard, as the AWS middleware does. */
class Cloud {
  things = new Map<string, string>();
  writes: string[] = [];
  read(name: string) {
    return this.things.get(name);
  }
  write(name: string, value: string) {
    assertMayWrite(`Put ${name}`);
    this.writes.push(name);
    this.things.set(name, value);
  }
}

type Snapshot = Record<string, string | undefined>;

function thingsStep(wanted: Record<string, string>, misbehave: "none" | "observe" | "outputs" = "none") {
  const step: Step<Cloud, Snapshot> = {
    id: "network",
    title: "things",
    console: "by hand",
    needs: [],
    async observe(ctx) {
      if (misbehave === "observe") ctx.aws.write("sneaky", "x");
      return Object.fromEntries(Object.keys(wanted).map((n) => [n, ctx.aws.read(n)]));
    },
    diff(snapshot) {
      return Object.entries(wanted).map(([name, value]) => {
        const have = snapshot[name];
        if (have === value) return { change: { action: "none", resource: "thing", name } };
        return {
          change: {
            action: have === undefined ? "create" : "update",
            resource: "thing",
            name,
            detail: value,
          },
          async run(ctx, s) {
            ctx.aws.write(name, value);
            s[name] = value;
          },
        };
      });
    },
    async outputs(snapshot, ctx) {
      if (misbehave === "outputs") ctx.aws.write("sneaky", "x");
      return Object.fromEntries(Object.entries(snapshot).map(([k, v]) => [k, v ?? ""]));
    },
    async destroy() {},
    async inspect(ctx) {
      ctx.aws.write("sneaky", "x");
      return { resources: [] };
    },
  };
  return step;
}

function contextFor(step: Step<Cloud>, cloud: Cloud, events: EngineEvent[] = []) {
  return stepContext(step, {
    config: testConfig(),
    aws: cloud,
    signal: new AbortController().signal,
    state: memoryState(),
    emit: (e) => events.push(e),
    ...UNCHECKED_HANDOFF,
  });
}

describe("observe → diff → act", () => {
  it("up runs exactly the changes plan lists, in order, and nothing for a `none`", async () => {
    const cloud = new Cloud();
    cloud.things.set("b", "2");
    cloud.things.set("c", "old");
    const step = thingsStep({ a: "1", b: "2", c: "3" }) as Step<Cloud>;
    const planned = await planStep(step, contextFor(step, cloud));
    expect(planned.map((c) => `${c.action} ${c.name}`)).toEqual(["create a", "none b", "update c"]);
    expect(cloud.writes).toEqual([]);
    const started: Change[] = [];
    const outputs = await applyStep(step, contextFor(step, cloud), (change) => started.push(change));
    expect(started).toEqual(planned.filter((c) => c.action !== "none"));
    expect(cloud.writes).toEqual(["a", "c"]);
    expect(outputs).toEqual({ a: "1", b: "2", c: "3" });
    expect(await planStep(step, contextFor(step, cloud))).toEqual(
      ["a", "b", "c"].map((name) => ({ action: "none", resource: "thing", name })),
    );
  });

  it("a write in observe, outputs or inspect throws instead of happening unplanned", async () => {
    for (const phase of ["observe", "outputs"] as const) {
      const cloud = new Cloud();
      const step = thingsStep({ a: "1" }, phase) as Step<Cloud>;
      await expect(applyStep(step, contextFor(step, cloud))).rejects.toThrow(WriteWhileObservingError);
      expect(cloud.things.has("sneaky")).toBe(false);
    }
    const cloud = new Cloud();
    const step = thingsStep({}) as Step<Cloud>;
    await expect(inspectStep(step, contextFor(step, cloud))).rejects.toThrow(
      /network: inspect, which may only read/,
    );
  });

  it("a change's warning reaches the user when up gets to it", async () => {
    const cloud = new Cloud();
    const step: Step<Cloud, Snapshot> = {
      ...thingsStep({}),
      diff: () => [
        { change: { action: "none", resource: "thing", name: "a", warning: "runs another version" } },
      ],
    };
    const events: EngineEvent[] = [];
    await applyStep(step as Step<Cloud>, contextFor(step as Step<Cloud>, cloud, events));
    expect(events).toMatchObject([{ type: "step-warning", message: "runs another version" }]);
  });
});

describe("another run changes things under up", () => {
  class Gone extends Error {}
  /** Each of the first `vanishings` writes finds the thing removed by "another run" first. */
  function vanishingStep(vanishings: number, stale: boolean) {
    const base = thingsStep({ a: "1" });
    let left = vanishings;
    const step: Step<Cloud, Snapshot> = {
      ...base,
      diff: (snapshot, ctx) =>
        base.diff(snapshot, ctx).map((action) => {
          const run = action.run;
          if (!run) return action;
          return {
            change: action.change,
            run: async (ctx, s) => {
              if (left-- > 0) throw new Gone("a was deleted meanwhile");
              await run(ctx, s);
            },
          };
        }),
      ...(stale ? { staleSnapshot: (e: unknown) => (e instanceof Gone ? "looking again" : undefined) } : {}),
    };
    return step as Step<Cloud>;
  }

  it("observes again and converges when the step calls the error a stale snapshot", async () => {
    const cloud = new Cloud();
    const events: EngineEvent[] = [];
    const step = vanishingStep(2, true);
    expect(await applyStep(step, contextFor(step, cloud, events))).toEqual({ a: "1" });
    expect(cloud.writes).toEqual(["a"]);
    expect(
      events.filter((e) => e.type === "step-progress").map((e) => e.type === "step-progress" && e.message),
    ).toEqual(["looking again", "looking again"]);
  });

  it("gives up after STALE_RETRIES, and never retries an error the step does not call stale", async () => {
    const endless = vanishingStep(STALE_RETRIES + 1, true);
    await expect(applyStep(endless, contextFor(endless, new Cloud()))).rejects.toThrow(Gone);
    const plain = vanishingStep(1, false);
    const cloud = new Cloud();
    await expect(applyStep(plain, contextFor(plain, cloud))).rejects.toThrow(Gone);
    expect(cloud.writes).toEqual([]);
  });
});

describe("ctx.require", () => {
  it("reports a step that has not completed, and a malformed record by step and field", async () => {
    const { OUTPUT_HANDOFF } = await import("../../src/steps/outputs.js");
    const state = memoryState({
      network: { status: "done", outputs: { vpcId: "vpc-1", nodeSecurityGroupId: "" }, updatedAt: "" },
      registry: { status: "partial", outputs: {}, updatedAt: "" },
    });
    const step = thingsStep({}) as Step<Cloud>;
    const ctx = stepContext(
      { ...step, id: "cluster" },
      {
        config: testConfig(),
        aws: new Cloud(),
        signal: new AbortController().signal,
        state,
        emit: () => undefined,
        ...OUTPUT_HANDOFF,
      },
    );
    expect(() => ctx.require("network")).toThrow(/record of the network step.*nodeSecurityGroupId/);
    expect(() => ctx.require("registry")).toThrow(/cluster step needs what the registry step makes/);
    expect(ctx.find("registry")).toBeUndefined();
  });
});
