// Taking a deployment down in the order AWS needs: the LoadBalancer Services
// first, waiting until AWS no longer lists their load balancers (otherwise they
// and their k8s-elb-* security groups outlive the cluster and block the VPC),
// then the namespace and everything in it.
import { setTimeout as sleep } from "node:timers/promises";
import { CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import { MsdemoError } from "../errors.js";
import { isNotFound } from "./apply.js";

export interface RemoveOptions {
  namespace: string;
  signal: AbortSignal;
  intervalMs: number;
  timeoutMs: number;
  loadBalancerGone: (hostname: string) => Promise<boolean>;
  onProgress?: (message: string) => void;
}

async function until(what: string, check: () => Promise<boolean>, options: RemoveOptions): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > options.timeoutMs) {
      throw new MsdemoError(`Timed out waiting for ${what}.`, {
        hint: "Run msdemo teardown again in a few minutes.",
      });
    }
    await sleep(options.intervalMs, undefined, { signal: options.signal });
  }
}

export async function removeDeployment(config: KubeConfig, options: RemoveOptions): Promise<void> {
  const core = config.makeApiClient(CoreV1Api);
  const { namespace } = options;
  let services: Awaited<ReturnType<CoreV1Api["listNamespacedService"]>>["items"];
  try {
    services = (await core.listNamespacedService({ namespace })).items.filter(
      (s) => s.spec?.type === "LoadBalancer",
    );
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  const hostnames = services.flatMap((s) =>
    (s.status?.loadBalancer?.ingress ?? []).map((i) => i.hostname ?? "").filter(Boolean),
  );
  for (const service of services) {
    options.onProgress?.(`deleting Service ${service.metadata?.name} (its load balancer goes with it)`);
    await core
      .deleteNamespacedService({ name: service.metadata!.name!, namespace })
      .catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
  }
  for (const host of hostnames) {
    options.onProgress?.(`waiting for AWS to delete load balancer ${host}`);
    await until(`load balancer ${host} to be deleted`, () => options.loadBalancerGone(host), options);
  }
  options.onProgress?.(`deleting namespace ${namespace}`);
  await core.deleteNamespace({ name: namespace }).catch((error: unknown) => {
    if (!isNotFound(error)) throw error;
  });
  await until(
    `namespace ${namespace} to be deleted`,
    async () => {
      try {
        await core.readNamespace({ name: namespace });
        return false;
      } catch (error) {
        if (isNotFound(error)) return true;
        throw error;
      }
    },
    options,
  );
}
