// Step 1 of the walkthrough: the two security groups in the default VPC.
//   node-sg-service ("Access Node"):     TCP 80 from postgres-sg-rds; SSH only with --ssh-cidr
//   postgres-sg-rds ("Acceso postgreSQL"): TCP 5432 from node-sg-service (the cluster step
//                                         adds the EKS cluster security group as soon as it exists)
// Egress stays AWS's default allow-all, as in the walkthrough.
import type { EC2Client } from "@aws-sdk/client-ec2";
import {
  authorizeIngressFromCidr,
  authorizeIngressFromGroup,
  createSecurityGroup,
  defaultVpcId,
  deleteSecurityGroup,
  findSecurityGroupById,
  findSecurityGroupByName,
  findSecurityGroupsByTag,
  hasIngressFromCidr,
  hasIngressFromGroup,
  ingressCidrsOnPort,
  listSecurityGroups,
  referencesAny,
  resolveVpc,
  revokeIngressFromCidr,
  revokeReferencesTo,
  type SecurityGroup,
  tagResources,
  tagValue,
} from "../aws/ec2.js";
import { isAwsErrorNamed } from "../aws/errors.js";
import { STACK_TAG, STEP_TAG, stackTags } from "../aws/tags.js";
import { type Config, WALKTHROUGH } from "../config.js";
import { ingressRules } from "../desired.js";
import type { Change, LiveResource } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { AwsStep, AwsStepContext } from "./index.js";

const NET = WALKTHROUGH.network;
const RESOURCE = "EC2 security group";

export interface NetworkOutputs {
  [key: string]: string;
  vpcId: string;
  nodeSecurityGroupId: string;
  dbSecurityGroupId: string;
}

type Role = "node" | "db";

interface GroupSpec {
  role: Role;
  name: string;
  description: string;
  output: "nodeSecurityGroupId" | "dbSecurityGroupId";
}

function groupSpecs(config: Config): GroupSpec[] {
  return [
    {
      role: "node",
      name: config.names.nodeSecurityGroup,
      description: NET.nodeGroupDescription,
      output: "nodeSecurityGroupId",
    },
    {
      role: "db",
      name: config.names.dbSecurityGroup,
      description: NET.dbGroupDescription,
      output: "dbSecurityGroupId",
    },
  ];
}

/** The security-group id an earlier run recorded for this role, if any. */
function previousId(ctx: AwsStepContext, spec: GroupSpec): string | undefined {
  const value = ctx.previous?.[spec.output];
  return typeof value === "string" ? value : undefined;
}

type Ownership = { kind: "ours" } | { kind: "unowned" } | { kind: "other"; stack: string };

function ownership(group: SecurityGroup, stack: string): Ownership {
  const owner = tagValue(group, STACK_TAG);
  if (owner === undefined) return { kind: "unowned" };
  return owner === stack ? { kind: "ours" } : { kind: "other", stack: owner };
}

function otherStackError(group: SecurityGroup, stack: string): MsdemoError {
  return new MsdemoError(
    t("network.otherStack", { name: String(group.GroupName), id: String(group.GroupId), stack }),
    { hint: t("network.otherStack.hint") },
  );
}

/** The group for a role: the recorded id if it still exists in this VPC, else by name. */
async function findGroup(
  ec2: EC2Client,
  vpcId: string,
  spec: GroupSpec,
  recorded: string | undefined,
): Promise<SecurityGroup | undefined> {
  if (recorded) {
    const group = await findSecurityGroupById(ec2, recorded);
    if (group && group.VpcId === vpcId) return group;
  }
  return findSecurityGroupByName(ec2, vpcId, spec.name);
}

/**
 * Creates the group; if EC2 answers InvalidGroup.Duplicate (a create whose
 * answer was lost and retried, or another run at the same moment), the group
 * with that name is found and returned to be adopted like any found group.
 */
async function createOrFindDuplicate(
  ctx: AwsStepContext,
  vpcId: string,
  spec: GroupSpec,
): Promise<string | SecurityGroup> {
  try {
    return await createSecurityGroup(ctx.aws.ec2, {
      vpcId,
      name: spec.name,
      description: spec.description,
      tags: stackTags(ctx.config.names.stack, "network", spec.name),
    });
  } catch (error) {
    if (!isAwsErrorNamed(error, "InvalidGroup.Duplicate")) throw error;
    const existing = await findSecurityGroupByName(ctx.aws.ec2, vpcId, spec.name);
    if (!existing) throw error;
    ctx.progress(t("network.alreadyExists", { name: spec.name, id: String(existing.GroupId) }));
    return existing;
  }
}

