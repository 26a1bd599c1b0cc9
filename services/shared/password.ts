// Passwords: scrypt (memory-hard), with its parameters and salt stored beside
// the hash (`scrypt$N$r$p$salt$hash`) so they can be raised later without
// breaking old hashes. Compared in constant time. Hashes run through a bounded
// queue (shared/work-queue.ts).
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { WorkQueue } from "./work-queue.js";

interface ScryptParams {
  n: number;
  r: number;
  p: number;
}

// N=2^14, r=8, p=5: one of OWASP's scrypt settings (Password Storage Cheat
// Sheet), equal in strength to its N=2^17, r=8, p=1 minimum at 16 MiB instead of
// 128 MiB per hash, so two at once fit a small pod. See services/README.md.
const CURRENT: ScryptParams = { n: 2 ** 14, r: 8, p: 5 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// scrypt needs 128·N·r bytes; allow up to N=2^16 so stored hashes (earlier
// N=2^15, p=1) still verify and the cost can be raised once.
const MAX_MEM = 128 * 2 ** 16 * 8 + 1024 * 1024;
// Hashing is CPU-bound: two at once use two cores (libuv's pool has four
// threads; the rest stay free for DNS and files). Up to 32 more wait, about a
// class logging in at once; beyond that a login is answered 503 at once rather
// than queued for seconds. A waiting hash whose caller hung up is dropped.
const MAX_CONCURRENT = 2;
const MAX_WAITING = 32;
const hashing = new WorkQueue(MAX_CONCURRENT, MAX_WAITING);

/** Hashes running, waiting, and dropped because their caller hung up (for logs and tests). */
export function hashingLoad(): WorkQueue["load"] {
  return hashing.load;
}

function derive(password: string, salt: Buffer, params: ScryptParams, signal?: AbortSignal): Promise<Buffer> {
  return hashing.run(
    () =>
      new Promise((resolve, reject) =>
        scrypt(
          password,
          salt,
          KEY_LENGTH,
          { N: params.n, r: params.r, p: params.p, maxmem: MAX_MEM },
          (error, key) => (error ? reject(error) : resolve(key)),
        ),
      ),
    signal,
  );
}

/**
 * Rejects with QueueFull when too many hashes wait, and with CallerGone when
 * `signal` fires before this one started.
 */
export async function hashPassword(password: string, signal?: AbortSignal): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, CURRENT, signal);
  const { n, r, p } = CURRENT;
  return ["scrypt", n, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | undefined {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash || rest.length > 0) return undefined;
  const params = { n: Number(n), r: Number(r), p: Number(p) };
  const sane =
    Number.isInteger(Math.log2(params.n)) &&
    params.n >= 2 &&
    128 * params.n * params.r <= MAX_MEM &&
    [params.r, params.p].every((v) => Number.isInteger(v) && v >= 1 && v <= 16);
  if (!sane) return undefined;
  return { params, salt: Buffer.from(salt, "base64url"), hash: Buffer.from(hash, "base64url") };
}

// An unknown user (or a row in a foreign format) costs the same scrypt run as
// a known one, so response times do not reveal which usernames exist.
const DECOY = { params: CURRENT, salt: randomBytes(SALT_LENGTH), hash: randomBytes(KEY_LENGTH) };

/** True when `password` matches `stored`; false for a mismatch, an unknown user (undefined) or a foreign format. */
export async function verifyPassword(
  password: string,
  stored: string | undefined,
  signal?: AbortSignal,
): Promise<boolean> {
  const parsed = stored === undefined ? undefined : parse(stored);
  const target = parsed ?? DECOY;
  const key = await derive(password, target.salt, target.params, signal);
  const matches = key.length === target.hash.length && timingSafeEqual(key, target.hash);
  return parsed !== undefined && matches;
}

/** True when `stored` was hashed with other parameters than today's, so a login can upgrade it. */
export function needsRehash(stored: string): boolean {
  const params = parse(stored)?.params;
  return params !== undefined && (params.n !== CURRENT.n || params.r !== CURRENT.r || params.p !== CURRENT.p);
}
