// The gateway step against moto: the route table as http:// HTTP_PROXY
// integrations, the $default auto-deploy stage, no call on a rerun, exact
// repairs (a moved load balancer, a hand-edited integration, an extra route, a
// route without integration, an orphan integration, a missing stage), adoption
// of an untagged API, teardown with and without state, and plan listing exactly
// what up does. moto has no UpdateStage: a stage changed by hand is in
// test/unit/steps-gateway-errors.test.ts, with an SDK-level fake.
import {
  type ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  DeleteStageCommand,
  GetApisCommand,
  GetAuthorizerCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  type Integration,
  type Route,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
} from "@aws-sdk/client-apigatewayv2";
import { createLocalJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readConfig } from "../../services/shared/config.js";
import { requestIssuer, tokenSigner } from "../../services/shared/token.js";
import type { AwsClients } from "../../src/aws/clients.js";
import { ROUTES, routeKey } from "../../src/routes.js";
import { gatewayStep } from "../../src/steps/gateway.js";
import { expectPlanIsApply } from "../support/agreement.js";
import { type Moto, startMoto } from "../support/moto.js";
import { recordCalls, stepRun, testConfig } from "../support/step-harness.js";
import { rsaKeyPair } from "../support/token-keys.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const API = "node-microservices-demo-api";
const LOG_GROUP = "/msdemo/node-microservices-demo/gateway-access";
/** In an empty account, after the routes: the access-log group made, its retention set, then the stage. */
const LOG_AND_STAGE = ["create", "update", "create"];
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

/**
 * The orders routes (and only they) are behind the JWT authorizer, whose issuer
 * and audience are what the auth service puts in its tokens: the issuer from the
 * header every integration sets, the audience the services' default. A token
 * the auth service's signer issues validates (jose) against its discovery
 * document and JWKS with exactly the authorizer's issuer and audience.
 */
