// Step 1 of the walkthrough: the two security groups in the default VPC.
//   node-sg-service ("Access Node"):     TCP 80 from postgres-sg-rds; SSH only with --ssh-cidr
//   postgres-sg-rds ("Acceso postgreSQL"): TCP 5432 from node-sg-service (the cluster step
//                                         adds the EKS cluster security group as soon as it exists)
// Egress stays AWS's default allow-all, as in the walkthrough.
//
// The plan lists each group (create, adopt, or nothing to do) and then, as an
// update of that group, the inbound rules it lacks and the SSH it should not
// admit: a rule from the other group needs that group's id, which a create
// earlier in the same plan only makes.
import type { EC2Client } from "@aws-sdk/client-ec2";
import {
  authorizeIngressFromCidr,
  authorizeIngressFromGroup,
  createSecurityGroup,
  defaultVpcId,
  findSecurityGroupById,
  findSecurityGroupByName,
  findSecurityGroupsByTag,
  hasIngressFromCidr,
  hasIngressFromGroup,
  ingressCidrsOnPort,
  resolveVpc,
  revokeIngressFromCidr,
  type SecurityGroup,
  tagResources,
  tagValue,
} from "../aws/ec2.js";
import { isAwsErrorNamed } from "../aws/errors.js";
import { STACK_TAG, STEP_TAG, stackTags } from "../aws/tags.js";
import { type Config, WALKTHROUGH } from "../config.js";
import { ingressRules } from "../desired.js";
import type { Action, LiveResource } from "../engine/types.js";
import { t } from "../i18n/index.js";
import type { AwsStep, AwsStepContext } from "./index.js";
import type { NetworkOutputs } from "./outputs.js";
import { adoptDetail, claim, deletable, ownership } from "./ownership.js";
import { deleteWithLoadBalancerLeftovers, loadBalancerLeftovers } from "./security-group-teardown.js";

const NET = WALKTHROUGH.network;
const RESOURCE = "EC2 security group";

type Role = "node" | "db";

interface GroupSpec {
  role: Role;
  other: Role;
  name: string;
  description: string;
  output: "nodeSecurityGroupId" | "dbSecurityGroupId";
}

function groupSpecs(config: Config): GroupSpec[] {
  return [
    {
      role: "node",
      other: "db",
      name: config.names.nodeSecurityGroup,
      description: NET.nodeGroupDescription,
      output: "nodeSecurityGroupId",
    },
    {
      role: "db",
      other: "node",
      name: config.names.dbSecurityGroup,
      description: NET.dbGroupDescription,
      output: "dbSecurityGroupId",
    },
  ];
}

/** What observe found: the VPC and each group (undefined: not there yet). The runs fill in what they make. */
interface Snapshot {
  vpcId: string;
  groups: Record<Role, SecurityGroup | undefined>;
}

/** The security-group id an earlier run recorded for this role, if any. */
function previousId(ctx: AwsStepContext, spec: GroupSpec): string | undefined {
  const value = ctx.previous?.[spec.output];
  return typeof value === "string" ? value : undefined;
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
 * with that name is used instead, under the same ownership rule as a group
 * observe found (refused if another stack's, tagged if untagged).
 */
async function createOrFindDuplicate(ctx: AwsStepContext, vpcId: string, spec: GroupSpec) {
  const stack = ctx.config.names.stack;
  const tags = stackTags(stack, "network", spec.name);
  try {
    const groupId = await createSecurityGroup(ctx.aws.ec2, {
      vpcId,
      name: spec.name,
      description: spec.description,
      tags,
    });
    return { GroupId: groupId, GroupName: spec.name, VpcId: vpcId, IpPermissions: [], Tags: tags };
  } catch (error) {
    if (!isAwsErrorNamed(error, "InvalidGroup.Duplicate")) throw error;
    const existing = await findSecurityGroupByName(ctx.aws.ec2, vpcId, spec.name);
    if (!existing) throw error;
    const owner = ownership(existing.Tags, stack);
    claim(owner, RESOURCE, spec.name);
    ctx.progress(t("network.alreadyExists", { name: spec.name, id: String(existing.GroupId) }));
    if (owner.kind === "untagged") await tagResources(ctx.aws.ec2, [existing.GroupId!], tags);
    return existing;
  }
}

/** One inbound rule a group must have; `otherId` is the other group's id (undefined while it does not exist). */
interface Rule {
  describe: string;
  present(group: SecurityGroup, otherId: string | undefined): boolean;
  add(ec2: EC2Client, groupId: string, otherId: string): Promise<boolean>;
}

/** The inbound rules a group must have. The rule from the EKS cluster security group is the cluster step's. */
function desiredRules(role: Role, config: Config): Rule[] {
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
        present: (g, otherId) => otherId !== undefined && hasIngressFromGroup(g, port, otherId),
        add: (ec2, id, otherId) => authorizeIngressFromGroup(ec2, id, port, otherId, description),
      },
    ];
  });
}

/** SSH sources the node group admits that the configuration does not ask for. */
function unwantedSsh(group: SecurityGroup, config: Config): string[] {
  return ingressCidrsOnPort(group, NET.sshPort).filter((cidr) => cidr !== config.sshCidr);
}

type NetworkAction = Action<AwsStepContext, Snapshot>;

