// EC2 wrappers for msdemo: the VPC to use and its security groups. Narrow,
// typed functions; idempotent where the name says so. Used by the network step
// and by the cluster step (resolveVpc, authorizeIngressFromGroup).
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Filter,
  type IpPermission,
  paginateDescribeSecurityGroupRules,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type SecurityGroup,
  type SecurityGroupRule,
  type Subnet,
} from "@aws-sdk/client-ec2";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { isAwsErrorNamed, unlessAwsError } from "./errors.js";
import { type DependencyRetryOptions, retryOnDependencyViolation } from "./retry.js";
import type { Tag } from "./tags.js";

export type { SecurityGroup } from "@aws-sdk/client-ec2";

const GROUP_NOT_FOUND = ["InvalidGroup.NotFound", "InvalidGroupId.NotFound", "InvalidGroupId.Malformed"];
const VPC_NOT_FOUND = ["InvalidVpcID.NotFound", "InvalidVpcId.NotFound", "InvalidVpcId.Malformed"];

// ---------------------------------------------------------------------------
// VPC

/** The account's default VPC in the client's region, or undefined when there is none. */
export async function defaultVpcId(ec2: EC2Client): Promise<string | undefined> {
  const result = await ec2.send(
    new DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["true"] }] }),
  );
  return result.Vpcs?.[0]?.VpcId;
}

/** Whether the VPC is the region's default VPC. */
export async function isDefaultVpc(ec2: EC2Client, vpcId: string): Promise<boolean> {
  const result = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
  return result.Vpcs?.[0]?.IsDefault === true;
}

/**
 * The VPC to use: the one asked for (checked to exist), else the default VPC.
 * Fails with a hint when there is neither.
 */
export async function resolveVpc(ec2: EC2Client, vpcId?: string): Promise<string> {
  if (vpcId) {
    try {
      const result = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
      if (result.Vpcs?.[0]?.VpcId) return vpcId;
    } catch (error) {
      if (!isAwsErrorNamed(error, ...VPC_NOT_FOUND)) throw error;
    }
    throw new MsdemoError(t("aws.ec2.vpcMissing", { vpcId }), {
      hint: t("aws.ec2.vpcMissing.hint"),
    });
  }
  const found = await defaultVpcId(ec2);
  if (found) return found;
  throw new MsdemoError(t("aws.ec2.noDefaultVpc"), { hint: t("aws.ec2.noDefaultVpc.hint") });
}

/** The subnets of a VPC (all pages). */
export async function listSubnets(ec2: EC2Client, vpcId: string): Promise<Subnet[]> {
  const subnets: Subnet[] = [];
  for await (const page of paginateDescribeSubnets(
    { client: ec2 },
    { Filters: [{ Name: "vpc-id", Values: [vpcId] }] },
  )) {
    subnets.push(...(page.Subnets ?? []));
  }
  return subnets;
}

/** The CIDR blocks of the given subnets. */
export async function subnetCidrs(ec2: EC2Client, subnetIds: string[]): Promise<string[]> {
  if (subnetIds.length === 0) return [];
  const cidrs: string[] = [];
  for await (const page of paginateDescribeSubnets({ client: ec2 }, { SubnetIds: subnetIds })) {
    cidrs.push(...(page.Subnets ?? []).map((s) => s.CidrBlock ?? "").filter(Boolean));
  }
  return cidrs.sort();
}

// ---------------------------------------------------------------------------
// Security groups: lookup

/** Every security group matching the filters (all pages). */
export async function listSecurityGroups(ec2: EC2Client, filters: Filter[]): Promise<SecurityGroup[]> {
  const groups: SecurityGroup[] = [];
  for await (const page of paginateDescribeSecurityGroups({ client: ec2 }, { Filters: filters })) {
    groups.push(...(page.SecurityGroups ?? []));
  }
  return groups;
}

