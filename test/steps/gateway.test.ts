// The gateway step against moto: the route table as http:// HTTP_PROXY
// integrations, the $default auto-deploy stage, no call on a rerun, exact
// repairs (a moved load balancer, a hand-edited integration, an extra route, a
// route without integration, an orphan integration, a missing stage), adoption
// of an untagged API, teardown with and without state.
import {
  type ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  DeleteIntegrationCommand,
  DeleteStageCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  type Integration,
  type Route,
  UpdateIntegrationCommand,
} from "@aws-sdk/client-apigatewayv2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import { ROUTES, routeKey } from "../../src/routes.js";
import { gatewayStep } from "../../src/steps/gateway.js";
import { type Moto, startMoto } from "../support/moto.js";
import { recordCalls, stepRun, testConfig } from "../support/step-harness.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const API = "node-microservices-demo-api";
const HOSTS = {
  auth: "a-auth.elb.example",
  orders: "a-orders.elb.example",
  products: "a-products.elb.example",
};
const deployed = (hosts: Record<string, string>) => ({
  deploy: { status: "done" as const, outputs: { namespace: "msdemo", loadBalancers: hosts }, updatedAt: "" },
});

async function routesOf(gw: ApiGatewayV2Client, apiId: string): Promise<Route[]> {
  return (await gw.send(new GetRoutesCommand({ ApiId: apiId }))).Items ?? [];
}
async function integrationsOf(gw: ApiGatewayV2Client, apiId: string): Promise<Integration[]> {
  return (await gw.send(new GetIntegrationsCommand({ ApiId: apiId }))).Items ?? [];
}
async function apisNamed(gw: ApiGatewayV2Client, name: string) {
  return ((await gw.send(new GetApisCommand({}))).Items ?? []).filter((a) => a.Name === name);
}

/** Asserts the API is exactly the route table behind `hosts`: one integration per route, nothing else. */
async function expectTable(aws: AwsClients, apiId: string, hosts: Record<string, string>) {
  const routes = await routesOf(aws.apigateway, apiId);
  const integrations = await integrationsOf(aws.apigateway, apiId);
  expect(routes.map((r) => r.RouteKey).sort()).toEqual(ROUTES.map(routeKey).sort());
  expect(integrations).toHaveLength(ROUTES.length);
  for (const route of ROUTES) {
    const found = routes.find((r) => r.RouteKey === routeKey(route))!;
    const integration = integrations.find((i) => `integrations/${i.IntegrationId}` === found.Target);
    expect(integration, routeKey(route)).toMatchObject({
      IntegrationType: "HTTP_PROXY",
      IntegrationMethod: route.method,
      PayloadFormatVersion: "1.0",
      IntegrationUri: `http://${hosts[route.service]}:3000${route.target}`,
    });
  }
}

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());
beforeEach(async () => moto.reset());

