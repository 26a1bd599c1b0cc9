// msdemo logs --gateway: the API's recent access-log lines, read from its
// CloudWatch Logs group; JSON lines as they are with --json, else one readable
// line per request.
import { type LogLine, readLogLines } from "../../aws/logs.js";
import { UsageError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { checkAccess, openRuntime } from "../runtime.js";
import type { GlobalFlags } from "../settings.js";

/** Without --since: 15 minutes; with only --lines, the last day (the group's default retention). */
const DEFAULT_WINDOW_SECONDS = 15 * 60;
const LINES_WINDOW_SECONDS = 24 * 3600;
const MAX_LINES = 10_000;

export interface GatewayLogRequest {
  sinceSeconds: number;
  lines: number | undefined;
}

/** Checks the flags (exit 2 before any AWS call). `sinceSeconds` is --since already parsed. */
export function gatewayLogRequest(
  flags: Record<string, unknown>,
  service: string | undefined,
  sinceSeconds: number | undefined,
): GatewayLogRequest {
  if (service) throw new UsageError(t("logs.gatewayWithService", { service }));
  if (flags.follow) throw new UsageError(t("logs.gatewayFollow"));
  let lines: number | undefined;
  if (flags.lines !== undefined) {
    const value = String(flags.lines);
    lines = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(lines >= 1 && lines <= MAX_LINES)) throw new UsageError(t("logs.badLines", { value }));
  }
  const window = lines === undefined ? DEFAULT_WINDOW_SECONDS : LINES_WINDOW_SECONDS;
  return { sinceSeconds: sinceSeconds ?? window, lines };
}

/** The fields msdemo's access-log format writes (src/desired.ts ACCESS_LOG_FORMAT). */
interface AccessLogFields {
  httpMethod?: string;
  routeKey?: string;
  status?: string | number;
  responseLatency?: string | number;
}

/** One readable line per request; a line that is not msdemo's JSON is shown as it is. */
export function readableLine(line: LogLine): string {
  let fields: AccessLogFields;
  try {
    fields = JSON.parse(line.message) as AccessLogFields;
  } catch {
    return line.message;
  }
  if (typeof fields !== "object" || fields === null) return line.message;
  return t("logs.gateway.line", {
    time: new Date(line.timestamp).toISOString(),
    method: fields.httpMethod ?? "-",
    // routeKey carries the method too ("GET /orders"): the path alone reads better.
    route: (fields.routeKey ?? "-").replace(/^[A-Z]+ /, ""),
    status: fields.status ?? "-",
    latency: fields.responseLatency ?? "-",
  });
}

export async function printGatewayLog(
  flags: GlobalFlags & Record<string, unknown>,
  request: GatewayLogRequest,
): Promise<number> {
  const runtime = await openRuntime(flags);
  const { config, aws } = runtime;
  try {
    // Without it, missing credentials would read as a quiet API.
    await checkAccess(runtime);
    const group = config.names.accessLogGroup;
    const lines = await readLogLines(aws.logs, group, {
      startTime: Date.now() - request.sinceSeconds * 1000,
      ...(request.lines !== undefined ? { last: request.lines } : {}),
    });
    if (lines.length === 0) process.stderr.write(`${t("logs.gateway.none", { group })}\n`);
    for (const line of lines)
      process.stdout.write(`${config.json ? line.message.trimEnd() : readableLine(line)}\n`);
    return 0;
  } finally {
    aws.destroy();
  }
}
