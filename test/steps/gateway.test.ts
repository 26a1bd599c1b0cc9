// The gateway step against moto: the route table as integrations, no call on a
// rerun, one UpdateIntegration when a load balancer moves, teardown.
import { GetIntegrationsCommand, GetRoutesCommand, GetStagesCommand } from "@aws-sdk/client-apigatewayv2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROUTES, routeKey } from "../../src/routes.js";
import { gatewayStep } from "../../src/steps/gateway.js";
import { type Moto, startMoto } from "../support/moto.js";
import { recordCalls, stepRun, testConfig } from "../support/step-harness.js";

const HOSTS = {
  auth: "a-auth.elb.example",
  orders: "a-orders.elb.example",
  products: "a-products.elb.example",
};
const deployed = (hosts: Record<string, string>) => ({
  deploy: { status: "done" as const, outputs: { loadBalancers: hosts }, updatedAt: "" },
});

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
    expect((await gatewayStep.plan(run.context(gatewayStep)))[0]?.action).toBe("create");
    const out = await run.apply(gatewayStep);
    const apiId = out.apiId as string;
    const routes = (await aws.apigateway.send(new GetRoutesCommand({ ApiId: apiId }))).Items ?? [];
    const integrations =
      (await aws.apigateway.send(new GetIntegrationsCommand({ ApiId: apiId }))).Items ?? [];
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(ROUTES.map(routeKey).sort());
    for (const route of ROUTES) {
      const found = routes.find((r) => r.RouteKey === routeKey(route))!;
      const integration = integrations.find((i) => `integrations/${i.IntegrationId}` === found.Target)!;
      expect(integration.IntegrationType).toBe("HTTP_PROXY");
      expect(integration.PayloadFormatVersion).toBe("1.0");
      expect(integration.IntegrationUri).toBe(`http://${HOSTS[route.service]}:3000${route.target}`);
    }
    expect(integrations.find((i) => i.IntegrationUri?.endsWith("/api/orders/{proxy}"))).toBeDefined();
    expect(
      routes.find((r) => r.RouteKey === "GET /auth") &&
        integrations.some((i) => i.IntegrationUri === "http://a-auth.elb.example:3000/"),
    ).toBe(true);
    const stages = (await aws.apigateway.send(new GetStagesCommand({ ApiId: apiId }))).Items ?? [];
    expect(stages).toContainEqual(expect.objectContaining({ StageName: "$default", AutoDeploy: true }));
    expect(out.apiUrl).toMatch(/^https?:\/\//);

    const calls = recordCalls(aws);
    await run.apply(gatewayStep);
    expect(calls.mutating()).toEqual([]);
    expect((await gatewayStep.plan(run.context(gatewayStep)))[0]?.action).toBe("none");
    const inspected = await gatewayStep.inspect(run.context(gatewayStep));
    expect(inspected.endpoints?.apiUrl).toBe(out.apiUrl);
  });

  it("repoints only the routes of a service whose load balancer changed", async () => {
    const aws = moto.clients();
    const run = stepRun(testConfig(), aws, deployed(HOSTS));
    await run.apply(gatewayStep);
    run.state.put("deploy", {
      status: "done",
      outputs: { loadBalancers: { ...HOSTS, orders: "b-orders.elb.example" } },
    });
    expect((await gatewayStep.plan(run.context(gatewayStep)))[0]).toMatchObject({
      action: "update",
      detail: expect.stringMatching(/3 to repoint/),
    });
    const calls = recordCalls(aws);
    await run.apply(gatewayStep);
    expect(calls.mutating()).toEqual(["UpdateIntegration", "UpdateIntegration", "UpdateIntegration"]);
  });

  it("needs the load balancers, destroys, and destroys again without error", async () => {
    const aws = moto.clients();
    const bare = stepRun(testConfig(), aws);
    await expect(bare.apply(gatewayStep)).rejects.toThrow(/load balancer/);
    const run = stepRun(testConfig(), aws, deployed(HOSTS));
    await run.apply(gatewayStep);
    // Without state: found by its name and the stack's tag.
    await stepRun(testConfig(), aws).destroy(gatewayStep);
    expect(
      (await gatewayStep.inspect(stepRun(testConfig(), aws).context(gatewayStep))).resources[0]?.state,
    ).toBe("missing");
    await run.destroy(gatewayStep);
  });
});
