// The rate limit's token bucket and the SLO view's percentiles, on their own.
import { describe, expect, it } from "vitest";
import { tokenBucket } from "../../src/local/rate-limit.js";
import { percentile } from "../../src/smoke/load.js";

describe("tokenBucket", () => {
  it("lets a burst through, then the steady rate", () => {
    let now = 0;
    const admit = tokenBucket({ rate: 10, burst: 3 }, () => now);
    expect([admit(), admit(), admit(), admit()]).toEqual([true, true, true, false]);
    now += 100; // 0.1 s at 10/s: one token back
    expect([admit(), admit()]).toEqual([true, false]);
    now += 10_000; // a long pause refills no more than the burst
    expect([admit(), admit(), admit(), admit()]).toEqual([true, true, true, false]);
  });
});

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99)]).toEqual([50, 95, 99]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 95)).toBe(0);
  });
});
