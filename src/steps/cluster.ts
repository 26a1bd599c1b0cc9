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
  waitClusterActive,
} from "../aws/eks.js";
import { isAwsErrorNamed } from "../aws/errors.js";
import { listRoles, pickRole } from "../aws/iam.js";
import { eksSubnetIds, subnetsInZones } from "../aws/subnets.js";
import { stackTagMap, tagMapHasStack } from "../aws/tags.js";
import { WALKTHROUGH } from "../config.js";
import type { Change, LiveResource, Outputs } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
import type { AwsStep, AwsStepContext } from "./index.js";
import type { NetworkOutputs } from "./network.js";

const RESOURCE = "EKS cluster";
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
    throw new MsdemoError("The cluster needs the network step's security groups.", {
      hint: "run msdemo up --steps network first",
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
  let subnetIds = eksSubnetIds(subnets);
  const request = {
    name: ctx.config.names.cluster,
    roleArn: await clusterRoleArn(ctx),
    version: ctx.config.k8sVersion,
    securityGroupIds: [net.nodeSecurityGroupId],
    tags: stackTagMap(ctx.config.stack, "cluster"),
  };
  ctx.progress(
    `Creating EKS cluster ${request.name} (Kubernetes ${request.version}); this takes about 10 minutes`,
  );
  try {
    return await createCluster(ctx.aws.eks, { ...request, subnetIds });
  } catch (error) {
    const validZones = (error as { validZones?: string[] }).validZones;
    if (!isAwsErrorNamed(error, "UnsupportedAvailabilityZoneException") || !validZones?.length) throw error;
    subnetIds = subnetsInZones(subnets, subnetIds, validZones);
    ctx.progress(`EKS refused a zone; retrying in ${validZones.join(", ")}`);
    return createCluster(ctx.aws.eks, { ...request, subnetIds });
  }
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
    `${ctx.config.names.dbSecurityGroup}: allowing TCP ${DB_PORT} from the cluster security group ${clusterGroupId}`,
  );
  await authorizeIngressFromGroup(
    ctx.aws.ec2,
    dbGroupId,
    DB_PORT,
    clusterGroupId,
    "EKS cluster security group (the nodes)",
  );
}

async function ready(ctx: AwsStepContext, cluster: Cluster): Promise<Cluster> {
  const name = cluster.name!;
  if (cluster.status === "ACTIVE") return cluster;
  if (cluster.status === "FAILED") {
    throw new MsdemoError(`EKS cluster ${name} is FAILED.`, {
      hint: "Delete it with msdemo teardown, then run msdemo up again.",
    });
  }
  if (cluster.status === "DELETING") {
    ctx.progress(`EKS cluster ${name} is being deleted; waiting before creating it again`);
    await deleteCluster(ctx.aws.eks, name, {
      signal: ctx.signal,
      onState: (s) => ctx.progress(`cluster: ${s}`),
    });
    return ready(ctx, await create(ctx, network(ctx)));
  }
  return waitClusterActive(ctx.aws.eks, name, {
    signal: ctx.signal,
    onState: (s, ms) => ctx.progress(`cluster ${name}: ${s} (${Math.round(ms / 1000)}s)`),
  });
}

export const clusterStep: AwsStep = {
  id: "cluster",
  title: "EKS cluster",
  console:
    "EKS → Clusters → Create: custom configuration, EKS Auto Mode off, name node-microservices-demo, cluster IAM role LabEksClusterRole, EKS API, default VPC and subnets, additional security group node-sg-service, endpoint access public and private.",
  deviations: [
    "The database's security group also admits PostgreSQL from the cluster security group that EKS creates: managed nodes carry that group, not node-sg-service, so the walkthrough's rule alone never lets the pods reach RDS.",
    "Subnets in availability zones EKS does not support (use1-az3, usw1-az2, cac1-az3) are left out, so creation does not fail in those accounts.",
  ],
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
          detail: `Kubernetes ${ctx.config.k8sVersion}, about 10 minutes`,
        },
      ];
    if (!tagMapHasStack(found.tags, ctx.config.stack)) return [{ action: "adopt", resource: RESOURCE, name }];
    if (found.version !== ctx.config.k8sVersion) {
      return [
        {
          action: "update",
          resource: RESOURCE,
          name,
          detail: `runs ${found.version}, asked ${ctx.config.k8sVersion}; msdemo does not upgrade clusters`,
        },
      ];
    }
    return [{ action: "none", resource: RESOURCE, name, detail: found.status ?? "" }];
  },

  async apply(ctx): Promise<ClusterOutputs> {
    const net = network(ctx);
    const name = ctx.config.names.cluster;
    let cluster = await findCluster(ctx.aws.eks, name);
    if (!cluster) {
      cluster = await create(ctx, net);
      await ctx.record({ clusterName: name, clusterArn: cluster.arn ?? "" });
    }
    cluster = await ready(ctx, cluster);
    const clusterGroupId = await clusterSecurityGroup(ctx, cluster, net.vpcId);
    if (clusterGroupId) {
      await allowDatabaseFromCluster(ctx, net.dbSecurityGroupId, clusterGroupId);
    } else {
      ctx.warn(
        `EKS reported no cluster security group for ${name}; the pods may not reach the database until ${ctx.config.names.dbSecurityGroup} admits TCP ${DB_PORT} from the nodes' group.`,
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
    if (
      cluster.tags &&
      !tagMapHasStack(cluster.tags, ctx.config.stack) &&
      Object.keys(cluster.tags).length > 0
    ) {
      throw new MsdemoError(
        `EKS cluster ${name} is not tagged for stack ${ctx.config.stack}; msdemo leaves it alone.`,
      );
    }
    const onState = (s: string) => ctx.progress(`cluster ${name}: ${s}`);
    // The 5432 rule on postgres-sg-rds references EKS's cluster group, which EKS deletes with the cluster.
    const vpcId =
      ctx.outputsOf<NetworkOutputs>("network")?.vpcId ??
      cluster.resourcesVpcConfig?.vpcId ??
      (await resolveVpc(ctx.aws.ec2, ctx.config.vpcId));
    const clusterGroupId = await clusterSecurityGroup(ctx, cluster, vpcId);
    const dbGroup = await findSecurityGroupByName(ctx.aws.ec2, vpcId, ctx.config.names.dbSecurityGroup);
    if (clusterGroupId && dbGroup?.GroupId)
      await revokeIngressFromGroup(ctx.aws.ec2, dbGroup.GroupId, DB_PORT, clusterGroupId);
    // Without a state file the node group may still be there: EKS refuses to delete a cluster that has one.
    for (const group of await listNodegroups(ctx.aws.eks, name)) {
      ctx.progress(`deleting node group ${group} first`);
      await deleteNodegroup(ctx.aws.eks, name, group, { signal: ctx.signal, onState });
    }
    ctx.progress(`Deleting EKS cluster ${name}; this takes a few minutes`);
    await deleteCluster(ctx.aws.eks, name, { signal: ctx.signal, onState });
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
    if (found && ctx.previous && ctx.previous.clusterSecurityGroupId === null) {
      warnings.push(
        `no cluster security group is known for ${name}: check that ${ctx.config.names.dbSecurityGroup} admits TCP ${DB_PORT} from the nodes`,
      );
    }
    return {
      resources: [resource],
      warnings,
      ...(found?.endpoint ? { endpoints: { kubernetesApi: found.endpoint } } : {}),
    };
  },
};
