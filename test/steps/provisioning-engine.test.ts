// network, database and registry together through the DAG runner, as `up` and
// `teardown` run them: concurrently where the graph allows, teardown in reverse.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import { explainAwsError } from "../../src/aws/errors.js";
import type { StepId } from "../../src/config.js";
import { memoryState, runSteps } from "../../src/engine/runner.js";
import type { EngineEvent } from "../../src/engine/types.js";
import { databaseStep } from "../../src/steps/database.js";
import { networkStep } from "../../src/steps/network.js";
import { OUTPUT_HANDOFF } from "../../src/steps/outputs.js";
import { registryStep } from "../../src/steps/registry.js";
import { inventory, isEmpty } from "../support/inventory.js";
import { type Moto, startMoto } from "../support/moto.js";
import { recordCalls, testConfig } from "../support/step-harness.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const STEPS = [networkStep, databaseStep, registryStep];
const IDS: StepId[] = ["network", "database", "registry"];

describe("network + database + registry through the engine (moto)", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());
  beforeEach(async () => moto.reset());

  async function run(aws: AwsClients, mode: "apply" | "destroy", state = memoryState()) {
    const events: EngineEvent[] = [];
    const result = await runSteps({
      mode,
      steps: STEPS,
      selected: IDS,
      state,
      config: testConfig({ dbPasswordMode: "generated" }),
      aws,
      signal: new AbortController().signal,
      emit: (e) => events.push(e),
      ...OUTPUT_HANDOFF,
      describeError: (error) => {
        const explained = explainAwsError(error);
        return { message: explained.message, ...(explained.hint ? { hint: explained.hint } : {}) };
      },
    });
    return { result, events, state };
  }

  it("up, a rerun with no mutating call, and teardown (with and without state) leave nothing", async () => {
    const aws = moto.clients();
    const up = await run(aws, "apply");
    expect(up.result.failures).toEqual([]);
    expect(up.result.ok).toBe(true);
    const inv = await inventory(aws);
    expect(inv.securityGroups).toEqual(["node-sg-service", "postgres-sg-rds"]);
    expect(inv.dbInstances).toEqual(["pgdb-rds"]);
    expect(inv.repositories).toHaveLength(3);

    const calls = recordCalls(aws);
    const again = await run(aws, "apply", up.state);
    expect(again.result.ok).toBe(true);
    expect(calls.mutating()).toEqual([]);

    const down = await run(aws, "destroy", up.state);
    expect(down.result.failures).toEqual([]);
    expect(isEmpty(await inventory(aws))).toBe(true);

    // Once more, from nothing but AWS: discovery by tags and names.
    await run(aws, "apply");
    const blind = await run(aws, "destroy", memoryState());
    expect(blind.result.failures).toEqual([]);
    expect(isEmpty(await inventory(aws))).toBe(true);
  });
});
