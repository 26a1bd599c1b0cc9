// Time a step spends waiting on a service outside msdemo (the cloud making a
// database, a cluster, a load balancer), kept apart from msdemo's own time so
// a finished step can show both. The runner gives each step a clock of its
// own; a wait loop reports into the clock of whichever step it runs under,
// found through AsyncLocalStorage, because steps run concurrently.
import { AsyncLocalStorage } from "node:async_hooks";

/** Milliseconds since some fixed moment: Date.now, or a fake one in tests. */
export type Now = () => number;

/**
 * Waits shorter than this are not reported: the step lines show whole
 * seconds, so a shorter wait would read "0s waiting", and it is a poll that
 * found its state at once rather than time spent waiting.
 */
export const NOTICEABLE_WAIT_MS = 1000;

export interface WaitClock {
  /** Runs `work` (a step's work) with this clock as the one its waits report into. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Time during which at least one wait was under way: overlapping waits count once. */
  waitedMs(): number;
}

interface Counter {
  begin(): void;
  end(): void;
}

const current = new AsyncLocalStorage<Counter>();

export function waitClock(now: Now = Date.now): WaitClock {
  let open = 0;
  let since = 0;
  let total = 0;
  const counter: Counter = {
    begin() {
      if (open++ === 0) since = now();
    },
    end() {
      if (--open === 0) total += now() - since;
    },
  };
  return {
    run: (work) => current.run(counter, work),
    waitedMs: () => total + (open > 0 ? now() - since : 0),
  };
}

/** Runs `wait` (a wait on an outside service) and counts its time on the current step's clock, if any. */
export async function waitingOutside<T>(wait: () => Promise<T>): Promise<T> {
  const counter = current.getStore();
  counter?.begin();
  try {
    return await wait();
  } finally {
    counter?.end();
  }
}
