// The internal network load balancers Kubernetes makes for a Service annotated
// `aws-load-balancer-type: nlb` (--private): a Service reports only the DNS
// name, while an API Gateway VPC link integration needs the listener's ARN.
import {
  DeleteLoadBalancerCommand,
  DescribeListenersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
  type LoadBalancer,
  paginateDescribeLoadBalancers,
} from "@aws-sdk/client-elastic-load-balancing-v2";

async function allLoadBalancers(client: ElasticLoadBalancingV2Client): Promise<LoadBalancer[]> {
  const found: LoadBalancer[] = [];
  for await (const page of paginateDescribeLoadBalancers({ client }, {}))
    found.push(...(page.LoadBalancers ?? []));
  return found;
}

const sameHost = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

/** The ARN of the listener on `port` of the load balancer with this DNS name; undefined while AWS has none. */
export async function listenerArnFor(
  client: ElasticLoadBalancingV2Client,
  dnsName: string,
  port: number,
): Promise<string | undefined> {
  const lb = (await allLoadBalancers(client)).find((l) => sameHost(l.DNSName, dnsName));
  if (!lb?.LoadBalancerArn) return undefined;
  const answer = await client.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }));
  return (answer.Listeners ?? []).find((l) => l.Port === port)?.ListenerArn;
}

/**
 * How many targets behind the NLB with this DNS name pass its health checks (a
 * new NLB's targets stay unhealthy for a minute or more; traffic then fails).
 * Undefined for a name AWS does not list.
 */
export async function targetHealth(
  client: ElasticLoadBalancingV2Client,
  dnsName: string,
): Promise<{ name: string; inService: number; total: number } | undefined> {
  const lb = (await allLoadBalancers(client)).find((l) => sameHost(l.DNSName, dnsName));
  if (!lb?.LoadBalancerArn) return undefined;
  const groups = await client.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lb.LoadBalancerArn }));
  const states = (
    await Promise.all(
      (groups.TargetGroups ?? []).map((g) =>
        client.send(new DescribeTargetHealthCommand({ TargetGroupArn: g.TargetGroupArn! })),
      ),
    )
  ).flatMap((answer) => answer.TargetHealthDescriptions ?? []);
  return {
    name: lb.LoadBalancerName ?? dnsName,
    inService: states.filter((s) => s.TargetHealth?.State === "healthy").length,
    total: states.length,
  };
}

/** True once AWS no longer lists a load balancer (v2: network or application) with this DNS name. */
export async function networkLoadBalancerGone(
  client: ElasticLoadBalancingV2Client,
  dnsName: string,
): Promise<boolean> {
  return !(await allLoadBalancers(client)).some((l) => sameHost(l.DNSName, dnsName));
}

/**
 * The network load balancers Kubernetes made for a cluster (tagged
 * `kubernetes.io/cluster/<name>`), for a teardown that cannot ask the cluster.
 */
export async function clusterNetworkLoadBalancers(
  client: ElasticLoadBalancingV2Client,
  clusterName: string,
): Promise<string[]> {
  const arns = (await allLoadBalancers(client)).map((l) => l.LoadBalancerArn ?? "").filter(Boolean);
  const owned: string[] = [];
  // DescribeTags takes at most 20 ARNs per call.
  for (let i = 0; i < arns.length; i += 20) {
    const tags = await client.send(new DescribeTagsCommand({ ResourceArns: arns.slice(i, i + 20) }));
    for (const d of tags.TagDescriptions ?? []) {
      if ((d.Tags ?? []).some((t) => t.Key === `kubernetes.io/cluster/${clusterName}`))
        owned.push(d.ResourceArn!);
    }
  }
  return owned;
}

export async function deleteNetworkLoadBalancer(
  client: ElasticLoadBalancingV2Client,
  arn: string,
): Promise<void> {
  await client.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
}
