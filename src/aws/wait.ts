// Polling for AWS states the SDK has no waiter for (or whose waiter cannot
// report progress): checks until done, reports each state change, honours the
// AbortSignal, and fails with a timeout that says what to do. Its time counts
// as the step's time waiting on AWS.
import { setTimeout as sleep } from "node:timers/promises";
import { waitingOutside } from "../engine/waiting.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { formatDuration } from "../ui/format.js";

export interface PollOptions<T> {
  /**
   * What is being waited for, for messages: "RDS instance pgdb-rds to be available"
   * (a catalogue fragment; in Spanish it reads "que la instancia … esté …").
   */
  what: string;
  check: () => Promise<{ done: boolean; state: string; value?: T; failed?: string }>;
  intervalMs: number;
  timeoutMs: number;
  signal: AbortSignal;
  onState?: (state: string, elapsedMs: number) => void;
  /** Shown on timeout: what the user can do (it keeps going in AWS; rerun resumes). */
  timeoutHint: string;
}

export function pollUntil<T>(options: PollOptions<T>): Promise<T | undefined> {
  return waitingOutside(() => poll(options));
}

async function poll<T>(options: PollOptions<T>): Promise<T | undefined> {
  const started = Date.now();
  let lastState: string | undefined;
  for (;;) {
    options.signal.throwIfAborted();
    const result = await options.check();
    if (result.state !== lastState) {
      lastState = result.state;
      options.onState?.(result.state, Date.now() - started);
    }
    if (result.failed)
      throw new MsdemoError(t("aws.wait.failed", { what: options.what, failed: result.failed }));
    if (result.done) return result.value;
    if (Date.now() - started + options.intervalMs > options.timeoutMs) {
      throw new MsdemoError(
        t("aws.wait.timeout", {
          what: options.what,
          duration: formatDuration(options.timeoutMs),
          state: result.state,
        }),
        { hint: options.timeoutHint },
      );
    }
    await sleep(options.intervalMs, undefined, { signal: options.signal });
  }
}

/** Wait settings, shortened by MSDEMO_POLL_SCALE for emulators and tests. */
export function pollInterval(normalMs: number): number {
  const scale = Number(process.env.MSDEMO_POLL_SCALE ?? "1");
  return Math.max(10, Math.round(normalMs * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