interface Rule {
  describe: string;
  /** Holds already, given the group as it is. */
  present(group: SecurityGroup): boolean;
  add(ec2: EC2Client, groupId: string): Promise<boolean>;
}

/**
 * The inbound rules a group must have, given the other group's id (undefined when it is yet to be made).
 * The rule from the EKS cluster security group is the cluster step's.
 */
function desiredRules(role: Role, config: Config, otherId: string | undefined): Rule[] {
  const groupNames = { node: config.names.nodeSecurityGroup, db: config.names.dbSecurityGroup };
  return ingressRules(config).flatMap((rule): Rule[] => {
    const { port, source, description } = rule;
    if (rule.group !== role || source.kind === "cluster") return [];
    if (source.kind === "cidr") {
      return [
        {
          describe: t("network.rule.ssh", { port, cidr: source.cidr }),
          present: (g) => hasIngressFromCidr(g, port, source.cidr),
          add: (ec2, id) => authorizeIngressFromCidr(ec2, id, port, source.cidr, description),
        },
      ];
    }
    return [
      {
        describe: t("network.rule.fromGroup", { port, group: groupNames[source.group] }),
        present: (g) => otherId !== undefined && hasIngressFromGroup(g, port, otherId),
        add: (ec2, id) => authorizeIngressFromGroup(ec2, id, port, otherId!, description),
      },
    ];
  });
}

/** SSH sources the node group admits that the configuration does not ask for. */
function unwantedSsh(group: SecurityGroup, config: Config): string[] {
  return ingressCidrsOnPort(group, NET.sshPort).filter((cidr) => cidr !== config.sshCidr);
}

function changeDetail(missing: Rule[], closeSsh: string[]): string | undefined {
  const parts = [
    ...missing.map((r) => t("network.change.add", { rule: r.describe })),
    ...closeSsh.map((cidr) => t("network.change.removeSsh", { cidr })),
  ];
  return parts.length > 0 ? parts.join("; ") : undefined;
}

