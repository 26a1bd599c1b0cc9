// The local gateway checks tokens on the orders routes as API Gateway's JWT
// authorizer does: against the auth service's JWKS, with its issuer and
// audience; a refused request gets the gateway's own 401 and never reaches orders.
// Stand-ins: a small HTTP server with the real token signer's JWKS for auth,
// and one that counts requests for orders and products.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TokenSigner, tokenSigner } from "../../services/shared/token.js";
import { createGateway, type LocalGateway } from "../../src/local/gateway.js";
import { refusedByGateway } from "../../src/smoke/smoke.js";
import { rsaKeyPair, TEST_AUDIENCE, TEST_ISSUER } from "../support/token-keys.js";

const servers: Server[] = [];
let gateway: LocalGateway;
let url: string;
let signer: TokenSigner;
const KEY = rsaKeyPair().privateKey;
const reached: string[] = [];

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  const settings = { issuer: TEST_ISSUER, audience: TEST_AUDIENCE, privateKey: KEY };
  signer = await tokenSigner(settings);
  const auth = await listen(
    createServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify(req.url === "/.well-known/jwks.json" ? signer.jwks() : signer.discovery(TEST_ISSUER)),
      );
    }),
  );
  const service = await listen(
    createServer((req, res) => {
      reached.push(`${req.method} ${req.url}`);
      res.writeHead(200, { "content-type": "application/json" });
      res.end("[]");
    }),
  );
  gateway = createGateway();
  url = `http://127.0.0.1:${await listen(gateway.server)}`;
  const at = (port: number) => ({ host: "127.0.0.1", port });
  gateway.attach(
    { auth: at(auth), orders: at(service), products: at(service) },
    { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
  );
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("the local gateway's JWT authorizer", () => {
  it("answers 401 JSON itself to an orders request without a valid token", async () => {
    const other = await tokenSigner({
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      privateKey: rsaKeyPair().privateKey,
    });
    const wrongAudience = await tokenSigner({
      issuer: TEST_ISSUER,
      audience: "another-api",
      privateKey: KEY,
    });
    const refused: Record<string, string>[] = [
      {},
      { authorization: "Bearer not.a.token" },
      { authorization: `Bearer ${await other.sign("ana", TEST_ISSUER)}` },
      { authorization: `Bearer ${await wrongAudience.sign("ana", TEST_ISSUER)}` },
      { authorization: `Bearer ${await signer.sign("ana", "https://elsewhere.test")}` },
    ];
    for (const headers of refused) {
      for (const path of ["/api/orders", "/v1/orders", "/api/orders/7"]) {
        const answer = await fetch(`${url}${path}`, { headers });
        expect(answer.status).toBe(401);
        expect(answer.headers.get("content-type")).toBe("application/json");
        expect(await answer.json()).toEqual({ message: "Unauthorized" });
      }
    }
    expect(reached).toEqual([]);
  });

  it("lets a token the auth service signed through, and leaves other routes open", async () => {
    const token = await signer.sign("ana", TEST_ISSUER);
    expect((await fetch(`${url}/v1/orders`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
    expect((await fetch(`${url}/api/products`)).status).toBe(200);
    expect(reached).toEqual(["GET /api/orders", "GET /api/products"]);
  });

  it("answers as smoke expects of the gateway, and unlike the orders service's own 401", async () => {
    const gateway = await (await fetch(`${url}/api/orders`, { method: "POST" })).json();
    expect(refusedByGateway(gateway)).toBe(true);
    // The service's 401 body (services/shared/errors.ts): smoke says the gateway let it through.
    expect(
      refusedByGateway({ error: "Unauthorized", message: "Send a token: Authorization: Bearer <token>" }),
    ).toBe(false);
  });
});
