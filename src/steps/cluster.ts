// Step 5 of the walkthrough: the EKS cluster node-microservices-demo, with the
// Learner Lab's LabEksClusterRole, the default subnets, node-sg-service as an
// additional security group and a public and private endpoint. Then the fix
// the walkthrough misses: PostgreSQL ingress from the cluster security group,
// which is the group the managed nodes really carry.
import type { Cluster } from "@aws-sdk/client-eks";
import {
  authorizeIngressFromGroup,
  findSecurityGroupById,
  findSecurityGroupByName,
  findSecurityGroupsByTag,
  hasIngressFromGroup,
  listSubnets,
  resolveVpc,
  revokeIngressFromGroup,
} from "../aws/ec2.js";
import {
  createCluster,
  deleteCluster,
  deleteNodegroup,
  findCluster,
  listNodegroups,
  tagEksResource,
  waitClusterActive,
  waitClusterGone,
  waitClusterSettled,
} from "../aws/eks.js";
import { isAwsErrorNamed } from "../aws/errors.js";
import { listRoles, pickRole } from "../aws/iam.js";
import { eksSubnetIds, subnetsAfterRefusal, zoneRefusal } from "../aws/subnets.js";
import { stackTagMap, tagMapHasStack } from "../aws/tags.js";
import { WALKTHROUGH } from "../config.js";
import { ingressRules } from "../desired.js";
import type { Action, LiveResource } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { stateWord } from "../i18n/state-words.js";
import type { AwsStep, AwsStepContext } from "./index.js";
import type { ClusterOutputs, NetworkOutputs } from "./outputs.js";
import { adoptDetail, claim, deletable, ownership } from "./ownership.js";

const RESOURCE = "EKS cluster";
const DB_GROUP_RESOURCE = "EC2 security group";
const DB_PORT = WALKTHROUGH.database.port;

/**
 * Whether postgres-sg-rds admits 5432 from the cluster security group:
 * `pending` when that group is not known yet (no cluster, or one still being
 * made), `no-cluster-group` when EKS reports none for an ACTIVE cluster.
 */
type DbRule =
  | { state: "ok"; groupId: string }
  | { state: "missing"; groupId: string }
  | { state: "no-cluster-group" }
  | { state: "pending" };

/** What observe found. Runs write what they make or wait for back into it. */
interface Snapshot {
  /** The cluster by name; undefined when there is none. */
  cluster: Cluster | undefined;
  rule: DbRule;
  /** The cluster security group once known; undefined until looked for. */
  clusterGroupId?: string | null;
}

async function clusterRoleArn(ctx: AwsStepContext): Promise<string> {
  if (ctx.config.clusterRoleArn) return ctx.config.clusterRoleArn;
  return pickRole(await listRoles(ctx.aws.iam), [WALKTHROUGH.cluster.roleNamePattern], "--cluster-role-arn")
    .arn;
}

/** Creates the cluster; once more without the zones EKS refuses, if it says so. */
async function create(ctx: AwsStepContext, net: NetworkOutputs): Promise<Cluster> {
  const subnets = await listSubnets(ctx.aws.ec2, net.vpcId);
  const subnetIds = eksSubnetIds(subnets);
  const request = {
    name: ctx.config.names.cluster,
    roleArn: await clusterRoleArn(ctx),
    version: ctx.config.k8sVersion,
    securityGroupIds: [net.nodeSecurityGroupId],
    tags: stackTagMap(ctx.config.names.stack, "cluster"),
  };
  ctx.progress(t("cluster.creating", { name: request.name, version: request.version }));
  let cluster: Cluster;
  try {
    cluster = await createCluster(ctx.aws.eks, { ...request, subnetIds });
  } catch (error) {
    if (isAwsErrorNamed(error, "ResourceInUseException")) {
      // Made since we looked (a retried create whose answer was lost, or another run): adopt it.
      const existing = await findCluster(ctx.aws.eks, request.name);
      if (!existing) throw error;
      ctx.progress(t("cluster.alreadyExists", { name: request.name }));
      return existing;
    }
    if (!isAwsErrorNamed(error, "UnsupportedAvailabilityZoneException")) throw error;
    const refusal = zoneRefusal(error);
    if (refusal.refused.length === 0 && refusal.valid.length === 0) throw error;
    const retryIds = subnetsAfterRefusal(subnets, subnetIds, refusal);
    if (retryIds.join() === subnetIds.join()) throw error;
    ctx.progress(
      t("cluster.zoneRefused", {
        refused: refusal.refused.join(", ") || t("cluster.aZone"),
        valid: refusal.valid.join(", ") || t("cluster.otherZones"),
      }),
    );
    cluster = await createCluster(ctx.aws.eks, { ...request, subnetIds: retryIds });
  }
  await ctx.record({ clusterName: request.name, clusterArn: cluster.arn ?? "", roleArn: request.roleArn });
  return cluster;
}

