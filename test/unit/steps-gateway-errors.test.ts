// What moto cannot show for the gateway step, with an SDK-level fake client
// (test/unit/steps-fakes.ts): moto has no UpdateStage, so a $default stage
// without auto-deploy or with its rate limits changed by hand, and plan
// listing exactly what up does about it, are checked here.
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import { ROUTES, routeKey } from "../../src/routes.js";
import { gatewayStep } from "../../src/steps/gateway.js";
import { expectPlanIsApply } from "../support/agreement.js";
import { type CallLog, stepRun, testConfig } from "../support/step-harness.js";
import { type Fake, fakeClient, type Input } from "./steps-fakes.js";

const CLUSTER = "node-microservices-demo";
const HOSTS = { auth: "a.example", orders: "o.example", products: "p.example" };
const DEPLOYED = {
  deploy: { status: "done" as const, outputs: { namespace: "msdemo", loadBalancers: HOSTS }, updatedAt: "" },
};
const LIMITS = { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 };

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

/** The fake's calls as the agreement check counts them (a fake's send skips the SDK middleware). */
function callLog(fake: Fake<unknown>): CallLog {
  const mutating = (call: string) => !call.startsWith("Get");
  const log: CallLog = {
    get calls() {
      return fake.calls.map((c) => c.command);
    },
    mutating: () => log.calls.filter(mutating),
    isMutating: mutating,
    clear: () => {
      fake.calls.length = 0;
    },
  };
  return log;
}

/** An API Gateway with the whole route table in place and `initial` as its stage. */
function gatewayWithStage(initial: Record<string, unknown>) {
  const integrations = ROUTES.map((route, i) => ({
    IntegrationId: `int${i}`,
    IntegrationType: "HTTP_PROXY",
    IntegrationMethod: route.method,
    IntegrationUri: `http://${HOSTS[route.service]}:3000${route.target}`,
    PayloadFormatVersion: "1.0",
  }));
  const routes = ROUTES.map((route, i) => ({
    RouteId: `r${i}`,
    RouteKey: routeKey(route),
    Target: `integrations/int${i}`,
  }));
  let stage: Record<string, unknown> = { StageName: "$default", ...initial };
  return fakeClient(ApiGatewayV2Client, (command, input: Input) => {
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
}

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
  ])("%s: one UpdateStage, planned as an update of the stage", async (_case, initial, detail) => {
    const gw = gatewayWithStage(initial);
    const run = stepRun(testConfig(), fakeAws(gw.client), DEPLOYED);
    expect(await run.plan(gatewayStep)).toEqual([
      expect.objectContaining({ action: "none", name: "node-microservices-demo-api" }),
      expect.objectContaining({ action: "update", resource: "API Gateway stage", name: "$default", detail }),
    ]);
    await run.apply(gatewayStep);
    const mutating = gw.calls.map((c) => c.command).filter((c) => !c.startsWith("Get"));
    expect(mutating).toEqual(["UpdateStage"]);
    gw.calls.length = 0;
    await run.apply(gatewayStep);
    expect(gw.calls.map((c) => c.command).filter((c) => !c.startsWith("Get"))).toEqual([]);
  });

  describe("plan lists exactly what up does", () => {
    it("after the stage's throttling was changed by hand: one stage update, one UpdateStage", async () => {
      const gw = gatewayWithStage({
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5 },
      });
      const calls = callLog(gw);
      const planned = await expectPlanIsApply(
        stepRun(testConfig(), fakeAws(gw.client), DEPLOYED, calls),
        gatewayStep,
        calls,
      );
      expect(planned.map((c) => [c.action, c.resource])).toEqual([
        ["none", "API Gateway HTTP API"],
        ["update", "API Gateway stage"],
      ]);
      expect(calls.mutating()).toEqual(["UpdateStage"]);
    });

    it("with the stage as msdemo sets it: nothing, and no mutating call", async () => {
      const gw = gatewayWithStage({ AutoDeploy: true, DefaultRouteSettings: LIMITS });
      const calls = callLog(gw);
      const planned = await expectPlanIsApply(
        stepRun(testConfig(), fakeAws(gw.client), DEPLOYED, calls),
        gatewayStep,
        calls,
      );
      expect(planned.map((c) => c.action)).toEqual(["none"]);
      expect(calls.mutating()).toEqual([]);
    });
  });
});
