// Logins under load, over real sockets against a real PostgreSQL: the hashing
// queue is bounded (503 with retry-after beyond it, never a hang or a 500),
// hashes for callers that hung up are dropped, and old hashes are upgraded.
import { randomBytes, scryptSync } from "node:crypto";
import { request as httpRequest } from "node:http";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthApp } from "../../services/index.js";
import { TOO_BUSY } from "../../services/shared/errors.js";
import { hashingLoad } from "../../services/shared/password.js";
import { serviceDb, startPostgres, type TestPostgres } from "../support/postgres.js";
import { waitUntil } from "../support/process.js";
import { testTokenSettings } from "../support/token-keys.js";

let pg: TestPostgres;
let auth: FastifyInstance;
let base: string;
let log = "";

beforeAll(async () => {
  pg = await startPostgres();
  const db = serviceDb(pg);
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log += chunk.toString();
      done();
    },
  });
  auth = await createAuthApp({ db, tokens: testTokenSettings().auth, logger: { level: "info", stream } });
  base = await auth.listen({ host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await auth?.close();
  await pg?.destroy();
});

/** A login on a socket of its own, which the test can cut. */
function loginOnOwnSocket(username: string) {
  const req = httpRequest(`${base}/api/login`, {
    method: "POST",
    agent: false,
    headers: { "content-type": "application/json" },
  });
  req.on("error", () => undefined);
  req.end(JSON.stringify({ username, password: "whatever-pass" }));
  return req;
}

/** POST /api/login with fetch: its status, retry-after and body. */
async function login(username: string, password: string) {
  const response = await fetch(`${base}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: await response.json(),
  };
}

describe("logins under load", () => {
  it("32 logins at once (a class signing in together) are all served, none turned away", async () => {
    const register = await fetch(`${base}/api/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "whole_class", password: "class-password" }),
    });
    expect(register.status).toBe(201);
    const answers = await Promise.all(
      Array.from({ length: 32 }, () => login("whole_class", "class-password")),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(32).fill(200));
  });

  it("a burst beyond the hashing queue gets 503 with retry-after at once; the rest are answered", async () => {
    // 64 at once: 2 hash, 32 wait, the rest cannot be taken on.
    const answers = await Promise.all(
      Array.from({ length: 64 }, () => login("no_such_user", "whatever-pass")),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s !== 401 && s !== 503)).toEqual([]);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(34);
    for (const answer of busy) {
      expect(answer.retryAfter).toMatch(/^\d+$/);
      expect(answer.body).toEqual({ error: "Service Unavailable", message: TOO_BUSY });
    }
    expect(hashingLoad()).toMatchObject({ running: 0, waiting: 0 });
  });

  it("drops the hashes of callers that hung up while they waited", async () => {
    const droppedBefore = hashingLoad().dropped;
    const requests = Array.from({ length: 24 }, () => loginOnOwnSocket("no_such_user"));
    await waitUntil(() => hashingLoad().waiting >= 16, "logins waiting for the hashing queue");
    for (const req of requests) req.destroy();
    await waitUntil(() => hashingLoad().running === 0 && hashingLoad().waiting === 0, "the queue drained");
    // Those still waiting when their sockets closed were never hashed (a few may have started meanwhile).
    expect(hashingLoad().dropped - droppedBefore).toBeGreaterThanOrEqual(8);
    expect(log).toContain("the caller hung up while its password waited to be checked");
  });

  it("upgrades a hash made with older parameters on a successful login", async () => {
    const salt = randomBytes(16);
    const key = scryptSync("old-password", salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 2 ** 20 });
    const old = ["scrypt", 2 ** 15, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
    await pg.query("INSERT INTO users (username, password) VALUES ('veteran', $1)", [old]);
    expect((await login("veteran", "old-password")).status).toBe(200);
    const stored = await pg.query<{ password: string }>(
      "SELECT password FROM users WHERE username = 'veteran'",
    );
    expect(stored.rows[0]?.password).toMatch(/^scrypt\$16384\$8\$5\$/);
    expect((await login("veteran", "old-password")).status).toBe(200);
  });
});
