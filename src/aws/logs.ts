// Narrow CloudWatch Logs wrappers: the gateway's access-log group (made,
// kept to a short retention, tagged, deleted) and reading its recent lines.
import {
  type CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  ListTagsForResourceCommand,
  PutRetentionPolicyCommand,
  TagResourceCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { isAwsErrorNamed } from "./errors.js";

/** A log group as msdemo needs to know it. */
export interface LogGroup {
  name: string;
  /** The ARN without the trailing `:*` (what API Gateway and tagging take). */
  arn: string;
  /** Undefined: kept forever. */
  retentionDays: number | undefined;
  tags: Record<string, string>;
}

const withoutWildcard = (arn: string) => arn.replace(/:\*$/, "");

/** The group named exactly `name`, with its tags; undefined when there is none. */
export async function findLogGroup(
  client: CloudWatchLogsClient,
  name: string,
): Promise<LogGroup | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, nextToken }));
    const found = page.logGroups?.find((g) => g.logGroupName === name);
    if (found) {
      const arn = found.logGroupArn ?? withoutWildcard(found.arn ?? "");
      const { tags } = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
      return { name, arn, retentionDays: found.retentionInDays, tags: tags ?? {} };
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

/** Creates the group with its tags; one already there (a retried create whose answer was lost) is not an error. */
export async function createLogGroup(
  client: CloudWatchLogsClient,
  name: string,
  tags: Record<string, string>,
): Promise<void> {
  try {
    await client.send(new CreateLogGroupCommand({ logGroupName: name, tags }));
  } catch (error) {
    if (!isAwsErrorNamed(error, "ResourceAlreadyExistsException")) throw error;
  }
}

export async function setRetention(client: CloudWatchLogsClient, name: string, days: number): Promise<void> {
  await client.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: days }));
}

export async function tagLogGroup(
  client: CloudWatchLogsClient,
  arn: string,
  tags: Record<string, string>,
): Promise<void> {
  await client.send(new TagResourceCommand({ resourceArn: arn, tags }));
}

/** Deletes the group; one already gone is not an error. */
export async function deleteLogGroup(client: CloudWatchLogsClient, name: string): Promise<void> {
  try {
    await client.send(new DeleteLogGroupCommand({ logGroupName: name }));
  } catch (error) {
    if (!isAwsErrorNamed(error, "ResourceNotFoundException")) throw error;
  }
}

export interface LogLine {
  timestamp: number;
  message: string;
}

/**
 * The group's lines from `startTime` (ms since the epoch) on, oldest first.
 * With `last`, only the newest `last` of them are kept while paging, so a busy
 * day of logs never sits in memory at once. A missing group reads as no lines.
 */
export async function readLogLines(
  client: CloudWatchLogsClient,
  name: string,
  options: { startTime: number; last?: number },
): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await client.send(
        new FilterLogEventsCommand({ logGroupName: name, startTime: options.startTime, nextToken }),
      );
      for (const event of page.events ?? [])
        lines.push({ timestamp: event.timestamp ?? 0, message: event.message ?? "" });
      if (options.last !== undefined && lines.length > 2 * options.last) keepNewest(lines, options.last);
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (error) {
    if (isAwsErrorNamed(error, "ResourceNotFoundException")) return [];
    throw error;
  }
  if (options.last !== undefined) keepNewest(lines, options.last);
  return lines.sort(byTime);
}

const byTime = (a: LogLine, b: LogLine) => a.timestamp - b.timestamp;

/** Several streams interleave: sorts, then drops all but the newest `count`. */
function keepNewest(lines: LogLine[], count: number): void {
  lines.sort(byTime);
  lines.splice(0, Math.max(0, lines.length - count));
}
