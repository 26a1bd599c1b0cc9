// The kubeconfig `msdemo kubeconfig` writes, as `aws eks update-kubeconfig`
// does: a cluster, a user authenticating with `aws eks get-token` (the AWS CLI
// is there in CloudShell; kubectl runs it per request, so the token never goes
// stale) and a context, all named by the cluster's ARN, merged into an existing
// file: same-named entries replaced, others kept, current-context set.
import { randomBytes } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { isMap, parseDocument, stringify } from "yaml";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { ensureDir } from "../state/ensure-dir.js";

interface Named {
  name: string;
  [key: string]: unknown;
}

export interface KubeconfigDocument {
  apiVersion: string;
  kind: string;
  clusters: Named[];
  users: Named[];
  contexts: Named[];
  "current-context": string;
  [key: string]: unknown;
}

export interface EksContextSpec {
  clusterName: string;
  /** The cluster's ARN (EKS DescribeCluster); names the entries as the AWS CLI does. Defaults to clusterName. */
  clusterArn?: string;
  endpoint: string;
  /** base64 PEM, as EKS returns it. */
  caData: string;
  region: string;
  /** An AWS profile for `aws eks get-token` (set as AWS_PROFILE), if not the default. */
  profile?: string;
  /** Default namespace of the context (msdemo's, so `kubectl get pods` shows the services). */
  namespace?: string;
}

/** A kubeconfig holding one EKS context with exec auth. */
export function eksKubeconfig(spec: EksContextSpec): KubeconfigDocument {
  const name = spec.clusterArn ?? spec.clusterName;
  const exec = {
    apiVersion: "client.authentication.k8s.io/v1beta1",
    command: "aws",
    args: [
      "--region",
      spec.region,
      "eks",
      "get-token",
      "--cluster-name",
      spec.clusterName,
      "--output",
      "json",
    ],
    ...(spec.profile ? { env: [{ name: "AWS_PROFILE", value: spec.profile }] } : {}),
    interactiveMode: "Never",
  };
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server: spec.endpoint, "certificate-authority-data": spec.caData } }],
    users: [{ name, user: { exec } }],
    contexts: [
      {
        name,
        context: { cluster: name, user: name, ...(spec.namespace ? { namespace: spec.namespace } : {}) },
      },
    ],
    "current-context": name,
  };
}

function namedList(value: unknown, field: string, source: string): Named[] {
  if (value === undefined || value === null) return [];
  const ok =
    Array.isArray(value) && value.every((v) => v && typeof v === "object" && typeof v.name === "string");
  if (!ok) throw new MsdemoError(t("kube.kubeconfig.notList", { source, field }));
  return value as Named[];
}

function mergeByName(existing: Named[], added: Named[]): Named[] {
  const result = [...existing];
  for (const item of added) {
    const at = result.findIndex((e) => e.name === item.name);
    if (at >= 0) result[at] = item;
    else result.push(item);
  }
  return result;
}

/** Merges `addition` into a kubeconfig file's text ("" for a new file); returns the new text. */
export function mergeKubeconfig(
  existingText: string,
  addition: KubeconfigDocument,
  source = t("kube.kubeconfig.theFile"),
): string {
  const doc = parseDocument(existingText);
  if (doc.errors.length > 0) {
    throw new MsdemoError(t("kube.kubeconfig.notYaml", { source, error: doc.errors[0]!.message }), {
      hint: t("kube.kubeconfig.notYaml.hint"),
    });
  }
  if (doc.contents !== null && !isMap(doc.contents))
    throw new MsdemoError(t("kube.kubeconfig.notKubeconfig", { source }));
  const existing = (doc.toJS() ?? {}) as Record<string, unknown>;
  const merged = {
    ...existing,
    apiVersion: existing.apiVersion ?? "v1",
    kind: existing.kind ?? "Config",
    clusters: mergeByName(namedList(existing.clusters, "clusters", source), addition.clusters),
    users: mergeByName(namedList(existing.users, "users", source), addition.users),
    contexts: mergeByName(namedList(existing.contexts, "contexts", source), addition.contexts),
    "current-context": addition["current-context"],
  };
  return stringify(merged);
}

/** Where kubectl looks: the first KUBECONFIG entry, else ~/.kube/config. */
export function defaultKubeconfigPath(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const first = env.KUBECONFIG?.split(delimiter).find(Boolean);
  return first ?? join(home, ".kube", "config");
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Merges the EKS context into the file (created if missing, mode 0600 since it
 * names credentials' sources), atomically: a temp file renamed over it.
 */
export async function updateKubeconfigFile(
  path: string,
  addition: KubeconfigDocument,
): Promise<{ path: string; context: string; created: boolean }> {
  const before = await readIfPresent(path);
  const text = mergeKubeconfig(before ?? "", addition, path);
  ensureDir(dirname(path));
  const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  await rename(temp, path);
  return { path, context: addition["current-context"], created: before === undefined };
}
