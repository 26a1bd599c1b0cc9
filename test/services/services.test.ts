// The three services against a real PostgreSQL: every endpoint and error path.

import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthApp } from "../../services/auth/app.js";
import { createOrdersApp } from "../../services/orders/app.js";
import { createProductsApp } from "../../services/products/app.js";
import type { DbConfig } from "../../services/shared/config.js";
import { serviceDb, startPostgres, type TestPostgres } from "../support/postgres.js";
import { TEST_AUDIENCE, TEST_ISSUER, testTokenSettings } from "../support/token-keys.js";

const TOKENS = testTokenSettings();
let pg: TestPostgres;
let db: DbConfig;
let auth: FastifyInstance;
let orders: FastifyInstance;
let products: FastifyInstance;

beforeAll(async () => {
  pg = await startPostgres();
  db = serviceDb(pg);
  [auth, orders, products] = await Promise.all([
    createAuthApp({ db, tokens: TOKENS.auth }),
    createOrdersApp({ db, tokens: TOKENS.orders }),
    createProductsApp({ db }),
  ]);
});
afterAll(async () => {
  await Promise.all([auth?.close(), orders?.close(), products?.close()]);
  await pg?.destroy();
});

const json = (
  app: FastifyInstance,
  method: "GET" | "POST",
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method,
    url,
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });

async function registerAndLogin(username: string): Promise<string> {
  expect(
    (await json(auth, "POST", "/api/register", { username, password: "correct-horse" })).statusCode,
  ).toBe(201);
  const login = await json(auth, "POST", "/api/login", { username, password: "correct-horse" });
  expect(login.statusCode).toBe(200);
  return login.json().token as string;
}

function expectJsonError(
  response: { statusCode: number; json(): unknown; body: string },
  status: number,
): void {
  expect(response.statusCode).toBe(status);
  const body = response.json() as { error: string; message: string };
  expect(typeof body.error).toBe("string");
  expect(typeof body.message).toBe("string");
  expect(response.body).not.toMatch(/at .*\.(js|ts):\d+/);
}

describe("every service", () => {
  it("answers GET / with the contract, /healthz and /readyz", async () => {
    const expected = {
      auth: ["POST /api/register", "POST /api/login", "GET /.well-known/openid-configuration"],
      orders: ["GET /api/orders", "POST /api/orders"],
      products: ["GET /api/products", "POST /api/products"],
    };
    for (const [app, name] of [
      [auth, "auth"],
      [orders, "orders"],
      [products, "products"],
    ] as const) {
      const index = await json(app, "GET", "/");
      expect(index.json()).toEqual({ status: "ok", service: name, endpoints: expected[name] });
      expect((await json(app, "GET", "/healthz")).json()).toEqual({ status: "ok" });
      expect((await json(app, "GET", "/readyz")).json()).toEqual({ status: "ready" });
    }
  });

  it("answers an unknown route or method with 404 JSON and carries a request id", async () => {
    const response = await json(products, "GET", "/nope");
    expectJsonError(response, 404);
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expectJsonError(await products.inject({ method: "DELETE", url: "/api/products" }), 404);
    expectJsonError(await json(auth, "GET", "/api/login"), 404);
  });

  it("echoes the caller's x-request-id, so a request can be followed through the gateway", async () => {
    const response = await json(auth, "GET", "/", undefined, { "x-request-id": "trace-42" });
    expect(response.headers["x-request-id"]).toBe("trace-42");
  });

  it("answers a form body (curl -d without a content type) or text/plain with 415, nothing with 400", async () => {
    const form = await auth.inject({
      method: "POST",
      url: "/api/login",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "username=ana&password=long-enough",
    });
    expectJsonError(form, 415);
    expect(form.json().message).toMatch(/application\/json/);
    const text = await auth.inject({
      method: "POST",
      url: "/api/login",
      headers: { "content-type": "text/plain" },
      payload: '{"username":"ana","password":"long-enough"}',
    });
    expectJsonError(text, 415);
    expect(text.json().message).toMatch(/application\/json/);
    const empty = await auth.inject({
      method: "POST",
      url: "/api/login",
      headers: { "content-type": "application/json" },
      payload: "",
    });
    expectJsonError(empty, 400);
  });

  it("names a __proto__ or constructor.prototype key instead of calling valid JSON invalid", async () => {
    for (const [payload, path] of [
      ['{"username":"ana","password":"long-enough","__proto__":{"admin":true}}', "body/__proto__"],
      [
        '{"username":"ana","password":"long-enough","x":{"constructor":{"prototype":{}}}}',
        "body/x/constructor/prototype",
      ],
    ] as const) {
      const response = await auth.inject({
        method: "POST",
        url: "/api/register",
        headers: { "content-type": "application/json" },
        payload,
      });
      expectJsonError(response, 400);
      expect(response.json().message).toContain(`${path} is not accepted`);
      expect(response.json().message).not.toMatch(/not valid JSON/);
    }
    const broken = await auth.inject({
      method: "POST",
      url: "/api/register",
      headers: { "content-type": "application/json; charset=utf-8" },
      payload: '{"username":',
    });
    expect(broken.json().message).toBe("The body is not valid JSON");
  });
});

