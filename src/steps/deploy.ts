// Step 7 of the walkthrough: what `aws eks update-kubeconfig` + `kubectl apply
// -f aws-*-service.yaml` did, with no kubectl or aws CLI: the templates rendered
// with the stack's images, database and secrets, applied server-side, then the
// rollouts and the load balancers awaited. Teardown removes the load balancers
// first and waits until AWS no longer lists them.
//
// observe renders the objects (the secrets' hash goes on every pod template, so
// a changed secret shows as a changed Deployment) and reads each live one; diff
// gives one server-side apply per object that is missing or differs in a field
// msdemo sets; outputs waits for the rollouts and the load balancers.
import { type KubernetesObject, KubernetesObjectApi } from "@kubernetes/client-node";
import { subnetCidrs } from "../aws/ec2.js";
import {
  clusterNetworkLoadBalancers,
  deleteNetworkLoadBalancer,
  listenerArnFor,
  networkLoadBalancerGone,
  targetHealth,
} from "../aws/elbv2.js";
import { readDbPassword, readSecretValue } from "../aws/secrets.js";
import { pollInterval, pollUntil } from "../aws/wait.js";
import type { Action, LiveResource } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { applyObject, plannedChange, readLive } from "../kube/apply.js";
import { kubeTarget } from "../kube/cluster-access.js";
import { clusterLoadBalancers, deleteLoadBalancer, instanceHealth, loadBalancerGone } from "../kube/elb.js";
import { isUnreachable } from "../kube/errors.js";
import { ClusterUnreachableError, type WorkloadStatus, workloadStatus } from "../kube/inspect.js";
import { type KubeTarget, kubeConfigFor } from "../kube/kubeconfig.js";
import { waitUntilNotTerminating } from "../kube/namespace.js";
import { deleteServiceAndWait, removeDeployment } from "../kube/remove.js";
import {
  type KubeObject,
  renderStack,
  type StackValues,
  secretDataHash,
  workloadName,
} from "../kube/render.js";
import { loadBalancerKindChanges, withInternalLoadBalancers } from "../kube/render-private.js";
import { waitForStack } from "../kube/stack.js";
import { SERVICE_NAMES, SERVICE_PORT, type ServiceName } from "../routes.js";
import type { AwsStep, AwsStepContext } from "./index.js";
import type { DatabaseOutputs, DeployOutputs, ImagesOutputs } from "./outputs.js";

const WAIT_MS = 15 * 60_000;
/** A classic ELB usually passes its health checks within 2–5 minutes of getting its hostname. */
const IN_SERVICE_WAIT_MS = 10 * 60_000;
/** Resource types status and the diagram match on. */
const DEPLOYMENT = "Kubernetes Deployment";
const LOAD_BALANCER = "Kubernetes LoadBalancer";
const AUTOSCALER = "Kubernetes HorizontalPodAutoscaler";
/** How many differing fields a plan names before it says "…". */
const FIELDS_SHOWN = 3;

/** One object msdemo applies, and what the cluster holds of it (undefined: absent). */
interface Observed {
  object: KubeObject;
  live: KubernetesObject | undefined;
}

interface Snapshot {
  /** Where the cluster is; undefined when there is none yet (a plan before the cluster step). */
  target: KubeTarget | undefined;
  objects: Observed[];
  /**
   * The database or images step has not run yet (a plan before them): the
   * objects were rendered with stand-in values to name them, every one is a
   * create, and each run renders the real one.
   */
  standIn: boolean;
  /** The namespace is still Terminating from a teardown: everything in it goes with it. */
  terminating: boolean;
}

/** --kubeconfig (or KUBECONFIG) wins; else the EKS cluster, with an in-process token. */
function kubeTargetOf(ctx: AwsStepContext) {
  return kubeTarget(ctx.aws, ctx.config, ctx.find("cluster"));
}

