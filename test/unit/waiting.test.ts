// Each step's count of time spent waiting on an outside service: concurrent
// steps keep their own counts, overlapping waits count once, msdemo's own
// work between waits does not count, and the AWS and Kubernetes wait loops
// report into it. Times come from a fake clock the test moves, never from
// the wall clock.
import { describe, expect, it } from "vitest";
import { retryWhile } from "../../src/aws/retry.js";
import { pollUntil } from "../../src/aws/wait.js";
import { waitClock, waitingOutside } from "../../src/engine/waiting.js";
import { until } from "../../src/kube/poll.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const signal = new AbortController().signal;

describe("a step's wait clock", () => {
  it("keeps each of two concurrent steps' waits on its own count", async () => {
    let now = 0;
    const a = waitClock(() => now);
    const b = waitClock(() => now);
    const aWait = deferred();
    const bWait = deferred();
    const aWork = deferred();
    const aWaited = deferred();
    // a: waits 0 → 3000, then works until 7000 without waiting.
    const stepA = a.run(async () => {
      await waitingOutside(() => aWait.promise);
      aWaited.resolve();
      await aWork.promise;
    });
    now = 1000;
    // b: waits 1000 → 6000.
    const stepB = b.run(() => waitingOutside(() => bWait.promise));
    now = 3000;
    aWait.resolve();
    await aWaited.promise;
    now = 6000;
    bWait.resolve();
    await stepB;
    now = 7000;
    aWork.resolve();
    await stepA;
    expect(a.waitedMs()).toBe(3000);
    expect(b.waitedMs()).toBe(5000);
  });

  it("counts overlapping waits of one step once", async () => {
    let now = 0;
    const clock = waitClock(() => now);
    const first = deferred();
    const second = deferred();
    let firstEnded!: Promise<void>;
    const step = clock.run(() => {
      firstEnded = waitingOutside(() => first.promise);
      return Promise.all([firstEnded, waitingOutside(() => second.promise)]);
    });
    now = 2000;
    first.resolve();
    await firstEnded;
    now = 5000;
    second.resolve();
    await step;
    // Both ran from 0; the second ended at 5000: 5000 of waiting, not 7000.
    expect(clock.waitedMs()).toBe(5000);
  });

  it("counts a wait that ends in an error", async () => {
    let now = 0;
    const clock = waitClock(() => now);
    const run = clock.run(() =>
      waitingOutside(async () => {
        now = 4000;
        throw new Error("gave up");
      }),
    );
    await expect(run).rejects.toThrow("gave up");
    expect(clock.waitedMs()).toBe(4000);
  });

  it("counts nothing for a wait outside any step", async () => {
    let now = 0;
    const clock = waitClock(() => now);
    await waitingOutside(async () => {
      now = 9000;
    });
    expect(clock.waitedMs()).toBe(0);
  });
});

describe("the wait loops report into the step's clock", () => {
  it("pollUntil: from its first check to the state it waited for", async () => {
    let now = 0;
    const clock = waitClock(() => now);
    let checks = 0;
    await clock.run(async () => {
      now = 500; // msdemo's own work before the wait
      await pollUntil({
        what: "a thing",
        check: async () => {
          now += 1500;
          checks++;
          return { done: checks === 3, state: checks === 3 ? "available" : "creating" };
        },
        intervalMs: 10,
        timeoutMs: 60_000,
        signal,
        timeoutHint: "",
      });
      now += 800; // and after it
    });
    expect(clock.waitedMs()).toBe(3 * 1500);
  });

  it("retryWhile: each pause between refused calls, not the calls", async () => {
    // A clock that moves on 1000 ms each time it is read: a counted pause reads
    // it twice (start and end), so each pause adds exactly 1000.
    let reads = 0;
    const clock = waitClock(() => 1000 * reads++);
    let calls = 0;
    await clock.run(() =>
      retryWhile(
        (error) => (error as Error).message === "busy",
        async () => {
          if (++calls < 3) throw new Error("busy");
        },
        { signal, initialDelayMs: 10, maxDelayMs: 10, timeoutMs: 60_000 },
        (_elapsed, _attempts, error) => error as Error,
      ),
    );
    expect(calls).toBe(3);
    expect(clock.waitedMs()).toBe(2 * 1000);
  });

  it("the Kubernetes wait loop: until the cluster reaches the state", async () => {
    let now = 0;
    const clock = waitClock(() => now);
    let checks = 0;
    await clock.run(async () => {
      await until(
        "a namespace to go",
        async () => {
          now += 2500;
          return ++checks === 2;
        },
        { signal, intervalMs: 10, timeoutMs: 60_000 },
      );
      now += 1000;
    });
    expect(clock.waitedMs()).toBe(2 * 2500);
  });
});
