// What moto cannot show for the gateway step (it has no UpdateStage), with a
// fake SDK client: a $default stage without auto-deploy.
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import { ROUTES, routeKey } from "../../src/routes.js";
import { gatewayStep } from "../../src/steps/gateway.js";
import { stepRun, testConfig } from "../support/step-harness.js";
import { fakeClient, type Input } from "./steps-fakes.js";

const CLUSTER = "node-microservices-demo";

function fakeAws(apigateway: ApiGatewayV2Client): AwsClients {
  return new Proxy(
    { apigateway },
    {
      get(target, key) {
        if (key === "apigateway") return target.apigateway;
        if (typeof key === "symbol" || key === "then") return undefined;
        throw new Error(`fake AwsClients has no ${String(key)}`);
      },
    },
  ) as unknown as AwsClients;
}

const LIMITS = { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 };

describe("gateway stage settings changed behind msdemo's back (moto has no UpdateStage)", () => {
  it.each([
    ["auto-deploy off", { AutoDeploy: false, DefaultRouteSettings: LIMITS }, "auto-deploy to turn on"],
    [
      "a rate limit changed by hand",
      { AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5 } },
      "rate limit to set: rate limit 50 requests/s, burst 100",
    ],
    [
      "no rate limit (a stage made before msdemo set one)",
      { AutoDeploy: true },
      "rate limit to set: rate limit 50 requests/s, burst 100",
    ],
  ])("%s: one UpdateStage, planned as an update", async (_case, initial, detail) => {
    const hosts = { auth: "a.example", orders: "o.example", products: "p.example" };
    const integrations = ROUTES.map((route, i) => ({
      IntegrationId: `int${i}`,
      IntegrationType: "HTTP_PROXY",
      IntegrationMethod: route.method,
      IntegrationUri: `http://${hosts[route.service]}:3000${route.target}`,
      PayloadFormatVersion: "1.0",
    }));
    const routes = ROUTES.map((route, i) => ({
      RouteId: `r${i}`,
      RouteKey: routeKey(route),
      Target: `integrations/int${i}`,
    }));
    let stage: Record<string, unknown> = { StageName: "$default", ...initial };
    const gw = fakeClient(ApiGatewayV2Client, (command, input: Input) => {
      switch (command) {
        case "GetApis":
          return {
            Items: [
              {
                ApiId: "api1",
                Name: "node-microservices-demo-api",
                ApiEndpoint: "https://api1.execute-api.us-east-1.amazonaws.com",
                Tags: { "msdemo:stack": CLUSTER, "msdemo:step": "gateway" },
              },
            ],
          };
        case "GetRoutes":
          return { Items: routes };
        case "GetIntegrations":
          return { Items: integrations };
        case "GetStages":
          return { Items: [stage] };
        case "UpdateStage":
          expect(input).toEqual({
            ApiId: "api1",
            StageName: "$default",
            AutoDeploy: true,
            DefaultRouteSettings: LIMITS,
          });
          stage = { StageName: "$default", AutoDeploy: true, DefaultRouteSettings: LIMITS };
          return {};
        default:
          throw new Error(`fake API Gateway: unexpected ${command}`);
      }
    });
    const run = stepRun(testConfig(), fakeAws(gw.client), {
      deploy: { status: "done", outputs: { loadBalancers: hosts }, updatedAt: "" },
    });
    expect(await gatewayStep.plan(run.context(gatewayStep))).toEqual([
      expect.objectContaining({ action: "update", detail }),
    ]);
    await run.apply(gatewayStep);
    const mutating = gw.calls.map((c) => c.command).filter((c) => !c.startsWith("Get"));
    expect(mutating).toEqual(["UpdateStage"]);
    gw.calls.length = 0;
    await run.apply(gatewayStep);
    expect(gw.calls.map((c) => c.command).filter((c) => !c.startsWith("Get"))).toEqual([]);
  });
});
