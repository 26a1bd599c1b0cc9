// Starting together and starting early: replicas racing on the schema and the
// seed, and a service that starts before its database answers (as pods on EKS
// often do before RDS), then recovers without a restart.
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createService, type LoggerOptions, type ServiceName } from "../../services/index.js";
import { serviceDb, startPostgres, type TestPostgres } from "../support/postgres.js";
import { waitUntil } from "../support/process.js";
import { testTokenSettings } from "../support/token-keys.js";

// The private key for auth, the public key for orders, as on the cluster.
const TOKENS = testTokenSettings();
let pg: TestPostgres;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await pg?.destroy();
});

async function start(name: ServiceName, database: string, logger: LoggerOptions | false = false) {
  const app = await createService(name, {
    db: serviceDb(pg, database),
    tokens: name === "auth" ? TOKENS.auth : TOKENS.orders,
    logger,
  });
  apps.push(app);
  return app;
}

/** A service's JSON log lines, kept in memory. */
function captureLog(): { options: LoggerOptions; text(): string } {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { options: { level: "info", stream }, text: () => text };
}

/** Polls `check` until it holds, under a generous bound so a loaded machine does not fail it. */
describe("starting together", () => {
  it("two products instances starting at once on an empty database seed exactly five rows, without a retry", async () => {
    await pg.createDatabase("seedrace");
    const logs = [captureLog(), captureLog()];
    const instances = await Promise.all(logs.map((log) => start("products", "seedrace", log.options)));
    for (const app of instances) {
      const rows = (await app.inject({ method: "GET", url: "/api/products" })).json() as { name: string }[];
      expect(rows.map((r) => r.name)).toEqual(["Laptop", "Mouse", "Keyboard", "Monitor", "Headphones"]);
    }
    const count = await pg.query<{ n: number }>("SELECT count(*)::int AS n FROM products", [], "seedrace");
    expect(count.rows[0]?.n).toBe(5);
    // Unguarded, the second CREATE TABLE IF NOT EXISTS fails on pg_type's unique index and retries.
    for (const log of logs) expect(log.text()).toContain("schema ready");
    for (const log of logs) expect(log.text()).not.toContain("retrying");
  });

  it("two instances seeding a table that exists but is empty add the five products once", async () => {
    await pg.createDatabase("emptytable");
    await pg.query(
      "CREATE TABLE products (id SERIAL PRIMARY KEY, name VARCHAR(100), price NUMERIC)",
      [],
      "emptytable",
    );
    await Promise.all([start("products", "emptytable"), start("products", "emptytable")]);
    const count = await pg.query<{ n: number }>("SELECT count(*)::int AS n FROM products", [], "emptytable");
    expect(count.rows[0]?.n).toBe(5);
  });

  it("two replicas of every service starting at once all come up ready, with one orders index", async () => {
    await pg.createDatabase("allrace");
    const names: ServiceName[] = ["auth", "orders", "products", "auth", "orders", "products"];
    const started = await Promise.all(names.map((name) => start(name, "allrace")));
    for (const app of started) {
      expect((await app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
    }
    const admin = await pg.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'orders' AND indexname = 'orders_username_idx'",
      [],
      "allrace",
    );
    expect(admin.rows[0]?.n).toBe(1);
  });

  it("a restart finds the products already there and seeds nothing more", async () => {
    await pg.createDatabase("reseed");
    await (await start("products", "reseed")).close();
    await pg.query("DELETE FROM products WHERE name = 'Mouse'", [], "reseed");
    const again = await start("products", "reseed");
    const rows = (await again.inject({ method: "GET", url: "/api/products" })).json() as unknown[];
    expect(rows).toHaveLength(4);
  });
});

describe("starting before the database", () => {
  it("starts, answers 503 JSON (not ready), then serves once the database is back", async () => {
    await pg.createDatabase("early");
    await pg.stop();
    let products: FastifyInstance;
    let orders: FastifyInstance;
    let auth: FastifyInstance;
    try {
      [products, orders, auth] = await Promise.all([
        start("products", "early"),
        start("orders", "early"),
        start("auth", "early"),
      ]);
      expect((await products.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
      expect((await products.inject({ method: "GET", url: "/" })).statusCode).toBe(200);
      const ready = await products.inject({ method: "GET", url: "/readyz" });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ error: "Service Unavailable" });
      const list = await products.inject({ method: "GET", url: "/api/products" });
      expect(list.statusCode).toBe(503);
      expect(list.headers["retry-after"]).toBe("2");
      expect(list.json()).toEqual({ error: "Service Unavailable", message: expect.any(String) });
      const register = await auth.inject({
        method: "POST",
        url: "/api/register",
        payload: { username: "early_bird", password: "long-enough" },
      });
      expect(register.statusCode).toBe(503);
    } finally {
      await pg.start();
    }
    // The first request after the database returns sets the tables up itself.
    const register = await auth.inject({
      method: "POST",
      url: "/api/register",
      payload: { username: "early_bird", password: "long-enough" },
    });
    expect(register.statusCode).toBe(201);
    const login = await auth.inject({
      method: "POST",
      url: "/api/login",
      payload: { username: "early_bird", password: "long-enough" },
    });
    const token = login.json().token as string;
    const order = await orders.inject({
      method: "POST",
      url: "/api/orders",
      headers: { authorization: `Bearer ${token}` },
      payload: { item: "Laptop", quantity: 1 },
    });
    expect(order.statusCode).toBe(201);
    await waitUntil(
      async () => (await products.inject({ method: "GET", url: "/readyz" })).statusCode === 200,
      "products ready",
      120_000,
    );
    expect((await products.inject({ method: "GET", url: "/api/products" })).json()).toHaveLength(5);
  }, 180_000);
});