describe("auth", () => {
  it("registers, refuses a duplicate with 409, and stores only a hash", async () => {
    expect(
      (await json(auth, "POST", "/api/register", { username: "ana.b", password: "s3cret-pass" })).statusCode,
    ).toBe(201);
    expectJsonError(
      await json(auth, "POST", "/api/register", { username: "ana.b", password: "other-pass" }),
      409,
    );
    const stored = (
      await pg.query<{ password: string }>("SELECT password FROM users WHERE username = 'ana.b'")
    ).rows[0]?.password;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain("s3cret-pass");
  });

  it("answers 201 with the username, and ignores fields it does not know", async () => {
    const response = await json(auth, "POST", "/api/register", {
      username: "hugo_1",
      password: "long-enough",
      admin: true,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ message: "User registered", username: "hugo_1" });
  });

  it("accepts letters and digits of any script, and takes josé typed either way as one user", async () => {
    for (const username of ["josé", "李小龙", "Ωmega٣", "müller-lüdenscheid"]) {
      const created = await json(auth, "POST", "/api/register", { username, password: "long-enough" });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toEqual({ message: "User registered", username });
    }
    const decomposed = "jose\u0301";
    expectJsonError(
      await json(auth, "POST", "/api/register", { username: decomposed, password: "other-pass" }),
      409,
    );
    const login = await json(auth, "POST", "/api/login", { username: decomposed, password: "long-enough" });
    expect(login.statusCode).toBe(200);
    const token = login.json().token as string;
    await json(orders, "POST", "/api/orders", { item: "Café", quantity: 1 }, { authorization: token });
    const mine = (await json(orders, "GET", "/api/orders", undefined, { authorization: token })).json();
    expect(mine).toEqual([expect.objectContaining({ username: "josé", item: "Café" })]);
  });

  it("refuses a row left in plain text by the original service", async () => {
    await pg.query("INSERT INTO users (username, password) VALUES ('legacy', 'plain-text-pw')");
    expectJsonError(
      await json(auth, "POST", "/api/login", { username: "legacy", password: "plain-text-pw" }),
      401,
    );
  });

  it("logs in with the right password and refuses a wrong one or an unknown user with 401", async () => {
    await json(auth, "POST", "/api/register", { username: "bruno", password: "right-password" });
    const ok = await json(auth, "POST", "/api/login", { username: "bruno", password: "right-password" });
    expect(ok.json().token).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    expectJsonError(
      await json(auth, "POST", "/api/login", { username: "bruno", password: "wrong-password" }),
      401,
    );
    expectJsonError(
      await json(auth, "POST", "/api/login", { username: "nobody", password: "whatever-pass" }),
      401,
    );
  });

  it("validates fields, JSON and size", async () => {
    const bad = [
      { username: "ab", password: "long-enough" },
      { username: "a".repeat(51), password: "long-enough" },
      { username: "has space", password: "long-enough" },
      { username: "tab\tname", password: "long-enough" },
      { username: "nul\u0000name", password: "long-enough" },
      { username: "zero\u200Bwidth", password: "long-enough" },
      { username: "bidi\u202Ename", password: "long-enough" },
      { username: "robert'); DROP TABLE users;--", password: "long-enough" },
      { username: "carla", password: "short" },
      { username: "carla", password: "x".repeat(129) },
      { username: "carla" },
      { username: 5, password: "long-enough" },
    ];
    for (const body of bad) expectJsonError(await json(auth, "POST", "/api/register", body), 400);
    // Patterns are said in words, not as regular expressions.
    const spaced = await json(auth, "POST", "/api/register", {
      username: "has space",
      password: "long-enough",
    });
    expect(spaced.json().message).toBe(
      "body/username may contain only letters and digits (of any script), '_', '.' and '-'",
    );
    const malformed = await auth.inject({
      method: "POST",
      url: "/api/register",
      headers: { "content-type": "application/json" },
      payload: "{bad",
    });
    expectJsonError(malformed, 400);
    expectJsonError(
      await json(auth, "POST", "/api/register", { username: "dora", password: "x".repeat(17_000) }),
      413,
    );
    const carla = await pg.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE username = 'carla'",
    );
    expect(carla.rows[0]?.n).toBe(0);
  });
});

