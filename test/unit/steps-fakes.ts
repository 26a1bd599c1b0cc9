// Hand-written fakes of SDK clients for unit tests of error paths that moto
// cannot produce. A fake is a real client (so SDK paginators accept it) whose
// `send` is replaced by a handler that sees the command's name and input.
import type { AwsClients } from "../../src/aws/clients.js";
import type { CallLog } from "../support/step-harness.js";

export type Input = Record<string, unknown>;
export type Handler = (command: string, input: Input) => unknown;

export interface Fake<C> {
  client: C;
  /** Every command sent, in order, by name without the `Command` suffix. */
  calls: { command: string; input: Input }[];
}

export function fakeClient<C extends object>(
  Client: new (config: {
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  }) => C,
  handler: Handler,
): Fake<C> {
  const client = new Client({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } });
  const calls: Fake<C>["calls"] = [];
  Object.defineProperty(client, "send", {
    value: async (command: { input: Input }) => {
      const name = command.constructor.name.replace(/Command$/, "");
      calls.push({ command: name, input: command.input });
      return handler(name, command.input);
    },
  });
  return { client, calls };
}

/** An error shaped as the SDK's service exceptions are (name = the AWS error code). */
export function awsError(name: string, message = `${name} (fake)`): Error {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode: 400 } });
}

/** An AwsClients with only the given clients; any other use fails loudly. */
export function fakeAws(
  clients: Partial<
    Record<"ec2" | "rds" | "secrets" | "ecr" | "eks" | "iam" | "sts" | "s3" | "cloudfront", object>
  >,
): AwsClients {
  return new Proxy(clients, {
    get(target, key) {
      if (typeof key === "symbol" || key === "then") return undefined;
      const value = (target as Record<string | symbol, unknown>)[key];
      if (value === undefined) throw new Error(`fake AwsClients has no ${String(key)}`);
      return value;
    },
  }) as unknown as AwsClients;
}

/**
 * The step harness's call log over fakes whose handlers push each command's
 * name into one shared `log` (so the order across clients is kept), for
 * `expectPlanIsApply` where moto cannot show something.
 */
export function fakeCallLog(log: string[]): CallLog {
  const isMutating = (call: string) => !/^(Describe|List|Get)/.test(call);
  return {
    calls: log,
    mutating: () => log.filter(isMutating),
    isMutating,
    clear: () => {
      log.length = 0;
    },
  };
}