async function expectTokenCheckAtTheDoor(aws: AwsClients, apiId: string, apiUrl: string) {
  const routes = await routesOf(aws.apigateway, apiId);
  const authorizerIds = new Set(routes.map((r) => r.AuthorizerId).filter(Boolean));
  expect(authorizerIds.size).toBe(1);
  const authorizer = await aws.apigateway.send(
    new GetAuthorizerCommand({ ApiId: apiId, AuthorizerId: [...authorizerIds][0] }),
  );
  expect(authorizer).toMatchObject({
    Name: "msdemo-jwt",
    AuthorizerType: "JWT",
    IdentitySource: ["$request.header.Authorization"],
    JwtConfiguration: { Issuer: apiUrl, Audience: ["msdemo"] },
  });
  const guarded = routes.filter((r) => r.AuthorizationType === "JWT").map((r) => r.RouteKey);
  expect(guarded.sort()).toEqual([
    "ANY /api/orders",
    "ANY /api/orders/{proxy+}",
    "ANY /v1/orders",
    "ANY /v1/orders/{proxy+}",
  ]);
  const integrations = await integrationsOf(aws.apigateway, apiId);
  const issuers = new Set(integrations.map((i) => i.RequestParameters?.["overwrite:header.x-msdemo-issuer"]));
  expect([...issuers]).toEqual([apiUrl]);

  // The auth service as deployed: no JWT_ISSUER, the issuer from the gateway's header.
  const settings = readConfig({ JWT_PRIVATE_KEY: rsaKeyPair().privateKey }).tokens;
  const issuer = requestIssuer(settings, [...issuers][0]);
  const signer = await tokenSigner(settings);
  const token = await signer.sign("ana", issuer);
  const discovery = signer.discovery(issuer);
  expect(discovery.issuer).toBe(authorizer.JwtConfiguration?.Issuer);
  expect(discovery.jwks_uri).toBe(`${apiUrl}/.well-known/jwks.json`);
  const { payload } = await jwtVerify(token, createLocalJWKSet(signer.jwks()), {
    issuer: authorizer.JwtConfiguration!.Issuer!,
    audience: authorizer.JwtConfiguration!.Audience!,
    algorithms: ["RS256"],
  });
  expect(payload.sub).toBe("ana");
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
    const planned = await run.plan(gatewayStep);
    expect(planned[0]).toEqual(
      expect.objectContaining({
        action: "create",
        name: API,
        detail: "17 routes, stage $default, rate limit 50 requests/s, burst 100",
      }),
    );
    // The JWT authorizer, before the routes it guards.
    expect(planned[1]).toEqual(
      expect.objectContaining({
        action: "create",
        resource: "API Gateway JWT authorizer",
        name: "msdemo-jwt",
      }),
    );
    // Each route to create shows where it will lead; the stage shows its limits and its log.
    expect(planned.slice(2, -3).map((c) => [c.action, c.resource, c.name])).toEqual(
      ROUTES.map((r) => ["create", "API Gateway route", routeKey(r)]),
    );
    expect(planned.slice(-3, -1)).toEqual([
      expect.objectContaining({ action: "create", resource: "CloudWatch Logs group", name: LOG_GROUP }),
      expect.objectContaining({
        action: "update",
        resource: "CloudWatch Logs group",
        name: LOG_GROUP,
        detail: "keep lines 1 day(s)",
      }),
    ]);
    expect(planned).toContainEqual(
      expect.objectContaining({
        name: "POST /api/login",
        detail: "http://a-auth.elb.example:3000/api/login",
      }),
    );
    expect(planned.at(-1)).toEqual(
      expect.objectContaining({
        action: "create",
        resource: "API Gateway stage",
        name: "$default",
        detail: `auto-deploy, rate limit 50 requests/s, burst 100, access log to ${LOG_GROUP}`,
      }),
    );
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
    expect(out).toEqual({ apiId, apiUrl: api?.ApiEndpoint, routes: 17 });
    expect(out.apiUrl).toMatch(/^https?:\/\//);
    await expectTokenCheckAtTheDoor(aws, apiId, out.apiUrl as string);

    const calls = recordCalls(aws);
    expect(await run.apply(gatewayStep)).toEqual(out);
    expect(calls.mutating()).toEqual([]);
    expect(await run.plan(gatewayStep)).toEqual([
      expect.objectContaining({ action: "none", name: API, detail: out.apiUrl }),
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
    // No request reached the API: CloudWatch has no data, and status says so rather than 0.
    expect(status.endpoints).toEqual({
      apiUrl: out.apiUrl,
      rateLimit: "rate limit 50 requests/s, burst 100",
      latencyP95: "no data in the last hour",
      errorRate5xx: "no data in the last hour",
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
    expect(status.resources).toContainEqual(
      expect.objectContaining({
        type: "CloudWatch Logs group",
        name: LOG_GROUP,
        state: "available",
        managed: true,
      }),
    );
    expect(status.resources).toContainEqual(
      expect.objectContaining({ type: "API Gateway JWT authorizer", name: "msdemo-jwt", state: "available" }),
    );
    const routes = status.resources.filter((r) => r.type === "API Gateway route");
    expect(routes).toHaveLength(ROUTES.length);
    expect(routes.every((r) => r.state === "ok")).toBe(true);
    expect(routes.map((r) => r.name)).toContain("POST /api/login → http://a-auth.elb.example:3000/api/login");

    // A moved load balancer shows as a warning until up repoints it.
    run.state.put("deploy", deployed({ ...HOSTS, auth: "b-auth.elb.example" }).deploy);
    expect((await gatewayStep.inspect(run.context(gatewayStep))).warnings).toEqual([
      expect.stringMatching(/7 to repoint/),
    ]);

    await run.destroy(gatewayStep);
    const gone = await gatewayStep.inspect(run.context(gatewayStep));
    expect(gone.resources).toEqual([
      expect.objectContaining({ name: API, state: "missing" }),
      expect.objectContaining({ name: LOG_GROUP, state: "missing" }),
    ]);
    expect(gone.endpoints).toBeUndefined();
  });

  it("repoints only the routes of a service whose load balancer changed", async () => {
    const aws = moto.clients();
    const run = stepRun(testConfig(), aws, deployed(HOSTS));
    const out = await run.apply(gatewayStep);
    const moved = { ...HOSTS, orders: "b-orders.elb.example" };
    run.state.put("deploy", deployed(moved).deploy);
    const planned = await run.plan(gatewayStep);
    expect(planned.slice(1)).toEqual(
      [
        "GET /orders",
        "ANY /api/orders",
        "ANY /api/orders/{proxy+}",
        "ANY /v1/orders",
        "ANY /v1/orders/{proxy+}",
      ].map((key) =>
        expect.objectContaining({ action: "update", resource: "API Gateway integration", name: key }),
      ),
    );
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
    expect(await run.plan(gatewayStep)).toEqual([
      expect.objectContaining({ action: "none", name: API }),
      expect.objectContaining({
        action: "update",
        resource: "API Gateway integration",
        name: "POST /api/login",
        detail: "https://a-auth.elb.example:3000/api/login → http://a-auth.elb.example:3000/api/login",
      }),
    ]);
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
    const orphan = await gw.send(
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

    const planned = await run.plan(gatewayStep);
    expect(planned.map((c) => [c.action, c.resource, c.name])).toEqual([
      ["none", "API Gateway HTTP API", API],
      ["update", "API Gateway route", "POST /api/register"],
      ["delete", "API Gateway route", "GET /extra"],
      ["delete", "API Gateway integration", extra.IntegrationId],
      ["delete", "API Gateway integration", orphan.IntegrationId],
      ["create", "API Gateway stage", "$default"],
    ]);
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
    const planned = await run.plan(gatewayStep);
    expect(planned[0]).toEqual(expect.objectContaining({ action: "adopt", name: API }));
    // It has no routes and no stage yet: each is a change of its own.
    expect(planned.slice(1).map((c) => c.action)).toEqual([
      ...Array(ROUTES.length + 1).fill("create"),
      ...LOG_AND_STAGE,
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

  it("needs the deploy step and every load balancer, with a clear error, before any write", async () => {
    const aws = moto.clients();
    const calls = recordCalls(aws);
    // A plan before the deploy step ran says what up will create, without the load balancers' names.
    const planned = await stepRun(testConfig(), aws).plan(gatewayStep);
    expect(planned.map((c) => c.action)).toEqual([
      ...Array(ROUTES.length + 2).fill("create"),
      ...LOG_AND_STAGE,
    ]);
    expect(planned[2]?.detail).toBeUndefined();
    await expect(stepRun(testConfig(), aws).apply(gatewayStep)).rejects.toThrow(
      /The gateway step needs what the deploy step makes, and deploy has not completed/,
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
    // Without state: found by its name and the stack's tag; the other stack's is named, not deleted.
    const stateless = stepRun(testConfig(), aws);
    await stateless.destroy(gatewayStep);
    expect((await apisNamed(aws.apigateway, API)).map((a) => a.ApiId)).toEqual([foreign.ApiId]);
    expect(stateless.events).toContainEqual(
      expect.objectContaining({ type: "step-warning", message: expect.stringContaining("someone-else") }),
    );
    const calls = recordCalls(aws);
    await run.destroy(gatewayStep);
    expect(calls.mutating()).toEqual([]);
  });

  it("refuses an API with its name tagged for another stack, and never touches it", async () => {
    const aws = moto.clients();
    await aws.apigateway.send(
      new CreateApiCommand({ Name: API, ProtocolType: "HTTP", Tags: { "msdemo:stack": "someone-else" } }),
    );
    const calls = recordCalls(aws);
    const run = stepRun(testConfig(), aws, deployed(HOSTS));
    await expect(run.plan(gatewayStep)).rejects.toThrow(/belongs to msdemo stack "someone-else"/);
    await expect(run.apply(gatewayStep)).rejects.toThrow(/belongs to msdemo stack "someone-else"/);
    expect(calls.mutating()).toEqual([]);
  });

  describe("plan lists exactly what up does", () => {
    it("in an empty account (the deploy step done): the API, every route, the stage", async () => {
      const aws = moto.clients();
      const calls = recordCalls(aws);
      const run = stepRun(testConfig(), aws, deployed(HOSTS), calls);
      const planned = await expectPlanIsApply(run, gatewayStep, calls);
      expect(planned.map((c) => c.action)).toEqual([
        ...Array(ROUTES.length + 2).fill("create"),
        ...LOG_AND_STAGE,
      ]);
      const apiId = run.state.get("gateway")?.outputs?.apiId as string;
      await expectTable(aws, apiId, HOSTS);
    });

    it("with everything present: nothing, and no mutating call", async () => {
      const aws = moto.clients();
      await stepRun(testConfig(), aws, deployed(HOSTS)).apply(gatewayStep);
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(
        stepRun(testConfig(), aws, deployed(HOSTS), calls),
        gatewayStep,
        calls,
      );
      expect(planned.map((c) => c.action)).toEqual(["none"]);
      expect(calls.mutating()).toEqual([]);
    });

    it("after a route was deleted behind msdemo's back: that route again, its old integration deleted", async () => {
      const aws = moto.clients();
      const apiId = (await stepRun(testConfig(), aws, deployed(HOSTS)).apply(gatewayStep)).apiId as string;
      const orders = (await routesOf(aws.apigateway, apiId)).find((r) => r.RouteKey === "GET /orders")!;
      await aws.apigateway.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: orders.RouteId! }));
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(
        stepRun(testConfig(), aws, deployed(HOSTS), calls),
        gatewayStep,
        calls,
      );
      expect(planned.map((c) => [c.action, c.resource, c.name])).toEqual([
        ["none", "API Gateway HTTP API", API],
        ["create", "API Gateway route", "GET /orders"],
        ["delete", "API Gateway integration", orders.Target!.replace("integrations/", "")],
      ]);
      await expectTable(aws, apiId, HOSTS);
    });

    it("after an orders route's token check was turned off by hand: that route behind the authorizer again", async () => {
      const aws = moto.clients();
      const apiId = (await stepRun(testConfig(), aws, deployed(HOSTS)).apply(gatewayStep)).apiId as string;
      const orders = (await routesOf(aws.apigateway, apiId)).find((r) => r.RouteKey === "ANY /v1/orders")!;
      const authorizerId = orders.AuthorizerId;
      await aws.apigateway.send(
        new UpdateRouteCommand({ ApiId: apiId, RouteId: orders.RouteId!, AuthorizationType: "NONE" }),
      );
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(
        stepRun(testConfig(), aws, deployed(HOSTS), calls),
        gatewayStep,
        calls,
      );
      expect(planned.map((c) => [c.action, c.resource, c.name, c.detail])).toEqual([
        ["none", "API Gateway HTTP API", API, expect.any(String)],
        ["update", "API Gateway route", "ANY /v1/orders", "check tokens with the JWT authorizer"],
      ]);
      expect(calls.mutating()).toEqual(["UpdateRoute"]);
      const again = (await routesOf(aws.apigateway, apiId)).find((r) => r.RouteKey === "ANY /v1/orders")!;
      expect([again.AuthorizationType, again.AuthorizerId]).toEqual(["JWT", authorizerId]);
    });

    it("with a second API of this stack (a create answered twice earlier): the newer one deleted", async () => {
      const aws = moto.clients();
      const kept = (await stepRun(testConfig(), aws, deployed(HOSTS)).apply(gatewayStep)).apiId as string;
      const tags = { "msdemo:stack": "node-microservices-demo", "msdemo:step": "gateway" };
      const extra = await aws.apigateway.send(
        new CreateApiCommand({ Name: API, ProtocolType: "HTTP", Tags: tags }),
      );
      const calls = recordCalls(aws);
      const run = stepRun(testConfig(), aws, deployed(HOSTS), calls);
      const planned = await expectPlanIsApply(run, gatewayStep, calls);
      // moto's creation dates have one-second steps: the older is kept, or the first by id in a tie.
      const left = (await apisNamed(aws.apigateway, API)).map((a) => a.ApiId!);
      expect(left).toHaveLength(1);
      expect(run.state.get("gateway")?.outputs?.apiId).toBe(left[0]);
      const gone = [kept, extra.ApiId].find((id) => id !== left[0]);
      expect(planned[1]).toMatchObject({
        action: "delete",
        resource: "API Gateway HTTP API",
        detail: expect.stringContaining(`${gone} duplicates ${left[0]}`),
      });
      await expectTable(aws, left[0]!, HOSTS);
    });

    it("with an API made by hand under the walkthrough's name: adopted, then completed", async () => {
      const aws = moto.clients();
      await aws.apigateway.send(new CreateApiCommand({ Name: API, ProtocolType: "HTTP" }));
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(
        stepRun(testConfig(), aws, deployed(HOSTS), calls),
        gatewayStep,
        calls,
      );
      expect(planned[0]).toMatchObject({ action: "adopt", name: API });
    });
  });
});
