// Kubernetes access: a KubeConfig built in code from the cluster's endpoint, CA
// data and a fresh EKS token (renewed before it expires), or a user's own
// kubeconfig file. Also the kubeconfig document `msdemo kubeconfig` writes, with
// exec auth, merged into an existing file as `aws eks update-kubeconfig` does.
import { KubeConfig } from "@kubernetes/client-node";
import { parse, stringify } from "yaml";
import { eksToken, type TokenOptions } from "./token.js";

export interface ClusterAccess {
  clusterName: string;
  endpoint: string;
  /** base64 PEM, as EKS DescribeCluster returns it. */
  caData: string;
  region: string;
  credentials: TokenOptions["credentials"];
}

/** Where the Kubernetes API is reached: a kubeconfig file (--kubeconfig, KUBECONFIG) or the EKS cluster. */
export type KubeTarget = { kind: "file"; path: string } | ({ kind: "eks" } & ClusterAccess);

/** Gives a KubeConfig whose token is never older than the renewal age. */
export class KubeSession {
  private current?: { config: KubeConfig; expiresAt: number };

  constructor(private readonly target: KubeTarget) {}

  async config(): Promise<KubeConfig> {
    if (this.target.kind === "file") {
      if (!this.current) {
        const config = new KubeConfig();
        config.loadFromFile(this.target.path);
        this.current = { config, expiresAt: Number.POSITIVE_INFINITY };
      }
      return this.current.config;
    }
    if (!this.current || Date.now() >= this.current.expiresAt) {
      const t = this.target;
      const { token, expiresAt } = await eksToken({
        clusterName: t.clusterName,
        region: t.region,
        credentials: t.credentials,
      });
      const config = new KubeConfig();
      config.loadFromOptions({
        clusters: [{ name: t.clusterName, server: t.endpoint, caData: t.caData, skipTLSVerify: false }],
        users: [{ name: "msdemo", token }],
        contexts: [{ name: t.clusterName, cluster: t.clusterName, user: "msdemo", namespace: "default" }],
        currentContext: t.clusterName,
      });
      this.current = { config, expiresAt: expiresAt.getTime() };
    }
    return this.current.config;
  }
}

interface KubeconfigDoc {
  apiVersion?: string;
  kind?: string;
  clusters?: { name: string; cluster: Record<string, unknown> }[];
  users?: { name: string; user: Record<string, unknown> }[];
  contexts?: { name: string; context: Record<string, unknown> }[];
  "current-context"?: string;
  [key: string]: unknown;
}

/** The context for one EKS cluster, authenticating with `aws eks get-token` (present in CloudShell). */
export function eksKubeconfigEntry(
  access: Omit<ClusterAccess, "credentials"> & { clusterArn: string },
): KubeconfigDoc {
  const name = access.clusterArn;
  return {
    clusters: [{ name, cluster: { server: access.endpoint, "certificate-authority-data": access.caData } }],
    users: [
      {
        name,
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: [
              "--region",
              access.region,
              "eks",
              "get-token",
              "--cluster-name",
              access.clusterName,
              "--output",
              "json",
            ],
            interactiveMode: "IfAvailable",
          },
        },
      },
    ],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
  };
}

function mergeByName<T extends { name: string }>(existing: T[] | undefined, added: T[] | undefined): T[] {
  const result = [...(existing ?? [])];
  for (const item of added ?? []) {
    const at = result.findIndex((e) => e.name === item.name);
    if (at >= 0) result[at] = item;
    else result.push(item);
  }
  return result;
}

/** Merges an entry into a kubeconfig file's text (empty for a new file): same names replaced, current context set. */
export function mergeKubeconfig(existingText: string, entry: KubeconfigDoc): string {
  const existing = ((existingText.trim() ? parse(existingText) : {}) ?? {}) as KubeconfigDoc;
  const merged: KubeconfigDoc = {
    ...existing,
    apiVersion: "v1",
    kind: "Config",
    clusters: mergeByName(existing.clusters, entry.clusters),
    users: mergeByName(existing.users, entry.users),
    contexts: mergeByName(existing.contexts, entry.contexts),
    "current-context": entry["current-context"] ?? existing["current-context"],
  };
  return stringify(merged);
}