/** One security group by id; undefined when it does not exist. */
export async function findSecurityGroupById(
  ec2: EC2Client,
  groupId: string,
): Promise<SecurityGroup | undefined> {
  return unlessAwsError(
    GROUP_NOT_FOUND,
    async () =>
      (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups?.[0],
  );
}

/** One security group by name in a VPC; undefined when there is none. */
export async function findSecurityGroupByName(
  ec2: EC2Client,
  vpcId: string,
  name: string,
): Promise<SecurityGroup | undefined> {
  const groups = await listSecurityGroups(ec2, [
    { Name: "vpc-id", Values: [vpcId] },
    { Name: "group-name", Values: [name] },
  ]);
  return groups.find((g) => g.GroupName === name);
}

/** Security groups carrying a tag with one of the given values (any VPC unless vpcId is given). */
export async function findSecurityGroupsByTag(
  ec2: EC2Client,
  key: string,
  values: string[],
  vpcId?: string,
): Promise<SecurityGroup[]> {
  return listSecurityGroups(ec2, [
    { Name: `tag:${key}`, Values: values },
    ...(vpcId ? [{ Name: "vpc-id", Values: [vpcId] }] : []),
  ]);
}

export function tagValue(
  group: { Tags?: { Key?: string; Value?: string }[] },
  key: string,
): string | undefined {
  return group.Tags?.find((t) => t.Key === key)?.Value;
}

// ---------------------------------------------------------------------------
// Security groups: create and tag

export interface NewSecurityGroup {
  vpcId: string;
  name: string;
  description: string;
  tags: Tag[];
}

/** Creates a security group with its tags in one call; returns its id. Egress stays AWS's default allow-all. */
export async function createSecurityGroup(ec2: EC2Client, group: NewSecurityGroup): Promise<string> {
  const result = await ec2.send(
    new CreateSecurityGroupCommand({
      VpcId: group.vpcId,
      GroupName: group.name,
      Description: group.description,
      TagSpecifications: [{ ResourceType: "security-group", Tags: group.tags }],
    }),
  );
  if (!result.GroupId) throw new MsdemoError(t("aws.ec2.noGroupId", { name: group.name }));
  return result.GroupId;
}

export async function tagResources(ec2: EC2Client, resourceIds: string[], tags: Tag[]): Promise<void> {
  await ec2.send(new CreateTagsCommand({ Resources: resourceIds, Tags: tags }));
}

// ---------------------------------------------------------------------------
// Ingress rules

function coversPort(permission: IpPermission, port: number): boolean {
  if (permission.IpProtocol === "-1") return true;
  if (permission.IpProtocol !== "tcp" && permission.IpProtocol !== "6") return false;
  return (permission.FromPort ?? -1) <= port && port <= (permission.ToPort ?? -1);
}

function exactTcpPort(permission: IpPermission, port: number): boolean {
  return (
    (permission.IpProtocol === "tcp" || permission.IpProtocol === "6") &&
    permission.FromPort === port &&
    permission.ToPort === port
  );
}

/** Whether the group admits TCP `port` from members of `sourceGroupId`. */
export function hasIngressFromGroup(group: SecurityGroup, port: number, sourceGroupId: string): boolean {
  return (group.IpPermissions ?? []).some(
    (p) => coversPort(p, port) && (p.UserIdGroupPairs ?? []).some((pair) => pair.GroupId === sourceGroupId),
  );
}

/** Whether the group has a rule for exactly TCP `port` from exactly `cidr`. */
export function hasIngressFromCidr(group: SecurityGroup, port: number, cidr: string): boolean {
  return (group.IpPermissions ?? []).some(
    (p) => exactTcpPort(p, port) && (p.IpRanges ?? []).some((r) => r.CidrIp === cidr),
  );
}

/** The IPv4 CIDRs a rule for exactly TCP `port` admits. */
export function ingressCidrsOnPort(group: SecurityGroup, port: number): string[] {
  return (group.IpPermissions ?? [])
    .filter((p) => exactTcpPort(p, port))
    .flatMap((p) => (p.IpRanges ?? []).map((r) => r.CidrIp ?? ""))
    .filter((c) => c !== "");
}

/**
 * Admits TCP `port` into `groupId` from members of `sourceGroupId`. Idempotent:
 * an existing rule (InvalidPermission.Duplicate) is not an error. Returns
 * whether a rule was added. The cluster step uses it to let the EKS cluster
 * security group reach PostgreSQL.
 */
export async function authorizeIngressFromGroup(
  ec2: EC2Client,
  groupId: string,
  port: number,
  sourceGroupId: string,
  description: string,
): Promise<boolean> {
  return authorizeIngress(ec2, groupId, {
    IpProtocol: "tcp",
    FromPort: port,
    ToPort: port,
    UserIdGroupPairs: [{ GroupId: sourceGroupId, Description: description }],
  });
}

/** Admits TCP `port` into `groupId` from `cidr`. Idempotent like authorizeIngressFromGroup. */
export async function authorizeIngressFromCidr(
  ec2: EC2Client,
  groupId: string,
  port: number,
  cidr: string,
  description: string,
): Promise<boolean> {
  return authorizeIngress(ec2, groupId, {
    IpProtocol: "tcp",
    FromPort: port,
    ToPort: port,
    IpRanges: [{ CidrIp: cidr, Description: description }],
  });
}

async function authorizeIngress(ec2: EC2Client, groupId: string, permission: IpPermission): Promise<boolean> {
  try {
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [permission] }),
    );
    return true;
  } catch (error) {
    if (isAwsErrorNamed(error, "InvalidPermission.Duplicate")) return false;
    throw error;
  }
}

/** Removes the rule for TCP `port` from `cidr`; a rule already gone is not an error. */
export async function revokeIngressFromCidr(
  ec2: EC2Client,
  groupId: string,
  port: number,
  cidr: string,
): Promise<boolean> {
  return revokeIngressRules(ec2, groupId, (r) => isTcpPort(r, port) && r.CidrIpv4 === cidr);
}

/**
 * Removes the rule admitting TCP `port` from members of `sourceGroupId`; a rule
 * (or group) already gone is not an error. The cluster step calls it before
 * deleting the cluster, so the EKS cluster security group is not held back by
 * a reference from postgres-sg-rds.
 */
