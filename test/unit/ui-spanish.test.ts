// The UI layer speaks the user's language: msdemo's own state words, plan
// actions, the summary after quitting at a prompt, an interrupted step,
// endpoint labels and commander's own words. AWS's words pass through as AWS
// reports them, and English stays word for word what it was.
import { afterEach, describe, expect, it } from "vitest";
import { endpointLabel, statusTable } from "../../src/cli/commands/status.js";
import { stateWord as diagramStateWord, toneOf } from "../../src/diagram/tone.js";
import type { StepPlan } from "../../src/engine/collect.js";
import { memoryState, runSteps, type StepGate } from "../../src/engine/runner.js";
import type { EngineEvent, LiveResource } from "../../src/engine/types.js";
import { es } from "../../src/i18n/es.js";
import { setLanguage } from "../../src/i18n/index.js";
import { stateWord } from "../../src/i18n/state-words.js";
import { PlainRenderer, plainLine } from "../../src/ui/plain.js";
import { planTable } from "../../src/ui/plan-view.js";
import { testConfig } from "../support/step-harness.js";
import { syntheticSteps, UNCHECKED_HANDOFF } from "../support/synthetic-steps.js";

afterEach(() => setLanguage("en"));

const OWN_WORDS = [
  "exists",
  "missing",
  "ready",
  "progressing",
  "active",
  "pending",
  "pushed",
  "ok",
  "extra",
  "no integration",
  "auto-deploy",
  "manual deploy",
  "deleted",
  "scheduled-for-deletion",
  "done",
  "partial",
];
const AWS_WORDS = ["available", "ACTIVE", "CREATING", "backing-up", "InService", "DELETING"];

describe("stateWord", () => {
  it("is the same word as before in English", () => {
    setLanguage("en");
    for (const word of OWN_WORDS) expect(stateWord(word)).toBe(word);
    for (const word of AWS_WORDS) expect(stateWord(word)).toBe(word);
  });

  it("translates every msdemo word in Spanish and leaves AWS's words as they are", () => {
    setLanguage("es");
    for (const word of OWN_WORDS) expect(stateWord(word), word).not.toBe(word);
    expect(stateWord("missing")).toBe(es["ui.state.missing"]);
    expect(stateWord("no integration")).toBe(es["ui.state.noIntegration"]);
    expect(stateWord("scheduled-for-deletion")).toBe(es["ui.state.scheduledForDeletion"]);
    expect(stateWord("done")).toBe(es["ui.state.done"]);
    for (const word of AWS_WORDS) expect(stateWord(word)).toBe(word);
    // Object's own properties are not state words.
    expect(stateWord("constructor")).toBe("constructor");
  });

  it("is what the diagram shows, which still colours by the raw state", () => {
    setLanguage("es");
    expect(diagramStateWord("missing")).toBe(es["ui.state.missing"]);
    expect(diagramStateWord("planned")).toBe(es["diagram.state.planned"]);
    expect(diagramStateWord("available")).toBe("available");
    expect(toneOf("missing")).toBe("bad");
    expect(toneOf("auto-deploy")).toBe("ok");
    setLanguage("en");
    expect(diagramStateWord("missing")).toBe("missing");
    expect(diagramStateWord("planned")).toBe("planned");
  });
});

const PLANS: StepPlan[] = [
  {
    step: "network",
    title: "network",
    changes: [
      { action: "create", resource: "security group", name: "node-sg-service" },
      { action: "update", resource: "security group", name: "node-sg-db", detail: "rule 5432" },
      { action: "adopt", resource: "repository", name: "orders-service-repo" },
      { action: "none", resource: "repository", name: "auth-service-repo" },
      { action: "delete", resource: "route", name: "GET /old" },
    ],
  },
];

describe("plan table", () => {
  it("shows the actions in Spanish", () => {
    setLanguage("es");
    const table = planTable(PLANS);
    expect(table).toContain(es["table.action"]);
    expect(table).toContain(es["ui.action.create"]);
    expect(table).toContain(`${es["ui.action.update"]}: rule 5432`);
    expect(table).toContain(es["ui.action.adopt"]);
    expect(table).toContain(es["ui.action.none"]);
    expect(table).toContain(es["ui.action.delete"]);
    expect(table).not.toMatch(/\b(create|update|adopt|none|delete)\b/);
  });

  it("is unchanged in English", () => {
    setLanguage("en");
    const table = planTable(PLANS);
    for (const word of ["create", "update: rule 5432", "adopt", "none", "delete"])
      expect(table).toContain(word);
  });
});

const RESOURCES: LiveResource[] = [
  { step: "network", type: "security group", name: "node-sg-service", state: "missing", managed: false },
  { step: "registry", type: "repository", name: "auth-service-repo", state: "exists", managed: false },
  { step: "database", type: "db instance", name: "pgdb-rds", state: "available", managed: true },
];

