// The whole of walkthrough step 7 in one call: render the templates, apply
// them server-side, then wait for the rollouts and the load balancers at the
// same time (AWS makes the load balancers while the pods start).
import type { KubeConfig } from "@kubernetes/client-node";
import { t } from "../i18n/index.js";
import { SERVICE_NAMES, type ServiceName } from "../routes.js";
import { type Applied, applyObjects } from "./apply.js";
import type { KubeProgress } from "./events.js";
import { waitUntilNotTerminating } from "./namespace.js";
import { renderStack, type StackValues, workloadName } from "./render.js";
import { waitForLoadBalancers, waitForRollouts } from "./wait.js";

export interface DeployStackOptions extends StackValues {
  signal: AbortSignal;
  onProgress?: KubeProgress;
  services?: readonly ServiceName[];
  /** Defaults: 10 minutes for the rollouts (3 once every pod is stuck), 10 for the load balancers, polling every 5 s. */
  rolloutTimeoutMs?: number;
  stuckAfterMs?: number;
  loadBalancerTimeoutMs?: number;
  /** How long a namespace still Terminating from a teardown may take to go (default 5 minutes). */
  namespaceTimeoutMs?: number;
  intervalMs?: number;
}

export interface DeployStackResult {
  applied: Applied[];
  /** The load balancer's DNS name (or IP) per service. */
  loadBalancers: Record<ServiceName, string>;
}

export async function deployStack(
  config: KubeConfig,
  options: DeployStackOptions,
): Promise<DeployStackResult> {
  const services = options.services ?? SERVICE_NAMES;
  const objects = renderStack(options, services);
  // Right after a teardown the namespace may still be Terminating: Kubernetes
  // refuses new objects in it, so wait until it is gone and create it afresh.
  await waitUntilNotTerminating(config, options.namespace, {
    signal: options.signal,
    intervalMs: options.intervalMs ?? 5_000,
    timeoutMs: options.namespaceTimeoutMs ?? 5 * 60_000,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const applied = await applyObjects(
    config,
    objects,
    (a) =>
      options.onProgress?.(t(`kube.applied.${a.outcome}`, { kind: a.kind, name: a.name }), {
        type: "applied",
        ...a,
      }),
    options.signal,
  );
  const loadBalancers = await waitForStack(config, { ...options, services });
  return { applied, loadBalancers };
}

export type StackWaitOptions = Omit<DeployStackOptions, keyof StackValues | "namespaceTimeoutMs"> & {
  namespace: string;
};

/** Waits for the rollouts and the load balancers at the same time; the load balancer's DNS name (or IP) per service. */
export async function waitForStack(
  config: KubeConfig,
  options: StackWaitOptions,
): Promise<Record<ServiceName, string>> {
  const services = options.services ?? SERVICE_NAMES;
  const common = {
    namespace: options.namespace,
    names: services.map(workloadName),
    intervalMs: options.intervalMs ?? 5_000,
    signal: options.signal,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const [, hosts] = await Promise.all([
    waitForRollouts(config, {
      ...common,
      timeoutMs: options.rolloutTimeoutMs ?? 10 * 60_000,
      stuckAfterMs: options.stuckAfterMs ?? 3 * 60_000,
    }),
    waitForLoadBalancers(config, { ...common, timeoutMs: options.loadBalancerTimeoutMs ?? 10 * 60_000 }),
  ]);
  return Object.fromEntries(services.map((s) => [s, hosts[workloadName(s)]!])) as Record<ServiceName, string>;
}
