// Retrying a deletion that AWS refuses with `DependencyViolation` while
// something still uses the resource: the network interfaces of a load balancer
// or an EKS cluster that is still going away, or a rule in another security
// group. Those dependencies clear on their own within minutes, so the call is
// retried with growing pauses for a bounded time; any other error passes
// through at once (an expired token must not be retried for ten minutes).
import { setTimeout as sleep } from "node:timers/promises";
import { waitingOutside } from "../engine/waiting.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { isAwsErrorNamed } from "./errors.js";
import { pollInterval } from "./wait.js";

export interface DependencyRetryOptions {
  /** What is being deleted, for messages: "security group node-sg-service (sg-0abc)". */
  what: string;
  signal: AbortSignal;
  /** Total time to keep trying; 10 min on AWS (scaled by MSDEMO_POLL_SCALE). */
  timeoutMs?: number;
  /** First pause; doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each pause, for a progress note. */
  onRetry?: (attempt: number, elapsedMs: number) => void;
  /** Shown when time runs out: what the user can do. */
  hint?: string;
}

export const DEPENDENCY_ERRORS = ["DependencyViolation", "DependencyViolationException"] as const;

export function isDependencyViolation(error: unknown): boolean {
  return isAwsErrorNamed(error, ...DEPENDENCY_ERRORS);
}

/** Runs `action`; while it fails with DependencyViolation, waits and tries again until the time is up. */
export function retryOnDependencyViolation<T>(
  action: () => Promise<T>,
  options: DependencyRetryOptions,
): Promise<T> {
  return retryWhile(
    isDependencyViolation,
    action,
    options,
    (elapsedMs, attempts, error) =>
      new MsdemoError(
        t("aws.retry.gaveUp", { what: options.what, elapsed: formatDuration(elapsedMs), attempts }),
        { cause: error, hint: options.hint ?? t("aws.retry.gaveUp.hint") },
      ),
  );
}

/**
 * Runs `action`; while it fails with an error `retryable` accepts, waits with
 * growing pauses and tries again; when the time is up, throws what `gaveUp` makes.
 */
export async function retryWhile<T>(
  retryable: (error: unknown) => boolean,
  action: () => Promise<T>,
  options: Omit<DependencyRetryOptions, "what" | "hint">,
  gaveUp: (elapsedMs: number, attempts: number, error: unknown) => Error,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? pollInterval(10 * 60_000);
  const maxDelayMs = options.maxDelayMs ?? pollInterval(30_000);
  let delayMs = options.initialDelayMs ?? pollInterval(5_000);
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    options.signal.throwIfAborted();
    try {
      return await action();
    } catch (error) {
      if (!retryable(error)) throw error;
      const elapsedMs = Date.now() - started;
      if (elapsedMs + delayMs > timeoutMs) throw gaveUp(elapsedMs, attempt, error);
      options.onRetry?.(attempt, elapsedMs);
      // The pause is AWS's time: it is finishing something before it accepts the call.
      await waitingOutside(() => sleep(delayMs, undefined, { signal: options.signal }));
      delayMs = Math.min(delayMs * 2, maxDelayMs);
    }
  }
}

function formatDuration(ms: number): string {
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  if (ms >= 1_000) return `${Math.round(ms / 1_000)} s`;
  return `${ms} ms`;
}
