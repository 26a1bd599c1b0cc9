// The gateway's access log and metrics against moto: the CloudWatch Logs group
// (retention, the stack's tags), the $default stage's AccessLogSettings (moto
// keeps what CreateStage sets), plan listing exactly what up does when the group
// is missing, changed or made by hand, teardown removing it, and status's
// metrics from PutMetricData. moto has no UpdateStage and ignores
// ExtendedStatistics: a stage whose access log was changed by hand is in
// test/unit/steps-gateway-errors.test.ts, the p95 in
// test/unit/gateway-metrics.test.ts, both with SDK-level fakes.
import { GetStagesCommand } from "@aws-sdk/client-apigatewayv2";
import { PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import { ACCESS_LOG_FORMAT } from "../../src/desired.js";
import { UsageError } from "../../src/errors.js";
import { gatewayStep } from "../../src/steps/gateway.js";
import { expectPlanIsApply } from "../support/agreement.js";
import { type Moto, startMoto } from "../support/moto.js";
import { recordCalls, stepRun, testConfig } from "../support/step-harness.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const GROUP = "/msdemo/node-microservices-demo/gateway-access";
const STACK_TAGS = { "msdemo:stack": "node-microservices-demo", "msdemo:step": "gateway" };
const HOSTS = { auth: "a.elb.example", orders: "o.elb.example", products: "p.elb.example" };
const DEPLOYED = {
  deploy: { status: "done" as const, outputs: { namespace: "msdemo", loadBalancers: HOSTS }, updatedAt: "" },
};

async function groupsNamed(aws: AwsClients, name: string) {
  const { logGroups } = await aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
  return (logGroups ?? []).filter((g) => g.logGroupName === name);
}

async function tagsOf(aws: AwsClients, arn: string) {
  return (await aws.logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags;
}

const changesOf = (planned: { action: string; resource: string; name: string }[]) =>
  planned.map((c) => [c.action, c.resource, c.name]);

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());
beforeEach(async () => moto.reset());

describe("gateway access log", () => {
  it("makes the group with a 1-day retention and the stack's tags, and points the stage's JSON log at it", async () => {
    const aws = moto.clients();
    const out = await stepRun(testConfig(), aws, DEPLOYED).apply(gatewayStep);
    const [group] = await groupsNamed(aws, GROUP);
    expect(group?.retentionInDays).toBe(1);
    expect(await tagsOf(aws, group!.logGroupArn!)).toEqual(STACK_TAGS);
    const { Items } = await aws.apigateway.send(new GetStagesCommand({ ApiId: out.apiId as string }));
    expect(Items?.[0]?.AccessLogSettings).toEqual({
      DestinationArn: group!.logGroupArn,
      Format: ACCESS_LOG_FORMAT,
    });
    // Each line is one JSON object of the $context fields the course's SLO view needs.
    expect(Object.keys(JSON.parse(ACCESS_LOG_FORMAT))).toEqual([
      "requestId",
      "ip",
      "requestTime",
      "httpMethod",
      "routeKey",
      "status",
      "responseLength",
      "integrationLatency",
      "responseLatency",
    ]);
    expect(JSON.parse(ACCESS_LOG_FORMAT).responseLatency).toBe("$context.responseLatency");
  });

  it("keeps the lines the days --log-retention-days says, and refuses a retention CloudWatch has not", async () => {
    const aws = moto.clients();
    await stepRun(testConfig({ logRetentionDays: "7" }), aws, DEPLOYED).apply(gatewayStep);
    expect((await groupsNamed(aws, GROUP))[0]?.retentionInDays).toBe(7);
    // Bad input is a usage error (exit 2), found while the config is built: before any AWS call.
    for (const bad of ["2", "a week", "-1"]) {
      const error = (() => {
        try {
          testConfig({ logRetentionDays: bad });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).exitCode).toBe(2);
      expect((error as Error).message).toMatch(/^--log-retention-days must be one of 1, 3, 5, 7, 14,/);
    }
  });

  it("refuses a group with its name tagged for another stack, and teardown leaves it alone", async () => {
    const aws = moto.clients();
    await aws.logs.send(
      new CreateLogGroupCommand({ logGroupName: GROUP, tags: { "msdemo:stack": "other" } }),
    );
    const calls = recordCalls(aws);
    await expect(stepRun(testConfig(), aws, DEPLOYED).plan(gatewayStep)).rejects.toThrow(
      /belongs to msdemo stack "other"/,
    );
    const run = stepRun(testConfig(), aws);
    await run.destroy(gatewayStep);
    expect(calls.mutating()).toEqual([]);
    expect(await groupsNamed(aws, GROUP)).toHaveLength(1);
    expect(run.events).toContainEqual(
      expect.objectContaining({ type: "step-warning", message: expect.stringContaining(GROUP) }),
    );
  });

  it("teardown deletes the group after the API, and again without error", async () => {
    const aws = moto.clients();
    const run = stepRun(testConfig(), aws, DEPLOYED);
    await run.apply(gatewayStep);
    const calls = recordCalls(aws);
    await run.destroy(gatewayStep);
    expect(calls.mutating()).toEqual(["DeleteApi", "DeleteLogGroup"]);
    expect(await groupsNamed(aws, GROUP)).toEqual([]);
    calls.clear();
    await stepRun(testConfig(), aws).destroy(gatewayStep);
    expect(calls.mutating()).toEqual([]);
  });

  describe("plan lists exactly what up does", () => {
    it("in an empty account: the group, its retention, and the stage pointing at it", async () => {
      const aws = moto.clients();
      const calls = recordCalls(aws);
      const run = stepRun(testConfig(), aws, DEPLOYED, calls);
      const planned = await expectPlanIsApply(run, gatewayStep, calls);
      expect(changesOf(planned).slice(-3)).toEqual([
        ["create", "CloudWatch Logs group", GROUP],
        ["update", "CloudWatch Logs group", GROUP],
        ["create", "API Gateway stage", "$default"],
      ]);
      const writes = Object.fromEntries(
        run.made.map((m) => [`${m.change.action} ${m.change.resource}`, m.calls]),
      );
      expect(writes["create CloudWatch Logs group"]?.filter(calls.isMutating)).toEqual(["CreateLogGroup"]);
      expect(writes["update CloudWatch Logs group"]?.filter(calls.isMutating)).toEqual([
        "PutRetentionPolicy",
      ]);
    });

    it("with the group and the stage as msdemo makes them: nothing, and no mutating call", async () => {
      const aws = moto.clients();
      await stepRun(testConfig(), aws, DEPLOYED).apply(gatewayStep);
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(
        stepRun(testConfig(), aws, DEPLOYED, calls),
        gatewayStep,
        calls,
      );
      expect(planned.map((c) => c.action)).toEqual(["none"]);
      expect(calls.mutating()).toEqual([]);
    });

    it("after the group was deleted behind msdemo's back: made again with its retention; the stage's ARN still names it", async () => {
      const aws = moto.clients();
      await stepRun(testConfig(), aws, DEPLOYED).apply(gatewayStep);
      await aws.logs.send(new DeleteLogGroupCommand({ logGroupName: GROUP }));
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(
        stepRun(testConfig(), aws, DEPLOYED, calls),
        gatewayStep,
        calls,
      );
      expect(changesOf(planned).slice(1)).toEqual([
        ["create", "CloudWatch Logs group", GROUP],
        ["update", "CloudWatch Logs group", GROUP],
      ]);
      expect(calls.mutating()).toEqual(["CreateLogGroup", "PutRetentionPolicy"]);
      const [group] = await groupsNamed(aws, GROUP);
      expect(group?.retentionInDays).toBe(1);
      expect(await tagsOf(aws, group!.logGroupArn!)).toEqual(STACK_TAGS);
    });

    it("after the retention was changed by hand: one retention update", async () => {
      const aws = moto.clients();
      await stepRun(testConfig(), aws, DEPLOYED).apply(gatewayStep);
      await aws.logs.send(new PutRetentionPolicyCommand({ logGroupName: GROUP, retentionInDays: 30 }));
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(
        stepRun(testConfig(), aws, DEPLOYED, calls),
        gatewayStep,
        calls,
      );
      expect(planned.slice(1)).toEqual([
        expect.objectContaining({ action: "update", name: GROUP, detail: "keep lines 1 day(s)" }),
      ]);
      expect(calls.mutating()).toEqual(["PutRetentionPolicy"]);
      expect((await groupsNamed(aws, GROUP))[0]?.retentionInDays).toBe(1);
    });

    it("with a group of that name made by hand (no tags, kept forever): adopted, tagged, given its retention", async () => {
      const aws = moto.clients();
      await aws.logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(
        stepRun(testConfig(), aws, DEPLOYED, calls),
        gatewayStep,
        calls,
      );
      expect(changesOf(planned).filter((c) => c[1] === "CloudWatch Logs group")).toEqual([
        ["adopt", "CloudWatch Logs group", GROUP],
        ["update", "CloudWatch Logs group", GROUP],
      ]);
      const [group] = await groupsNamed(aws, GROUP);
      expect(await tagsOf(aws, group!.logGroupArn!)).toEqual(STACK_TAGS);
      expect(group?.retentionInDays).toBe(1);
    });
  });
});

describe("gateway metrics in status", () => {
  const metric = (apiId: string, name: string, value: number) => ({
    MetricName: name,
    Dimensions: [
      { Name: "ApiId", Value: apiId },
      { Name: "Stage", Value: "$default" },
    ],
    Timestamp: new Date(Date.now() - 10 * 60_000),
    Value: value,
  });

  it("shows the last hour's 5xx rate from CloudWatch beside the target, and says when there is no data", async () => {
    const aws = moto.clients();
    const run = stepRun(testConfig(), aws, DEPLOYED);
    const apiId = (await run.apply(gatewayStep)).apiId as string;
    const before = await gatewayStep.inspect(run.context(gatewayStep));
    expect(before.endpoints).toMatchObject({
      latencyP95: "no data in the last hour",
      errorRate5xx: "no data in the last hour",
    });
    await aws.cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: "AWS/ApiGateway",
        MetricData: [
          metric(apiId, "Count", 150),
          metric(apiId, "Count", 50),
          metric(apiId, "5xx", 3),
          // Another API's errors are not ours.
          metric("other", "5xx", 90),
        ],
      }),
    );
    const after = await gatewayStep.inspect(run.context(gatewayStep));
    expect(after.endpoints?.errorRate5xx).toBe(
      "1.50 % (3 of 200 requests) over the last hour (target ≤ 1 %: missed)",
    );
  });
});