describe("status table", () => {
  it("does not call a missing resource adopted, and words msdemo's states in Spanish", () => {
    setLanguage("es");
    const lines = statusTable(RESOURCES).split("\n");
    const missing = lines.find((l) => l.includes("node-sg-service"))!;
    expect(missing).toContain(es["ui.state.missing"]);
    expect(missing).not.toContain(es["table.adopted"]);
    expect(missing).not.toMatch(/\bmissing\b/);
    const adopted = lines.find((l) => l.includes("auth-service-repo"))!;
    expect(adopted).toContain(es["ui.state.exists"]);
    expect(adopted).toContain(es["table.adopted"]);
    expect(lines.find((l) => l.includes("pgdb-rds"))).toContain("available");
  });

  it("keeps English states as they were", () => {
    setLanguage("en");
    const table = statusTable(RESOURCES);
    expect(table).toMatch(/node-sg-service\s+missing\s*$/m);
    expect(table).toMatch(/auth-service-repo\s+exists\s+adopted/);
  });

  it("labels the known endpoints and leaves repository names as they are", () => {
    setLanguage("es");
    expect(endpointLabel("kubernetesApi")).toBe(es["ui.endpoint.kubernetesApi"]);
    expect(endpointLabel("apiUrl")).toBe(es["ui.endpoint.apiUrl"]);
    expect(endpointLabel("database")).toBe(es["ui.endpoint.database"]);
    expect(endpointLabel("orders-service-repo")).toBe("orders-service-repo");
    setLanguage("en");
    expect(endpointLabel("apiUrl")).toBe("API URL");
    expect(endpointLabel("kubernetesApi")).toBe("Kubernetes API");
  });
});

/** Runs synthetic steps with a gate, through the plain renderer; returns its lines and the events. */
async function runWithGate(gate: StepGate, options: { fail?: Record<string, string> } = {}) {
  const { steps } = syntheticSteps(0, { fail: options.fail ?? {} });
  const written: string[] = [];
  const renderer = new PlainRenderer({ write: (chunk: string) => written.push(chunk) } as never);
  const events: EngineEvent[] = [];
  await runSteps({
    mode: "apply",
    steps,
    selected: ["network", "registry"],
    state: memoryState(),
    config: testConfig(),
    aws: undefined,
    signal: new AbortController().signal,
    emit: (e) => {
      events.push(e);
      renderer.onEvent(e);
    },
    describeError: (e) => ({ message: (e as Error).message }),
    ...UNCHECKED_HANDOFF,
    gate,
  });
  return { last: written.at(-1)!, events };
}

describe("the summary after quitting at a prompt", () => {
  it("says the run stopped, not that it failed, in Spanish", async () => {
    setLanguage("es");
    const { last } = await runWithGate(async () => "quit");
    expect(last).toMatch(/detenido tras \S+: msdemo up continúa más tarde/);
    expect(last).not.toContain("falló");
  });

  it("says it in English", async () => {
    setLanguage("en");
    const { last } = await runWithGate(async (step) => (step === "network" ? "run" : "quit"));
    expect(last).toMatch(/stopped after \S+: msdemo up continues later/);
  });

  it("keeps a real failure's wording", async () => {
    setLanguage("es");
    const { last } = await runWithGate(async () => "run", { fail: { network: "boom" } });
    expect(last).toMatch(/falló tras/);
    setLanguage("en");
    const end: EngineEvent = {
      type: "run-end",
      mode: "apply",
      ok: false,
      interrupted: false,
      quit: false,
      failures: 1,
      elapsedMs: 7000,
      at: "",
    };
    expect(plainLine(end)).toBe("failed after 7s");
    expect(plainLine({ ...end, quit: true, failures: 0 })).toBe(
      "stopped after 7s: msdemo up continues later",
    );
    expect(plainLine({ ...end, quit: true })).toBe("failed after 7s");
  });
});

describe("a step interrupted by Ctrl-C", () => {
  it("is reported once, as interrupted (not failed and skipped), in the user's language", async () => {
    setLanguage("es");
    const { steps } = syntheticSteps(1000);
    const controller = new AbortController();
    const events: EngineEvent[] = [];
    const run = runSteps({
      mode: "apply",
      steps,
      selected: ["network"],
      state: memoryState(),
      config: testConfig(),
      aws: undefined,
      signal: controller.signal,
      emit: (e) => {
        events.push(e);
        if (e.type === "step-start") setTimeout(() => controller.abort(), 10);
      },
      describeError: (e) => ({ message: (e as Error).message }),
      ...UNCHECKED_HANDOFF,
    });
    expect((await run).interrupted).toBe(true);
    const ofNetwork = events.filter((e) => e.type !== "step-start" && "step" in e && e.step === "network");
    // The change it had begun, worded in Spanish, then its end: interrupted, once.
    expect(ofNetwork.map(plainLine)).toEqual(["network: crear thing network", "network: interrumpido"]);
  });
});

describe("a finished step's line in the plain view", () => {
  const done: EngineEvent = { type: "step-done", mode: "apply", step: "cluster", elapsedMs: 580_000, at: "" };

  it("shows the time waiting on AWS beside the step's time, in English and Spanish", () => {
    setLanguage("en");
    expect(plainLine({ ...done, waitedMs: 552_000 })).toBe("cluster: done in 9m40s (9m12s waiting on AWS)");
    setLanguage("es");
    expect(plainLine({ ...done, waitedMs: 552_000 })).toBe("cluster: listo en 9m40s (9m12s esperando a AWS)");
  });

  it("shows only the step's time when it did not wait", () => {
    setLanguage("en");
    expect(plainLine(done)).toBe("cluster: done in 9m40s");
    setLanguage("es");
    expect(plainLine(done)).toBe("cluster: listo en 9m40s");
  });
});
