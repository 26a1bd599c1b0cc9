// One wait loop for the Kubernetes work that waits on a condition (a namespace
// gone, a Service deleted): poll, give up at the signal or the timeout with an
// error that names what it waited for. Its time counts as the step's time
// waiting on the cluster (EKS, in AWS).
import { setTimeout as sleep } from "node:timers/promises";
import { waitingOutside } from "../engine/waiting.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { formatDuration } from "../ui/format.js";

export interface PollOptions {
  signal: AbortSignal;
  intervalMs: number;
  timeoutMs: number;
}

/** Polls `check` until true; `what` is a catalogue fragment ("kube.remove.wait*"), `hint` the timeout's advice. */
export function until(
  what: string,
  check: () => Promise<boolean>,
  options: PollOptions,
  hint: string = t("kube.remove.timeout.hint"),
): Promise<void> {
  return waitingOutside(() => poll(what, check, options, hint));
}

async function poll(what: string, check: () => Promise<boolean>, options: PollOptions, hint: string) {
  const started = Date.now();
  for (;;) {
    options.signal.throwIfAborted();
    if (await check()) return;
    if (Date.now() - started + options.intervalMs > options.timeoutMs) {
      throw new MsdemoError(t("kube.remove.timeout", { duration: formatDuration(options.timeoutMs), what }), {
        hint,
      });
    }
    await sleep(options.intervalMs, undefined, { signal: options.signal });
  }
}
