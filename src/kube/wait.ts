// Waiting for what `kubectl apply` leaves running: each Deployment rolled out,
// each LoadBalancer Service given a hostname by AWS. Progress goes out as
// events; on timeout the error says why, from the pods' own state.
import { setTimeout as sleep } from "node:timers/promises";
import { AppsV1Api, CoreV1Api, type KubeConfig, type V1Deployment } from "@kubernetes/client-node";
import { waitingOutside } from "../engine/waiting.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { formatDuration } from "../ui/format.js";
import { explainPods, latestEvent } from "./diagnose.js";
import { explainKubeError } from "./errors.js";
import type { KubeProgress } from "./events.js";

export interface WaitOptions {
  namespace: string;
  /** Deployment names (for rollouts) or Service names (for load balancers). */
  names: string[];
  timeoutMs: number;
  intervalMs: number;
  signal: AbortSignal;
  onProgress?: KubeProgress;
}

/**
 * Polls `check` over the pending names until all are done or time runs out;
 * its time counts as the step's time waiting on the cluster and AWS's load balancers.
 */
function pollNames(
  options: WaitOptions,
  check: (name: string) => Promise<boolean>,
  onTimeout: (pending: string[]) => Promise<MsdemoError>,
): Promise<void> {
  return waitingOutside(() => pollNamesUntilDone(options, check, onTimeout));
}

async function pollNamesUntilDone(
  options: WaitOptions,
  check: (name: string) => Promise<boolean>,
  onTimeout: (pending: string[]) => Promise<MsdemoError>,
): Promise<void> {
  const started = Date.now();
  const pending = new Set(options.names);
  for (;;) {
    options.signal.throwIfAborted();
    for (const name of [...pending]) if (await check(name)) pending.delete(name);
    if (pending.size === 0) return;
    if (Date.now() - started + options.intervalMs > options.timeoutMs) throw await onTimeout([...pending]);
    await sleep(options.intervalMs, undefined, { signal: options.signal });
  }
}

interface RolloutState {
  done: boolean;
  ready: number;
  desired: number;
}

/** As `kubectl rollout status` judges it: the newest spec seen, every replica updated and ready. */
export function rolloutState(d: V1Deployment): RolloutState {
  const desired = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const ready = s.readyReplicas ?? 0;
  const done =
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) &&
    (s.updatedReplicas ?? 0) === desired &&
    ready === desired &&
    (s.replicas ?? 0) === desired &&
    (s.availableReplicas ?? 0) >= desired;
  return { done, ready, desired };
}

const selectorOf = (d: V1Deployment | undefined, name: string): string =>
  Object.entries(d?.spec?.selector?.matchLabels ?? { app: name })
    .map(([k, v]) => `${k}=${v}`)
    .join(",");

export interface RolloutWaitOptions extends WaitOptions {
  /**
   * Give up before the timeout once every unready pod of a Deployment has been
   * stuck this long in a state that does not heal by waiting (ImagePullBackOff,
   * CrashLoopBackOff, a missing Secret key…). Unset: wait for the timeout.
   */
  stuckAfterMs?: number;
}

const HOPELESS = new Set([
  "ImagePullBackOff",
  "ErrImagePull",
  "InvalidImageName",
  "CreateContainerConfigError",
  "CrashLoopBackOff",
]);

/** True when the Deployment's pods exist and every unready one waits for a reason that will not pass. */
async function allPodsStuck(core: CoreV1Api, namespace: string, selector: string): Promise<boolean> {
  const pods = (await core.listNamespacedPod({ namespace, labelSelector: selector })).items;
  const unready = pods.filter((p) => !p.status?.containerStatuses?.every((c) => c.ready));
  return (
    unready.length > 0 &&
    unready.every((p) =>
      p.status?.containerStatuses?.some((c) => HOPELESS.has(c.state?.waiting?.reason ?? "")),
    )
  );
}

