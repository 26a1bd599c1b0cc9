// Taking the deployment down in the order AWS needs (as eksctl does): the
// LoadBalancer Services first, then waiting until AWS no longer lists their
// load balancers (otherwise they and their k8s-elb-* security groups outlive the
// cluster, cost money and block the VPC), then the namespace with everything in
// it. Whatever is already gone counts as done.
import { CoreV1Api, type KubeConfig, type V1Service } from "@kubernetes/client-node";
import { assertMayWrite } from "../engine/read-only.js";
import { t } from "../i18n/index.js";
import { explainKubeError, unlessNotFound } from "./errors.js";
import type { KubeProgress } from "./events.js";
import { type PollOptions, until } from "./poll.js";

/** The finalizer the cloud controller puts on a LoadBalancer Service; it drops it once the load balancer is deleted. */
export const LOAD_BALANCER_FINALIZER = "service.kubernetes.io/load-balancer-cleanup";

export interface RemoveOptions extends PollOptions {
  namespace: string;
  /** timeoutMs bounds each wait (Services gone, load balancers gone, namespace gone). */
  /** True once AWS no longer lists the load balancer with this DNS name (see elb.ts). */
  loadBalancerGone: (hostname: string) => Promise<boolean>;
  onProgress?: KubeProgress;
}

const hostnamesOf = (service: V1Service): string[] =>
  (service.status?.loadBalancer?.ingress ?? []).flatMap((i) =>
    i.hostname ? [i.hostname] : i.ip ? [i.ip] : [],
  );

export async function removeDeployment(config: KubeConfig, options: RemoveOptions): Promise<void> {
  const core = config.makeApiClient(CoreV1Api);
  const { namespace } = options;
  const kube = <T>(doing: string, call: () => Promise<T>) =>
    unlessNotFound(call).catch((error: unknown) => Promise.reject(explainKubeError(error, doing)));

  const found = await kube(t("kube.doing.readNamespace", { namespace }), () =>
    core.readNamespace({ name: namespace }),
  );
  if (!found) return;

  const services =
    (await kube(t("kube.doing.listServices", { namespace }), () => core.listNamespacedService({ namespace })))
      ?.items ?? [];
  const balanced = services.filter((s) => s.spec?.type === "LoadBalancer" && s.metadata?.name);
  for (const service of balanced) {
    const name = service.metadata!.name!;
    options.onProgress?.(t("kube.remove.deletingService", { name }), {
      type: "deleting",
      kind: "Service",
      name,
    });
    assertMayWrite(`delete Service ${namespace}/${name}`);
    await kube(t("kube.doing.deleteService", { namespace, name }), () =>
      core.deleteNamespacedService({ name, namespace }),
    );
  }
  // Kubernetes keeps a Service (its cleanup finalizer) until the cloud
  // controller has deleted the load balancer; one made after the list above
  // shows up on the Service meanwhile, and is waited for too.
  const hostnames = new Set(balanced.flatMap(hostnamesOf));
  for (const service of balanced) {
    const name = service.metadata!.name!;
    let announced = false;
    await until(
      t("kube.remove.waitService", { name }),
      async () => {
        const live = await kube(t("kube.doing.readService", { namespace, name }), () =>
          core.readNamespacedService({ name, namespace }),
        );
        for (const host of live ? hostnamesOf(live) : []) hostnames.add(host);
        if (live?.metadata?.finalizers?.includes(LOAD_BALANCER_FINALIZER) && !announced) {
          announced = true;
          options.onProgress?.(t("kube.remove.heldByFinalizer", { name }), {
            type: "held-by-finalizer",
            kind: "Service",
            name,
            finalizer: LOAD_BALANCER_FINALIZER,
          });
        }
        return live === undefined;
      },
      options,
    );
    options.onProgress?.(t("kube.remove.serviceDeleted", { name }), {
      type: "deleted",
      kind: "Service",
      name,
    });
  }
  for (const hostname of hostnames) {
    let announced = false;
    await until(
      t("kube.remove.waitLoadBalancer", { hostname }),
      async () => {
        const gone = await options.loadBalancerGone(hostname);
        if (gone || !announced) {
          const message = gone
            ? t("kube.remove.loadBalancerDeleted", { hostname })
            : t("kube.remove.waitingLoadBalancer", { hostname });
          options.onProgress?.(message, { type: "load-balancer-gone", hostname, gone });
          announced = true;
        }
        return gone;
      },
      options,
    );
  }

  options.onProgress?.(t("kube.remove.deletingNamespace", { namespace }), {
    type: "deleting",
    kind: "Namespace",
    name: namespace,
  });
  // A namespace already Terminating (an interrupted teardown) refuses a second delete (409).
  if (!found.metadata?.deletionTimestamp) {
    assertMayWrite(`delete Namespace ${namespace}`);
    await kube(t("kube.doing.deleteNamespace", { namespace }), () =>
      core.deleteNamespace({ name: namespace }),
    );
  }
  await until(
    t("kube.remove.waitNamespace", { namespace }),
    async () =>
      !(await kube(t("kube.doing.readNamespace", { namespace }), () =>
        core.readNamespace({ name: namespace }),
      )),
    options,
  );
  options.onProgress?.(t("kube.remove.namespaceDeleted", { namespace }), {
    type: "deleted",
    kind: "Namespace",
    name: namespace,
  });
}

/**
 * Deletes one Service and waits until Kubernetes no longer has it: its cleanup
 * finalizer holds it until the cloud controller has deleted its load balancer.
 * For a Service whose load balancer must change kind (--private switched).
 */
export async function deleteServiceAndWait(
  config: KubeConfig,
  namespace: string,
  name: string,
  options: PollOptions & { onProgress?: (message: string) => void },
): Promise<void> {
  const core = config.makeApiClient(CoreV1Api);
  const kube = <T>(doing: string, call: () => Promise<T>) =>
    unlessNotFound(call).catch((error: unknown) => Promise.reject(explainKubeError(error, doing)));
  options.onProgress?.(t("kube.remove.deletingService", { name }));
  assertMayWrite(`delete Service ${namespace}/${name}`);
  await kube(t("kube.doing.deleteService", { namespace, name }), () =>
    core.deleteNamespacedService({ name, namespace }),
  );
  await until(
    t("kube.remove.waitService", { name }),
    async () =>
      !(await kube(t("kube.doing.readService", { namespace, name }), () =>
        core.readNamespacedService({ name, namespace }),
      )),
    options,
  );
}
