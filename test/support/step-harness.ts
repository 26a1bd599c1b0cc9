// Runs one step's apply / plan / destroy / inspect against an emulator, with an
// in-memory state and a record of every AWS call, so tests can assert that a
// rerun makes no mutating call.
import type { InitializeHandler, MiddlewareStack } from "@smithy/types";
import type { AwsClients } from "../../src/aws/clients.js";
import { buildConfig, type Config, type StepId } from "../../src/config.js";
import { stepContext } from "../../src/engine/context.js";
import { memoryState } from "../../src/engine/runner.js";
import { applyStep, planStep } from "../../src/engine/step-run.js";
import type { Change, EngineEvent } from "../../src/engine/types.js";
import type { StepRecord } from "../../src/state/store.js";
import type { AwsStep, AwsStepContext } from "../../src/steps/index.js";
import { OUTPUT_HANDOFF } from "../../src/steps/outputs.js";

export interface CallLog {
  calls: string[];
  /** Calls that change something: anything but Describe*, List*, Get*, Head*. */
  mutating(): string[];
  /** Whether one logged call changes something (another log, e.g. of Kubernetes requests, says its own way). */
  isMutating(call: string): boolean;
  clear(): void;
}

const READ_ONLY = /^(Describe|List|Get|Head|Search|Lookup|Check)/;

/** Records the name of every command each client sends. */
export function recordCalls(clients: AwsClients): CallLog {
  const log: CallLog = {
    calls: [],
    mutating: () => log.calls.filter((c) => !READ_ONLY.test(c)),
    isMutating: (call) => !READ_ONLY.test(call),
    clear: () => {
      log.calls.length = 0;
    },
  };
  for (const client of [
    clients.ec2,
    clients.rds,
    clients.ecr,
    clients.eks,
    clients.apigateway,
    clients.sts,
    clients.secrets,
    clients.iam,
    clients.elb,
    clients.elbv2,
    clients.s3,
    clients.cloudfront,
    clients.logs,
    clients.cloudwatch,
  ]) {
    const stack = client.middlewareStack as unknown as MiddlewareStack<object, object>;
    stack.add(
      (next: InitializeHandler<object, object>, context) => (args) => {
        log.calls.push(String(context.commandName).replace(/Command$/, ""));
        return next(args);
      },
      { step: "initialize", name: "msdemoTestCallLog" },
    );
  }
  return log;
}

export function testConfig(
  overrides: Record<string, unknown> = {},
  globals: Record<string, unknown> = {},
): Config {
  return buildConfig(
    {
      stack: "node-microservices-demo",
      region: "us-east-1",
      stateDir: "/nonexistent",
      yes: true,
      json: false,
      color: false,
      verbose: false,
      ...globals,
    },
    overrides,
  );
}

/** One planned change as `up` made it, with the AWS calls made while it ran. */
export interface MadeChange {
  change: Change;
  calls: string[];
}

export interface StepRun {
  state: ReturnType<typeof memoryState>;
  events: EngineEvent[];
  context(step: AwsStep, signal?: AbortSignal): AwsStepContext;
  /** What `plan` lists for the step. */
  plan(step: AwsStep): Promise<Change[]>;
  /** apply, then store the outputs as the runner does. */
  apply(step: AwsStep): Promise<StepRecord["outputs"]>;
  /** The changes the last apply made, each with the calls it made (needs a CallLog). */
  made: MadeChange[];
  destroy(step: AwsStep): Promise<void>;
}

export function stepRun(
  config: Config,
  aws: AwsClients,
  initial: Partial<Record<StepId, StepRecord>> = {},
  calls?: CallLog,
): StepRun {
  const state = memoryState(initial);
  const events: EngineEvent[] = [];
  const context = (step: AwsStep, signal = new AbortController().signal) =>
    stepContext(step, {
      config,
      aws,
      signal,
      state,
      emit: (e) => events.push(e),
      ...OUTPUT_HANDOFF,
    }) as AwsStepContext;
  const run: StepRun = {
    state,
    events,
    context,
    made: [],
    plan: (step) => planStep(step, context(step)),
    async apply(step) {
      run.made = [];
      const starts: number[] = [];
      const outputs = await applyStep(step, context(step), (change) => {
        starts.push(calls?.calls.length ?? 0);
        run.made.push({ change, calls: [] });
      });
      if (calls) {
        run.made.forEach((m, i) => {
          m.calls = calls.calls.slice(starts[i], starts[i + 1] ?? calls.calls.length);
        });
      }
      state.put(step.id, { status: "done", outputs });
      return outputs;
    },
    async destroy(step) {
      await step.destroy(context(step));
      state.remove(step.id);
    },
  };
  return run;
}
