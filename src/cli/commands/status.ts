// msdemo status: every resource of the stack with its live state, the
// endpoints, and drift between the state file and AWS. --offline reads the
// state file only.

import { DEFAULT_REGION } from "../../config.js";
import {
  costInput,
  costJson,
  costLine,
  costSoFar,
  costSoFarLine,
  estimateCost,
  itemStartTimes,
} from "../../cost/index.js";
import type { StepInspection } from "../../engine/collect.js";
import { collectStatus } from "../../engine/collect.js";
import { memoryState } from "../../engine/runner.js";
import type { LiveResource } from "../../engine/types.js";
import { type PlainMessageKey, t, wordFor } from "../../i18n/index.js";
import { stateWord } from "../../i18n/state-words.js";
import type { StackState } from "../../state/store.js";
import { StateStore } from "../../state/store.js";
import { OUTPUT_HANDOFF } from "../../steps/outputs.js";
import { formatTable } from "../../ui/format.js";
import { checkAccess, describeError, openRuntime } from "../runtime.js";
import { type GlobalFlags, rawGlobals, validateGlobals } from "../settings.js";

export interface Drift {
  step: string;
  /** gone: in the state file but not in AWS; untracked: in AWS but not in the state file. */
  kind: "gone" | "untracked";
  type: string;
  name: string;
}

const ENDPOINT_LABELS: Record<string, PlainMessageKey> = {
  apiUrl: "ui.endpoint.apiUrl",
  kubernetesApi: "ui.endpoint.kubernetesApi",
  database: "ui.endpoint.database",
  rateLimit: "ui.endpoint.rateLimit",
  pageUrl: "site.endpoint.pageUrl",
  latencyP95: "ui.endpoint.latencyP95",
  errorRate5xx: "ui.endpoint.errorRate5xx",
};

/** The label of an endpoint: known keys in the user's language, others (repository names) as they are. */
export function endpointLabel(name: string): string {
  return wordFor(ENDPOINT_LABELS, name);
}

/** The resource table of `status`: states in the user's language, adopted ones marked. */
export function statusTable(resources: LiveResource[]): string {
  const rows = resources.map((r) => [
    r.step,
    r.type,
    r.name,
    r.id ?? "",
    stateWord(r.state),
    // A missing resource is neither msdemo's nor adopted: nothing to say.
    r.managed || r.state === "missing" ? "" : t("table.adopted"),
  ]);
  return formatTable(
    [t("table.step"), t("table.type"), t("table.name"), t("table.id"), t("table.state"), ""],
    rows,
  );
}

export function findDrift(state: StackState | undefined, inspections: StepInspection[]): Drift[] {
  const drift: Drift[] = [];
  for (const inspection of inspections) {
    const recorded = state?.steps[inspection.step] !== undefined;
    for (const r of inspection.resources) {
      if (recorded && r.state === "missing")
        drift.push({ step: r.step, kind: "gone", type: r.type, name: r.name });
      if (!recorded && r.state !== "missing")
        drift.push({ step: r.step, kind: "untracked", type: r.type, name: r.name });
    }
  }
  return drift;
}

function offline(flags: GlobalFlags & Record<string, unknown>): number {
  const raw = rawGlobals(flags);
  const globals = validateGlobals(raw, DEFAULT_REGION);
  const store = new StateStore(globals.stateDir, globals.stack);
  const state = store.read();
  if (globals.json) {
    process.stdout.write(
      `${JSON.stringify({ stack: globals.stack, offline: true, state: state ?? null }, null, 2)}\n`,
    );
    return 0;
  }
  if (!state) {
    process.stdout.write(`${t("status.noState", { stack: globals.stack, path: store.path })}\n`);
    return 0;
  }
  const rows = Object.entries(state.steps).map(([step, record]) => [
    step,
    stateWord(record.status),
    Object.entries(record.outputs)
      .map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
      .join(" "),
  ]);
  process.stdout.write(
    `${t("status.stateOnly", { stack: state.stack, region: state.region })}\n\n${formatTable([t("table.step"), t("table.status"), t("table.outputs")], rows)}\n`,
  );
  return 0;
}

export async function run(flags: GlobalFlags & Record<string, unknown>): Promise<number> {
  if (flags.offline) return offline(flags);
  const runtime = await openRuntime(flags);
  const { config, store, steps, aws } = runtime;
  try {
    await checkAccess(runtime);
    const state = store.read();
    const inspections = await collectStatus(steps, {
      config,
      aws,
      signal: new AbortController().signal,
      state: memoryState(state?.steps ?? {}),
      describeError,
      ...OUTPUT_HANDOFF,
    });
    const resources: LiveResource[] = inspections.flatMap((i) => i.resources);
    const endpoints = Object.assign({}, ...inspections.map((i) => i.endpoints ?? {})) as Record<
      string,
      string
    >;
    const drift = findDrift(state, inspections);
    const warnings = inspections.flatMap((i) => i.warnings ?? []);
    const estimate = estimateCost(costInput(config));
    const soFar = state
      ? costSoFar(estimate, state.createdAt, new Date(), itemStartTimes(resources))
      : undefined;
    const errors = inspections.filter((i) => i.error).map((i) => ({ step: i.step, ...i.error }));
    if (config.json) {
      const out = {
        cost: costJson(config.stack, estimate, soFar),
        stack: config.stack,
        region: config.region,
        resources,
        endpoints,
        drift,
        warnings,
        errors,
      };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      process.stdout.write(
        `${t("run.stackIn", { stack: config.stack, region: config.region })}\n\n${statusTable(resources)}\n`,
      );
      for (const [name, url] of Object.entries(endpoints))
        process.stdout.write(`\n${t("status.endpoint", { name: endpointLabel(name), url })}`);
      if (Object.keys(endpoints).length) process.stdout.write("\n");
      for (const d of drift) {
        process.stdout.write(
          `${t(d.kind === "gone" ? "status.driftGone" : "status.driftUntracked", { type: d.type, name: d.name })}\n`,
        );
      }
      process.stdout.write(`${costLine(estimate)}\n`);
      if (soFar) process.stdout.write(`${costSoFarLine(soFar)}\n`);
      for (const w of warnings) process.stdout.write(`${t("warning.line", { message: w })}\n`);
      for (const e of errors)
        process.stdout.write(`${t("status.couldNotCheck", { step: e.step, message: e.message ?? "" })}\n`);
    }
    return errors.length ? 1 : 0;
  } finally {
    aws.destroy();
  }
}