/** The values the templates are rendered with: the images, the database and its secrets (read from AWS). */
async function stackValues(
  ctx: AwsStepContext,
  database: DatabaseOutputs,
  images: ImagesOutputs,
): Promise<StackValues> {
  const [dbPassword, jwtSecret] = await Promise.all([
    readDbPassword(ctx.aws.secrets, database.passwordSecretArn),
    readSecretValue(ctx.aws.secrets, database.jwtSecretArn),
  ]);
  return {
    namespace: ctx.config.names.namespace,
    images: images.images as Record<ServiceName, string>,
    db: {
      host: database.endpoint,
      port: database.port,
      name: database.dbName,
      user: database.masterUsername,
    },
    secrets: { dbPassword, jwtSecret },
  };
}

/** Values that only name the objects, for a plan made before the images and database steps ran. */
function standInValues(ctx: AwsStepContext): StackValues {
  const pinned = `stand-in@sha256:${"0".repeat(64)}`;
  return {
    namespace: ctx.config.names.namespace,
    images: Object.fromEntries(SERVICE_NAMES.map((s) => [s, pinned])) as Record<ServiceName, string>,
    db: { host: "stand-in", port: 5432, name: "stand-in", user: "stand-in" },
    secrets: { dbPassword: "", jwtSecret: "" },
  };
}

/** The objects to apply: with --private, each Service asks for an internal NLB reached from `sources` only. */
function render(ctx: AwsStepContext, values: StackValues, sources: string[]): KubeObject[] {
  const objects = renderStack(values, SERVICE_NAMES);
  return ctx.config.private ? withInternalLoadBalancers(objects, sources) : objects;
}

/** --private: the CIDRs of the cluster's subnets, where the gateway's VPC link sits (none known: empty). */
async function gatewaySources(ctx: AwsStepContext): Promise<string[]> {
  const cluster = ctx.find("cluster");
  if (!ctx.config.private || !cluster) return [];
  return subnetCidrs(ctx.aws.ec2, cluster.subnetIds);
}

const sameObject = (a: KubeObject) => (b: KubeObject) =>
  a.kind === b.kind && a.metadata.name === b.metadata.name && a.metadata.namespace === b.metadata.namespace;

const label = (o: KubeObject) =>
  o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;

/** The cluster to write to: what observe found, else (a plan before the cluster step) the one made since. */
async function targetFor(ctx: AwsStepContext, snapshot: Snapshot): Promise<KubeTarget> {
  const target = snapshot.target ?? (await kubeTarget(ctx.aws, ctx.config, ctx.require("cluster")));
  if (!target) throw new MsdemoError(t("deploy.noCluster"), { hint: t("deploy.noCluster.hint") });
  return target;
}

/** The object as it is to be applied: rendered with the real values now when observe had only stand-ins. */
async function realObject(ctx: AwsStepContext, snapshot: Snapshot, object: KubeObject): Promise<KubeObject> {
  if (!snapshot.standIn) return object;
  const values = await stackValues(ctx, ctx.require("database"), ctx.require("images"));
  const real = render(ctx, values, await gatewaySources(ctx)).find(sameObject(object));
  // The same templates name the same objects whatever the values.
  return real!;
}

