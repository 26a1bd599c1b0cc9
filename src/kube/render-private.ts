// --private: each LoadBalancer Service asks the in-tree AWS provider for an
// internal network load balancer (reachable only inside the VPC, so only
// through the gateway's VPC link) instead of an internet-facing classic ELB.
import type { KubernetesObject } from "@kubernetes/client-node";
import type { KubeObject } from "./render.js";

export const INTERNAL_NLB_ANNOTATIONS = {
  "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
  "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
} as const;

const isLoadBalancerService = (o: { kind?: string; spec?: unknown }) =>
  o.kind === "Service" && (o.spec as { type?: string } | undefined)?.type === "LoadBalancer";

/**
 * The objects with every LoadBalancer Service annotated for an internal NLB
 * (others unchanged). `sources`: the CIDRs of the subnets the gateway's VPC
 * link sits in. An NLB keeps the client's address, and the AWS provider opens
 * each Service's NodePort on the nodes' security group to the Service's
 * loadBalancerSourceRanges — to 0.0.0.0/0 when it has none. Setting them to
 * the link's subnets admits only what must pass: the gateway's traffic (the
 * provider adds the NLB's own health-check ranges by itself). Unknown (no EKS
 * cluster recorded, e.g. --kubeconfig): left to the provider's default.
 */
export function withInternalLoadBalancers(objects: KubeObject[], sources: string[] = []): KubeObject[] {
  return objects.map((o) =>
    isLoadBalancerService(o)
      ? {
          ...o,
          metadata: { ...o.metadata, annotations: { ...INTERNAL_NLB_ANNOTATIONS } },
          ...(sources.length > 0
            ? { spec: { ...(o.spec as object), loadBalancerSourceRanges: [...sources] } }
            : {}),
        }
      : o,
  );
}

/** Whether the annotations ask for an internal NLB. */
export function asksInternalNlb(object: { metadata?: object } | undefined): boolean {
  const a = (object?.metadata as { annotations?: Record<string, string> } | undefined)?.annotations ?? {};
  return Object.entries(INTERNAL_NLB_ANNOTATIONS).every(([k, v]) => a[k] === v);
}

/**
 * Whether the live Service has another kind of load balancer than `wanted`
 * asks for. The AWS provider never turns an existing load balancer into
 * another kind or scheme, so such a Service must be deleted and made again.
 */
export function loadBalancerKindChanges(wanted: KubeObject, live: KubernetesObject | undefined): boolean {
  if (!live || !isLoadBalancerService(wanted)) return false;
  return asksInternalNlb(wanted) !== asksInternalNlb(live);
}
