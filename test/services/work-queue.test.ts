// The bounded queue password hashing runs through: a fixed number of jobs at
// once, a bounded number waiting, and waiting jobs dropped when their caller
// leaves. Jobs here are promises the test settles by hand, so nothing depends
// on how fast the machine is.
import { describe, expect, it } from "vitest";
import { CallerGone, QueueFull, WorkQueue } from "../../services/shared/work-queue.js";

/** A job that runs until the test finishes it, and records that it started. */
function job(started: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<string>((resolve) => {
    finish = () => resolve(name);
  });
  return {
    work: () => {
      started.push(name);
      return done;
    },
    finish: () => finish(),
  };
}

describe("WorkQueue", () => {
  it("runs at most `concurrency` jobs, queues `maxWaiting`, and turns the next away at once", async () => {
    const queue = new WorkQueue(2, 2);
    const started: string[] = [];
    const jobs = ["a", "b", "c", "d"].map((name) => job(started, name));
    const results = jobs.map((j) => queue.run(j.work));
    await expect(queue.run(job(started, "e").work)).rejects.toBeInstanceOf(QueueFull);
    expect(started).toEqual(["a", "b"]);
    expect(queue.load).toEqual({ running: 2, waiting: 2, dropped: 0 });

    jobs[0]!.finish();
    expect(await results[0]).toBe("a");
    expect(started).toEqual(["a", "b", "c"]);
    for (const j of jobs) j.finish();
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d"]);
    expect(queue.load).toEqual({ running: 0, waiting: 0, dropped: 0 });
  });

  it("drops a waiting job whose caller left, and never starts it", async () => {
    const queue = new WorkQueue(1, 4);
    const started: string[] = [];
    const first = job(started, "first");
    const left = job(started, "left");
    const stays = job(started, "stays");
    const caller = new AbortController();
    const running = queue.run(first.work);
    const dropped = queue.run(left.work, caller.signal);
    const kept = queue.run(stays.work);

    caller.abort();
    await expect(dropped).rejects.toBeInstanceOf(CallerGone);
    expect(queue.load).toEqual({ running: 1, waiting: 1, dropped: 1 });

    first.finish();
    stays.finish();
    expect(await running).toBe("first");
    expect(await kept).toBe("stays");
    expect(started).toEqual(["first", "stays"]);
    expect(queue.load).toEqual({ running: 0, waiting: 0, dropped: 1 });
  });

  it("refuses work for a caller that has already left, and lets a started job finish", async () => {
    const queue = new WorkQueue(1, 1);
    const started: string[] = [];
    const gone = new AbortController();
    gone.abort();
    await expect(queue.run(job(started, "never").work, gone.signal)).rejects.toBeInstanceOf(CallerGone);

    const caller = new AbortController();
    const busy = job(started, "busy");
    const result = queue.run(busy.work, caller.signal);
    caller.abort();
    busy.finish();
    expect(await result).toBe("busy");
    expect(started).toEqual(["busy"]);
  });

  it("frees the slot when a job fails", async () => {
    const queue = new WorkQueue(1, 1);
    await expect(queue.run(() => Promise.reject(new Error("scrypt failed")))).rejects.toThrow(
      "scrypt failed",
    );
    expect(await queue.run(() => Promise.resolve("next"))).toBe("next");
    expect(queue.load.running).toBe(0);
  });
});
