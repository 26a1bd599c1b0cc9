// Step 7 of the walkthrough: what `aws eks update-kubeconfig` + `kubectl apply
// -f aws-*-service.yaml` did, with no kubectl or aws CLI: the templates rendered
// with the stack's images, database and secrets, applied server-side, then the
// rollouts and the load balancers awaited. Teardown removes the load balancers
// first and waits until AWS no longer lists them.
import { readDbPassword, readSecretValue } from "../aws/secrets.js";
import { pollInterval } from "../aws/wait.js";
import type { Change, LiveResource, Outputs } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { kubeTarget } from "../kube/cluster-access.js";
import { clusterLoadBalancers, deleteLoadBalancer, loadBalancerGone } from "../kube/elb.js";
import { isUnreachable } from "../kube/errors.js";
import { kubeConfigFor } from "../kube/kubeconfig.js";
import { removeDeployment } from "../kube/remove.js";
import { workloadName } from "../kube/render.js";
import { deployStack } from "../kube/stack.js";
import { SERVICE_NAMES, type ServiceName } from "../routes.js";
import type { ClusterOutputs } from "./cluster.js";
import type { DatabaseOutputs } from "./database.js";
import type { ImagesOutputs } from "./images.js";
import type { AwsStep, AwsStepContext } from "./index.js";

export interface DeployOutputs extends Outputs {
  namespace: string;
  loadBalancers: { [service: string]: string };
}

const WAIT_MS = 15 * 60_000;
const RESOURCE = "Kubernetes Deployment + LoadBalancer";

/** --kubeconfig (or KUBECONFIG) wins; else the EKS cluster, with an in-process token. */
function kubeTargetOf(ctx: AwsStepContext) {
  return kubeTarget(ctx.aws, ctx.config, ctx.outputsOf<ClusterOutputs>("cluster"));
}

function needed<T extends Outputs>(ctx: AwsStepContext, step: "database" | "images", hint: string): T {
  const outputs = ctx.outputsOf<T>(step);
  if (!outputs) throw new MsdemoError(t("deploy.needsOutputs", { step }), { hint });
  return outputs;
}

export const deployStep: AwsStep = {
  id: "deploy",
  get title() {
    return t("step.deploy.title");
  },
  get console() {
    return t("deploy.console");
  },
  get deviations() {
    return [t("deploy.deviation.secret"), t("deploy.deviation.hardening"), t("deploy.deviation.teardown")];
  },
  needs: ["nodes", "images", "database"],

  async plan(ctx): Promise<Change[]> {
    const previous = ctx.previous as DeployOutputs | undefined;
    return SERVICE_NAMES.map((service) =>
      previous?.loadBalancers?.[service]
        ? {
            action: "none",
            resource: RESOURCE,
            name: workloadName(service),
            detail: t("deploy.plan.reapplied"),
          }
        : {
            action: "create",
            resource: RESOURCE,
            name: workloadName(service),
            detail: t("deploy.plan.create"),
          },
    );
  },

  async apply(ctx): Promise<DeployOutputs> {
    const database = needed<DatabaseOutputs>(ctx, "database", t("deploy.needsDatabase.hint"));
    const images = needed<ImagesOutputs>(ctx, "images", t("deploy.needsImages.hint"));
    const target = await kubeTargetOf(ctx);
    if (!target)
      throw new MsdemoError(t("deploy.noCluster"), {
        hint: t("deploy.noCluster.hint"),
      });
    const [dbPassword, jwtSecret] = await Promise.all([
      readDbPassword(ctx.aws.secrets, database.passwordSecretArn),
      readSecretValue(ctx.aws.secrets, database.jwtSecretArn),
    ]);
    const namespace = ctx.config.names.namespace;
    await ctx.record({ namespace });
    ctx.progress(t("deploy.applying"));
    const { loadBalancers } = await deployStack(kubeConfigFor(target), {
      namespace,
      images: images.images as Record<ServiceName, string>,
      db: {
        host: database.endpoint,
        port: database.port,
        name: database.dbName,
        user: database.masterUsername,
      },
      secrets: { dbPassword, jwtSecret },
      signal: ctx.signal,
      onProgress: (message) => ctx.progress(message),
      rolloutTimeoutMs: WAIT_MS,
      loadBalancerTimeoutMs: WAIT_MS,
      intervalMs: pollInterval(5_000),
    });
    return { namespace, loadBalancers };
  },

  async destroy(ctx) {
    const target = await kubeTargetOf(ctx);
    if (target) {
      try {
        await removeDeployment(kubeConfigFor(target), {
          namespace: ctx.config.names.namespace,
          signal: ctx.signal,
          intervalMs: pollInterval(10_000),
          timeoutMs: WAIT_MS,
          loadBalancerGone: (host) => loadBalancerGone(ctx.aws.elb, host),
          onProgress: ctx.progress,
        });
        return;
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        ctx.warn(t("deploy.apiUnreachable"));
      }
    }
    // No cluster to ask (or it does not answer): Kubernetes tags the load
    // balancers it made with the cluster's name, so they are found and removed anyway.
    for (const name of await clusterLoadBalancers(ctx.aws.elb, ctx.config.names.cluster)) {
      ctx.progress(t("deploy.deletingLoadBalancer", { name }));
      await deleteLoadBalancer(ctx.aws.elb, name);
    }
  },

  async inspect(ctx) {
    const previous = ctx.previous as DeployOutputs | undefined;
    const resources: LiveResource[] = Object.entries(previous?.loadBalancers ?? {}).map(
      ([service, host]) => ({
        step: "deploy",
        type: "Kubernetes LoadBalancer",
        name: `${service}-service`,
        id: host,
        state: "deployed",
        managed: true,
      }),
    );
    return { resources };
  },
};
