// How msdemo reaches the Kubernetes API: a user's own kubeconfig (--kubeconfig
// or KUBECONFIG), or the EKS cluster itself, with a KubeConfig built in code
// from its endpoint and CA data. For EKS the token is fetched per request from
// a cache that renews it, so a KubeConfig stays usable through long waits.
import { existsSync } from "node:fs";
import type { RequestOptions } from "node:https";
import { delimiter } from "node:path";
import { KubeConfig, type User } from "@kubernetes/client-node";
import { errorMessage, MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { type EksTokenOptions, eksTokenSource } from "./token.js";

export interface ClusterAccess {
  clusterName: string;
  /** https://…eks.amazonaws.com, from EKS DescribeCluster. */
  endpoint: string;
  /** base64 PEM, as EKS DescribeCluster returns it (certificateAuthority.data). */
  caData: string;
  region: string;
  credentials: EksTokenOptions["credentials"];
  /** STS endpoint override for the token (a URL). */
  stsEndpoint?: string;
}

/** Where the Kubernetes API is: kubeconfig file(s), or the EKS cluster. */
export type KubeTarget = { kind: "file"; path: string; context?: string } | ({ kind: "eks" } & ClusterAccess);

/** `--kubeconfig FILE` wins over `KUBECONFIG`; undefined means: use the EKS cluster. */
export function kubeconfigOverride(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (flag) return flag;
  return env.KUBECONFIG?.trim() ? env.KUBECONFIG : undefined;
}

/** The auth-provider name the in-process EKS token is registered under. */
const EKS_AUTH_PROVIDER = "msdemo-eks-token";

/** Puts a fresh EKS token on every request the client makes (REST calls, logs, watches). */
class EksTokenAuthenticator {
  constructor(private readonly token: () => Promise<string>) {}

  isAuthProvider(user: User): boolean {
    return (user.authProvider as { name?: string } | undefined)?.name === EKS_AUTH_PROVIDER;
  }

  async applyAuthentication(_user: User, opts: RequestOptions): Promise<void> {
    opts.headers = { ...opts.headers, Authorization: `Bearer ${await this.token()}` };
  }
}

function fromFiles(paths: string, context: string | undefined): KubeConfig {
  const files = paths.split(delimiter).filter(Boolean);
  const config = new KubeConfig();
  files.forEach((file, index) => {
    if (!existsSync(file)) {
      throw new MsdemoError(t("kube.kubeconfig.missingFile", { file }), {
        hint: t("kube.kubeconfig.missingFile.hint"),
        exitCode: 2,
      });
    }
    if (index === 0) {
      loadFile(config, file);
    } else {
      const more = new KubeConfig();
      loadFile(more, file);
      config.mergeConfig(more, true);
    }
  });
  if (context) config.setCurrentContext(context);
  if (!config.getCurrentCluster()) {
    throw new MsdemoError(t("kube.kubeconfig.noContext", { paths }), {
      hint: t("kube.kubeconfig.noContext.hint"),
      exitCode: 2,
    });
  }
  return config;
}

/** Loads one kubeconfig file; a folder, a closed file or bad YAML becomes an error naming the file. */
function loadFile(config: KubeConfig, file: string): void {
  try {
    config.loadFromFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    const reason =
      code === "EISDIR"
        ? t("error.fs.EISDIR")
        : code === "EACCES" || code === "EPERM"
          ? t("error.fs.EACCES")
          : typeof code === "string" && /^E[A-Z]+$/.test(code)
            ? code
            : // The parser's own detail (a line and column) is data: kept, first line only.
              (errorMessage(error).split("\n")[0] ?? "");
    throw new MsdemoError(t("error.kubeconfig.unreadable", { file, reason }), {
      hint: t("error.kubeconfig.unreadable.hint"),
      cause: error,
      exitCode: 2,
    });
  }
}

function forEks(access: ClusterAccess, clock?: () => Date): KubeConfig {
  const config = new KubeConfig();
  const token = eksTokenSource(
    {
      clusterName: access.clusterName,
      region: access.region,
      credentials: access.credentials,
      ...(access.stsEndpoint ? { stsEndpoint: access.stsEndpoint } : {}),
    },
    clock,
  );
  config.addAuthenticator(new EksTokenAuthenticator(token));
  config.loadFromOptions({
    clusters: [
      { name: access.clusterName, server: access.endpoint, caData: access.caData, skipTLSVerify: false },
    ],
    users: [{ name: "msdemo", authProvider: { name: EKS_AUTH_PROVIDER, config: {} } }],
    contexts: [{ name: access.clusterName, cluster: access.clusterName, user: "msdemo" }],
    currentContext: access.clusterName,
  });
  return config;
}

/** A KubeConfig for the target; for EKS it renews its own token. `clock` is for tests. */
export function kubeConfigFor(target: KubeTarget, clock?: () => Date): KubeConfig {
  return target.kind === "file" ? fromFiles(target.path, target.context) : forEks(target, clock);
}
