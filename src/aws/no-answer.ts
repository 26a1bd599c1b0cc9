// An AWS endpoint that accepts a connection and never answers must not leave a
// person at a blank screen. Each attempt has connection and idle timeouts; a
// call whose attempts time out twice stops with an error naming the endpoint,
// instead of the SDK retrying a silent endpoint six times.
import type { FinalizeHandlerArguments, HandlerExecutionContext, MiddlewareStack } from "@smithy/types";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";

/** Per attempt: the TCP (and TLS) connection, then the longest silence while waiting for the answer. */
export const CONNECTION_TIMEOUT_MS = 5_000;
export const SILENCE_TIMEOUT_MS = 10_000;
/** Timed-out attempts of one call before it stops: two stay within ~30 s. */
const TIMED_OUT_ATTEMPTS = 2;

export const HTTP_TIMEOUTS = {
  connectionTimeout: CONNECTION_TIMEOUT_MS,
  socketTimeout: SILENCE_TIMEOUT_MS,
};

/** The endpoint of a request, as a person would type it. */
function endpointOf(request: unknown): string {
  const r = request as { protocol?: string; hostname?: string; port?: number } | undefined;
  if (!r?.hostname) return "AWS";
  return `${r.protocol ?? "https:"}//${r.hostname}${r.port ? `:${r.port}` : ""}`;
}

function isTimeout(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | null;
  return e?.name === "TimeoutError" || e?.code === "ETIMEDOUT";
}

/**
 * The error for an endpoint that did not answer. No `cause`: the SDK would find
 * the timeout in it and retry. Not a MsdemoError subclass of its own: the
 * message and hint are all a person needs.
 */
export function noAnswerError(endpoint: string): MsdemoError {
  const seconds = SILENCE_TIMEOUT_MS / 1000;
  const error = new MsdemoError(t("aws.noAnswer", { endpoint, seconds }), { hint: t("aws.noAnswer.hint") });
  error.name = "AwsNoAnswer";
  return error;
}

/** Adds the per-attempt timeout count to a client: runs inside the SDK's retries. */
export function stopAfterSilentAttempts(stack: MiddlewareStack<object, object>): void {
  stack.add(
    (next, context: HandlerExecutionContext & { msdemoTimeouts?: number }) =>
      async (args: FinalizeHandlerArguments<object>) => {
        try {
          return await next(args);
        } catch (error) {
          if (!isTimeout(error)) throw error;
          context.msdemoTimeouts = (context.msdemoTimeouts ?? 0) + 1;
          if (context.msdemoTimeouts >= TIMED_OUT_ATTEMPTS) throw noAnswerError(endpointOf(args.request));
          throw error;
        }
      },
    { step: "deserialize", priority: "high", name: "msdemoStopAfterSilentAttempts" },
  );
}
