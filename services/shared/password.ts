// Passwords: scrypt (memory-hard), with its parameters and salt stored beside
// the hash (`scrypt$N$r$p$salt$hash`) so they can be raised later without
// breaking old hashes. Compared in constant time.
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

interface ScryptParams {
  n: number;
  r: number;
  p: number;
}

// N=2^15, r=8, p=1: OWASP's scrypt baseline; 32 MiB and tens of ms per hash.
const CURRENT: ScryptParams = { n: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// scrypt needs 128·N·r bytes; allow up to N=2^16 so stored hashes can be raised once.
const MAX_MEM = 128 * 2 ** 16 * 8 + 1024 * 1024;
// Each hash holds 32 MiB: at most two at once keeps a 256 MiB pod far from its
// limit and a burst of logins from exhausting memory or libuv's thread pool.
const MAX_CONCURRENT = 2;

let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return limited(
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
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, CURRENT);
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
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const parsed = stored === undefined ? undefined : parse(stored);
  const target = parsed ?? DECOY;
  const key = await derive(password, target.salt, target.params);
  const matches = key.length === target.hash.length && timingSafeEqual(key, target.hash);
  return parsed !== undefined && matches;
}
