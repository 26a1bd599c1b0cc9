// What moto cannot show for the gateway step, with an SDK-level fake client
// (test/unit/steps-fakes.ts): moto has no UpdateStage, so a $default stage
// without auto-deploy, with its rate limits or its access log changed by hand,
// and plan listing exactly what up does about it, are checked here. The
// access-log group is a fake CloudWatch Logs client that has it as msdemo made it.
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import { ACCESS_LOG_FORMAT } from "../../src/desired.js";
import { ROUTES, routeKey } from "../../src/routes.js";
import { gatewayStep } from "../../src/steps/gateway.js";
import { expectPlanIsApply } from "../support/agreement.js";
import { type CallLog, stepRun, testConfig } from "../support/step-harness.js";
import { awsError, type Fake, fakeClient, type Input } from "./steps-fakes.js";

const CLUSTER = "node-microservices-demo";
const HOSTS = { auth: "a.example", orders: "o.example", products: "p.example" };
const DEPLOYED = {
  deploy: { status: "done" as const, outputs: { namespace: "msdemo", loadBalancers: HOSTS }, updatedAt: "" },
};
const LIMITS = { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 };
const LOG_GROUP = "/msdemo/node-microservices-demo/gateway-access";
const LOG_GROUP_ARN = `arn:aws:logs:us-east-1:123456789012:log-group:${LOG_GROUP}`;
const ACCESS_LOG = { DestinationArn: LOG_GROUP_ARN, Format: ACCESS_LOG_FORMAT };

function fakeAws(
  apigateway: ApiGatewayV2Client,
  logs: CloudWatchLogsClient,
  cloudwatch?: CloudWatchClient,
): AwsClients {
  return new Proxy(
    { apigateway, logs, cloudwatch },
    {
      get(target, key) {
        if (key === "apigateway") return target.apigateway;
        if (key === "logs") return target.logs;
        if (key === "cloudwatch" && target.cloudwatch) return target.cloudwatch;
        if (typeof key === "symbol" || key === "then") return undefined;
        throw new Error(`fake AwsClients has no ${String(key)}`);
      },
    },
  ) as unknown as AwsClients;
}

/** Every call the fakes below were sent, in order across them. */
const sentInOrder: { command: string }[] = [];
function inOrder<C>(fake: Fake<C>): Fake<C> {
  const push = fake.calls.push.bind(fake.calls);
  fake.calls.push = (...items) => {
    sentInOrder.push(...items);
    return push(...items);
  };
  return fake;
}

/** The fakes' calls as the agreement check counts them (a fake's send skips the SDK middleware). */
function callLog(...fakes: Fake<unknown>[]): CallLog {
  const read = /^(Get|Describe|List)/;
  const mutating = (call: string) => !read.test(call);
  const log: CallLog = {
    get calls() {
      return sentInOrder
        .filter((c) => fakes.some((f) => f.calls.includes(c as Fake<unknown>["calls"][number])))
        .map((c) => c.command);
    },
    mutating: () => log.calls.filter(mutating),
    isMutating: mutating,
    clear: () => {
      for (const f of fakes) f.calls.length = 0;
      sentInOrder.length = 0;
    },
  };
  return log;
}

/** CloudWatch Logs with the access-log group as msdemo makes it. */
function logsWithGroup() {
  return inOrder(
    fakeClient(CloudWatchLogsClient, (command) => {
      switch (command) {
        case "DescribeLogGroups":
          return {
            logGroups: [
              {
                logGroupName: LOG_GROUP,
                logGroupArn: LOG_GROUP_ARN,
                arn: `${LOG_GROUP_ARN}:*`,
                retentionInDays: 1,
              },
            ],
          };
        case "ListTagsForResource":
          return { tags: { "msdemo:stack": CLUSTER, "msdemo:step": "gateway" } };
        default:
          throw new Error(`fake CloudWatch Logs: unexpected ${command}`);
      }
    }),
  );
}

const API_URL = "https://api1.execute-api.us-east-1.amazonaws.com";
const AUTHORIZER = {
  AuthorizerId: "auth1",
  Name: "msdemo-jwt",
  AuthorizerType: "JWT",
  IdentitySource: ["$request.header.Authorization"],
  JwtConfiguration: { Issuer: API_URL, Audience: ["msdemo"] },
};

