// Repeatable randomness for tests that pick random moments (e.g. when to kill a
// process): the seed comes from an environment variable or is drawn fresh, and
// is printed, so a failing run can be repeated exactly with that variable set.
import { randomInt } from "node:crypto";

export interface SeededRandom {
  seed: number;
  /** A number in [0, 1), the next of this seed's sequence. */
  next(): number;
}

/** mulberry32: small and fast; statistical quality is not the point, repeatability is. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded sequence for `what`; the seed from `envVar` if set (a whole number), else a fresh one. */
export function seededRandom(what: string, envVar: string): SeededRandom {
  const given = process.env[envVar];
  if (given !== undefined && !/^\d+$/.test(given.trim()))
    throw new Error(`${envVar} must be a whole number, got ${JSON.stringify(given)}`);
  const seed = given === undefined ? randomInt(2 ** 31) : Number(given.trim());
  // Printed, not just kept: a red run in CI must say how to repeat it.
  console.log(`${what}: random seed ${seed} (repeat with ${envVar}=${seed})`);
  return { seed, next: mulberry32(seed) };
}
