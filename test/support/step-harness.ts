// Runs one step's apply / plan / destroy / inspect against an emulator, with an
// in-memory state and a record of every AWS call, so tests can assert that a
// rerun makes no mutating call.
import type { InitializeHandler, MiddlewareStack } from "@smithy/types";
import type { AwsClients } from "../../src/aws/clients.js";
import { buildConfig, type Config, type StepId } from "../../src/config.js";
import { stepContext } from "../../src/engine/context.js";
import { memoryState } from "../../src/engine/runner.js";
import type { EngineEvent, Step, StepContext } from "../../src/engine/types.js";
import type { StepRecord } from "../../src/state/store.js";

export interface CallLog {
  calls: string[];
  /** Calls that change something: anything but Describe*, List*, Get*, Head*. */
  mutating(): string[];
  clear(): void;
}

const READ_ONLY = /^(Describe|List|Get|Head|Search|Lookup|Check)/;

/** Records the name of every command each client sends. */
export function recordCalls(clients: AwsClients): CallLog {
  const log: CallLog = {
    calls: [],
    mutating: () => log.calls.filter((c) => !READ_ONLY.test(c)),
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

export interface StepRun {
  state: ReturnType<typeof memoryState>;
  events: EngineEvent[];
  context(step: Step<AwsClients>, signal?: AbortSignal): StepContext<AwsClients>;
  /** apply, then store the outputs as the runner does. */
  apply(step: Step<AwsClients>): Promise<StepRecord["outputs"]>;
  destroy(step: Step<AwsClients>): Promise<void>;
}

export function stepRun(
  config: Config,
  aws: AwsClients,
  initial: Partial<Record<StepId, StepRecord>> = {},
): StepRun {
  const state = memoryState(initial);
  const events: EngineEvent[] = [];
  const context = (step: Step<AwsClients>, signal = new AbortController().signal) =>
    stepContext(step, { config, aws, signal, state, emit: (e) => events.push(e) });
  return {
    state,
    events,
    context,
    async apply(step) {
      const outputs = await step.apply(context(step));
      state.put(step.id, { status: "done", outputs });
      return outputs;
    },
    async destroy(step) {
      await step.destroy(context(step));
      state.remove(step.id);
    },
  };
}
