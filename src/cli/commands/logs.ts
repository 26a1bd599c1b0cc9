// msdemo logs SERVICE: the service's pod logs, each line prefixed by its pod.
// msdemo logs --gateway: the API Gateway's access log (./logs-gateway.ts).
import { MsdemoError, UsageError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { kubeTarget } from "../../kube/cluster-access.js";
import { kubeConfigFor } from "../../kube/kubeconfig.js";
import { podLogs } from "../../kube/logs.js";
import { workloadName } from "../../kube/render.js";
import { SERVICE_NAMES, type ServiceName } from "../../routes.js";
import { openRuntime } from "../runtime.js";
import type { GlobalFlags } from "../settings.js";

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `30s`, `10m`, `2h`, `1d` → seconds. */
export function parseSince(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value.trim());
  if (!match) throw new UsageError(t("kube.logs.badSince", { value }));
  return Number(match[1]) * UNIT_SECONDS[match[2]!]!;
}

export async function run(flags: GlobalFlags & Record<string, unknown>, args: string[]): Promise<number> {
  const service = args[0] ?? "";
  const sinceSeconds = flags.since === undefined ? undefined : parseSince(String(flags.since));
  if (flags.gateway) {
    const { gatewayLogRequest, printGatewayLog } = await import("./logs-gateway.js");
    return printGatewayLog(flags, gatewayLogRequest(flags, args[0], sinceSeconds));
  }
  if (!service) throw new UsageError(t("logs.serviceOrGateway", { services: SERVICE_NAMES.join(", ") }));
  if (flags.lines !== undefined) throw new UsageError(t("logs.linesGatewayOnly"));
  if (!(SERVICE_NAMES as readonly string[]).includes(service)) {
    throw new UsageError(t("kube.logs.badService", { services: SERVICE_NAMES.join(", "), service }));
  }
  const { config, aws } = await openRuntime(flags);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  try {
    const target = await kubeTarget(aws, config);
    if (!target) throw new MsdemoError(t("kube.noCluster"), { hint: t("kube.noCluster.hint") });
    const app = workloadName(service as ServiceName);
    const pods = await podLogs(kubeConfigFor(target), {
      namespace: config.names.namespace,
      app,
      follow: Boolean(flags.follow),
      ...(sinceSeconds ? { sinceSeconds } : {}),
      signal: controller.signal,
      onLine: (line) => process.stdout.write(line.endsWith("\n") ? line : `${line}\n`),
    });
    if (pods.length === 0)
      process.stderr.write(`${t("kube.logs.noPods", { app, namespace: config.names.namespace })}\n`);
    return 0;
  } finally {
    process.off("SIGINT", stop);
    aws.destroy();
  }
}