describe("auth's issuer metadata", () => {
  it("publishes a discovery document and JWKS that validate the tokens it issues", async () => {
    const token = await registerAndLogin("olga");
    const discovery = (await json(auth, "GET", "/.well-known/openid-configuration")).json();
    expect(discovery).toMatchObject({
      issuer: TEST_ISSUER,
      jwks_uri: `${TEST_ISSUER}/.well-known/jwks.json`,
    });
    const jwks = (await json(auth, "GET", new URL(discovery.jwks_uri).pathname)).json();
    // The public key only: no private RSA parameters.
    for (const field of ["d", "p", "q", "dp", "dq", "qi"]) expect(jwks.keys[0]).not.toHaveProperty(field);
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(decodeProtectedHeader(token).kid).toBe(jwks.keys[0].kid);
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      issuer: discovery.issuer,
      audience: TEST_AUDIENCE,
      algorithms: ["RS256"],
    });
    expect(payload.sub).toBe("olga");
  });

  it("without JWT_ISSUER, takes the issuer the gateway names in its header, and 503 without one", async () => {
    const fromGateway = await createAuthApp({ db, tokens: { ...TOKENS.auth, issuer: "" } });
    try {
      expectJsonError(await json(fromGateway, "GET", "/.well-known/openid-configuration"), 503);
      const api = "https://abc123.execute-api.us-east-1.amazonaws.com";
      const discovery = await json(fromGateway, "GET", "/.well-known/openid-configuration", undefined, {
        "x-msdemo-issuer": api,
      });
      expect(discovery.json()).toMatchObject({ issuer: api, jwks_uri: `${api}/.well-known/jwks.json` });
    } finally {
      await fromGateway.close();
    }
  });

  it("refuses to start auth without a private key, or orders without a public key", async () => {
    await expect(createAuthApp({ db, tokens: TOKENS.orders })).rejects.toThrow(/JWT_PRIVATE_KEY must be set/);
    await expect(createOrdersApp({ db })).rejects.toThrow(/JWT_PUBLIC_KEY must be set/);
    await expect(createAuthApp({ db, tokens: { ...TOKENS.auth, privateKey: "not a pem" } })).rejects.toThrow(
      /JWT_PRIVATE_KEY is not a valid PEM RSA key/,
    );
  });
});

describe("orders", () => {
  it("needs a valid token: none, garbage, expired, foreign-signed, HS256 or another audience → 401", async () => {
    expectJsonError(await json(orders, "GET", "/api/orders"), 401);
    expectJsonError(
      await json(orders, "GET", "/api/orders", undefined, { authorization: "Bearer not.a.token" }),
      401,
    );
    const key = createPrivateKey(TOKENS.auth.privateKey as string);
    const claims = (jwt: SignJWT, alg = "RS256") =>
      jwt.setSubject("ana").setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setProtectedHeader({ alg });
    const refused = [
      await claims(new SignJWT({}))
        .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
        .sign(key),
      await claims(new SignJWT({}))
        .setExpirationTime("1h")
        .sign(
          createPrivateKey(
            generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
              type: "pkcs8",
              format: "pem",
            }),
          ),
        ),
      // The old scheme: a shared HS256 secret is no longer accepted.
      await claims(new SignJWT({}), "HS256")
        .setExpirationTime("1h")
        .sign(new TextEncoder().encode("another-secret-entirely-000")),
      await claims(new SignJWT({})).setAudience("someone-else").setExpirationTime("1h").sign(key),
      await claims(new SignJWT({})).setIssuer("https://elsewhere.test").setExpirationTime("1h").sign(key),
    ];
    for (const token of refused) {
      expectJsonError(
        await json(orders, "GET", "/api/orders", undefined, { authorization: `Bearer ${token}` }),
        401,
      );
    }
    const good = await claims(new SignJWT({})).setExpirationTime("1h").sign(key);
    expect(
      (await json(orders, "GET", "/api/orders", undefined, { authorization: `Bearer ${good}` })).statusCode,
    ).toBe(200);
  });

  it("checks the token before the body: no token and a bad body is 401, not 400", async () => {
    expectJsonError(await json(orders, "POST", "/api/orders", { item: "" }), 401);
    expectJsonError(
      await json(orders, "GET", "/api/orders", undefined, { authorization: "Basic dXNlcjpwYXNz" }),
      401,
    );
  });

  it("answers 404 JSON under /api/orders/ for a signed-in caller", async () => {
    const token = await registerAndLogin("ines");
    expectJsonError(
      await json(orders, "GET", "/api/orders/123", undefined, { authorization: `Bearer ${token}` }),
      404,
    );
  });

  it("creates orders and lists only the caller's, with Bearer or a bare token", async () => {
    const eva = await registerAndLogin("eva");
    const fede = await registerAndLogin("fede");
    const created = await json(
      orders,
      "POST",
      "/api/orders",
      { item: "Laptop", quantity: 2 },
      { authorization: `Bearer ${eva}` },
    );
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: "eva", item: "Laptop", quantity: 2 });
    expect(
      (await json(orders, "POST", "/api/orders", { item: "Mouse", quantity: 1 }, { authorization: fede }))
        .statusCode,
    ).toBe(201);
    const evaOrders = (
      await json(orders, "GET", "/api/orders", undefined, { authorization: eva })
    ).json() as { username: string; item: string }[];
    expect(evaOrders.map((o) => [o.username, o.item])).toEqual([["eva", "Laptop"]]);
  });

  it("validates item and quantity", async () => {
    const token = await registerAndLogin("gabi");
    for (const body of [
      { item: "", quantity: 1 },
      { item: "x".repeat(101), quantity: 1 },
      { item: "Pen", quantity: 0 },
      { item: "Pen", quantity: 10_001 },
      { item: "Pen", quantity: 1.5 },
      { item: "Pen", quantity: "2" },
      { item: "Pen" },
      { item: "   ", quantity: 1 },
      { item: "Pen\u0000cil", quantity: 1 },
      { quantity: 1 },
    ]) {
      expectJsonError(
        await json(orders, "POST", "/api/orders", body, { authorization: `Bearer ${token}` }),
        400,
      );
    }
    // Said in words: fastify's for types, ours for patterns.
    for (const [body, message] of [
      [{ item: "   ", quantity: 1 }, "body/item must contain a visible character and no control characters"],
      [{ item: "Pen", quantity: 1.5 }, "body/quantity must be integer"],
    ] as const) {
      const answer = await json(orders, "POST", "/api/orders", body, { authorization: token });
      expect(answer.json().message).toBe(message);
    }
  });
});