export const networkStep: AwsStep = {
  id: "network",
  get title() {
    return t("step.network.title");
  },
  needs: [],
  get console() {
    return t("network.console", {
      nodeGroup: NET.nodeGroupName,
      nodeDescription: NET.nodeGroupDescription,
      dbGroup: NET.dbGroupName,
      dbDescription: NET.dbGroupDescription,
    });
  },
  get deviations() {
    return [
      t("network.deviation.ssh"),
      t("network.deviation.clusterGroup", { dbGroup: NET.dbGroupName, nodeGroup: NET.nodeGroupName }),
      t("network.deviation.tags"),
    ];
  },

  async plan(ctx) {
    const { config } = ctx;
    const ec2 = ctx.aws.ec2;
    const vpcId = await resolveVpc(ec2, config.vpcId);
    const specs = groupSpecs(config);
    const found = new Map<Role, SecurityGroup | undefined>();
    for (const spec of specs) found.set(spec.role, await findGroup(ec2, vpcId, spec, previousId(ctx, spec)));

    const changes: Change[] = [];
    for (const spec of specs) {
      const group = found.get(spec.role);
      const other = found.get(spec.role === "node" ? "db" : "node");
      const rules = desiredRules(spec.role, config, other?.GroupId);
      if (!group) {
        changes.push({
          action: "create",
          resource: RESOURCE,
          name: spec.name,
          detail: t("network.plan.create", { vpc: vpcId, rules: rules.map((r) => r.describe).join(", ") }),
        });
        continue;
      }
      const owner = ownership(group, config.names.stack);
      if (owner.kind === "other") throw otherStackError(group, owner.stack);
      const missing = rules.filter((r) => !r.present(group));
      const closeSsh = spec.role === "node" ? unwantedSsh(group, config) : [];
      const detail = changeDetail(missing, closeSsh);
      if (owner.kind === "unowned") {
        changes.push({
          action: "adopt",
          resource: RESOURCE,
          name: spec.name,
          detail: `${t("network.plan.adopt", { id: String(group.GroupId), stack: config.names.stack })}${detail ? `; ${detail}` : ""}`,
        });
      } else if (detail) {
        changes.push({ action: "update", resource: RESOURCE, name: spec.name, detail });
      } else {
        changes.push({ action: "none", resource: RESOURCE, name: spec.name, detail: group.GroupId });
      }
    }
    return changes;
  },

  async apply(ctx) {
    const { config } = ctx;
    const ec2 = ctx.aws.ec2;
    const stack = config.names.stack;
    const vpcId = await resolveVpc(ec2, config.vpcId);
    if (ctx.previous?.vpcId !== vpcId) await ctx.record({ vpcId });

    const groups = new Map<Role, SecurityGroup>();
    for (const spec of groupSpecs(config)) {
      ctx.signal.throwIfAborted();
      let group = await findGroup(ec2, vpcId, spec, previousId(ctx, spec));
      let created = false;
      if (!group) {
        ctx.progress(t("network.creating", { name: spec.name }));
        const groupId = await createOrFindDuplicate(ctx, vpcId, spec);
        if (typeof groupId === "string") {
          await ctx.record({ [spec.output]: groupId });
          group = { GroupId: groupId, GroupName: spec.name, VpcId: vpcId, IpPermissions: [] };
          created = true;
        } else group = groupId;
      }
      if (!created) {
        const owner = ownership(group, stack);
        if (owner.kind === "other") throw otherStackError(group, owner.stack);
        if (owner.kind === "unowned") {
          ctx.progress(t("network.adopting", { name: spec.name, id: String(group.GroupId) }));
          await tagResources(ec2, [group.GroupId!], stackTags(stack, "network"));
        }
        if (previousId(ctx, spec) !== group.GroupId) await ctx.record({ [spec.output]: group.GroupId! });
      }
      groups.set(spec.role, group);
    }

    const node = groups.get("node")!;
    const db = groups.get("db")!;
    for (const [role, group, other] of [
      ["node", node, db],
      ["db", db, node],
    ] as const) {
      for (const rule of desiredRules(role, config, other.GroupId)) {
        if (rule.present(group)) continue;
        ctx.progress(t("network.allowing", { group: String(group.GroupName), rule: rule.describe }));
        await rule.add(ec2, group.GroupId!);
      }
    }
    for (const cidr of unwantedSsh(node, config)) {
      ctx.warn(t("network.sshRemoved", { group: String(node.GroupName), cidr }));
      await revokeIngressFromCidr(ec2, node.GroupId!, NET.sshPort, cidr);
    }

    const outputs: NetworkOutputs = {
      vpcId,
      nodeSecurityGroupId: node.GroupId!,
      dbSecurityGroupId: db.GroupId!,
    };
    return outputs;
  },

  async destroy(ctx) {
    const { config } = ctx;
    const ec2 = ctx.aws.ec2;
    const stack = config.names.stack;
    const ours = await discoverOwnGroups(ctx);

    const vpcIds = new Set<string>();
    for (const g of ours) if (g.VpcId) vpcIds.add(g.VpcId);
    const vpcHint = await vpcForDiscovery(ctx);
    if (vpcHint) vpcIds.add(vpcHint);

    const leftovers: SecurityGroup[] = [];
    for (const vpcId of vpcIds) leftovers.push(...(await loadBalancerLeftovers(ec2, config, vpcId)));

    const targets = new Set<string>([...leftovers, ...ours].map((g) => g.GroupId!));
    if (targets.size === 0) {
      ctx.progress(t("network.nothingToDelete"));
      return;
    }

    // References first: a group that another group's rule refers to cannot be deleted.
    const inVpcs: SecurityGroup[] = [];
    for (const vpcId of vpcIds)
      inVpcs.push(...(await listSecurityGroups(ec2, [{ Name: "vpc-id", Values: [vpcId] }])));
    const related = inVpcs.filter((g) => targets.has(g.GroupId!) || belongsToStack(g, config));
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

    // Load balancer leftovers first, then the stack's own groups.
    for (const group of [...leftovers, ...ours]) {
      const what = t("network.what", { name: String(group.GroupName), id: String(group.GroupId) });
      ctx.progress(t("network.deleting", { what }));
      await deleteSecurityGroup(ec2, group.GroupId!, {
        what,
        signal: ctx.signal,
        onRetry: (attempt) => ctx.progress(t("network.retrying", { what, attempt: attempt + 1 })),
        hint: t("network.stillInUse.hint", {
          name: String(group.GroupName),
          stack,
          id: String(group.GroupId),
        }),
      });
    }
  },

  async inspect(ctx) {
    const { config } = ctx;
    const ec2 = ctx.aws.ec2;
    const vpcId = await vpcForDiscovery(ctx);
    const tagged = await taggedGroups(ec2, config.names.stack);
    const resources: LiveResource[] = [];
    const warnings: string[] = [];
    for (const spec of groupSpecs(config)) {
      const group =
        (vpcId ? await findGroup(ec2, vpcId, spec, previousId(ctx, spec)) : undefined) ??
        tagged.find((g) => g.GroupName === spec.name);
      if (!group) {
        resources.push({
          step: "network",
          type: RESOURCE,
          name: spec.name,
          state: "missing",
          managed: false,
        });
        continue;
      }
      resources.push({
        step: "network",
        type: RESOURCE,
        name: spec.name,
        id: group.GroupId!,
        state: "exists",
        managed: ownership(group, config.names.stack).kind === "ours",
      });
      if (spec.role === "node") {
        for (const cidr of unwantedSsh(group, config))
          warnings.push(t("network.admitsSsh", { name: spec.name, cidr }));
      }
    }
    if (vpcId) {
      for (const group of await loadBalancerLeftovers(ec2, config, vpcId)) {
        resources.push({
          step: "network",
          type: `${RESOURCE} (Kubernetes load balancer)`,
          name: group.GroupName ?? group.GroupId!,
          id: group.GroupId!,
          state: "exists",
          managed: true,
        });
      }
    }
    return warnings.length > 0 ? { resources, warnings } : { resources };
  },
};