/** The security group EKS made for the cluster: reported by EKS, else found by its tag. */
async function clusterSecurityGroup(
  ctx: AwsStepContext,
  cluster: Cluster,
  vpcId: string,
): Promise<string | null> {
  const reported = cluster.resourcesVpcConfig?.clusterSecurityGroupId;
  if (reported) return reported;
  const tagged = await findSecurityGroupsByTag(
    ctx.aws.ec2,
    "aws:eks:cluster-name",
    [cluster.name ?? ""],
    vpcId,
  );
  return tagged[0]?.GroupId ?? null;
}

/** The VPC the cluster is in: the network step's, else the cluster's own, else the configured one. */
async function vpcOf(ctx: AwsStepContext, cluster: Cluster): Promise<string | undefined> {
  return (
    ctx.find("network")?.vpcId ??
    cluster.resourcesVpcConfig?.vpcId ??
    (await resolveVpc(ctx.aws.ec2, ctx.config.vpcId).catch(() => undefined))
  );
}

/** Reads whether postgres-sg-rds admits 5432 from the cluster security group (observe and inspect). */
async function observeRule(ctx: AwsStepContext, cluster: Cluster | undefined): Promise<DbRule> {
  if (!cluster || cluster.status === "DELETING") return { state: "pending" };
  const net = ctx.find("network");
  const vpcId = await vpcOf(ctx, cluster);
  const groupId = vpcId ? await clusterSecurityGroup(ctx, cluster, vpcId) : null;
  if (!groupId) return cluster.status === "ACTIVE" ? { state: "no-cluster-group" } : { state: "pending" };
  const dbGroup = net
    ? await findSecurityGroupById(ctx.aws.ec2, net.dbSecurityGroupId)
    : vpcId
      ? await findSecurityGroupByName(ctx.aws.ec2, vpcId, ctx.config.names.dbSecurityGroup)
      : undefined;
  // No database group yet (a plan before the network step): the rule is to be added.
  if (dbGroup && hasIngressFromGroup(dbGroup, DB_PORT, groupId)) return { state: "ok", groupId };
  return { state: "missing", groupId };
}

/** Waits (reading only) until the cluster is ACTIVE, and keeps what EKS then reports. */
async function activeCluster(ctx: AwsStepContext, snapshot: Snapshot): Promise<Cluster> {
  const name = ctx.config.names.cluster;
  if (snapshot.cluster?.status === "ACTIVE") return snapshot.cluster;
  snapshot.cluster = await waitClusterActive(ctx.aws.eks, name, {
    signal: ctx.signal,
    onState: (s, ms) =>
      ctx.progress(t("cluster.stateElapsed", { name, state: stateWord(s), seconds: Math.round(ms / 1000) })),
  });
  return snapshot.cluster;
}

/** Admits 5432 into postgres-sg-rds from the cluster security group. */
async function allowDatabaseFrom(ctx: AwsStepContext, clusterGroupId: string): Promise<void> {
  ctx.progress(
    t("cluster.allowingDb", {
      dbGroup: ctx.config.names.dbSecurityGroup,
      port: DB_PORT,
      clusterGroup: clusterGroupId,
    }),
  );
  const rule = ingressRules(ctx.config).find((r) => r.source.kind === "cluster")!;
  const dbGroupId = ctx.require("network").dbSecurityGroupId;
  await authorizeIngressFromGroup(ctx.aws.ec2, dbGroupId, rule.port, clusterGroupId, rule.description);
}

function noClusterGroupWarning(ctx: AwsStepContext): string {
  return t("cluster.noClusterGroup", {
    name: ctx.config.names.cluster,
    dbGroup: ctx.config.names.dbSecurityGroup,
    port: DB_PORT,
  });
}

