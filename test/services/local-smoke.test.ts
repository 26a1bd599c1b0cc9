// The services as a student runs them with no AWS account: `msdemo local`
// (all three in one process, behind the local gateway), checked by `msdemo smoke`.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { startLocalCli } from "../support/local.js";
import { tempDir } from "../support/process.js";

describe("msdemo local + msdemo smoke", () => {
  it("the local system passes the smoke journey", async () => {
    const local = await startLocalCli(["--ephemeral"], { MSDEMO_STATE_DIR: tempDir("local") });
    const url = local.url;
    try {
      const smoke = await runCli(["smoke", "--url", url, "--json"]);
      expect(smoke.code, smoke.stdout).toBe(0);
      const report = JSON.parse(smoke.stdout) as {
        ok: boolean;
        calls: { name: string; path: string; status: number }[];
      };
      expect(report.calls.map((c) => [c.name, c.status])).toEqual([
        ["page", 200],
        ["asset", 200],
        ["register", 201],
        ["login", 200],
        ["products", 200],
        ["order", 201],
        ["orders", 200],
        ["no-token", 401],
      ]);
      // The page first, then one of the hashed assets it names.
      expect(report.calls[1]!.path).toMatch(/^assets\/(main|style)-[A-Z0-9]+\.(js|css)$/);
      // The gateway serves exactly the route table: the walkthrough's GET /auth reaches the service's index.
      expect(await (await fetch(`${url}/auth`)).json()).toMatchObject({ service: "auth" });
      expect((await fetch(`${url}/api/unknown`)).status).toBe(404);

      // The same journey through the versioned routes.
      const json = { "content-type": "application/json" };
      const user = JSON.stringify({ username: "v1-user", password: "s3cret-pass" });
      expect(
        (await fetch(`${url}/v1/auth/register`, { method: "POST", headers: json, body: user })).status,
      ).toBe(201);
      const login = await fetch(`${url}/v1/auth/login`, { method: "POST", headers: json, body: user });
      const { token } = (await login.json()) as { token: string };
      const bearer = { ...json, authorization: `Bearer ${token}` };
      const order = JSON.stringify({ item: "Mouse", quantity: 2 });
      expect((await fetch(`${url}/v1/orders`, { method: "POST", headers: bearer, body: order })).status).toBe(
        201,
      );
      const orders = (await (await fetch(`${url}/v1/orders`, { headers: bearer })).json()) as {
        item: string;
      }[];
      expect(orders.map((o) => o.item)).toEqual(["Mouse"]);
      const catalog = (await (await fetch(`${url}/v1/catalog`)).json()) as { name: string }[];
      expect(catalog.map((p) => p.name)).toContain("Laptop");
    } finally {
      expect(await local.stop()).toBe(0);
    }
  });

  it("smoke fails (exit 1) against something that is not the system", async () => {
    const smoke = await runCli(["smoke", "--url", "http://127.0.0.1:9/"]);
    expect(smoke.code).toBe(1);
    // The page's call (no asset is tried without a page) and the six API calls.
    expect(smoke.stdout).toMatch(/7 of 7/);
  });
});

describe("msdemo smoke's page check", () => {
  it("fails when / is not the web page (an API that answers JSON there)", async () => {
    // A stand-in for an API with no page: JSON at /, 404 elsewhere.
    const server = createServer((req, res) => {
      res.writeHead(req.url === "/" ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify({ service: "not a page" }));
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const { port } = server.address() as AddressInfo;
    try {
      const smoke = await runCli(["smoke", "--url", `http://127.0.0.1:${port}`, "--json"]);
      expect(smoke.code).toBe(1);
      const report = JSON.parse(smoke.stdout) as { calls: { name: string; ok: boolean; note?: string }[] };
      expect(report.calls[0]).toMatchObject({ name: "page", ok: false, note: "not-the-page" });
      expect(report.calls.some((c) => c.name === "asset")).toBe(false);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});
