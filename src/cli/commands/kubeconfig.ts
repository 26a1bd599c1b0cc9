// msdemo kubeconfig: a kubectl context for the stack's EKS cluster, as
// `aws eks update-kubeconfig` writes it (exec auth with `aws eks get-token`).
import { MsdemoError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { eksClusterInfo } from "../../kube/cluster-access.js";
import { defaultKubeconfigPath, eksKubeconfig, updateKubeconfigFile } from "../../kube/kubeconfig-file.js";
import { openRuntime } from "../runtime.js";
import type { GlobalFlags } from "../settings.js";
import { writeError } from "../write-error.js";

export async function run(flags: GlobalFlags & Record<string, unknown>): Promise<number> {
  const { config, aws } = await openRuntime(flags);
  try {
    const info = await eksClusterInfo(aws, config);
    if (!info) throw new MsdemoError(t("kube.noCluster"), { hint: t("kube.noCluster.hint") });
    const path = (flags.output as string | undefined) ?? defaultKubeconfigPath();
    const written = await updateKubeconfigFile(
      path,
      eksKubeconfig({
        clusterName: info.name,
        clusterArn: info.arn,
        endpoint: info.endpoint,
        caData: info.caData,
        region: config.region,
        namespace: config.names.namespace,
        ...(config.profile ? { profile: config.profile } : {}),
      }),
    ).catch((error: unknown) => Promise.reject(writeError(path, error)));
    if (config.json) process.stdout.write(`${JSON.stringify(written)}\n`);
    else
      process.stdout.write(
        `${t("kube.kubeconfig.written", { context: written.context, path: written.path, namespace: config.names.namespace })}\n`,
      );
    return 0;
  } finally {
    aws.destroy();
  }
}