/** The cluster's one change: create it (after one being deleted is gone), adopt it, or nothing. */
function clusterAction(snapshot: Snapshot, ctx: AwsStepContext): Action<AwsStepContext, Snapshot> {
  const { config } = ctx;
  const name = config.names.cluster;
  const base = { resource: RESOURCE, name };
  const found = snapshot.cluster;
  if (!found || found.status === "DELETING") {
    const deleting = found !== undefined;
    return {
      change: { ...base, action: "create", detail: t("cluster.plan.create", { version: config.k8sVersion }) },
      async run(ctx, snapshot) {
        if (deleting) {
          ctx.progress(t("cluster.beingDeleted", { name }));
          await waitClusterGone(ctx.aws.eks, name, {
            signal: ctx.signal,
            onState: (s) => ctx.progress(t("cluster.state", { state: stateWord(s) })),
          });
        }
        snapshot.cluster = await create(ctx, ctx.require("network"));
        await activeCluster(ctx, snapshot);
      },
    };
  }
  const owner = ownership(found.tags, config.names.stack);
  claim(owner, RESOURCE, name);
  if (found.status === "FAILED") {
    throw new MsdemoError(t("cluster.failed", { name }), { hint: t("cluster.failed.hint") });
  }
  // msdemo does not upgrade clusters: another version is said, not changed.
  const warning =
    found.version && found.version !== config.k8sVersion
      ? t("cluster.otherVersion", { name, running: found.version, wanted: config.k8sVersion })
      : undefined;
  if (owner.kind === "untagged") {
    const arn = found.arn!;
    return {
      change: { ...base, action: "adopt", detail: adoptDetail(config.names.stack), warning },
      async run(ctx) {
        ctx.progress(t("cluster.adopting", { name, stack: ctx.config.names.stack }));
        await tagEksResource(ctx.aws.eks, arn, stackTagMap(ctx.config.names.stack, "cluster"));
      },
    };
  }
  return { change: { ...base, action: "none", detail: found.status ?? "", warning } };
}

/** The 5432 rule on postgres-sg-rds from the cluster security group. */
function ruleAction(snapshot: Snapshot, ctx: AwsStepContext): Action<AwsStepContext, Snapshot> {
  const base = { resource: DB_GROUP_RESOURCE, name: ctx.config.names.dbSecurityGroup };
  const { rule } = snapshot;
  switch (rule.state) {
    case "ok":
      return {
        change: {
          ...base,
          action: "none",
          detail: t("cluster.plan.dbRuleInPlace", { port: DB_PORT, groupId: rule.groupId }),
        },
      };
    case "no-cluster-group":
      return { change: { ...base, action: "none", warning: noClusterGroupWarning(ctx) } };
    case "missing":
      return {
        change: {
          ...base,
          action: "update",
          detail: t("cluster.plan.dbRule", { port: DB_PORT, groupId: rule.groupId }),
        },
        run: (ctx) => allowDatabaseFrom(ctx, rule.groupId),
      };
    case "pending":
      return {
        change: { ...base, action: "update", detail: t("cluster.plan.dbRuleNewGroup", { port: DB_PORT }) },
        async run(ctx, snapshot) {
          // The group exists once EKS has made the cluster. When EKS reports none,
          // this change cannot be made: it says so instead.
          const cluster = await activeCluster(ctx, snapshot);
          const groupId = await clusterSecurityGroup(ctx, cluster, ctx.require("network").vpcId);
          snapshot.clusterGroupId = groupId;
          if (groupId) await allowDatabaseFrom(ctx, groupId);
          else ctx.warn(noClusterGroupWarning(ctx));
        },
      };
  }
}

