// Step 7 of the walkthrough: what `aws eks update-kubeconfig` + `kubectl apply
// -f aws-*-service.yaml` did, with no kubectl or aws CLI: the templates rendered
// with the stack's images, database and secrets, applied server-side, then the
// rollouts and the load balancers awaited. Teardown removes the load balancers
// first and waits until AWS no longer lists them.
import { readDbPassword, readSecretValue } from "../aws/secrets.js";
import { pollInterval, pollUntil } from "../aws/wait.js";
import type { Change, LiveResource, Outputs } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { kubeTarget } from "../kube/cluster-access.js";
import { clusterLoadBalancers, deleteLoadBalancer, instanceHealth, loadBalancerGone } from "../kube/elb.js";
import { isUnreachable } from "../kube/errors.js";
import { ClusterUnreachableError, type WorkloadStatus, workloadStatus } from "../kube/inspect.js";
import { kubeConfigFor } from "../kube/kubeconfig.js";
import { removeDeployment } from "../kube/remove.js";
import { secretDataHash, workloadName } from "../kube/render.js";
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
/** A classic ELB usually passes its health checks within 2–5 minutes of getting its hostname. */
const IN_SERVICE_WAIT_MS = 10 * 60_000;
const RESOURCE = "Kubernetes Deployment + LoadBalancer";
/** Resource types status and the diagram match on. */
const DEPLOYMENT = "Kubernetes Deployment";
const LOAD_BALANCER = "Kubernetes LoadBalancer";
const AUTOSCALER = "Kubernetes HorizontalPodAutoscaler";

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
    await waitInService(ctx, loadBalancers);
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
    const recorded = (ctx.previous as DeployOutputs | undefined)?.loadBalancers ?? {};
    const names = SERVICE_NAMES.map(workloadName);
    const target = await kubeTargetOf(ctx);
    if (target) {
      try {
        const live = await workloadStatus(kubeConfigFor(target), ctx.config.names.namespace, names);
        const stale = await staleSecret(ctx, live);
        return {
          resources: live.flatMap(workloadResources),
          ...(stale.length
            ? { warnings: [t("deploy.inspect.secretChanged", { names: stale.join(", ") })] }
            : {}),
        };
      } catch (error) {
        if (!(error instanceof ClusterUnreachableError) && !isUnreachable(error)) throw error;
        return {
          resources: await loadBalancersFromAws(ctx, recorded),
          warnings: [t("deploy.inspect.unreachable")],
        };
      }
    }
    // No cluster: no Deployment can run; the load balancers are asked of AWS.
    return { resources: await loadBalancersFromAws(ctx, recorded) };
  },
};

/**
 * A Service has its hostname long before its classic ELB passes health checks:
 * until then API Gateway answers 5xx. Waits until each load balancer has an
 * instance InService, saying how many; a load balancer still unhealthy after
 * the wait is a warning (traffic starts once it is), not a failed deploy.
 */
async function waitInService(ctx: AwsStepContext, hosts: Record<string, string>): Promise<void> {
  const services = SERVICE_NAMES.filter((s) => hosts[s]);
  try {
    await pollUntil({
      what: t("deploy.waitInService"),
      intervalMs: pollInterval(10_000),
      timeoutMs: IN_SERVICE_WAIT_MS,
      signal: ctx.signal,
      timeoutHint: t("deploy.waitInService.hint"),
      onState: (state, ms) => ctx.progress(t("deploy.inService", { state, seconds: Math.round(ms / 1000) })),
      check: async () => {
        const health = await Promise.all(services.map((s) => instanceHealth(ctx.aws.elb, hosts[s]!)));
        const counts = services.map((s, i) => {
          const h = health[i];
          return h ? `${s} ${h.inService}/${h.total}` : `${s} -`;
        });
        return { state: counts.join(", "), done: health.every((h) => !h || h.inService > 0) };
      },
    });
  } catch (error) {
    if (!(error instanceof MsdemoError)) throw error;
    ctx.warn(`${error.message} ${error.hint ?? ""}`.trim());
  }
}

/**
 * The Deployments whose pods were started with other secret values than AWS
 * holds now (an RDS rotation, a secret changed by hand). Unknown when the
 * secrets cannot be read: nothing is reported then.
 */
async function staleSecret(ctx: AwsStepContext, live: WorkloadStatus[]): Promise<string[]> {
  const database = ctx.outputsOf<DatabaseOutputs>("database");
  const started = live.filter((w) => w.deployment?.secretHash);
  if (!database || started.length === 0) return [];
  const now = await Promise.all([
    readDbPassword(ctx.aws.secrets, database.passwordSecretArn),
    readSecretValue(ctx.aws.secrets, database.jwtSecretArn),
  ]).then(
    ([dbPassword, jwtSecret]) => secretDataHash({ dbPassword, jwtSecret }),
    () => undefined,
  );
  if (now === undefined) return [];
  return started.filter((w) => w.deployment?.secretHash !== now).map((w) => w.name);
}

/** `cpu 12%/70%`, or `cpu <unknown>/70%` while no metrics reach it. */
function cpuReading(a: NonNullable<WorkloadStatus["autoscaler"]>): string {
  const target = a.targetCpu !== undefined ? `/${a.targetCpu}%` : "";
  return `cpu ${a.cpu !== undefined ? `${a.cpu}%` : "<unknown>"}${target}`;
}

/** A workload as status shows it: its Deployment's readiness, its load balancer's address, its autoscaler's reading. */
function workloadResources(w: WorkloadStatus): LiveResource[] {
  const { deployment, service, autoscaler } = w;
  const hpa: LiveResource[] = autoscaler
    ? [
        {
          step: "deploy",
          type: AUTOSCALER,
          name: w.name,
          id: `${autoscaler.replicas} (${autoscaler.min}–${autoscaler.max})`,
          state: cpuReading(autoscaler),
          managed: true,
        },
      ]
    : [];
  return [
    {
      step: "deploy",
      type: DEPLOYMENT,
      name: w.name,
      ...(deployment ? { id: `${deployment.ready}/${deployment.desired}` } : {}),
      state: !deployment ? "missing" : deployment.done ? "ready" : "progressing",
      managed: true,
    },
    {
      step: "deploy",
      type: LOAD_BALANCER,
      name: w.name,
      ...(service?.host ? { id: service.host } : {}),
      state: !service ? "missing" : service.host ? "active" : "pending",
      managed: true,
    },
    ...hpa,
  ];
}

/** The recorded load balancers, each as AWS's ELB API sees it (when the cluster cannot be asked). */
async function loadBalancersFromAws(
  ctx: AwsStepContext,
  recorded: Record<string, string>,
): Promise<LiveResource[]> {
  return Promise.all(
    SERVICE_NAMES.map(async (service): Promise<LiveResource> => {
      const host = recorded[service];
      const gone = host === undefined || (await loadBalancerGone(ctx.aws.elb, host));
      return {
        step: "deploy",
        type: LOAD_BALANCER,
        name: workloadName(service),
        ...(host ? { id: host } : {}),
        state: gone ? "missing" : "active",
        managed: true,
      };
    }),
  );
}