/** The group itself: create it, adopt it, or nothing (undefined when its rules change anyway). */
function groupAction(spec: GroupSpec, snapshot: Snapshot, stack: string): NetworkAction | undefined {
  const group = snapshot.groups[spec.role];
  const base = { resource: RESOURCE, name: spec.name };
  if (!group) {
    return {
      change: { ...base, action: "create", detail: t("network.plan.create", { vpc: snapshot.vpcId }) },
      async run(ctx, snap) {
        ctx.progress(t("network.creating", { name: spec.name }));
        const made = await createOrFindDuplicate(ctx, snap.vpcId, spec);
        snap.groups[spec.role] = made;
        await ctx.record({ vpcId: snap.vpcId, [spec.output]: made.GroupId! });
      },
    };
  }
  const owner = ownership(group.Tags, stack);
  claim(owner, RESOURCE, spec.name);
  if (owner.kind !== "untagged") return undefined;
  return {
    change: { ...base, action: "adopt", detail: `${group.GroupId}: ${adoptDetail(stack)}` },
    async run(ctx, snap) {
      ctx.progress(t("network.adopting", { name: spec.name, id: String(group.GroupId) }));
      await tagResources(ctx.aws.ec2, [group.GroupId!], stackTags(stack, "network", spec.name));
      await ctx.record({ vpcId: snap.vpcId, [spec.output]: group.GroupId! });
    },
  };
}

/** A group that is there, ours, with every rule it needs: listed so the plan shows the whole step. */
function unchanged(spec: GroupSpec, snapshot: Snapshot): NetworkAction {
  const detail = snapshot.groups[spec.role]?.GroupId;
  return { change: { action: "none", resource: RESOURCE, name: spec.name, detail } };
}

/** The group's inbound rules: add the missing ones, close SSH the configuration does not ask for. */
function rulesAction(spec: GroupSpec, snapshot: Snapshot, config: Config): NetworkAction | undefined {
  const group = snapshot.groups[spec.role];
  const otherId = snapshot.groups[spec.other]?.GroupId;
  const missing = desiredRules(spec.role, config).filter((r) => !group || !r.present(group, otherId));
  const closeSsh = group && spec.role === "node" ? unwantedSsh(group, config) : [];
  if (missing.length === 0 && closeSsh.length === 0) return undefined;
  const detail = [
    ...missing.map((r) => t("network.change.add", { rule: r.describe })),
    ...closeSsh.map((cidr) => t("network.change.removeSsh", { cidr })),
  ].join("; ");
  const warning =
    closeSsh.length > 0
      ? closeSsh.map((cidr) => t("network.closingSsh", { group: spec.name, cidr })).join(" ")
      : undefined;
  return {
    change: { action: "update", resource: RESOURCE, name: spec.name, detail, warning },
    async run(ctx, snap) {
      const ec2 = ctx.aws.ec2;
      // Made or adopted by an earlier change of this plan if observe did not find it.
      const groupId = snap.groups[spec.role]!.GroupId!;
      const other = snap.groups[spec.other]!.GroupId!;
      for (const rule of missing) {
        ctx.progress(t("network.allowing", { group: spec.name, rule: rule.describe }));
        await rule.add(ec2, groupId, other);
      }
      for (const cidr of closeSsh) await revokeIngressFromCidr(ec2, groupId, NET.sshPort, cidr);
    },
  };
}

export const networkStep: AwsStep<Snapshot> = {
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

  async observe(ctx) {
    const ec2 = ctx.aws.ec2;
    const vpcId = await resolveVpc(ec2, ctx.config.vpcId);
    const groups: Snapshot["groups"] = { node: undefined, db: undefined };
    for (const spec of groupSpecs(ctx.config)) {
      groups[spec.role] = await findGroup(ec2, vpcId, spec, previousId(ctx, spec));
    }
    return { vpcId, groups };
  },

  diff(snapshot, ctx) {
    const { config } = ctx;
    const specs = groupSpecs(config);
    const rules = specs.map((spec) => rulesAction(spec, snapshot, config));
    // Every group is listed: a group with nothing to change as "none".
    const groups = specs.map(
      (spec, i) =>
        groupAction(spec, snapshot, config.names.stack) ?? (rules[i] ? undefined : unchanged(spec, snapshot)),
    );
    return [...groups, ...rules].filter((a): a is NetworkAction => a !== undefined);
  },

  async outputs(snapshot) {
    return {
      vpcId: snapshot.vpcId,
      nodeSecurityGroupId: snapshot.groups.node!.GroupId!,
      dbSecurityGroupId: snapshot.groups.db!.GroupId!,
    } satisfies NetworkOutputs;
  },

  async destroy(ctx) {
    const own = await discoverOwnGroups(ctx);
    const vpcIds = new Set<string>();
    for (const g of own) if (g.VpcId) vpcIds.add(g.VpcId);
    const vpcHint = await vpcForDiscovery(ctx);
    if (vpcHint) vpcIds.add(vpcHint);
    await deleteWithLoadBalancerLeftovers(ctx, own, vpcIds);
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
        managed: ownership(group.Tags, config.names.stack).kind === "ours",
      });
      if (spec.role === "node") {
        for (const cidr of unwantedSsh(group, config))
          warnings.push(t("network.admitsSsh", { name: spec.name, cidr }));
      }
    }
    if (vpcId) {
      for (const group of await loadBalancerLeftovers(ec2, config.names.cluster, vpcId)) {
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
  const leftAlone = new Set<string>();
  const add = (group: SecurityGroup | undefined) => {
    if (!group?.GroupId || leftAlone.has(group.GroupId)) return;
    const name = `${group.GroupName} (${group.GroupId})`;
    const verdict = deletable(ownership(group.Tags, stack), RESOURCE, name);
    if (!verdict.ok) {
      leftAlone.add(group.GroupId);
      ctx.warn(verdict.note);
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
