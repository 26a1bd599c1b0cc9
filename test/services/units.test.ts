// The services' pure parts: settings from the environment, password hashing,
// tokens, prices, and telling an unreachable database from a bad query.
import { createPrivateKey } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { exactPrice } from "../../services/products/app.js";
import { ConfigError, readConfig, UNVERIFIED_TLS_WARNING } from "../../services/shared/config.js";
import { DatabaseTimeout, isDatabaseUnavailable, withinDeadline } from "../../services/shared/db.js";
import { poisonousKey } from "../../services/shared/json-body.js";
import { hashPassword, needsRehash, verifyPassword } from "../../services/shared/password.js";
import { requestIssuer, tokenFromHeader, tokenSigner, tokenVerifier } from "../../services/shared/token.js";
import { tempDir } from "../support/process.js";
import { rsaKeyPair, TEST_AUDIENCE, TEST_ISSUER, testTokenSettings } from "../support/token-keys.js";

describe("readConfig", () => {
  it("reads the walkthrough's variables, with local defaults", () => {
    const config = readConfig({
      JWT_PRIVATE_KEY: "private-pem",
      JWT_PUBLIC_KEY: "public-pem",
      JWT_ISSUER: "https://api.example.test",
      PORT: "4000",
      DB_HOST: "db.internal",
      DB_PORT: "6543",
      DB_NAME: "shop",
      DB_USER: "app",
      DB_PASS: "pw",
    });
    expect(config).toMatchObject({
      port: 4000,
      tokens: {
        issuer: "https://api.example.test",
        audience: "msdemo",
        privateKey: "private-pem",
        publicKey: "public-pem",
      },
      warnings: [],
      db: { host: "db.internal", port: 6543, database: "shop", user: "app", password: "pw", ssl: false },
    });
    expect(readConfig({}).port).toBe(3000);
    expect(readConfig({ JWT_AUDIENCE: "shop" }).tokens).toEqual({ issuer: "", audience: "shop" });
  });

  it("refuses a bad PORT, DB_PORT, LOG_LEVEL or DB_SSL", () => {
    for (const env of [{ PORT: "http" }, { PORT: "70000" }, { DB_PORT: "0" }, { LOG_LEVEL: "loud" }]) {
      expect(() => readConfig({ ...env })).toThrow(ConfigError);
    }
    expect(() => readConfig({ DB_SSL: "prefer" })).toThrow(/DB_SSL must be/);
  });

  it("DB_SSL=require encrypts, and says so when it cannot verify the certificate", () => {
    const config = readConfig({ DB_SSL: "require" });
    expect(config.db.ssl).toEqual({ rejectUnauthorized: false });
    expect(config.warnings).toEqual([UNVERIFIED_TLS_WARNING]);
  });

  it("DB_SSL_CA turns verification on; verify-full verifies even without one", () => {
    const ca = join(tempDir("ca"), "bundle.pem");
    writeFileSync(ca, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    const withCa = readConfig({ DB_SSL: "require", DB_SSL_CA: ca });
    expect(withCa.db.ssl).toEqual({
      ca: expect.stringContaining("BEGIN CERTIFICATE"),
      rejectUnauthorized: true,
    });
    expect(withCa.warnings).toEqual([]);
    expect(readConfig({ DB_SSL: "verify-full" }).db.ssl).toEqual({
      rejectUnauthorized: true,
    });
    expect(() => readConfig({ DB_SSL: "require", DB_SSL_CA: "/nope.pem" })).toThrow(/DB_SSL_CA: cannot read/);
  });
});

describe("passwords", () => {
  it("stores scrypt parameters, a salt and a hash, never the password", async () => {
    const stored = await hashPassword("correct horse");
    // OWASP's N=2^14, r=8, p=5 (equal to its N=2^17, p=1 minimum).
    expect(stored).toMatch(/^scrypt\$16384\$8\$5\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain("correct horse");
    expect(await hashPassword("correct horse")).not.toBe(stored);
  });

  it("verifies the right password only", async () => {
    const stored = await hashPassword("correct horse");
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    expect(await verifyPassword("correct horsf", stored)).toBe(false);
    expect(await verifyPassword("correct horse", undefined)).toBe(false);
  });

  it("refuses plain-text rows (the originals' format) and absurd parameters", async () => {
    expect(await verifyPassword("hunter22", "hunter22")).toBe(false);
    const stored = await hashPassword("hunter22");
    const huge = stored.replace("$16384$", `$${2 ** 30}$`);
    expect(await verifyPassword("hunter22", huge)).toBe(false);
  });

  it("still verifies hashes made with other parameters, as they are stored with the hash", async () => {
    const { scryptSync, randomBytes } = await import("node:crypto");
    const salt = randomBytes(16);
    const key = scryptSync("old-password", salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 2 ** 20 });
    const old = ["scrypt", 2 ** 15, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
    expect(await verifyPassword("old-password", old)).toBe(true);
    expect(await verifyPassword("new-password", old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword("new-password"))).toBe(false);
  });
});

describe("tokens", () => {
  const settings = testTokenSettings();
  const verifier = tokenVerifier(settings.orders);
  const privateKey = createPrivateKey(settings.auth.privateKey as string);
  const claims = () => new SignJWT({}).setSubject("ana").setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE);

  it("signs RS256 tokens for an hour with iss, aud and kid; the public key alone reads the username back", async () => {
    const signer = await tokenSigner(settings.auth);
    const token = await signer.sign("ana", TEST_ISSUER);
    const [header, payload] = token
      .split(".")
      .slice(0, 2)
      .map((part: string) => JSON.parse(Buffer.from(part, "base64url").toString()));
    expect(header).toMatchObject({ alg: "RS256", kid: signer.jwks().keys[0]?.kid });
    expect(payload).toMatchObject({ iss: TEST_ISSUER, aud: TEST_AUDIENCE, sub: "ana" });
    expect(payload.exp - payload.iat).toBe(3600);
    expect(await verifier.verify(token, TEST_ISSUER)).toBe("ana");
  });

  it("refuses another key, no expiry, an expired token, HS256 and alg none", async () => {
    const other = await tokenSigner({ ...settings.auth, privateKey: rsaKeyPair().privateKey });
    expect(await verifier.verify(await other.sign("ana", TEST_ISSUER), TEST_ISSUER)).toBeUndefined();
    const forever = await claims().setProtectedHeader({ alg: "RS256" }).sign(privateKey);
    expect(await verifier.verify(forever, TEST_ISSUER)).toBeUndefined();
    const expired = await claims()
      .setProtectedHeader({ alg: "RS256" })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(privateKey);
    expect(await verifier.verify(expired, TEST_ISSUER)).toBeUndefined();
    const hs256 = await claims()
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("a-secret-of-at-least-16-chars"));
    expect(await verifier.verify(hs256, TEST_ISSUER)).toBeUndefined();
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(
      JSON.stringify({
        sub: "ana",
        iss: TEST_ISSUER,
        aud: TEST_AUDIENCE,
        exp: Math.floor(Date.now() / 1000) + 60,
      }),
    ).toString("base64url")}.`;
    expect(await verifier.verify(none, TEST_ISSUER)).toBeUndefined();
  });

  it("takes the issuer from JWT_ISSUER, else from the gateway's header when it is a URL", () => {
    const unset = { ...settings.orders, issuer: "" };
    expect(requestIssuer(settings.orders, "https://spoofed.test")).toBe(TEST_ISSUER);
    expect(requestIssuer(unset, "https://abc123.execute-api.us-east-1.amazonaws.com")).toBe(
      "https://abc123.execute-api.us-east-1.amazonaws.com",
    );
    expect(requestIssuer(unset, ["http://127.0.0.1:8080", "x"])).toBe("http://127.0.0.1:8080");
    for (const junk of [undefined, "", "not a url", "https://host/with/path", "ftp://host"])
      expect(requestIssuer(unset, junk)).toBe("");
  });

  it("refuses a token for another issuer or audience", async () => {
    const wrongIssuer = await tokenSigner({ ...settings.auth, issuer: "https://elsewhere.test" });
    expect(
      await verifier.verify(await wrongIssuer.sign("ana", "https://elsewhere.test"), TEST_ISSUER),
    ).toBeUndefined();
    const wrongAudience = await tokenSigner({ ...settings.auth, audience: "another-api" });
    expect(await verifier.verify(await wrongAudience.sign("ana", TEST_ISSUER), TEST_ISSUER)).toBeUndefined();
  });

  it("takes `Bearer <token>` or a bare token from the header", () => {
    expect(tokenFromHeader("Bearer abc.def.ghi")).toBe("abc.def.ghi");
    expect(tokenFromHeader("bearer   abc.def.ghi ")).toBe("abc.def.ghi");
    expect(tokenFromHeader("abc.def.ghi")).toBe("abc.def.ghi");
    expect(tokenFromHeader("Basic dXNlcjpwYXNz")).toBeUndefined();
    expect(tokenFromHeader("")).toBeUndefined();
    expect(tokenFromHeader(undefined)).toBeUndefined();
  });
});

describe("exactPrice", () => {
  it("accepts at most two decimals, judged on the number as written", () => {
    expect([0, 45, 25.99, 1200.5].map(exactPrice)).toEqual(["0", "45", "25.99", "1200.5"]);
    expect([1.999, 1e-7, 0.1 + 0.2].map(exactPrice)).toEqual([undefined, undefined, undefined]);
  });
});

describe("isDatabaseUnavailable", () => {
  it("tells connection failures from query errors", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("connect"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("shutdown"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("dup"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("syntax"), { code: "42601" }))).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });

  it("counts a hung database as unavailable: pg's read timeout, a statement timeout, a missed deadline", () => {
    expect(isDatabaseUnavailable(new Error("Query read timeout"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("canceling statement"), { code: "57014" }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new DatabaseTimeout(10))).toBe(true);
  });
});

describe("withinDeadline", () => {
  it("passes the answer through, or rejects with DatabaseTimeout when there is none in time", async () => {
    expect(await withinDeadline(Promise.resolve(7), 1_000)).toBe(7);
    await expect(withinDeadline(new Promise(() => undefined), 10)).rejects.toBeInstanceOf(DatabaseTimeout);
    await expect(withinDeadline(Promise.reject(new Error("boom")), 1_000)).rejects.toThrow("boom");
  });
});

describe("poisonousKey", () => {
  it("finds __proto__ and constructor.prototype at any depth, and nothing in plain bodies", () => {
    expect(poisonousKey(JSON.parse('{"a":1,"__proto__":{"x":1}}'))).toBe("body/__proto__");
    expect(poisonousKey(JSON.parse('{"a":[{"b":{"__proto__":null}}]}'))).toBe("body/a/0/b/__proto__");
    expect(poisonousKey(JSON.parse('{"constructor":{"prototype":{}}}'))).toBe("body/constructor/prototype");
    expect(poisonousKey(JSON.parse('{"constructor":"a string","proto":1,"prototype":{}}'))).toBeUndefined();
    expect(poisonousKey([1, "two", null])).toBeUndefined();
  });
});