describe("products", () => {
  it("lists the walkthrough's five seeded products, prices as exact decimal strings like the originals", async () => {
    const list = (await json(products, "GET", "/api/products")).json() as { name: string; price: string }[];
    expect(list.slice(0, 5).map((p) => [p.name, p.price])).toEqual([
      ["Laptop", "1200.50"],
      ["Mouse", "25.99"],
      ["Keyboard", "45.00"],
      ["Monitor", "300.00"],
      ["Headphones", "75.50"],
    ]);
  });

  it("answers the list when another client wrote a price no double can hold (1e400, NaN) or none", async () => {
    const huge = `1${"0".repeat(400)}`;
    await pg.query(
      "INSERT INTO products (name, price) VALUES ('Huge', 1e400), ('Odd', 'NaN'), ('Unpriced', NULL), (NULL, 1)",
    );
    try {
      const response = await json(products, "GET", "/api/products");
      expect(response.statusCode).toBe(200);
      const list = response.json() as { name: string | null; price: string | null }[];
      expect(list.map((p) => [p.name, p.price])).toEqual(
        expect.arrayContaining([
          ["Laptop", "1200.50"],
          ["Huge", huge],
          ["Odd", "NaN"],
          ["Unpriced", null],
          [null, "1"],
        ]),
      );
    } finally {
      await pg.query("DELETE FROM products WHERE name IN ('Huge', 'Odd', 'Unpriced') OR name IS NULL");
    }
  });

  it("under concurrent reads, every list asked for after a product's 201 contains it", async () => {
    let reading = true;
    const background = (async () => {
      while (reading)
        await Promise.all(Array.from({ length: 8 }, () => json(products, "GET", "/api/products")));
    })();
    try {
      for (let i = 0; i < 5; i++) {
        const name = `Fresh ${i}`;
        expect((await json(products, "POST", "/api/products", { name, price: i })).statusCode).toBe(201);
        const lists = await Promise.all(
          Array.from({ length: 8 }, () => json(products, "GET", "/api/products")),
        );
        for (const list of lists)
          expect((list.json() as { name: string }[]).map((p) => p.name)).toContain(name);
      }
    } finally {
      reading = false;
      await background;
    }
  });

  it("adds a product and validates name and price", async () => {
    const created = await json(products, "POST", "/api/products", { name: "Webcam", price: 49.9 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: "Webcam", price: "49.9" });
    const stored = await pg.query<{ price: string }>(
      "SELECT price::text FROM products WHERE name = 'Webcam'",
    );
    expect(stored.rows.map((r) => r.price)).toEqual(["49.9"]);
    const list = (await json(products, "GET", "/api/products")).json() as { name: string }[];
    expect(list.map((p) => p.name)).toContain("Webcam");
    for (const body of [
      { name: "", price: 1 },
      { name: "x".repeat(101), price: 1 },
      { name: "Cable", price: -1 },
      { name: "Cable", price: 1.999 },
      { name: "Cable", price: "3" },
      { name: "Cable", price: 1e-7 },
      { name: "Cable" },
      { name: "Ca\u0007ble", price: 1 },
    ]) {
      expectJsonError(await json(products, "POST", "/api/products", body), 400);
    }
  });
});