describe("gateway step", () => {
  it("creates the API with every route as an http:// HTTP_PROXY integration, then adopts with no mutating call", async () => {
    const aws = moto.clients();
    const run = stepRun(testConfig(), aws, deployed(HOSTS));
    expect(await gatewayStep.plan(run.context(gatewayStep))).toEqual([
      expect.objectContaining({
        action: "create",
        name: API,
        detail: "15 routes, stage $default, rate limit 50 requests/s, burst 100",
      }),
    ]);
    const out = await run.apply(gatewayStep);
    const apiId = out.apiId as string;

    await expectTable(aws, apiId, HOSTS);
    const integrations = await integrationsOf(aws.apigateway, apiId);
    // The greedy routes forward the tail; the bare resource routes reach the service's GET /.
    const uriOf = async (key: string) => {
      const route = (await routesOf(aws.apigateway, apiId)).find((r) => r.RouteKey === key)!;
      return integrations.find((i) => `integrations/${i.IntegrationId}` === route.Target)?.IntegrationUri;
    };
    expect(await uriOf("ANY /api/orders/{proxy+}")).toBe(
      "http://a-orders.elb.example:3000/api/orders/{proxy}",
    );
    expect(await uriOf("ANY /api/products/{proxy+}")).toBe(
      "http://a-products.elb.example:3000/api/products/{proxy}",
    );
    expect(await uriOf("GET /auth")).toBe("http://a-auth.elb.example:3000/");
    expect(await uriOf("GET /orders")).toBe("http://a-orders.elb.example:3000/");
    expect(await uriOf("GET /products")).toBe("http://a-products.elb.example:3000/");

    const stages = (await aws.apigateway.send(new GetStagesCommand({ ApiId: apiId }))).Items ?? [];
    expect(stages).toEqual([
      expect.objectContaining({
        StageName: "$default",
        AutoDeploy: true,
        DefaultRouteSettings: expect.objectContaining({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 }),
      }),
    ]);
    const [api] = await apisNamed(aws.apigateway, API);
    expect(api?.Tags).toEqual({ "msdemo:stack": "node-microservices-demo", "msdemo:step": "gateway" });
    expect(out).toEqual({ apiId, apiUrl: api?.ApiEndpoint, routes: 15 });
    expect(out.apiUrl).toMatch(/^https?:\/\//);

    const calls = recordCalls(aws);
    expect(await run.apply(gatewayStep)).toEqual(out);
    expect(calls.mutating()).toEqual([]);
    expect(await gatewayStep.plan(run.context(gatewayStep))).toEqual([
      expect.objectContaining({ action: "none", name: API }),
    ]);
    // Without state: found by name and tag, still nothing to do.
    await stepRun(testConfig(), aws, deployed(HOSTS)).apply(gatewayStep);
    expect(calls.mutating()).toEqual([]);
    expect(await apisNamed(aws.apigateway, API)).toHaveLength(1);
  });

  it("inspects the API, its stage and every route, with the API URL as endpoint", async () => {
    const aws = moto.clients();
    const run = stepRun(testConfig(), aws, deployed(HOSTS));
    const out = await run.apply(gatewayStep);
    const status = await gatewayStep.inspect(run.context(gatewayStep));
    // The door's rate limit as the stage says it, beside the URL.
    expect(status.endpoints).toEqual({
      apiUrl: out.apiUrl,
      rateLimit: "rate limit 50 requests/s, burst 100",
    });
    expect(status.warnings).toBeUndefined();
    expect(status.resources[0]).toMatchObject({
      type: "API Gateway HTTP API",
      name: API,
      id: out.apiId,
      managed: true,
    });
    expect(status.resources[1]).toMatchObject({
      type: "API Gateway stage",
      name: "$default",
      state: "auto-deploy",
    });
    const routes = status.resources.filter((r) => r.type === "API Gateway route");
    expect(routes).toHaveLength(ROUTES.length);
    expect(routes.every((r) => r.state === "ok")).toBe(true);
    expect(routes.map((r) => r.name)).toContain("POST /api/login → http://a-auth.elb.example:3000/api/login");

    // A moved load balancer shows as a warning until up repoints it.
    run.state.put("deploy", deployed({ ...HOSTS, auth: "b-auth.elb.example" }).deploy);
    expect((await gatewayStep.inspect(run.context(gatewayStep))).warnings).toEqual([
      expect.stringMatching(/5 to repoint/),
    ]);

    await run.destroy(gatewayStep);
    const gone = await gatewayStep.inspect(run.context(gatewayStep));
    expect(gone.resources).toEqual([expect.objectContaining({ name: API, state: "missing" })]);
    expect(gone.endpoints).toBeUndefined();
  });

  it("repoints only the routes of a service whose load balancer changed", async () => {
    const aws = moto.clients();
    const run = stepRun(testConfig(), aws, deployed(HOSTS));
    const out = await run.apply(gatewayStep);
    const moved = { ...HOSTS, orders: "b-orders.elb.example" };
    run.state.put("deploy", deployed(moved).deploy);
    expect(await gatewayStep.plan(run.context(gatewayStep))).toEqual([
      expect.objectContaining({ action: "update", detail: "5 to repoint" }),
    ]);
    const calls = recordCalls(aws);
    await run.apply(gatewayStep);
    // The orders service has five routes (GET /orders, ANY /api/orders, ANY /api/orders/{proxy+},
    // ANY /v1/orders, ANY /v1/orders/{proxy+}), each with its own integration: one UpdateIntegration each.
    expect(calls.mutating()).toEqual(Array(5).fill("UpdateIntegration"));
    await expectTable(aws, out.apiId as string, moved);
    calls.clear();
    await run.apply(gatewayStep);
    expect(calls.mutating()).toEqual([]);
  });

  it("repairs one hand-edited integration with exactly one UpdateIntegration", async () => {
    const aws = moto.clients();
    const run = stepRun(testConfig(), aws, deployed(HOSTS));
    const apiId = (await run.apply(gatewayStep)).apiId as string;
    const login = (await routesOf(aws.apigateway, apiId)).find((r) => r.RouteKey === "POST /api/login")!;
    await aws.apigateway.send(
      new UpdateIntegrationCommand({
        ApiId: apiId,
        IntegrationId: login.Target!.replace("integrations/", ""),
        IntegrationUri: "https://a-auth.elb.example:3000/api/login",
      }),
    );
    expect((await gatewayStep.plan(run.context(gatewayStep)))[0]).toMatchObject({
      action: "update",
      detail: "1 to repoint",
    });
    const calls = recordCalls(aws);
    await run.apply(gatewayStep);
    expect(calls.mutating()).toEqual(["UpdateIntegration"]);
    await expectTable(aws, apiId, HOSTS);
  });

  it("removes an extra route, reconnects a route whose integration is gone, deletes orphans, recreates the stage", async () => {
    const aws = moto.clients();
    const gw = aws.apigateway;
    const run = stepRun(testConfig(), aws, deployed(HOSTS));
    const apiId = (await run.apply(gatewayStep)).apiId as string;

    // An extra route (with its integration), an orphan integration, a route whose integration vanished, no stage.
    const extra = await gw.send(
      new CreateIntegrationCommand({
        ApiId: apiId,
        IntegrationType: "HTTP_PROXY",
        IntegrationMethod: "GET",
        IntegrationUri: "http://example.com/",
        PayloadFormatVersion: "1.0",
      }),
    );
    await gw.send(
      new CreateRouteCommand({
        ApiId: apiId,
        RouteKey: "GET /extra",
        Target: `integrations/${extra.IntegrationId}`,
      }),
    );
    await gw.send(
      new CreateIntegrationCommand({
        ApiId: apiId,
        IntegrationType: "HTTP_PROXY",
        IntegrationMethod: "ANY",
        IntegrationUri: "http://a-orders.elb.example:3000/api/orders",
        PayloadFormatVersion: "1.0",
      }),
    );
    const register = (await routesOf(gw, apiId)).find((r) => r.RouteKey === "POST /api/register")!;
    await gw.send(
      new DeleteIntegrationCommand({
        ApiId: apiId,
        IntegrationId: register.Target!.replace("integrations/", ""),
      }),
    );
    await gw.send(new DeleteStageCommand({ ApiId: apiId, StageName: "$default" }));

    expect((await gatewayStep.plan(run.context(gatewayStep)))[0]).toMatchObject({
      action: "update",
      detail: "1 to reconnect, 1 to remove, 2 unused integrations to delete, stage $default to create",
    });
    const calls = recordCalls(aws);
    await run.apply(gatewayStep);
    expect(calls.mutating()).toEqual([
      "CreateIntegration",
      "UpdateRoute",
      "DeleteRoute",
      "DeleteIntegration",
      "DeleteIntegration",
      "CreateStage",
    ]);
    await expectTable(aws, apiId, HOSTS);
    const stages = (await gw.send(new GetStagesCommand({ ApiId: apiId }))).Items ?? [];
    expect(stages).toEqual([
      expect.objectContaining({
        StageName: "$default",
        AutoDeploy: true,
        DefaultRouteSettings: expect.objectContaining({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 }),
      }),
    ]);
    calls.clear();
    await run.apply(gatewayStep);
    expect(calls.mutating()).toEqual([]);
  });

  it("adopts an API made by hand with the walkthrough's name: tags it and completes it", async () => {
    const aws = moto.clients();
    const made = await aws.apigateway.send(new CreateApiCommand({ Name: API, ProtocolType: "HTTP" }));
    const run = stepRun(testConfig(), aws, deployed(HOSTS));
    expect(await gatewayStep.plan(run.context(gatewayStep))).toEqual([
      expect.objectContaining({ action: "adopt", name: API }),
    ]);
    const out = await run.apply(gatewayStep);
    expect(out.apiId).toBe(made.ApiId);
    const [api] = await apisNamed(aws.apigateway, API);
    expect(api?.Tags).toMatchObject({ "msdemo:stack": "node-microservices-demo" });
    await expectTable(aws, made.ApiId!, HOSTS);
    const calls = recordCalls(aws);
    await run.apply(gatewayStep);
    expect(calls.mutating()).toEqual([]);
  });

  it("needs every load balancer, with a clear error naming the missing ones", async () => {
    const aws = moto.clients();
    const calls = recordCalls(aws);
    await expect(stepRun(testConfig(), aws).apply(gatewayStep)).rejects.toThrow(
      /No load balancer is known for auth, orders, products/,
    );
    await expect(
      stepRun(testConfig(), aws, deployed({ auth: HOSTS.auth, orders: HOSTS.orders })).apply(gatewayStep),
    ).rejects.toThrow(/No load balancer is known for products\./);
    expect(calls.mutating()).toEqual([]);
  });

  it("destroys without state, and again without error; leaves another stack's API alone", async () => {
    const aws = moto.clients();
    const run = stepRun(testConfig(), aws, deployed(HOSTS));
    await run.apply(gatewayStep);
    const foreign = await aws.apigateway.send(
      new CreateApiCommand({ Name: API, ProtocolType: "HTTP", Tags: { "msdemo:stack": "someone-else" } }),
    );
    // Without state: found by its name and the stack's tag.
    await stepRun(testConfig(), aws).destroy(gatewayStep);
    expect((await apisNamed(aws.apigateway, API)).map((a) => a.ApiId)).toEqual([foreign.ApiId]);
    const calls = recordCalls(aws);
    await run.destroy(gatewayStep);
    expect(calls.mutating()).toEqual([]);
  });
});
