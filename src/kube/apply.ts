// Server-side apply (field manager msdemo, force), so applying what is already
// there changes nothing. Each object is reported created, changed or unchanged
// by its resourceVersion before and after: the API server bumps it only when
// the stored object actually changed.
import {
  type KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from "@kubernetes/client-node";
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
    let after: KubernetesObject;
    let before: KubernetesObject | undefined;
    try {
      before = await unlessNotFound(() => api.read(header(object)));
      // The client fills in defaults on what it is given: hand it a copy.
      after = await api.patch(
        structuredClone(object),
        undefined,
        undefined,
        FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      );
    } catch (error) {
      throw explainKubeError(error, t("kubeOps.doing.applying", { object: describe(object) }));
    }
    const version = after.metadata?.resourceVersion;
    const outcome: ApplyOutcome =
      before === undefined
        ? "created"
        : before.metadata?.resourceVersion === version
          ? "unchanged"
          : "changed";
    const applied: Applied = {
      kind: object.kind,
      name: object.metadata.name,
      ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
      outcome,
      ...(version ? { resourceVersion: version } : {}),
    };
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

/** What applying would do, without changing anything: for `msdemo plan`. */
export async function planObjects(config: KubeConfig, objects: KubeObject[]): Promise<Planned[]> {
  const api = KubernetesObjectApi.makeApiClient(config);
  const plans: Planned[] = [];
  for (const object of objects) {
    let live: KubernetesObject | undefined;
    try {
      live = await unlessNotFound(() => api.read(header(object)));
    } catch (error) {
      throw explainKubeError(error, t("kubeOps.doing.reading", { object: describe(object) }));
    }
    const found: string[] = [];
    if (live) {
      const { apiVersion: _a, kind: _k, metadata, ...rest } = object;
      differences(
        { labels: metadata.labels ?? {} },
        { labels: live.metadata?.labels ?? {} },
        "metadata",
        found,
      );
      // The client's models turn JSON into objects with the same field names.
      differences(rest, JSON.parse(JSON.stringify(live)), "", found);
    }
    plans.push({
      kind: object.kind,
      name: object.metadata.name,
      action: live === undefined ? "create" : found.length > 0 ? "update" : "none",
      differences: found,
    });
  }
  return plans;
}
