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
  waitClusterSettled,
} from "../aws/eks.js";
import { isAwsErrorNamed } from "../aws/errors.js";
import { listRoles, pickRole } from "../aws/iam.js";
import { eksSubnetIds, subnetsAfterRefusal, zoneRefusal } from "../aws/subnets.js";
import { STACK_TAG, stackTagMap, tagMapHasStack } from "../aws/tags.js";
import { WALKTHROUGH } from "../config.js";
import { ingressRules } from "../desired.js";
import type { Change, LiveResource, Outputs } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { stateWord } from "../i18n/state-words.js";
import type { AwsStep, AwsStepContext } from "./index.js";
import type { NetworkOutputs } from "./network.js";

const RESOURCE = "EKS cluster";
const DB_GROUP_RESOURCE = "EC2 security group";
const DB_PORT = WALKTHROUGH.database.port;

export interface ClusterOutputs extends Outputs {
  clusterName: string;
  clusterArn: string;
  endpoint: string;
  /** Public CA data of the API server (not a secret). */
  certificateAuthorityData: string;
  clusterSecurityGroupId: string | null;
  subnetIds: string[];
  roleArn: string;
  k8sVersion: string;
}

function network(ctx: AwsStepContext): NetworkOutputs {
  const outputs = ctx.outputsOf<NetworkOutputs>("network");
  if (!outputs?.vpcId)
    throw new MsdemoError(t("cluster.needsNetwork"), {
      hint: t("cluster.needsNetwork.hint"),
    });
  return outputs;
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
    tags: stackTagMap(ctx.config.stack, "cluster"),
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

/** postgres-sg-rds admits 5432 from the cluster security group, without a call when it already does. */
async function allowDatabaseFromCluster(
  ctx: AwsStepContext,
  dbGroupId: string,
  clusterGroupId: string,
): Promise<void> {
  const group = await findSecurityGroupById(ctx.aws.ec2, dbGroupId);
  if (group && hasIngressFromGroup(group, DB_PORT, clusterGroupId)) return;
  ctx.progress(
    t("cluster.allowingDb", {
      dbGroup: ctx.config.names.dbSecurityGroup,
      port: DB_PORT,
      clusterGroup: clusterGroupId,
    }),
  );
  const rule = ingressRules(ctx.config).find((r) => r.source.kind === "cluster")!;
  await authorizeIngressFromGroup(ctx.aws.ec2, dbGroupId, rule.port, clusterGroupId, rule.description);
}

type DbRule = { state: "ok" } | { state: "no-cluster-group" } | { state: "missing"; groupId: string };

/** Whether postgres-sg-rds admits 5432 from the cluster security group (read-only, for plan and inspect). */
async function dbRuleState(ctx: AwsStepContext, cluster: Cluster): Promise<DbRule> {
  const net = ctx.outputsOf<NetworkOutputs>("network");
  const vpcId =
    net?.vpcId ??
    cluster.resourcesVpcConfig?.vpcId ??
    (await resolveVpc(ctx.aws.ec2, ctx.config.vpcId).catch(() => undefined));
  const groupId = vpcId ? await clusterSecurityGroup(ctx, cluster, vpcId) : null;
  if (!groupId) return { state: "no-cluster-group" };
  const dbGroup = net?.dbSecurityGroupId
    ? await findSecurityGroupById(ctx.aws.ec2, net.dbSecurityGroupId)
    : vpcId
      ? await findSecurityGroupByName(ctx.aws.ec2, vpcId, ctx.config.names.dbSecurityGroup)
      : undefined;
  if (!dbGroup || hasIngressFromGroup(dbGroup, DB_PORT, groupId)) return { state: "ok" };
  return { state: "missing", groupId };
}

async function ready(ctx: AwsStepContext, cluster: Cluster): Promise<Cluster> {
  const name = cluster.name!;
  if (cluster.status === "ACTIVE") return cluster;
  if (cluster.status === "FAILED") {
    throw new MsdemoError(t("cluster.failed", { name }), {
      hint: t("cluster.failed.hint"),
    });
  }
  if (cluster.status === "DELETING") {
    ctx.progress(t("cluster.beingDeleted", { name }));
    await deleteCluster(ctx.aws.eks, name, {
      signal: ctx.signal,
      onState: (s) => ctx.progress(t("cluster.state", { state: stateWord(s) })),
    });
    return ready(ctx, await create(ctx, network(ctx)));
  }
  return waitClusterActive(ctx.aws.eks, name, {
    signal: ctx.signal,
    onState: (s, ms) =>
      ctx.progress(t("cluster.stateElapsed", { name, state: stateWord(s), seconds: Math.round(ms / 1000) })),
  });
}

export const clusterStep: AwsStep = {
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

  async plan(ctx): Promise<Change[]> {
    const name = ctx.config.names.cluster;
    const found = await findCluster(ctx.aws.eks, name);
    if (!found)
      return [
        {
          action: "create",
          resource: RESOURCE,
          name,
          detail: t("cluster.plan.create", { version: ctx.config.k8sVersion }),
        },
      ];
    if (!tagMapHasStack(found.tags, ctx.config.stack)) return [{ action: "adopt", resource: RESOURCE, name }];
    if (found.version !== ctx.config.k8sVersion) {
      return [
        {
          action: "update",
          resource: RESOURCE,
          name,
          detail: t("cluster.plan.otherVersion", {
            running: `${found.version}`,
            wanted: ctx.config.k8sVersion,
          }),
        },
      ];
    }
    const changes: Change[] = [{ action: "none", resource: RESOURCE, name, detail: found.status ?? "" }];
    const rule: DbRule = found.status === "ACTIVE" ? await dbRuleState(ctx, found) : { state: "ok" };
    if (rule.state === "missing")
      changes.push({
        action: "update",
        resource: DB_GROUP_RESOURCE,
        name: ctx.config.names.dbSecurityGroup,
        detail: t("cluster.plan.dbRule", { port: DB_PORT, groupId: rule.groupId }),
      });
    return changes;
  },

  async apply(ctx): Promise<ClusterOutputs> {
    const net = network(ctx);
    const name = ctx.config.names.cluster;
    let cluster = await findCluster(ctx.aws.eks, name);
    const made = !cluster;
    if (!cluster) cluster = await create(ctx, net);
    if (made && cluster.tags === undefined)
      cluster = { ...cluster, tags: stackTagMap(ctx.config.stack, "cluster") };
    if (!tagMapHasStack(cluster.tags, ctx.config.stack) && cluster.arn) {
      ctx.progress(t("cluster.adopting", { name, stack: ctx.config.stack }));
      await tagEksResource(ctx.aws.eks, cluster.arn, stackTagMap(ctx.config.stack, "cluster"));
    }
    cluster = await ready(ctx, cluster);
    if (cluster.version && cluster.version !== ctx.config.k8sVersion) {
      ctx.warn(t("cluster.otherVersion", { name, running: cluster.version, wanted: ctx.config.k8sVersion }));
    }
    const clusterGroupId = await clusterSecurityGroup(ctx, cluster, net.vpcId);
    if (clusterGroupId) {
      await allowDatabaseFromCluster(ctx, net.dbSecurityGroupId, clusterGroupId);
    } else {
      ctx.warn(
        t("cluster.noClusterGroup", { name, dbGroup: ctx.config.names.dbSecurityGroup, port: DB_PORT }),
      );
    }
    return {
      clusterName: name,
      clusterArn: cluster.arn ?? "",
      endpoint: cluster.endpoint ?? "",
      certificateAuthorityData: cluster.certificateAuthority?.data ?? "",
      clusterSecurityGroupId: clusterGroupId,
      subnetIds: cluster.resourcesVpcConfig?.subnetIds ?? [],
      roleArn: cluster.roleArn ?? "",
      k8sVersion: cluster.version ?? ctx.config.k8sVersion,
    };
  },

  async destroy(ctx) {
    const name = ctx.config.names.cluster;
    const cluster = await findCluster(ctx.aws.eks, name);
    if (!cluster) return;
    const owner = cluster.tags?.[STACK_TAG];
    if (owner !== undefined && owner !== ctx.config.stack) {
      ctx.warn(t("cluster.otherStack", { name, owner }));
      return;
    }
    const onState = (s: string) => ctx.progress(t("cluster.stateOf", { name, state: stateWord(s) }));
    // The 5432 rule on postgres-sg-rds refers to EKS's cluster group; revoked first so
    // nothing holds that group back when EKS deletes it with the cluster.
    const net = ctx.outputsOf<NetworkOutputs>("network");
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
      managed: found ? tagMapHasStack(found.tags, ctx.config.stack) : true,
      ...(found?.arn ? { id: found.arn } : {}),
      ...(found?.createdAt ? { createdAt: found.createdAt.toISOString() } : {}),
    };
    const warnings: string[] = [];
    if (found?.status === "ACTIVE") {
      const rule = await dbRuleState(ctx, found);
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
