// Server-side apply (field manager msdemo, force), so applying what is already
// there changes nothing; each object is reported created, changed or unchanged.
import { type KubeConfig, KubernetesObjectApi, PatchStrategy } from "@kubernetes/client-node";
import type { KubeObject } from "./render.js";

export const FIELD_MANAGER = "msdemo";

export type ApplyOutcome = "created" | "changed" | "unchanged";

export interface Applied {
  kind: string;
  name: string;
  outcome: ApplyOutcome;
}

export function isNotFound(error: unknown): boolean {
  const e = error as { code?: number; statusCode?: number; body?: unknown };
  return e?.code === 404 || e?.statusCode === 404;
}

async function resourceVersion(api: KubernetesObjectApi, object: KubeObject): Promise<string | undefined> {
  try {
    const found = await api.read({
      apiVersion: object.apiVersion,
      kind: object.kind,
      metadata: { name: object.metadata.name, namespace: object.metadata.namespace ?? "" },
    });
    return found.metadata?.resourceVersion;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export async function applyObjects(
  config: KubeConfig,
  objects: KubeObject[],
  onApplied?: (a: Applied) => void,
): Promise<Applied[]> {
  const api = KubernetesObjectApi.makeApiClient(config);
  const results: Applied[] = [];
  for (const object of objects) {
    const before = await resourceVersion(api, object);
    const after = await api.patch(
      object,
      undefined,
      undefined,
      FIELD_MANAGER,
      true,
      PatchStrategy.ServerSideApply,
    );
    const outcome: ApplyOutcome =
      before === undefined ? "created" : before === after.metadata?.resourceVersion ? "unchanged" : "changed";
    const applied = { kind: object.kind, name: object.metadata.name, outcome };
    results.push(applied);
    onApplied?.(applied);
  }
  return results;
}