/** The VPC to search when nothing was recorded: the one configured or recorded, else the default (none is fine). */
async function vpcForDiscovery(ctx: AwsStepContext): Promise<string | undefined> {
  const recorded = ctx.previous?.vpcId;
  return (
    ctx.config.vpcId ?? (typeof recorded === "string" ? recorded : undefined) ?? defaultVpcId(ctx.aws.ec2)
  );
}

async function taggedGroups(ec2: EC2Client, stack: string): Promise<SecurityGroup[]> {
  const groups = await findSecurityGroupsByTag(ec2, STACK_TAG, [stack]);
  return groups.filter((g) => tagValue(g, STEP_TAG) === "network");
}

/** This stack's two groups, found by recorded id, by tag, and by name; never another stack's. */
async function discoverOwnGroups(ctx: AwsStepContext): Promise<SecurityGroup[]> {
  const { config } = ctx;
  const ec2 = ctx.aws.ec2;
  const stack = config.names.stack;
  const found = new Map<string, SecurityGroup>();
  const add = (group: SecurityGroup | undefined) => {
    if (!group?.GroupId) return;
    if (ownership(group, stack).kind === "other") {
      ctx.warn(
        t("network.leavingOther", {
          name: String(group.GroupName),
          id: group.GroupId,
          stack: String(tagValue(group, STACK_TAG)),
        }),
      );
      return;
    }
    found.set(group.GroupId, group);
  };
  const specs = groupSpecs(config);
  for (const spec of specs) {
    const id = previousId(ctx, spec);
    if (id) add(await findSecurityGroupById(ec2, id));
  }
  for (const group of await taggedGroups(ec2, stack)) add(group);
  const vpcId = await vpcForDiscovery(ctx);
  if (vpcId) {
    for (const spec of specs) add(await findSecurityGroupByName(ec2, vpcId, spec.name));
  }
  return [...found.values()];
}

function clusterTagKey(config: Config): string {
  return `kubernetes.io/cluster/${config.names.cluster}`;
}

/** Security groups Kubernetes made for the stack cluster's load balancers (k8s-elb-*), left in the VPC. */
async function loadBalancerLeftovers(
  ec2: EC2Client,
  config: Config,
  vpcId: string,
): Promise<SecurityGroup[]> {
  const groups = await findSecurityGroupsByTag(ec2, clusterTagKey(config), ["owned"], vpcId);
  return groups.filter((g) => g.GroupName?.startsWith("k8s-elb-"));
}

/** Groups of this stack or of its cluster, whose rules teardown may revoke. */
function belongsToStack(group: SecurityGroup, config: Config): boolean {
  return (
    tagValue(group, STACK_TAG) === config.names.stack ||
    tagValue(group, clusterTagKey(config)) !== undefined ||
    tagValue(group, "aws:eks:cluster-name") === config.names.cluster
  );
}
