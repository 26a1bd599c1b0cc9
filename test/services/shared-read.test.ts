// SharedRead: requests share a database read, but never one begun before they arrived.
import { describe, expect, it } from "vitest";
import { SharedRead } from "../../services/shared/shared-read.js";

/** A read we finish by hand; it reports the "database version" it started at. */
function controllableRead() {
  let version = 0;
  const started: { at: number; finish(): void; fail(error: Error): void }[] = [];
  const read = () =>
    new Promise<number>((resolve, reject) => {
      const at = version;
      started.push({ at, finish: () => resolve(at), fail: reject });
    });
  return {
    shared: new SharedRead(read),
    started,
    write: () => {
      version++;
    },
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("SharedRead", () => {
  it("reads at once when nothing is in flight", async () => {
    const { shared, started } = controllableRead();
    const first = shared.get();
    expect(started).toHaveLength(1);
    started[0]?.finish();
    expect(await first).toBe(0);
  });

  it("makes arrivals during a read wait for the next one, which they all share", async () => {
    const { shared, started, write } = controllableRead();
    const early = shared.get();
    write();
    const late = [shared.get(), shared.get(), shared.get()];
    expect(started).toHaveLength(1);
    started[0]?.finish();
    expect(await early).toBe(0);
    await tick();
    expect(started).toHaveLength(2);
    started[1]?.finish();
    // All three arrived after the write, so all three see it.
    expect(await Promise.all(late)).toEqual([1, 1, 1]);
  });

  it("passes a failure to everyone who shared the read, and the next call reads again", async () => {
    const { shared, started } = controllableRead();
    const first = shared.get();
    const waiting = [shared.get(), shared.get()];
    started[0]?.fail(new Error("database away"));
    await expect(first).rejects.toThrow("database away");
    await tick();
    started[1]?.fail(new Error("still away"));
    for (const call of waiting) await expect(call).rejects.toThrow("still away");
    const again = shared.get();
    expect(started).toHaveLength(3);
    started[2]?.finish();
    expect(await again).toBe(0);
  });
});
