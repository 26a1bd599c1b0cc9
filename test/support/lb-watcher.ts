// Stands in for EKS's cloud controller, which a plain control plane lacks:
// it watches LoadBalancer Services, adds the load-balancer cleanup finalizer,
// makes a "cloud" load balancer after a delay and writes its ELB-style hostname
// into status.loadBalancer.ingress; when such a Service is deleted it removes
// the load balancer after a delay and only then drops the finalizer, so
// Kubernetes keeps the Service (and its namespace) until the cloud is clean.
// The cloud is in memory by default, or moto's ELB API (see motoCloud).
import { createHash } from "node:crypto";
import { CreateSecurityGroupCommand, DeleteSecurityGroupCommand, type EC2Client } from "@aws-sdk/client-ec2";
import {
  CreateLoadBalancerCommand,
  DeleteLoadBalancerCommand,
  type ElasticLoadBalancingClient,
} from "@aws-sdk/client-elastic-load-balancing";
import { CoreV1Api, type KubeConfig, type V1Service } from "@kubernetes/client-node";

export const CLEANUP_FINALIZER = "service.kubernetes.io/load-balancer-cleanup";

/** Where load balancers are made and deleted. */
export interface Cloud {
  create(namespace: string, name: string): Promise<string>;
  delete(hostname: string): Promise<void>;
  /** Hostnames the cloud still lists. */
  list(): Promise<string[]>;
}

const lbName = (namespace: string, name: string) =>
  `a${createHash("sha256").update(`${namespace}/${name}`).digest("hex").slice(0, 31)}`;

export function memoryCloud(): Cloud {
  const live = new Set<string>();
  return {
    async create(namespace, name) {
      const hostname = `${lbName(namespace, name)}-1234567890.us-east-1.elb.amazonaws.com`;
      live.add(hostname);
      return hostname;
    },
    async delete(hostname) {
      live.delete(hostname);
    },
    async list() {
      return [...live];
    },
  };
}

/**
 * Classic load balancers in moto, as the in-tree AWS provider makes them: each
 * with a security group of its own (`k8s-elb-<name>`, deleted with it) and the
 * cluster's tag.
 */
export function motoCloud(
  aws: { elb: ElasticLoadBalancingClient; ec2: EC2Client },
  clusterName: string,
): Cloud {
  const made = new Map<string, { name: string; groupId: string }>();
  return {
    async create(namespace, name) {
      const LoadBalancerName = lbName(namespace, name);
      const group = await aws.ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: `k8s-elb-${LoadBalancerName}`,
          Description: `Security group for Kubernetes ELB ${LoadBalancerName} (${namespace}/${name})`,
        }),
      );
      const lb = await aws.elb.send(
        new CreateLoadBalancerCommand({
          LoadBalancerName,
          Listeners: [
            { Protocol: "TCP", LoadBalancerPort: 3000, InstanceProtocol: "TCP", InstancePort: 3000 },
          ],
          AvailabilityZones: ["us-east-1a"],
          SecurityGroups: [group.GroupId!],
          Tags: [{ Key: `kubernetes.io/cluster/${clusterName}`, Value: "owned" }],
        }),
      );
      const hostname = lb.DNSName ?? `${LoadBalancerName}-1.us-east-1.elb.amazonaws.com`;
      made.set(hostname, { name: LoadBalancerName, groupId: group.GroupId! });
      return hostname;
    },
    async delete(hostname) {
      const lb = made.get(hostname);
      if (!lb) return;
      await aws.elb.send(new DeleteLoadBalancerCommand({ LoadBalancerName: lb.name }));
      await aws.ec2.send(new DeleteSecurityGroupCommand({ GroupId: lb.groupId }));
      made.delete(hostname);
    },
    async list() {
      return [...made.keys()];
    },
  };
}

export interface LoadBalancerWatcherOptions {
  /** How long the cloud takes to make a load balancer (default 500 ms). */
  provisionAfterMs?: number;
  /** How long it takes to delete one before the finalizer goes (default 500 ms). */
  deleteAfterMs?: number;
  cloud?: Cloud;
}

export interface LoadBalancerWatcher {
  cloud: Cloud;
  /** What the watcher did, in order: `finalizer-added ns/name`, `lb-created host`, `lb-deleted host`, `finalizer-removed ns/name`. */
  timeline: string[];
  /** Holds the cloud: no load balancer is made or deleted (finalizers stay) until release(). */
  hold(): void;
  release(): void;
  stop(): Promise<void>;
}

export function startLoadBalancerWatcher(
  config: KubeConfig,
  options: LoadBalancerWatcherOptions = {},
): LoadBalancerWatcher {
  const core = config.makeApiClient(CoreV1Api);
  const cloud = options.cloud ?? memoryCloud();
  const provisionAfterMs = options.provisionAfterMs ?? 500;
  const deleteAfterMs = options.deleteAfterMs ?? 500;
  const timeline: string[] = [];
  const firstSeen = new Map<string, number>();
  let held = false;
  let stopped = false;

  const keyOf = (s: V1Service) => `${s.metadata?.namespace}/${s.metadata?.name}`;

  async function reconcile(service: V1Service): Promise<void> {
    const key = keyOf(service);
    const namespace = service.metadata!.namespace!;
    const name = service.metadata!.name!;
    const finalizers = service.metadata?.finalizers ?? [];
    const hostname = service.status?.loadBalancer?.ingress?.[0]?.hostname;
    const seen = firstSeen.get(key) ?? Date.now();
    firstSeen.set(key, seen);
    if (service.metadata?.deletionTimestamp) {
      if (!finalizers.includes(CLEANUP_FINALIZER) || held) return;
      if (Date.now() - new Date(service.metadata.deletionTimestamp).getTime() < deleteAfterMs) return;
      if (hostname) {
        await cloud.delete(hostname);
        timeline.push(`lb-deleted ${hostname}`);
      }
      service.metadata.finalizers = finalizers.filter((f) => f !== CLEANUP_FINALIZER);
      await core.replaceNamespacedService({ name, namespace, body: service });
      timeline.push(`finalizer-removed ${key}`);
      firstSeen.delete(key);
      return;
    }
    if (service.spec?.type !== "LoadBalancer") return;
    if (!finalizers.includes(CLEANUP_FINALIZER)) {
      service.metadata!.finalizers = [...finalizers, CLEANUP_FINALIZER];
      await core.replaceNamespacedService({ name, namespace, body: service });
      timeline.push(`finalizer-added ${key}`);
      return;
    }
    if (hostname || held || Date.now() - seen < provisionAfterMs) return;
    const made = await cloud.create(namespace, name);
    service.status = { ...service.status, loadBalancer: { ingress: [{ hostname: made }] } };
    await core.replaceNamespacedServiceStatus({ name, namespace, body: service });
    timeline.push(`lb-created ${made}`);
  }

  const loop = (async () => {
    while (!stopped) {
      try {
        const services = (await core.listServiceForAllNamespaces()).items;
        // A write that races another (409) is retried on the next round.
        await Promise.all(services.map((s) => reconcile(s).catch(() => undefined)));
      } catch {
        // The API server may be stopping or busy: try again.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();

  return {
    cloud,
    timeline,
    hold() {
      held = true;
    },
    release() {
      held = false;
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
