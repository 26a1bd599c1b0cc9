// The API's CloudWatch metrics as status reads them, with an SDK-level fake
// CloudWatch client (test/unit/steps-fakes.ts): moto's GetMetricStatistics
// ignores ExtendedStatistics, so the p95 latency cannot be shown against it.
// The 5xx rate against moto is in test/steps/gateway-logs.test.ts.
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { describe, expect, it } from "vitest";
import { gatewayMetrics } from "../../src/aws/cloudwatch.js";
import { fakeClient, type Input } from "./steps-fakes.js";

const NOW = new Date("2026-11-30T12:00:00Z");
const WINDOW = { apiId: "api1", stage: "$default", seconds: 3600, now: NOW };

/** CloudWatch answering each metric with `points[metric]`. */
function cloudwatch(points: Record<string, object[]>) {
  return fakeClient(CloudWatchClient, (command, input: Input) => {
    if (command !== "GetMetricStatistics") throw new Error(`fake CloudWatch: unexpected ${command}`);
    return { Datapoints: points[input.MetricName as string] ?? [] };
  });
}

describe("gatewayMetrics", () => {
  it("asks for the p95 of Latency and the sums of Count and 5xx of the API's stage over the window", async () => {
    const cw = cloudwatch({
      Latency: [{ ExtendedStatistics: { p95: 212.4 } }],
      Count: [{ Sum: 400 }],
      "5xx": [{ Sum: 2 }],
    });
    expect(await gatewayMetrics(cw.client, WINDOW)).toEqual({
      p95LatencyMs: 212.4,
      requests: 400,
      errors5xx: 2,
      errorRate: 0.005,
    });
    const byMetric = Object.fromEntries(cw.calls.map((c) => [c.input.MetricName, c.input]));
    expect(byMetric.Latency).toEqual({
      Namespace: "AWS/ApiGateway",
      MetricName: "Latency",
      Dimensions: [
        { Name: "ApiId", Value: "api1" },
        { Name: "Stage", Value: "$default" },
      ],
      StartTime: new Date("2026-11-30T11:00:00Z"),
      EndTime: NOW,
      Period: 3600,
      ExtendedStatistics: ["p95"],
    });
    expect(byMetric.Count).toMatchObject({ MetricName: "Count", Statistics: ["Sum"], Period: 3600 });
    expect(byMetric["5xx"]).toMatchObject({ MetricName: "5xx", Statistics: ["Sum"] });
  });

  it("without data says so (undefined), never 0; no 5xx among requests is a 0 rate", async () => {
    expect(await gatewayMetrics(cloudwatch({}).client, WINDOW)).toEqual({
      p95LatencyMs: undefined,
      requests: undefined,
      errors5xx: undefined,
      errorRate: undefined,
    });
    const quiet = await gatewayMetrics(cloudwatch({ Count: [{ Sum: 30 }] }).client, WINDOW);
    expect(quiet).toMatchObject({ requests: 30, errorRate: 0, p95LatencyMs: undefined });
  });

  it("a window answered in two periods: the requests add up, the worse p95 stands", async () => {
    const cw = cloudwatch({
      Latency: [{ ExtendedStatistics: { p95: 120 } }, { ExtendedStatistics: { p95: 340 } }],
      Count: [{ Sum: 10 }, { Sum: 30 }],
      "5xx": [{ Sum: 1 }, { Sum: 1 }],
    });
    expect(await gatewayMetrics(cw.client, WINDOW)).toEqual({
      p95LatencyMs: 340,
      requests: 40,
      errors5xx: 2,
      errorRate: 0.05,
    });
  });
});