export async function revokeIngressFromGroup(
  ec2: EC2Client,
  groupId: string,
  port: number,
  sourceGroupId: string,
): Promise<boolean> {
  return revokeIngressRules(
    ec2,
    groupId,
    (r) => isTcpPort(r, port) && r.ReferencedGroupInfo?.GroupId === sourceGroupId,
  );
}

function isTcpPort(rule: SecurityGroupRule, port: number): boolean {
  return (
    (rule.IpProtocol === "tcp" || rule.IpProtocol === "6") && rule.FromPort === port && rule.ToPort === port
  );
}

/** The rules of one group (ingress and egress); none when the group is gone. */
export async function listSecurityGroupRules(
  ec2: EC2Client,
  groupIds: string[],
): Promise<SecurityGroupRule[]> {
  const rules: SecurityGroupRule[] = [];
  try {
    for await (const page of paginateDescribeSecurityGroupRules(
      { client: ec2 },
      { Filters: [{ Name: "group-id", Values: groupIds }] },
    )) {
      rules.push(...(page.SecurityGroupRules ?? []));
    }
  } catch (error) {
    if (isAwsErrorNamed(error, ...GROUP_NOT_FOUND)) return [];
    throw error;
  }
  return rules;
}

/** Revokes a group's ingress rules that match, by rule id (exact, whatever their descriptions). */
async function revokeIngressRules(
  ec2: EC2Client,
  groupId: string,
  match: (rule: SecurityGroupRule) => boolean,
): Promise<boolean> {
  const ids = (await listSecurityGroupRules(ec2, [groupId]))
    .filter((r) => !r.IsEgress && r.GroupId === groupId && match(r))
    .map((r) => r.SecurityGroupRuleId!);
  if (ids.length === 0) return false;
  try {
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: ids }));
    return true;
  } catch (error) {
    if (
      isAwsErrorNamed(
        error,
        "InvalidPermission.NotFound",
        "InvalidSecurityGroupRuleId.NotFound",
        ...GROUP_NOT_FOUND,
      )
    ) {
      return false;
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Teardown: references between groups, and deletion

/** Whether any rule of `group` (ingress or egress) refers to one of `targets`. */
export function referencesAny(group: SecurityGroup, targets: ReadonlySet<string>): boolean {
  return [...(group.IpPermissions ?? []), ...(group.IpPermissionsEgress ?? [])].some((p) =>
    (p.UserIdGroupPairs ?? []).some((pair) => pair.GroupId !== undefined && targets.has(pair.GroupId)),
  );
}

/**
 * Revokes, in each of `groups`, every rule that refers to one of `targets`, so
 * the targets can be deleted. Returns how many rules were revoked.
 */
export async function revokeReferencesTo(
  ec2: EC2Client,
  groups: SecurityGroup[],
  targets: ReadonlySet<string>,
): Promise<number> {
  const referencing = groups.filter((g) => g.GroupId && referencesAny(g, targets)).map((g) => g.GroupId!);
  if (referencing.length === 0) return 0;
  const rules = await listSecurityGroupRules(ec2, referencing);
  const byGroup = new Map<string, { ingress: string[]; egress: string[] }>();
  for (const rule of rules) {
    const referenced = rule.ReferencedGroupInfo?.GroupId;
    if (!rule.GroupId || !rule.SecurityGroupRuleId || !referenced || !targets.has(referenced)) continue;
    const entry = byGroup.get(rule.GroupId) ?? { ingress: [], egress: [] };
    (rule.IsEgress ? entry.egress : entry.ingress).push(rule.SecurityGroupRuleId);
    byGroup.set(rule.GroupId, entry);
  }
  let revoked = 0;
  for (const [groupId, { ingress, egress }] of byGroup) {
    try {
      if (ingress.length > 0) {
        await ec2.send(
          new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: ingress }),
        );
      }
      if (egress.length > 0) {
        await ec2.send(
          new RevokeSecurityGroupEgressCommand({ GroupId: groupId, SecurityGroupRuleIds: egress }),
        );
      }
      revoked += ingress.length + egress.length;
    } catch (error) {
      // A group or rule that went away meanwhile no longer references anything.
      if (
        !isAwsErrorNamed(
          error,
          "InvalidPermission.NotFound",
          "InvalidSecurityGroupRuleId.NotFound",
          ...GROUP_NOT_FOUND,
        )
      ) {
        throw error;
      }
    }
  }
  return revoked;
}

/**
 * Deletes a security group, retrying DependencyViolation with backoff for a
 * bounded time. A group already gone counts as success; returns whether this
 * call deleted it.
 */
export async function deleteSecurityGroup(
  ec2: EC2Client,
  groupId: string,
  retry: DependencyRetryOptions,
): Promise<boolean> {
  return retryOnDependencyViolation(async () => {
    try {
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
      return true;
    } catch (error) {
      if (isAwsErrorNamed(error, ...GROUP_NOT_FOUND)) return false;
      throw error;
    }
  }, retry);
}
