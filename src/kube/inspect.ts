// What the cluster says about the stack's workloads, for `msdemo status` and
// `msdemo diagram --live`: each Deployment's readiness and each LoadBalancer
// Service's address. Read-only; a cluster that does not answer in time is
// reported as unreachable rather than holding the status command up.
import {
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  type KubeConfig,
  type V1Deployment,
  type V2HorizontalPodAutoscaler,
} from "@kubernetes/client-node";
import { unlessNotFound } from "./errors.js";
import { SECRET_HASH_ANNOTATION } from "./render.js";
import { rolloutState } from "./wait.js";

export interface WorkloadStatus {
  name: string;
  /** Undefined when the Deployment does not exist. */
  deployment?: { ready: number; desired: number; done: boolean; secretHash?: string };
  /** Undefined when the Service does not exist; `host` once AWS gave it an address. */
  service?: { host?: string };
  /** The HorizontalPodAutoscaler: CPU use it reads (undefined while it cannot: no metrics-server yet). */
  autoscaler?: { cpu?: number; targetCpu?: number; replicas: number; min: number; max: number };
}

const ANSWER_WITHIN_MS = 10_000;

export class ClusterUnreachableError extends Error {
  constructor(cause?: unknown) {
    super("the cluster's API did not answer", { cause });
    this.name = "ClusterUnreachableError";
  }
}

/** The Secret hash the Deployment's pods were started with (see render.ts). */
function secretHashOf(deployment: V1Deployment): { secretHash?: string } {
  const hash = deployment.spec?.template?.metadata?.annotations?.[SECRET_HASH_ANNOTATION];
  return hash ? { secretHash: hash } : {};
}

/** What `kubectl get hpa` shows: the CPU use it reads against its target, and the replicas. */
function autoscalerOf(hpa: V2HorizontalPodAutoscaler): NonNullable<WorkloadStatus["autoscaler"]> {
  const cpu = (metrics: { type?: string; resource?: { name?: string } }[] | undefined) =>
    metrics?.find((m) => m.type === "Resource" && m.resource?.name === "cpu");
  const current = (
    cpu(hpa.status?.currentMetrics) as { resource?: { current?: { averageUtilization?: number } } }
  )?.resource?.current?.averageUtilization;
  const target = (cpu(hpa.spec?.metrics) as { resource?: { target?: { averageUtilization?: number } } })
    ?.resource?.target?.averageUtilization;
  return {
    ...(current !== undefined ? { cpu: current } : {}),
    ...(target !== undefined ? { targetCpu: target } : {}),
    replicas: hpa.status?.currentReplicas ?? 0,
    min: hpa.spec?.minReplicas ?? 1,
    max: hpa.spec?.maxReplicas ?? 0,
  };
}

async function readOne(
  apps: AppsV1Api,
  core: CoreV1Api,
  autoscaling: AutoscalingV2Api,
  namespace: string,
  name: string,
): Promise<WorkloadStatus> {
  const [deployment, service, hpa] = await Promise.all([
    unlessNotFound(() => apps.readNamespacedDeployment({ name, namespace })),
    unlessNotFound(() => core.readNamespacedService({ name, namespace })),
    unlessNotFound(() => autoscaling.readNamespacedHorizontalPodAutoscaler({ name, namespace })),
  ]);
  const ingress = service?.status?.loadBalancer?.ingress?.[0];
  const host = ingress?.hostname ?? ingress?.ip;
  return {
    name,
    ...(deployment ? { deployment: { ...rolloutState(deployment), ...secretHashOf(deployment) } } : {}),
    ...(service ? { service: host ? { host } : {} } : {}),
    ...(hpa ? { autoscaler: autoscalerOf(hpa) } : {}),
  };
}

export async function workloadStatus(
  config: KubeConfig,
  namespace: string,
  names: readonly string[],
  answerWithinMs = ANSWER_WITHIN_MS,
): Promise<WorkloadStatus[]> {
  const apps = config.makeApiClient(AppsV1Api);
  const core = config.makeApiClient(CoreV1Api);
  const autoscaling = config.makeApiClient(AutoscalingV2Api);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ClusterUnreachableError()), answerWithinMs);
  });
  try {
    return await Promise.race([
      Promise.all(names.map((name) => readOne(apps, core, autoscaling, namespace, name))),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