function objectAction(observed: Observed, snapshot: Snapshot): Action<AwsStepContext, Snapshot> {
  const { object } = observed;
  if (!snapshot.standIn && loadBalancerKindChanges(object, observed.live))
    return replaceService(observed, snapshot);
  const among = snapshot.objects.map((o) => o.object);
  const planned = snapshot.standIn
    ? { action: "create" as const, differences: [] }
    : plannedChange(object, observed.live, among);
  const base = { resource: `Kubernetes ${object.kind}`, name: label(object) };
  if (planned.action === "none") return { change: { ...base, action: "none" } };
  const isNamespace = object.kind === "Namespace";
  const shown = planned.differences.slice(0, FIELDS_SHOWN).join(", ");
  const detail = snapshot.standIn
    ? t("deploy.plan.standIn")
    : isNamespace && snapshot.terminating
      ? t("deploy.plan.terminating")
      : planned.action === "update"
        ? t("deploy.plan.differs", {
            fields: planned.differences.length > FIELDS_SHOWN ? `${shown}, …` : shown,
          })
        : undefined;
  return {
    change: { ...base, action: planned.action, ...(detail ? { detail } : {}) },
    async run(ctx) {
      const config = kubeConfigFor(await targetFor(ctx, snapshot));
      if (isNamespace) {
        // Right after a teardown the namespace may still be Terminating: Kubernetes
        // refuses new objects in it, so wait until it is gone and create it afresh.
        await waitUntilNotTerminating(config, object.metadata.name, {
          signal: ctx.signal,
          intervalMs: pollInterval(5_000),
          timeoutMs: 5 * 60_000,
          onProgress: (message) => ctx.progress(message),
        });
        await ctx.record({ namespace: object.metadata.name });
      }
      const wanted = await realObject(ctx, snapshot, object);
      const api = KubernetesObjectApi.makeApiClient(config);
      const applied = await applyObject(api, wanted, observed.live, among);
      ctx.progress(t(`kube.applied.${applied.outcome}`, { kind: applied.kind, name: applied.name }));
    },
  };
}

/**
 * --private switched on or off: the Service is deleted (Kubernetes keeps it
 * until its old load balancer is gone) and made again, so the AWS provider
 * makes the other kind of load balancer. One planned change.
 */
function replaceService(observed: Observed, snapshot: Snapshot): Action<AwsStepContext, Snapshot> {
  const { object } = observed;
  return {
    change: {
      action: "update",
      resource: `Kubernetes ${object.kind}`,
      name: label(object),
      detail: t("deploy.plan.replaceService"),
    },
    async run(ctx) {
      const config = kubeConfigFor(await targetFor(ctx, snapshot));
      await deleteServiceAndWait(config, object.metadata.namespace ?? "", object.metadata.name, {
        signal: ctx.signal,
        intervalMs: pollInterval(5_000),
        timeoutMs: WAIT_MS,
        onProgress: (message) => ctx.progress(message),
      });
      const api = KubernetesObjectApi.makeApiClient(config);
      const applied = await applyObject(
        api,
        object,
        undefined,
        snapshot.objects.map((o) => o.object),
      );
      ctx.progress(t(`kube.applied.${applied.outcome}`, { kind: applied.kind, name: applied.name }));
    },
  };
}

/** Reads every object; a Terminating namespace counts as absent with all it holds. */
async function readObjects(
  target: KubeTarget,
  objects: KubeObject[],
): Promise<{ observed: Observed[]; terminating: boolean }> {
  const api = KubernetesObjectApi.makeApiClient(kubeConfigFor(target));
  const observed: Observed[] = [];
  for (const object of objects) observed.push({ object, live: await readLive(api, object) });
  const namespace = observed.find((o) => o.object.kind === "Namespace")?.live;
  const terminating = Boolean(namespace?.metadata?.deletionTimestamp);
  return {
    observed: terminating ? objects.map((object) => ({ object, live: undefined })) : observed,
    terminating,
  };
}

