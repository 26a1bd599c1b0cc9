// A database that hangs instead of refusing: the real PostgreSQL server frozen
// with SIGSTOP (postmaster and every backend), as a stalled host or disk would
// leave it. Callers must get a 503 with retry-after within seconds, not hang,
// and the services must serve again once it thaws, without a restart.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrdersApp, createProductsApp } from "../../services/index.js";
import { tokenSigner } from "../../services/shared/token.js";
import { serviceDb, startPostgres, type TestPostgres } from "../support/postgres.js";
import { waitUntil } from "../support/process.js";
import { TEST_ISSUER, testTokenSettings } from "../support/token-keys.js";

const TOKENS = testTokenSettings();
// The issue's bound for an answer while the database hangs.
const ANSWER_WITHIN_MS = 6_000;

let pg: TestPostgres;
let products: FastifyInstance;
let orders: FastifyInstance;
let token: string;

beforeAll(async () => {
  pg = await startPostgres();
  const db = serviceDb(pg);
  [products, orders] = await Promise.all([
    createProductsApp({ db }),
    createOrdersApp({ db, tokens: TOKENS.orders }),
  ]);
  token = await (await tokenSigner(TOKENS.auth)).sign("frida", TEST_ISSUER);
});
afterAll(async () => {
  pg?.thaw();
  await Promise.all([products?.close(), orders?.close()]);
  await pg?.destroy();
});

type Answer = { statusCode: number; headers: Record<string, unknown>; json(): unknown } | "no answer";

/** The app's answer, or "no answer" if none came within the bound. */
async function answerWithin(app: FastifyInstance, url: string): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"no answer">((resolve) => {
    timer = setTimeout(() => resolve("no answer"), ANSWER_WITHIN_MS);
  });
  const answer = app.inject({ method: "GET", url, headers: { authorization: `Bearer ${token}` } });
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

function expect503(answer: Answer): void {
  expect(answer).not.toBe("no answer");
  if (answer === "no answer") return;
  expect(answer.statusCode).toBe(503);
  expect(answer.headers["retry-after"]).toMatch(/^\d+$/);
  expect(answer.json()).toMatchObject({ error: "Service Unavailable" });
}

describe("a frozen database (SIGSTOP)", () => {
  it("answers 503 with retry-after from products and orders, then 200 after SIGCONT", async () => {
    // Warm up: both pools hold open sessions, which are the ones that hang.
    expect((await products.inject({ method: "GET", url: "/api/products" })).statusCode).toBe(200);
    expect(await answerWithin(orders, "/api/orders")).toMatchObject({ statusCode: 200 });

    pg.freeze();
    try {
      // Open sessions (their queries hang), a crowd sharing one catalogue read,
      // and then fresh sessions (their connection hangs): every one answers.
      const first = await Promise.all([
        ...Array.from({ length: 4 }, () => answerWithin(products, "/api/products")),
        ...Array.from({ length: 4 }, () => answerWithin(orders, "/api/orders")),
      ]);
      for (const answer of first) expect503(answer);
      const second = await Promise.all([
        answerWithin(products, "/api/products"),
        answerWithin(orders, "/api/orders"),
        answerWithin(products, "/readyz"),
      ]);
      for (const answer of second) expect503(answer);
    } finally {
      pg.thaw();
    }

    await waitUntil(
      async () => (await products.inject({ method: "GET", url: "/api/products" })).statusCode === 200,
      "products answers 200 after SIGCONT",
      120_000,
    );
    await waitUntil(
      async () =>
        (
          await orders.inject({
            method: "GET",
            url: "/api/orders",
            headers: { authorization: `Bearer ${token}` },
          })
        ).statusCode === 200,
      "orders answers 200 after SIGCONT",
      120_000,
    );
    expect((await products.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
  }, 180_000);
});
