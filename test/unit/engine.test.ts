import { describe, expect, it } from "vitest";
import { pollUntil } from "../../src/aws/wait.js";
import type { StepId } from "../../src/config.js";
import { memoryState, runSteps } from "../../src/engine/runner.js";
import type { EngineEvent, Step } from "../../src/engine/types.js";
import { testConfig } from "../support/step-harness.js";
import { REAL_GRAPH, syntheticSteps, UNCHECKED_HANDOFF } from "../support/synthetic-steps.js";

const ALL = Object.keys(REAL_GRAPH) as StepId[];

function run(
  steps: Step<unknown>[],
  options: {
    selected?: StepId[];
    state?: ReturnType<typeof memoryState>;
    mode?: "apply" | "destroy";
    signal?: AbortSignal;
    clock?: () => number;
  } = {},
) {
  const events: EngineEvent[] = [];
  const state = options.state ?? memoryState();
  const result = runSteps({
    mode: options.mode ?? "apply",
    steps,
    selected: options.selected ?? ALL,
    state,
    config: testConfig(),
    aws: undefined,
    signal: options.signal ?? new AbortController().signal,
    emit: (e) => events.push(e),
    describeError: (e) => ({ message: (e as Error).message }),
    ...UNCHECKED_HANDOFF,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { result, events, state };
}

describe("engine", () => {
  it("starts every step once its needs are done, concurrently", async () => {
    const { steps, log } = syntheticSteps(1);
    const { result, events, state } = run(steps);
    expect((await result).ok).toBe(true);
    expect(new Set(log.finished)).toEqual(new Set(ALL));
    const startOrder = events.filter((e) => e.type === "step-start").map((e) => e.step);
    // network and registry have no needs: both start before anything finishes.
    expect(startOrder.slice(0, 2).sort()).toEqual(["network", "registry"]);
    // database and cluster both start once network is done, before cluster ends.
    expect(log.started.indexOf("database")).toBeLessThan(log.finished.indexOf("cluster"));
    for (const id of ALL) {
      for (const need of REAL_GRAPH[id].needs)
        expect(log.finished.indexOf(need)).toBeLessThan(log.started.indexOf(id));
      expect(state.get(id)?.status).toBe("done");
    }
  });

  it("on a failure starts nothing new, lets running steps finish, reports every failure", async () => {
    const { steps, log } = syntheticSteps(1, {
      fail: { images: "push refused", database: "quota exceeded" },
    });
    const { result, events } = run(steps);
    const r = await result;
    expect(r.ok).toBe(false);
    expect(r.failures.map((f) => f.step).sort()).toEqual(["database", "images"]);
    // cluster was running when images failed: it finished; nodes never started.
    expect(log.finished).toContain("cluster");
    expect(log.started).not.toContain("nodes");
    expect(log.started).not.toContain("deploy");
    const skipped = events.filter((e) => e.type === "step-skipped").map((e) => e.step);
    expect(skipped.sort()).toEqual(["deploy", "gateway", "nodes", "site"]);
    const end = events.at(-1);
    expect(end?.type === "run-end" && end.ok).toBe(false);
  });

  it("on resume re-verifies completed steps through apply, with their previous outputs", async () => {
    const first = syntheticSteps(0.2);
    const state = memoryState();
    expect((await run(first.steps, { state }).result).ok).toBe(true);
    const second = syntheticSteps(0.2);
    const again = await run(second.steps, { state }).result;
    expect(again.ok).toBe(true);
    expect(new Set(second.log.applied)).toEqual(new Set(ALL));
    expect(state.get("cluster")?.outputs.verifiedFrom).toBe("cluster-1");
  });

  it("refuses a selection whose needs have not completed, before running anything", async () => {
    const { steps, log } = syntheticSteps(0.1);
    const { result } = run(steps, { selected: ["nodes"] });
    const r = await result;
    expect(r.failures[0]).toMatchObject({
      step: "nodes",
      error: { message: expect.stringMatching(/cluster/) },
    });
    expect(log.started).toEqual([]);
  });

  it("destroys in reverse order of needs", async () => {
    const { steps, log } = syntheticSteps(0.2);
    const state = memoryState();
    await run(steps, { state }).result;
    log.started.length = 0;
    log.finished.length = 0;
    const r = await run(steps, { state, mode: "destroy" }).result;
    expect(r.ok).toBe(true);
    for (const id of ALL) {
      for (const need of REAL_GRAPH[id].needs)
        expect(log.finished.indexOf(id)).toBeLessThan(log.started.indexOf(need));
      expect(state.get(id)).toBeUndefined();
    }
  });

  it("stops on abort: running steps end, nothing new starts, outputs so far are kept", async () => {
    const { steps, log } = syntheticSteps(2);
    const controller = new AbortController();
    const state = memoryState();
    const { result } = run(steps, { state, signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const r = await result;
    expect(r.interrupted).toBe(true);
    expect(r.ok).toBe(false);
    expect(log.started).not.toContain("gateway");
    expect(state.get("network")?.status).toBe("done");
  });

  it("asks the gate before each step: skip and quit", async () => {
    const { steps, log } = syntheticSteps(0.1);
    const events: EngineEvent[] = [];
    const asked: StepId[] = [];
    const r = await runSteps({
      mode: "apply",
      steps,
      selected: ["network", "registry", "images"],
      state: memoryState(),
      config: testConfig(),
      aws: undefined,
      signal: new AbortController().signal,
      emit: (e) => events.push(e),
      describeError: (e) => ({ message: String(e) }),
      ...UNCHECKED_HANDOFF,
      gate: async (id) => {
        asked.push(id);
        return id === "registry" ? "skip" : id === "images" ? "quit" : "run";
      },
    });
    expect(asked.sort()).toEqual(["images", "network", "registry"]);
    expect(log.applied).toEqual(["network"]);
    expect(r.quit).toBe(true);
    expect(r.skipped).toEqual(["registry"]);
  });

  it("step-done carries the time a step waited on AWS, only for a step that waited a second or more", async () => {
    process.env.MSDEMO_POLL_SCALE = "0.001";
    // A fake clock: it moves only when a poll asks AWS or a step works on its own.
    let clock = 0;
    let networkAsked!: () => void;
    const networkHasAsked = new Promise<void>((resolve) => {
      networkAsked = resolve;
    });
    const step = (
      id: StepId,
      needs: StepId[],
      run: (signal: AbortSignal) => Promise<void>,
    ): Step<unknown> => ({
      id,
      title: id,
      console: id,
      needs,
      observe: async () => ({}),
      diff: () => [
        { change: { action: "create", resource: "thing", name: id }, run: (ctx) => run(ctx.signal) },
      ],
      outputs: async () => ({}),
      destroy: async () => undefined,
      inspect: async () => ({ resources: [] }),
    });
    const poll = (what: string, checks: number, msPerCheck: number, signal: AbortSignal) => {
      let asked = 0;
      return pollUntil({
        what,
        check: async () => {
          clock += msPerCheck;
          if (what === "network") networkAsked();
          return { done: ++asked === checks, state: "creating" };
        },
        intervalMs: 10,
        timeoutMs: 60_000,
        signal,
        timeoutHint: "",
      });
    };
    const steps = [
      // Waits on AWS for 3 checks of 1.5 s.
      step("network", [], async (signal) => void (await poll("network", 3, 1500, signal))),
      // Works 2 s on its own while network waits: network's wait is longer by it, images waited nothing.
      step("images", [], async () => {
        await networkHasAsked;
        clock += 2000;
      }),
      // Waits 0.3 s after the others: too short to show.
      step("registry", ["network"], async (signal) => void (await poll("registry", 1, 300, signal))),
    ];
    const { result, events } = run(steps, {
      selected: ["network", "images", "registry"],
      clock: () => clock,
    });
    const r = await result;
    expect(r.ok).toBe(true);
    const done = Object.fromEntries(
      events.flatMap((e) => (e.type === "step-done" ? [[e.step, e]] : [])),
    ) as Record<StepId, Extract<EngineEvent, { type: "step-done" }>>;
    expect(done.network?.waitedMs).toBe(3 * 1500 + 2000);
    expect(done.network?.elapsedMs).toBe(3 * 1500 + 2000);
    expect(done.images?.elapsedMs).toBe(1500 + 2000);
    expect(done.images).not.toHaveProperty("waitedMs");
    expect(done.registry?.elapsedMs).toBe(300);
    expect(done.registry).not.toHaveProperty("waitedMs");
  });
});
