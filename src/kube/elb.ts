// The classic load balancers Kubernetes makes for LoadBalancer Services: their
// names from their DNS names, and whether AWS still lists them.
import {
  DescribeLoadBalancersCommand,
  type ElasticLoadBalancingClient,
} from "@aws-sdk/client-elastic-load-balancing";
import { isAwsErrorNamed } from "../aws/errors.js";

/** `a1b2c3-123456789.us-east-1.elb.amazonaws.com` → `a1b2c3` (an `internal-` prefix dropped). */
export function loadBalancerName(hostname: string): string | undefined {
  const first = hostname.split(".")[0] ?? "";
  const match = /^(?:internal-)?(.+)-\d+$/.exec(first);
  return match?.[1];
}

export async function loadBalancerGone(elb: ElasticLoadBalancingClient, hostname: string): Promise<boolean> {
  const name = loadBalancerName(hostname);
  if (!name) return true;
  try {
    const found = await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: [name] }));
    return (found.LoadBalancerDescriptions ?? []).length === 0;
  } catch (error) {
    if (
      isAwsErrorNamed(
        error,
        "LoadBalancerNotFound",
        "AccessPointNotFoundException",
        "LoadBalancerNotFoundException",
      )
    )
      return true;
    throw error;
  }
}