export const deployStep: AwsStep<Snapshot> = {
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

  async observe(ctx) {
    const database = ctx.find("database");
    const images = ctx.find("images");
    const standIn = !database || !images;
    const values = standIn ? standInValues(ctx) : await stackValues(ctx, database, images);
    const objects = render(ctx, values, await gatewaySources(ctx));
    const target = await kubeTargetOf(ctx);
    if (!target || standIn) {
      return {
        target,
        objects: objects.map((object) => ({ object, live: undefined })),
        standIn,
        terminating: false,
      };
    }
    const { observed, terminating } = await readObjects(target, objects);
    return { target, objects: observed, standIn, terminating };
  },

  diff(snapshot) {
    return snapshot.objects.map((observed) => objectAction(observed, snapshot));
  },

  async outputs(snapshot, ctx) {
    const target = await targetFor(ctx, snapshot);
    const namespace = ctx.config.names.namespace;
    ctx.progress(t("deploy.waiting"));
    const loadBalancers = await waitForStack(kubeConfigFor(target), {
      namespace,
      signal: ctx.signal,
      onProgress: (message) => ctx.progress(message),
      rolloutTimeoutMs: WAIT_MS,
      loadBalancerTimeoutMs: WAIT_MS,
      intervalMs: pollInterval(5_000),
    });
    await waitInService(ctx, loadBalancers);
    const outputs: DeployOutputs = { namespace, loadBalancers };
    if (ctx.config.private) outputs.listeners = await waitForListeners(ctx, loadBalancers);
    return outputs;
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
          loadBalancerGone: (host) => anyLoadBalancerGone(ctx, host),
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
    if (!ctx.config.private) return;
    for (const arn of await clusterNetworkLoadBalancers(ctx.aws.elbv2, ctx.config.names.cluster)) {
      ctx.progress(t("deploy.deletingLoadBalancer", { name: arn }));
      await deleteNetworkLoadBalancer(ctx.aws.elbv2, arn);
    }
  },

  async inspect(ctx) {
    const recorded = (ctx.previous as Partial<DeployOutputs> | undefined)?.loadBalancers ?? {};
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
 * A Service has its hostname long before its classic ELB (with --private, its
 * NLB) passes health checks: until then API Gateway answers 5xx. Waits until
 * each load balancer has an instance InService (a healthy target), saying how many; a load balancer still unhealthy after
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
        // --private: an internal NLB's targets; else a classic ELB's instances.
        const health = await Promise.all(
          services.map((s) =>
            ctx.config.private
              ? targetHealth(ctx.aws.elbv2, hosts[s]!)
              : instanceHealth(ctx.aws.elb, hosts[s]!),
          ),
        );
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

/** Whether AWS no longer lists the load balancer behind `host`: a classic ELB, and with --private an NLB too. */
async function anyLoadBalancerGone(ctx: AwsStepContext, host: string): Promise<boolean> {
  if (!(await loadBalancerGone(ctx.aws.elb, host))) return false;
  return !ctx.config.private || networkLoadBalancerGone(ctx.aws.elbv2, host);
}

/**
 * --private: the ARN of each internal NLB's listener (the gateway's VPC link
 * integrations point at it). A Service has its hostname shortly before AWS
 * lists the NLB's listener: waits for every one, saying how many it has.
 */
async function waitForListeners(
  ctx: AwsStepContext,
  hosts: Record<string, string>,
): Promise<Record<string, string>> {
  const listeners: Record<string, string> = {};
  const services = SERVICE_NAMES.filter((s) => hosts[s]);
  await pollUntil({
    what: t("deploy.waitListeners"),
    intervalMs: pollInterval(10_000),
    timeoutMs: IN_SERVICE_WAIT_MS,
    signal: ctx.signal,
    timeoutHint: t("deploy.waitListeners.hint"),
    onState: (state, ms) => ctx.progress(t("deploy.listeners", { state, seconds: Math.round(ms / 1000) })),
    check: async () => {
      for (const s of services.filter((s) => !listeners[s])) {
        const arn = await listenerArnFor(ctx.aws.elbv2, hosts[s]!, SERVICE_PORT);
        if (arn) listeners[s] = arn;
      }
      const found = Object.keys(listeners).length;
      return { state: `${found}/${services.length}`, done: found === services.length };
    },
  });
  return listeners;
}

/**
 * The Deployments whose pods were started with other secret values than AWS
 * holds now (an RDS rotation, a secret changed by hand). Unknown when the
 * secrets cannot be read: nothing is reported then.
 */
async function staleSecret(ctx: AwsStepContext, live: WorkloadStatus[]): Promise<string[]> {
  const database = ctx.find("database");
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
      const gone = host === undefined || (await anyLoadBalancerGone(ctx, host));
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
