// Why a Deployment's pods are not ready, or a Service has no load balancer, in
// a student's words: from the pods' container states, their last log lines and
// the Events API, as `kubectl describe` would show.
import type { CoreV1Api, CoreV1Event, V1Pod } from "@kubernetes/client-node";
import { t } from "../i18n/index.js";

const LOG_LINES = 10;

function eventTime(e: CoreV1Event): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  return t ? new Date(t).getTime() : 0;
}

/** The newest event about an object (Warnings first), or undefined. */
export async function latestEvent(
  core: CoreV1Api,
  namespace: string,
  kind: string,
  name: string,
): Promise<string | undefined> {
  const events = await core
    .listNamespacedEvent({
      namespace,
      fieldSelector: `involvedObject.kind=${kind},involvedObject.name=${name}`,
    })
    .then((list) => list.items)
    .catch(() => [] as CoreV1Event[]);
  const warnings = events.filter((e) => e.type === "Warning");
  const newest = (warnings.length > 0 ? warnings : events).sort((a, b) => eventTime(b) - eventTime(a))[0];
  if (!newest?.message) return undefined;
  return newest.reason ? `${newest.reason}: ${newest.message.trim()}` : newest.message.trim();
}

async function lastLogLines(
  core: CoreV1Api,
  namespace: string,
  pod: string,
  container: string,
): Promise<string> {
  const read = (previous: boolean) =>
    core.readNamespacedPodLog({ name: pod, namespace, container, tailLines: LOG_LINES, previous });
  // The crashed container's log is the previous one; a fresh restart may not have one yet.
  const text = await read(true).catch(() => read(false).catch(() => ""));
  return String(text).trimEnd();
}

/** One pod's reason for not being ready. */
export async function podReason(core: CoreV1Api, namespace: string, pod: V1Pod): Promise<string> {
  const name = pod.metadata?.name ?? "?";
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const stuck = statuses.find((c) => c.state?.waiting?.reason);
  const waiting = stuck?.state?.waiting;
  if (waiting?.reason === "ImagePullBackOff" || waiting?.reason === "ErrImagePull") {
    return t("kube.diagnose.imagePull", {
      pod: name,
      reason: waiting.reason,
      detail: waiting.message ? ` (${waiting.message.trim()})` : "",
    });
  }
  if (waiting?.reason === "CrashLoopBackOff") {
    const exit = stuck?.lastState?.terminated?.exitCode;
    const log = await lastLogLines(core, namespace, name, stuck?.name ?? "");
    const lines = log || t("kube.diagnose.noLog");
    return exit !== undefined
      ? t("kube.diagnose.crashLoopExit", { pod: name, code: exit, log: lines })
      : t("kube.diagnose.crashLoop", { pod: name, log: lines });
  }
  if (waiting?.reason) {
    return `${name}: ${waiting.reason}${waiting.message ? ` — ${waiting.message.trim()}` : ""}`;
  }
  const event = await latestEvent(core, namespace, "Pod", name);
  if (pod.status?.phase === "Pending") return `${name}: Pending${event ? ` — ${event}` : ""}`;
  const phase = pod.status?.phase ?? "Unknown";
  return event
    ? t("kube.diagnose.notReadyEvent", { pod: name, phase, event })
    : t("kube.diagnose.notReadyProbe", { pod: name, phase });
}

/** Why the pods matching the selector are not ready; one line (or block) per distinct reason. */
export async function explainPods(
  core: CoreV1Api,
  namespace: string,
  labelSelector: string,
): Promise<string[]> {
  const pods = (await core.listNamespacedPod({ namespace, labelSelector })).items;
  if (pods.length === 0) return [t("kube.diagnose.noPods")];
  const unready = pods.filter((p) => !p.status?.containerStatuses?.every((c) => c.ready));
  const reasons = await Promise.all(unready.map((pod) => podReason(core, namespace, pod)));
  return reasons.length > 0 ? reasons : [t("kube.diagnose.catchingUp")];
}
