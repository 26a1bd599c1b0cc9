// The HTTP API's own CloudWatch metrics (namespace AWS/ApiGateway): p95
// latency and the share of 5xx answers over a recent window, for `status`.
import {
  type CloudWatchClient,
  type Datapoint,
  GetMetricStatisticsCommand,
} from "@aws-sdk/client-cloudwatch";

const NAMESPACE = "AWS/ApiGateway";

/** What the API's metrics say about a window; undefined where CloudWatch has no data. */
export interface GatewayMetrics {
  p95LatencyMs: number | undefined;
  requests: number | undefined;
  errors5xx: number | undefined;
  /** 5xx answers / requests, when there were requests. */
  errorRate: number | undefined;
}

interface Window {
  apiId: string;
  stage: string;
  /** Length of the window, ending now. */
  seconds: number;
  now: Date;
}

function metricQuery(window: Window, metricName: string) {
  return {
    Namespace: NAMESPACE,
    MetricName: metricName,
    Dimensions: [
      { Name: "ApiId", Value: window.apiId },
      { Name: "Stage", Value: window.stage },
    ],
    StartTime: new Date(window.now.getTime() - window.seconds * 1000),
    EndTime: window.now,
    // One period for the whole window: one datapoint, or none without data.
    Period: window.seconds,
  };
}

async function datapoints(
  client: CloudWatchClient,
  query: ReturnType<typeof metricQuery> & { Statistics?: "Sum"[]; ExtendedStatistics?: string[] },
): Promise<Datapoint[]> {
  return (await client.send(new GetMetricStatisticsCommand(query))).Datapoints ?? [];
}

async function sumOf(client: CloudWatchClient, window: Window, metricName: string) {
  const points = await datapoints(client, { ...metricQuery(window, metricName), Statistics: ["Sum"] });
  const sums = points.map((p) => p.Sum).filter((s): s is number => s !== undefined);
  return sums.length ? sums.reduce((a, b) => a + b, 0) : undefined;
}

async function p95Of(client: CloudWatchClient, window: Window) {
  const points = await datapoints(client, { ...metricQuery(window, "Latency"), ExtendedStatistics: ["p95"] });
  // A window spanning two periods may answer twice: the worse one stands.
  const values = points.map((p) => p.ExtendedStatistics?.p95).filter((v): v is number => v !== undefined);
  return values.length ? Math.max(...values) : undefined;
}

/** p95 latency and 5xx rate of the API's `stage` over the last `seconds`. */
export async function gatewayMetrics(client: CloudWatchClient, window: Window): Promise<GatewayMetrics> {
  const [p95LatencyMs, requests, errors5xx] = await Promise.all([
    p95Of(client, window),
    sumOf(client, window, "Count"),
    sumOf(client, window, "5xx"),
  ]);
  const errorRate = requests ? (errors5xx ?? 0) / requests : undefined;
  return { p95LatencyMs, requests, errors5xx, errorRate };
}