export const clusterStep: AwsStep<Snapshot> = {
  id: "cluster",
  get title() {
    return t("step.cluster.title");
  },
  get console() {
    return t("cluster.console");
  },
  get deviations() {
    return [
      t("cluster.deviation.clusterGroup"),
      t("cluster.deviation.zones"),
      t("cluster.deviation.role"),
      t("cluster.deviation.vpc"),
      t("cluster.deviation.standardSupport"),
    ];
  },
  needs: ["network"],

  async observe(ctx) {
    const cluster = await findCluster(ctx.aws.eks, ctx.config.names.cluster);
    const rule = await observeRule(ctx, cluster);
    return {
      cluster,
      rule,
      ...(rule.state === "ok" || rule.state === "missing" ? { clusterGroupId: rule.groupId } : {}),
    };
  },

  diff(snapshot, ctx) {
    return [clusterAction(snapshot, ctx), ruleAction(snapshot, ctx)];
  },

  async outputs(snapshot, ctx) {
    const net = ctx.require("network");
    const cluster = await activeCluster(ctx, snapshot);
    const clusterGroupId =
      snapshot.clusterGroupId !== undefined
        ? snapshot.clusterGroupId
        : await clusterSecurityGroup(ctx, cluster, net.vpcId);
    return {
      clusterName: ctx.config.names.cluster,
      clusterArn: cluster.arn ?? "",
      endpoint: cluster.endpoint ?? "",
      certificateAuthorityData: cluster.certificateAuthority?.data ?? "",
      clusterSecurityGroupId: clusterGroupId,
      subnetIds: cluster.resourcesVpcConfig?.subnetIds ?? [],
      roleArn: cluster.roleArn ?? "",
      k8sVersion: cluster.version ?? ctx.config.k8sVersion,
    } satisfies ClusterOutputs;
  },

  async destroy(ctx) {
    const name = ctx.config.names.cluster;
    const cluster = await findCluster(ctx.aws.eks, name);
    if (!cluster) return;
    const verdict = deletable(ownership(cluster.tags, ctx.config.names.stack), RESOURCE, name);
    if (!verdict.ok) {
      ctx.warn(verdict.note);
      return;
    }
    const onState = (s: string) => ctx.progress(t("cluster.stateOf", { name, state: stateWord(s) }));
    // The 5432 rule on postgres-sg-rds refers to EKS's cluster group; revoked first so
    // nothing holds that group back when EKS deletes it with the cluster.
    const net = ctx.find("network");
    const vpcId =
      net?.vpcId ?? cluster.resourcesVpcConfig?.vpcId ?? (await resolveVpc(ctx.aws.ec2, ctx.config.vpcId));
    const clusterGroupId = await clusterSecurityGroup(ctx, cluster, vpcId);
    const dbGroupId =
      net?.dbSecurityGroupId ??
      (await findSecurityGroupByName(ctx.aws.ec2, vpcId, ctx.config.names.dbSecurityGroup))?.GroupId;
    if (
      clusterGroupId &&
      dbGroupId &&
      (await revokeIngressFromGroup(ctx.aws.ec2, dbGroupId, DB_PORT, clusterGroupId))
    )
      ctx.progress(
        t("cluster.revoked", {
          dbGroup: ctx.config.names.dbSecurityGroup,
          port: DB_PORT,
          clusterGroup: clusterGroupId,
        }),
      );
    ctx.progress(t("cluster.deleting", { name }));
    try {
      await deleteCluster(ctx.aws.eks, name, { signal: ctx.signal, onState });
    } catch (error) {
      // Without a state file the node group may still be there; EKS refuses to delete a cluster that has one.
      if (!isAwsErrorNamed(error, "ResourceInUseException")) throw error;
      // Or it is still being created or updated (a run killed midway): wait for that to end.
      if (!(await waitClusterSettled(ctx.aws.eks, name, { signal: ctx.signal, onState }))) return;
      for (const group of await listNodegroups(ctx.aws.eks, name)) {
        ctx.progress(t("cluster.nodegroupLeft", { name, group }));
        await deleteNodegroup(ctx.aws.eks, name, group, {
          signal: ctx.signal,
          onState: (s) => ctx.progress(t("nodes.state", { name: group, state: stateWord(s) })),
        });
      }
      await deleteCluster(ctx.aws.eks, name, { signal: ctx.signal, onState });
    }
  },

  async inspect(ctx) {
    const name = ctx.config.names.cluster;
    const found = await findCluster(ctx.aws.eks, name);
    const resource: LiveResource = {
      step: "cluster",
      type: RESOURCE,
      name,
      state: found?.status ?? "missing",
      managed: found ? tagMapHasStack(found.tags, ctx.config.names.stack) : true,
      ...(found?.arn ? { id: found.arn } : {}),
      ...(found?.createdAt ? { createdAt: found.createdAt.toISOString() } : {}),
    };
    const warnings: string[] = [];
    if (found?.status === "ACTIVE") {
      const rule = await observeRule(ctx, found);
      if (rule.state === "no-cluster-group")
        warnings.push(
          t("cluster.inspect.noClusterGroup", {
            name,
            dbGroup: ctx.config.names.dbSecurityGroup,
            port: DB_PORT,
          }),
        );
      if (rule.state === "missing")
        warnings.push(
          t("cluster.inspect.dbRuleMissing", {
            dbGroup: ctx.config.names.dbSecurityGroup,
            port: DB_PORT,
            groupId: rule.groupId,
          }),
        );
    }
    return {
      resources: [resource],
      warnings,
      ...(found?.endpoint ? { endpoints: { kubernetesApi: found.endpoint } } : {}),
    };
  },
};
