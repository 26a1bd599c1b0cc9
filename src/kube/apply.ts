// Server-side apply (field manager msdemo, force), so applying what is already
// there changes nothing. Each object is reported created, changed or unchanged
// by what msdemo owns: the API server bumps resourceVersion on any write, and
// controllers write too (an HPA's status, a Deployment's status), so an object
// counts as changed only when its resourceVersion moved AND a field msdemo sets
// differed before the apply.
import {
  type KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from "@kubernetes/client-node";
import { assertMayWrite } from "../engine/read-only.js";
import { t } from "../i18n/index.js";
import { explainKubeError, unlessNotFound } from "./errors.js";
import type { KubeObject } from "./render.js";

export const FIELD_MANAGER = "msdemo";

export type ApplyOutcome = "created" | "changed" | "unchanged";

export interface Applied {
  kind: string;
  name: string;
  namespace?: string;
  outcome: ApplyOutcome;
  resourceVersion?: string;
}

const describe = (o: KubeObject) =>
  `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata.name}`;

function header(object: KubeObject) {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: {
      name: object.metadata.name,
      ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    },
  };
}

const where = (namespace: string | undefined, name: string) => `${namespace ?? ""}/${name}`;

/** The Deployments an HPA among `objects` scales, as "namespace/name". */
function autoscaledDeployments(objects: readonly KubeObject[]): Set<string> {
  const scaled = new Set<string>();
  for (const o of objects) {
    const target = (o.spec as { scaleTargetRef?: { kind?: string; name?: string } } | undefined)
      ?.scaleTargetRef;
    if (o.kind === "HorizontalPodAutoscaler" && target?.kind === "Deployment" && target.name)
      scaled.add(where(o.metadata.namespace, target.name));
  }
  return scaled;
}

/**
 * What to apply: the object, except that an autoscaled Deployment that exists
 * keeps its live replica count. The template's count is only the start; after
 * that it is the HPA's to set, and applying the template's would undo a
 * scale-up on every `msdemo up`.
 */
function toApply(
  object: KubeObject,
  live: KubernetesObject | undefined,
  autoscaled: Set<string>,
): KubeObject {
  // The client fills in defaults on what it is given: hand it a copy.
  const copy = structuredClone(object);
  const liveReplicas = (live as { spec?: { replicas?: unknown } } | undefined)?.spec?.replicas;
  if (
    object.kind === "Deployment" &&
    typeof liveReplicas === "number" &&
    autoscaled.has(where(object.metadata.namespace, object.metadata.name))
  ) {
    copy.spec = { ...(copy.spec as object), replicas: liveReplicas };
  }
  return copy;
}

/**
 * The object as it is now, or undefined when it does not exist. Reads only;
 * `doing` words a failure (reading for a plan, applying for the read an apply starts with).
 */
export async function readLive(
  api: KubernetesObjectApi,
  object: KubeObject,
  doing: "reading" | "applying" = "reading",
): Promise<KubernetesObject | undefined> {
  try {
    return await unlessNotFound(() => api.read(header(object)));
  } catch (error) {
    throw explainKubeError(error, t(`kube.doing.${doing}`, { object: describe(object) }));
  }
}

/**
 * Applies one object server-side. `live` is what a read just found (undefined:
 * absent); `among` is everything applied with it, to tell an autoscaled Deployment.
 */
export async function applyObject(
  api: KubernetesObjectApi,
  object: KubeObject,
  live: KubernetesObject | undefined,
  among: readonly KubeObject[],
): Promise<Applied> {
  const autoscaled = autoscaledDeployments(among);
  assertMayWrite(`apply ${describe(object)}`);
  let after: KubernetesObject;
  try {
    after = await api.patch(
      toApply(object, live, autoscaled),
      undefined,
      undefined,
      FIELD_MANAGER,
      true,
      PatchStrategy.ServerSideApply,
    );
  } catch (error) {
    throw explainKubeError(error, t("kube.doing.applying", { object: describe(object) }));
  }
  const version = after.metadata?.resourceVersion;
  const outcome: ApplyOutcome =
    live === undefined
      ? "created"
      : live.metadata?.resourceVersion !== version &&
          ownDifferences(toApply(object, live, autoscaled), live).length > 0
        ? "changed"
        : "unchanged";
  return {
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    outcome,
    ...(version ? { resourceVersion: version } : {}),
  };
}

/** Applies the objects in order (the Namespace before what it holds). */
export async function applyObjects(
  config: KubeConfig,
  objects: KubeObject[],
  onApplied?: (applied: Applied) => void,
  signal?: AbortSignal,
): Promise<Applied[]> {
  const api = KubernetesObjectApi.makeApiClient(config);
  const results: Applied[] = [];
  for (const object of objects) {
    signal?.throwIfAborted();
    const applied = await applyObject(api, object, await readLive(api, object, "applying"), objects);
    results.push(applied);
    onApplied?.(applied);
  }
  return results;
}

export type PlannedAction = "create" | "update" | "none";

export interface Planned {
  kind: string;
  name: string;
  action: PlannedAction;
  /** Paths of the fields that differ (never their values: a Secret's data must not show). */
  differences: string[];
}

/** Where `live` differs from what msdemo sets in `wanted` (fields msdemo does not set are not compared). */
function differences(wanted: unknown, live: unknown, path: string, out: string[]): void {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(live) || live.length !== wanted.length) out.push(path);
    else for (const [i, item] of wanted.entries()) differences(item, live[i], `${path}[${i}]`, out);
    return;
  }
  if (wanted !== null && typeof wanted === "object") {
    if (live === null || typeof live !== "object") {
      out.push(path);
      return;
    }
    for (const [key, value] of Object.entries(wanted)) {
      differences(value, (live as Record<string, unknown>)[key], path ? `${path}.${key}` : key, out);
    }
    return;
  }
  if (String(wanted) !== String(live)) out.push(path);
}

/** Paths of the fields msdemo sets in `wanted` (labels and annotations included) whose live values differ. */
function ownDifferences(wanted: KubeObject, live: KubernetesObject): string[] {
  const found: string[] = [];
  const { apiVersion: _a, kind: _k, metadata, ...rest } = wanted;
  differences(
    { labels: metadata.labels ?? {}, annotations: metadata.annotations ?? {} },
    { labels: live.metadata?.labels ?? {}, annotations: live.metadata?.annotations ?? {} },
    "metadata",
    found,
  );
  // The client's models turn JSON into objects with the same field names.
  differences(rest, JSON.parse(JSON.stringify(live)), "", found);
  return found;
}

/** What applying `object` would do to `live` (undefined: absent). No I/O. */
export function plannedChange(
  object: KubeObject,
  live: KubernetesObject | undefined,
  among: readonly KubeObject[],
): Planned {
  const found = live ? ownDifferences(toApply(object, live, autoscaledDeployments(among)), live) : [];
  return {
    kind: object.kind,
    name: object.metadata.name,
    action: live === undefined ? "create" : found.length > 0 ? "update" : "none",
    differences: found,
  };
}

/** What applying would do, without changing anything: for `msdemo plan`. */
export async function planObjects(config: KubeConfig, objects: KubeObject[]): Promise<Planned[]> {
  const api = KubernetesObjectApi.makeApiClient(config);
  const plans: Planned[] = [];
  for (const object of objects) plans.push(plannedChange(object, await readLive(api, object), objects));
  return plans;
}