/** An API Gateway with the whole route table in place, `initial` as its stage and `authorizer` as its JWT authorizer. */
function gatewayWithStage(
  initial: Record<string, unknown>,
  authorizer: Record<string, unknown> = AUTHORIZER,
) {
  let jwtAuthorizer = authorizer;
  const integrations = ROUTES.map((route, i) => ({
    IntegrationId: `int${i}`,
    IntegrationType: "HTTP_PROXY",
    IntegrationMethod: route.method,
    IntegrationUri: `http://${HOSTS[route.service]}:3000${route.target}`,
    PayloadFormatVersion: "1.0",
    RequestParameters: { "overwrite:header.x-msdemo-issuer": API_URL },
  }));
  const routes = ROUTES.map((route, i) => ({
    RouteId: `r${i}`,
    RouteKey: routeKey(route),
    Target: `integrations/int${i}`,
    ...(route.authorized
      ? { AuthorizationType: "JWT", AuthorizerId: "auth1" }
      : { AuthorizationType: "NONE" }),
  }));
  let stage: Record<string, unknown> = { StageName: "$default", ...initial };
  const fake = fakeClient(ApiGatewayV2Client, (command, input: Input) => {
    switch (command) {
      case "GetApis":
        return {
          Items: [
            {
              ApiId: "api1",
              Name: "node-microservices-demo-api",
              ApiEndpoint: API_URL,
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
      case "GetAuthorizer":
        return jwtAuthorizer;
      case "UpdateAuthorizer":
        expect(input).toEqual({ ApiId: "api1", ...AUTHORIZER, AuthorizerId: "auth1" });
        jwtAuthorizer = { ...(input as object) };
        return {};
      case "UpdateStage":
        expect(input).toEqual({
          ApiId: "api1",
          StageName: "$default",
          AutoDeploy: true,
          DefaultRouteSettings: LIMITS,
          AccessLogSettings: ACCESS_LOG,
        });
        stage = { StageName: "$default", ...(input as object) };
        return {};
      default:
        throw new Error(`fake API Gateway: unexpected ${command}`);
    }
  });
  return inOrder(fake);
}

/** Plans and applies against a stage as `initial` (the group as msdemo made it), checking they agree. */
async function agreementWithStage(initial: Record<string, unknown>, authorizer?: Record<string, unknown>) {
  const gw = gatewayWithStage(initial, authorizer);
  const logs = logsWithGroup();
  const calls = callLog(gw, logs);
  const planned = await expectPlanIsApply(
    stepRun(testConfig(), fakeAws(gw.client, logs.client), DEPLOYED, calls),
    gatewayStep,
    calls,
  );
  return { gw, calls, planned };
}

describe("gateway stage settings changed behind msdemo's back (moto has no UpdateStage)", () => {
  it.each([
    [
      "auto-deploy off",
      { AutoDeploy: false, DefaultRouteSettings: LIMITS, AccessLogSettings: ACCESS_LOG },
      "auto-deploy to turn on",
    ],
    [
      "a rate limit changed by hand",
      {
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5 },
        AccessLogSettings: ACCESS_LOG,
      },
      "rate limit to set: rate limit 50 requests/s, burst 100",
    ],
    [
      "no rate limit (a stage made before msdemo set one)",
      { AutoDeploy: true, AccessLogSettings: ACCESS_LOG },
      "rate limit to set: rate limit 50 requests/s, burst 100",
    ],
    [
      "no access log (a stage made before msdemo wrote one)",
      { AutoDeploy: true, DefaultRouteSettings: LIMITS },
      `access log to ${LOG_GROUP}`,
    ],
    [
      "its access log's format changed by hand",
      {
        AutoDeploy: true,
        DefaultRouteSettings: LIMITS,
        AccessLogSettings: { ...ACCESS_LOG, Format: "$context.requestId" },
      },
      `access log to ${LOG_GROUP}`,
    ],
    [
      "its access log pointed at another group",
      {
        AutoDeploy: true,
        DefaultRouteSettings: LIMITS,
        AccessLogSettings: {
          ...ACCESS_LOG,
          DestinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:mine",
        },
      },
      `access log to ${LOG_GROUP}`,
    ],
  ])("%s: one UpdateStage, planned as an update of the stage", async (_case, initial, detail) => {
    const gw = gatewayWithStage(initial);
    const run = stepRun(testConfig(), fakeAws(gw.client, logsWithGroup().client), DEPLOYED);
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
      const { calls, planned } = await agreementWithStage({
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5 },
        AccessLogSettings: ACCESS_LOG,
      });
      expect(planned.map((c) => [c.action, c.resource])).toEqual([
        ["none", "API Gateway HTTP API"],
        ["update", "API Gateway stage"],
      ]);
      expect(calls.mutating()).toEqual(["UpdateStage"]);
    });

    it("after the stage's access log was turned off by hand: one stage update, pointing it at the group again", async () => {
      const { gw, calls, planned } = await agreementWithStage({
        AutoDeploy: true,
        DefaultRouteSettings: LIMITS,
      });
      expect(planned.map((c) => [c.action, c.resource, c.detail])).toEqual([
        ["none", "API Gateway HTTP API", expect.any(String)],
        ["update", "API Gateway stage", `access log to ${LOG_GROUP}`],
      ]);
      expect(calls.mutating()).toEqual(["UpdateStage"]);
      const update = gw.calls.find((c) => c.command === "UpdateStage");
      expect(update?.input.AccessLogSettings).toEqual({
        DestinationArn: LOG_GROUP_ARN,
        Format: ACCESS_LOG_FORMAT,
      });
    });

    it("with the stage as msdemo sets it: nothing, and no mutating call", async () => {
      const { calls, planned } = await agreementWithStage({
        AutoDeploy: true,
        DefaultRouteSettings: LIMITS,
        AccessLogSettings: ACCESS_LOG,
      });
      expect(planned.map((c) => c.action)).toEqual(["none"]);
      expect(calls.mutating()).toEqual([]);
    });
  });
});

