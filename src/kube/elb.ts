// The classic load balancers Kubernetes makes for LoadBalancer Services (the
// in-tree AWS provider's default): their names from their DNS names, and
// whether AWS still lists them, for teardown to wait on (as eksctl's elb cleanup).
import {
  DeleteLoadBalancerCommand,
  DescribeInstanceHealthCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  type ElasticLoadBalancingClient,
  paginateDescribeLoadBalancers,
} from "@aws-sdk/client-elastic-load-balancing";
import { isAwsErrorNamed } from "../aws/errors.js";

/**
 * `a1b2c3…-1234567890.us-east-1.elb.amazonaws.com` → `a1b2c3…`: the first label
 * without its `-<digits>` suffix (and an `internal-` prefix). Undefined for
 * anything that is not a classic ELB DNS name (an IP, an NLB's `….elb.<region>.…`).
 */
export function loadBalancerName(hostname: string): string | undefined {
  const classic = /^(?:internal-)?([A-Za-z0-9-]+)-\d+\.[a-z0-9-]+\.elb\.amazonaws\.com(?:\.cn)?$/.exec(
    hostname,
  );
  return classic?.[1];
}

/** True once AWS no longer lists the classic load balancer behind this DNS name. */
export async function loadBalancerGone(elb: ElasticLoadBalancingClient, hostname: string): Promise<boolean> {
  const name = loadBalancerName(hostname);
  // Not a classic ELB (an IP, or another kind): nothing msdemo made that it could wait on.
  if (!name) return true;
  try {
    const found = await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: [name] }));
    return !(found.LoadBalancerDescriptions ?? []).some((lb) => lb.LoadBalancerName === name);
  } catch (error) {
    if (
      isAwsErrorNamed(error, "LoadBalancerNotFound", "AccessPointNotFoundException", "AccessPointNotFound")
    ) {
      return true;
    }
    throw error;
  }
}

/**
 * The classic load balancers Kubernetes made for a cluster: it tags each with
 * `kubernetes.io/cluster/<name>`. Used when the cluster's API cannot be
 * reached, so teardown still removes them from the AWS side.
 */
export async function clusterLoadBalancers(
  elb: ElasticLoadBalancingClient,
  clusterName: string,
): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateDescribeLoadBalancers({ client: elb }, {})) {
    names.push(...(page.LoadBalancerDescriptions ?? []).map((d) => d.LoadBalancerName ?? "").filter(Boolean));
  }
  const owned: string[] = [];
  // DescribeTags takes at most 20 names per call.
  for (let i = 0; i < names.length; i += 20) {
    const tags = await elb.send(new DescribeTagsCommand({ LoadBalancerNames: names.slice(i, i + 20) }));
    for (const d of tags.TagDescriptions ?? []) {
      if ((d.Tags ?? []).some((t) => t.Key === `kubernetes.io/cluster/${clusterName}`))
        owned.push(d.LoadBalancerName!);
    }
  }
  return owned;
}

export async function deleteLoadBalancer(elb: ElasticLoadBalancingClient, name: string): Promise<void> {
  await elb.send(new DeleteLoadBalancerCommand({ LoadBalancerName: name }));
}

export interface InstanceHealth {
  name: string;
  inService: number;
  total: number;
}

/**
 * How many of the instances behind the classic load balancer pass its health
 * check. A new ELB lists its instances OutOfService for a few minutes; traffic
 * sent through it then gets 5xx. Undefined for anything not a classic ELB AWS lists.
 */
export async function instanceHealth(
  elb: ElasticLoadBalancingClient,
  hostname: string,
): Promise<InstanceHealth | undefined> {
  const name = loadBalancerName(hostname);
  if (!name) return undefined;
  try {
    const answer = await elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: name }));
    const states = answer.InstanceStates ?? [];
    return { name, inService: states.filter((s) => s.State === "InService").length, total: states.length };
  } catch (error) {
    // Kubernetes sets the hostname only after the ELB exists: one AWS does not
    // know is none of AWS's (another endpoint, an emulator), nothing to wait on.
    if (isAwsErrorNamed(error, "LoadBalancerNotFound", "AccessPointNotFoundException", "AccessPointNotFound"))
      return undefined;
    throw error;
  }
}
