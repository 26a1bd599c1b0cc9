// What the cluster says about the stack's workloads, for `msdemo status` and
// `msdemo diagram --live`: each Deployment's readiness and each LoadBalancer
// Service's address. Read-only; a cluster that does not answer in time is
// reported as unreachable rather than holding the status command up.
import { AppsV1Api, CoreV1Api, type KubeConfig, type V1Deployment } from "@kubernetes/client-node";
import { unlessNotFound } from "./errors.js";
import { SECRET_HASH_ANNOTATION } from "./render.js";
import { rolloutState } from "./wait.js";

export interface WorkloadStatus {
  name: string;
  /** Undefined when the Deployment does not exist. */
  deployment?: { ready: number; desired: number; done: boolean; secretHash?: string };
  /** Undefined when the Service does not exist; `host` once AWS gave it an address. */
  service?: { host?: string };
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

async function readOne(
  apps: AppsV1Api,
  core: CoreV1Api,
  namespace: string,
  name: string,
): Promise<WorkloadStatus> {
  const [deployment, service] = await Promise.all([
    unlessNotFound(() => apps.readNamespacedDeployment({ name, namespace })),
    unlessNotFound(() => core.readNamespacedService({ name, namespace })),
  ]);
  const ingress = service?.status?.loadBalancer?.ingress?.[0];
  const host = ingress?.hostname ?? ingress?.ip;
  return {
    name,
    ...(deployment ? { deployment: { ...rolloutState(deployment), ...secretHashOf(deployment) } } : {}),
    ...(service ? { service: host ? { host } : {} } : {}),
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
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ClusterUnreachableError()), answerWithinMs);
  });
  try {
    return await Promise.race([Promise.all(names.map((name) => readOne(apps, core, namespace, name))), late]);
  } finally {
    clearTimeout(timer);
  }
}