// moto ignores ExtendedStatistics: the p95 status shows comes from a fake CloudWatch.
describe("status: the API's last hour beside the SLO targets (fake CloudWatch)", () => {
  const stage = { AutoDeploy: true, DefaultRouteSettings: LIMITS, AccessLogSettings: ACCESS_LOG };
  const inspectWith = async (points: Record<string, object[]>) => {
    const cloudwatch = fakeClient(CloudWatchClient, (_command, input: Input) => ({
      Datapoints: points[input.MetricName as string] ?? [],
    }));
    const aws = fakeAws(gatewayWithStage(stage).client, logsWithGroup().client, cloudwatch.client);
    const run = stepRun(testConfig(), aws, DEPLOYED);
    return (await gatewayStep.inspect(run.context(gatewayStep))).endpoints;
  };

  it("p95 and 5xx rate within the targets: met", async () => {
    expect(
      await inspectWith({
        Latency: [{ ExtendedStatistics: { p95: 212.4 } }],
        Count: [{ Sum: 400 }],
        "5xx": [{ Sum: 2 }],
      }),
    ).toMatchObject({
      latencyP95: "212 ms over the last hour (target ≤ 300 ms: met)",
      errorRate5xx: "0.50 % (2 of 400 requests) over the last hour (target ≤ 1 %: met)",
    });
  });

  it("a slow API: the p95 missed; no requests at all: no data, not 0", async () => {
    expect(await inspectWith({ Latency: [{ ExtendedStatistics: { p95: 812 } }] })).toMatchObject({
      latencyP95: "812 ms over the last hour (target ≤ 300 ms: missed)",
      errorRate5xx: "no data in the last hour",
    });
  });

  it("metrics that cannot be read are a warning, and the rest of status stands", async () => {
    const cloudwatch = fakeClient(CloudWatchClient, () => {
      throw awsError("AccessDenied", "not allowed to GetMetricStatistics");
    });
    const aws = fakeAws(gatewayWithStage(stage).client, logsWithGroup().client, cloudwatch.client);
    const status = await gatewayStep.inspect(stepRun(testConfig(), aws, DEPLOYED).context(gatewayStep));
    expect(status.warnings).toEqual([
      "Could not read the API's CloudWatch metrics: not allowed to GetMetricStatistics",
    ]);
    expect(status.endpoints).toEqual({
      apiUrl: "https://api1.execute-api.us-east-1.amazonaws.com",
      rateLimit: "rate limit 50 requests/s, burst 100",
    });
  });
});

// moto lists no authorizers (GetAuthorizers is missing; msdemo reads each route's
// with GetAuthorizer), so an authorizer changed by hand is shown with the fake.
describe("the JWT authorizer changed behind msdemo's back (SDK-level fake)", () => {
  it.each([
    ["its issuer", { JwtConfiguration: { Issuer: "https://elsewhere.example", Audience: ["msdemo"] } }],
    ["its audience", { JwtConfiguration: { Issuer: API_URL, Audience: ["someone-else"] } }],
    ["its identity source", { IdentitySource: ["$request.header.X-Token"] }],
  ])(
    "%s: one UpdateAuthorizer back to the API's URL and msdemo's audience, planned",
    async (_what, change) => {
      const { gw, calls, planned } = await agreementWithStage(
        { AutoDeploy: true, DefaultRouteSettings: LIMITS, AccessLogSettings: ACCESS_LOG },
        { ...AUTHORIZER, ...change },
      );
      expect(planned.filter((c) => c.action !== "none")).toEqual([
        expect.objectContaining({
          action: "update",
          resource: "API Gateway JWT authorizer",
          name: "msdemo-jwt",
        }),
      ]);
      expect(calls.mutating()).toEqual(["UpdateAuthorizer"]);
      expect(gw.calls.filter((c) => c.command === "UpdateAuthorizer")).toHaveLength(1);
    },
  );
});