export async function waitForRollouts(config: KubeConfig, options: RolloutWaitOptions): Promise<void> {
  const apps = config.makeApiClient(AppsV1Api);
  const core = config.makeApiClient(CoreV1Api);
  const { namespace } = options;
  const seen = new Map<string, V1Deployment>();
  const lastReady = new Map<string, number>();
  const stuckSince = new Map<string, number>();

  const failure = async (pending: string[], headline: string) => {
    const lines = await Promise.all(
      pending.map(async (name) => {
        const reasons = await explainPods(core, namespace, selectorOf(seen.get(name), name)).catch(
          (error: unknown) => [
            t("kube.wait.podsUnreadable", {
              error: explainKubeError(error, t("kube.doing.listingPods")).message,
            }),
          ],
        );
        return `${name}:\n  ${reasons.join("\n  ")}`;
      }),
    );
    return new MsdemoError(`${headline}\n${lines.join("\n")}`, {
      hint: t("kube.wait.fix.hint"),
    });
  };

  await pollNames(
    options,
    async (name) => {
      const d = await apps
        .readNamespacedDeployment({ name, namespace })
        .catch((error: unknown) =>
          Promise.reject(explainKubeError(error, t("kube.doing.readDeployment", { namespace, name }))),
        );
      seen.set(name, d);
      const state = rolloutState(d);
      if (state.done) {
        options.onProgress?.(
          t("kube.wait.podsReady", { name, ready: state.desired, desired: state.desired }),
          {
            type: "rolled-out",
            deployment: name,
            replicas: state.desired,
          },
        );
        return true;
      }
      if (lastReady.get(name) !== state.ready) {
        options.onProgress?.(t("kube.wait.podsReady", { name, ready: state.ready, desired: state.desired }), {
          type: "rollout",
          deployment: name,
          ready: state.ready,
          desired: state.desired,
        });
      }
      lastReady.set(name, state.ready);
      if (options.stuckAfterMs !== undefined) {
        if (await allPodsStuck(core, namespace, selectorOf(d, name))) {
          const since = stuckSince.get(name) ?? Date.now();
          stuckSince.set(name, since);
          if (Date.now() - since >= options.stuckAfterMs) {
            throw await failure([name], t("kube.wait.stuck", { name }));
          }
        } else {
          stuckSince.delete(name);
        }
      }
      return false;
    },
    (pending) =>
      failure(
        pending,
        t("kube.wait.rolloutTimeout", {
          duration: formatDuration(options.timeoutMs),
          names: pending.join(", "),
        }),
      ),
  );
}

/** Each Service's load-balancer hostname (or IP), once AWS has made it. */
export async function waitForLoadBalancers(
  config: KubeConfig,
  options: WaitOptions,
): Promise<Record<string, string>> {
  const core = config.makeApiClient(CoreV1Api);
  const { namespace } = options;
  const found: Record<string, string> = {};
  await pollNames(
    options,
    async (name) => {
      const service = await core
        .readNamespacedService({ name, namespace })
        .catch((error: unknown) =>
          Promise.reject(explainKubeError(error, t("kube.doing.readService", { namespace, name }))),
        );
      const ingress = service.status?.loadBalancer?.ingress?.[0];
      const host = ingress?.hostname ?? ingress?.ip;
      if (!host) return false;
      found[name] = host;
      options.onProgress?.(t("kube.wait.loadBalancer", { name, host }), {
        type: "load-balancer",
        service: name,
        hostname: host,
      });
      return true;
    },
    async (pending) => {
      const reasons = await Promise.all(
        pending.map(
          async (name) =>
            `${name}: ${(await latestEvent(core, namespace, "Service", name)) ?? t("kube.wait.noEvent")}`,
        ),
      );
      return new MsdemoError(
        t("kube.wait.loadBalancerTimeout", {
          duration: formatDuration(options.timeoutMs),
          names: pending.join(", "),
          reasons: reasons.join("\n"),
        }),
        { hint: t("kube.wait.loadBalancerTimeout.hint") },
      );
    },
  );
  return found;
}
