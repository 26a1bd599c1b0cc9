// Waiting for what `kubectl apply` leaves running: each Deployment rolled out,
// each LoadBalancer Service given a hostname. On timeout the message says why,
// from the pods' own state.
import { setTimeout as sleep } from "node:timers/promises";
import { AppsV1Api, CoreV1Api, type KubeConfig, type V1Pod } from "@kubernetes/client-node";
import { MsdemoError } from "../errors.js";

export interface WaitOptions {
  namespace: string;
  names: string[];
  timeoutMs: number;
  intervalMs: number;
  signal: AbortSignal;
  onProgress?: (message: string) => void;
}

/** Why the pods of a Deployment are not ready, in a student's words. */
export async function diagnosePods(config: KubeConfig, namespace: string, app: string): Promise<string> {
  const core = config.makeApiClient(CoreV1Api);
  const pods = (await core.listNamespacedPod({ namespace, labelSelector: `app=${app}` })).items;
  if (pods.length === 0) return "no pod was created (check the node group and the Deployment's events)";
  const reasons: string[] = [];
  for (const pod of pods) reasons.push(await podReason(core, namespace, pod));
  return [...new Set(reasons)].join("; ");
}

async function podReason(core: CoreV1Api, namespace: string, pod: V1Pod): Promise<string> {
  const name = pod.metadata?.name ?? "?";
  const waiting = pod.status?.containerStatuses?.find((c) => c.state?.waiting)?.state?.waiting;
  if (waiting?.reason === "ImagePullBackOff" || waiting?.reason === "ErrImagePull") {
    return `${name}: ImagePullBackOff — the node cannot pull the image (${waiting.message ?? "check the repository and the node role's ECR access"})`;
  }
  if (waiting?.reason === "CrashLoopBackOff") {
    const log = await core
      .readNamespacedPodLog({ name, namespace, tailLines: 5, previous: true })
      .catch(() => "");
    return `${name}: CrashLoopBackOff — the service keeps exiting; last log lines:\n${String(log).trim()}`;
  }
  if (pod.status?.phase === "Pending") {
    const events = await core
      .listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${name}` })
      .catch(() => ({ items: [] }));
    const last = events.items.at(-1)?.message;
    return `${name}: Pending${last ? ` — ${last}` : ""}`;
  }
  if (waiting?.reason) return `${name}: ${waiting.reason}${waiting.message ? ` — ${waiting.message}` : ""}`;
  return `${name}: ${pod.status?.phase ?? "unknown"}, not ready (the readiness probe /readyz fails: is the database reachable?)`;
}

export async function waitForRollouts(config: KubeConfig, options: WaitOptions): Promise<void> {
  const apps = config.makeApiClient(AppsV1Api);
  const started = Date.now();
  const pending = new Set(options.names);
  while (pending.size > 0) {
    options.signal.throwIfAborted();
    for (const name of [...pending]) {
      const d = await apps.readNamespacedDeployment({ name, namespace: options.namespace });
      const want = d.spec?.replicas ?? 1;
      const s = d.status ?? {};
      const done =
        (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
        (s.updatedReplicas ?? 0) >= want &&
        (s.readyReplicas ?? 0) >= want &&
        (s.availableReplicas ?? 0) >= want;
      if (done) {
        pending.delete(name);
        options.onProgress?.(`${name}: ${want}/${want} pods ready`);
      }
    }
    if (pending.size === 0) return;
    if (Date.now() - started > options.timeoutMs) {
      const reasons = await Promise.all(
        [...pending].map((name) => diagnosePods(config, options.namespace, name)),
      );
      throw new MsdemoError(
        `Timed out waiting for ${[...pending].join(", ")} to roll out: ${reasons.join("; ")}`,
        {
          hint: "Fix the cause above, then run msdemo up again; `msdemo logs <service>` shows the pods' logs.",
        },
      );
    }
    await sleep(options.intervalMs, undefined, { signal: options.signal });
  }
}

/** Each Service's load balancer hostname (or IP), once AWS has made it. */
export async function waitForLoadBalancers(
  config: KubeConfig,
  options: WaitOptions,
): Promise<Record<string, string>> {
  const core = config.makeApiClient(CoreV1Api);
  const started = Date.now();
  const found: Record<string, string> = {};
  for (;;) {
    options.signal.throwIfAborted();
    for (const name of options.names.filter((n) => !found[n])) {
      const service = await core.readNamespacedService({ name, namespace: options.namespace });
      const ingress = service.status?.loadBalancer?.ingress?.[0];
      const host = ingress?.hostname ?? ingress?.ip;
      if (host) {
        found[name] = host;
        options.onProgress?.(`${name}: load balancer ${host}`);
      }
    }
    if (options.names.every((n) => found[n])) return found;
    if (Date.now() - started > options.timeoutMs) {
      const missing = options.names.filter((n) => !found[n]);
      throw new MsdemoError(`Timed out waiting for load balancers for ${missing.join(", ")}.`, {
        hint: "AWS may be slow or out of load balancers in this account; run msdemo up again later: it resumes.",
      });
    }
    await sleep(options.intervalMs, undefined, { signal: options.signal });
  }
}
