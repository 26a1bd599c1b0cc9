// Teardown of the stack's security groups together with those Kubernetes left
// behind for the stack cluster's load balancers (k8s-elb-*, tagged
// kubernetes.io/cluster/<cluster>=owned). No step makes the k8s-elb-* groups,
// but they refer to the stack's groups and block the VPC, so teardown removes
// them too (as eksctl's cleanup of a cluster's leftovers does). EC2 refuses to
// delete a group another group's rule refers to, so references go first.
import type { EC2Client } from "@aws-sdk/client-ec2";
import {
  deleteSecurityGroup,
  findSecurityGroupsByTag,
  listSecurityGroups,
  referencesAny,
  revokeReferencesTo,
  type SecurityGroup,
  tagValue,
} from "../aws/ec2.js";
import { STACK_TAG } from "../aws/tags.js";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";
import type { AwsStepContext } from "./index.js";

/** The tag the Kubernetes cloud provider puts on what it makes for a cluster. */
function clusterTagKey(clusterName: string): string {
  return `kubernetes.io/cluster/${clusterName}`;
}

/** Security groups Kubernetes made for the cluster's load balancers (k8s-elb-*), left in the VPC. */
export async function loadBalancerLeftovers(
  ec2: EC2Client,
  clusterName: string,
  vpcId: string,
): Promise<SecurityGroup[]> {
  const groups = await findSecurityGroupsByTag(ec2, clusterTagKey(clusterName), ["owned"], vpcId);
  return groups.filter((g) => g.GroupName?.startsWith("k8s-elb-"));
}

/** Groups of this stack or of its cluster, whose rules teardown may revoke. */
function belongsToStack(group: SecurityGroup, names: Config["names"]): boolean {
  return (
    tagValue(group, STACK_TAG) === names.stack ||
    tagValue(group, clusterTagKey(names.cluster)) !== undefined ||
    tagValue(group, "aws:eks:cluster-name") === names.cluster
  );
}

/**
 * Deletes `own` (the stack's groups) and the cluster's load-balancer leftovers
 * in `vpcIds`: first every rule in the stack's or cluster's groups that refers
 * to one of them, then the leftovers, then `own`, each retried while AWS still
 * reports it in use. Warns about groups outside the stack that refer to them.
 */
export async function deleteWithLoadBalancerLeftovers(
  ctx: AwsStepContext,
  own: SecurityGroup[],
  vpcIds: ReadonlySet<string>,
): Promise<void> {
  const ec2 = ctx.aws.ec2;
  const { names } = ctx.config;
  const leftovers: SecurityGroup[] = [];
  for (const vpcId of vpcIds) leftovers.push(...(await loadBalancerLeftovers(ec2, names.cluster, vpcId)));

  const targets = new Set<string>([...leftovers, ...own].map((g) => g.GroupId!));
  if (targets.size === 0) {
    ctx.progress(t("network.nothingToDelete"));
    return;
  }

  const inVpcs: SecurityGroup[] = [];
  for (const vpcId of vpcIds)
    inVpcs.push(...(await listSecurityGroups(ec2, [{ Name: "vpc-id", Values: [vpcId] }])));
  const related = inVpcs.filter((g) => targets.has(g.GroupId!) || belongsToStack(g, names));
  const revoked = await revokeReferencesTo(ec2, related, targets);
  if (revoked > 0) ctx.progress(t("network.revoked", { count: revoked }));
  const foreign = inVpcs.filter((g) => !related.includes(g) && referencesAny(g, targets));
  if (foreign.length > 0) {
    ctx.warn(
      t("network.foreignReferences", {
        groups: foreign.map((g) => `${g.GroupName} (${g.GroupId})`).join(", "),
      }),
    );
  }

  for (const group of [...leftovers, ...own]) {
    const what = t("network.what", { name: String(group.GroupName), id: String(group.GroupId) });
    ctx.progress(t("network.deleting", { what }));
    await deleteSecurityGroup(ec2, group.GroupId!, {
      what,
      signal: ctx.signal,
      onRetry: (attempt) => ctx.progress(t("network.retrying", { what, attempt: attempt + 1 })),
      hint: t("network.stillInUse.hint", {
        name: String(group.GroupName),
        stack: names.stack,
        id: String(group.GroupId),
      }),
    });
  }
}
