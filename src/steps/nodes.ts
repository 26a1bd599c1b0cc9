// Step 6 of the walkthrough: the managed node group ng-general (LabRole,
// Amazon Linux 2023 x86_64, t3.medium, 20 GiB, 2/2/4) on the cluster's subnets.
import type { Nodegroup } from "@aws-sdk/client-eks";
import {
  createAddon,
  createNodegroup,
  deleteNodegroup,
  findAddon,
  findNodegroup,
  nodegroupProblem,
  tagEksResource,
  updateNodegroupScaling,
  waitNodegroupActive,
} from "../aws/eks.js";
import { explainAwsError, isAwsErrorNamed } from "../aws/errors.js";
import { listRoles, pickRole } from "../aws/iam.js";
import { stackTagMap, tagMapHasStack } from "../aws/tags.js";
import { WALKTHROUGH } from "../config.js";
import { nodegroupSettings } from "../desired.js";
import type { Change, LiveResource, LiveStatus, Outputs } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { stateWord } from "../i18n/state-words.js";
import type { ClusterOutputs } from "./cluster.js";
import type { AwsStep, AwsStepContext } from "./index.js";

const RESOURCE = "EKS node group";

export interface NodesOutputs extends Outputs {
  nodegroupName: string;
  nodegroupArn: string;
  roleArn: string;
  instanceType: string;
  scaling: { desired: number; min: number; max: number };
}

function wantedScaling(ctx: AwsStepContext) {
  return nodegroupSettings(ctx.config).scaling;
}

function scalingOf(group: Nodegroup) {
  const s = group.scalingConfig ?? {};
  return { desired: s.desiredSize ?? 0, min: s.minSize ?? 0, max: s.maxSize ?? 0 };
}

function scalingDiffers(group: Nodegroup, wanted: ReturnType<typeof wantedScaling>): boolean {
  const have = scalingOf(group);
  return have.desired !== wanted.desired || have.min !== wanted.min || have.max !== wanted.max;
}

const describeScaling = (s: ReturnType<typeof wantedScaling>) => t("nodes.scaling", s);

async function nodeRoleArn(ctx: AwsStepContext): Promise<string> {
  if (ctx.config.nodeRoleArn) return ctx.config.nodeRoleArn;
  return pickRole(await listRoles(ctx.aws.iam), [...WALKTHROUGH.nodes.roleNames], "--node-role-arn").arn;
}

function cluster(ctx: AwsStepContext): ClusterOutputs {
  const outputs = ctx.outputsOf<ClusterOutputs>("cluster");
  if (!outputs?.clusterName)
    throw new MsdemoError(t("nodes.needsCluster"), {
      hint: t("nodes.needsCluster.hint"),
    });
  return outputs;
}

/** EKS installs no metrics-server: without it every HorizontalPodAutoscaler shows <unknown> and never scales. */
const METRICS_SERVER = "metrics-server";
const ADDON = "EKS add-on";

/**
 * Installs the metrics-server add-on once the nodes can run it. A failure is a
 * warning, not a failed step: the services run without it, only unscaled.
 */
async function ensureMetricsServer(ctx: AwsStepContext, clusterName: string): Promise<void> {
  try {
    if (await findAddon(ctx.aws.eks, clusterName, METRICS_SERVER)) return;
    ctx.progress(t("nodes.metricsServer.installing", { cluster: clusterName }));
    await createAddon(ctx.aws.eks, clusterName, METRICS_SERVER, stackTagMap(ctx.config.stack, "nodes"));
  } catch (error) {
    ctx.signal.throwIfAborted();
    ctx.warn(t("nodes.metricsServer.failed", { reason: explainAwsError(error).message }));
  }
}

/** The add-on as AWS reports it; undefined when it cannot be asked (an emulator without add-ons). */
async function metricsServer(ctx: AwsStepContext): Promise<{ status: string } | undefined> {
  try {
    const found = await findAddon(ctx.aws.eks, ctx.config.names.cluster, METRICS_SERVER);
    return { status: found?.status ?? "missing" };
  } catch {
    return undefined;
  }
}

export const nodesStep: AwsStep = {
  id: "nodes",
  get title() {
    return t("step.nodes.title");
  },
  get console() {
    return t("nodes.console");
  },
  get deviations() {
    return [t("nodes.deviation.role"), t("nodes.deviation.metricsServer")];
  },
  needs: ["cluster"],

  async plan(ctx): Promise<Change[]> {
    const addon = await metricsServer(ctx);
    const addonChange: Change[] =
      addon?.status === "missing"
        ? [{ action: "create", resource: ADDON, name: METRICS_SERVER, detail: t("nodes.plan.metricsServer") }]
        : [];
    return [...(await planNodegroup(ctx)), ...addonChange];
  },

  async apply(ctx): Promise<NodesOutputs> {
    return applyNodegroup(ctx);
  },

  async destroy(ctx) {
    return destroyNodegroup(ctx);
  },

  async inspect(ctx) {
    const status = await inspectNodegroup(ctx);
    const addon = await metricsServer(ctx);
    if (addon)
      status.resources.push({
        step: "nodes",
        type: ADDON,
        name: METRICS_SERVER,
        state: addon.status,
        managed: true,
      });
    return status;
  },
};

async function planNodegroup(ctx: AwsStepContext): Promise<Change[]> {
  const name = ctx.config.names.nodeGroup;
  const found = await findNodegroup(ctx.aws.eks, ctx.config.names.cluster, name);
  const wanted = wantedScaling(ctx);
  if (!found)
    return [
      {
        action: "create",
        resource: RESOURCE,
        name,
        detail: `${ctx.config.instanceType}, ${describeScaling(wanted)}`,
      },
    ];
  if (!tagMapHasStack(found.tags, ctx.config.stack)) return [{ action: "adopt", resource: RESOURCE, name }];
  if (scalingDiffers(found, wanted)) {
    return [
      {
        action: "update",
        resource: RESOURCE,
        name,
        detail: t("nodes.plan.scaling", {
          from: describeScaling(scalingOf(found)),
          to: describeScaling(wanted),
        }),
      },
    ];
  }
  return [{ action: "none", resource: RESOURCE, name, detail: found.status ?? "" }];
}

async function applyNodegroup(ctx: AwsStepContext): Promise<NodesOutputs> {
  const clusterName = cluster(ctx).clusterName;
  const name = ctx.config.names.nodeGroup;
  const wanted = wantedScaling(ctx);
  const onState = (state: string, ms: number) =>
    ctx.progress(t("nodes.stateElapsed", { name, state: stateWord(state), seconds: Math.round(ms / 1000) }));
  let group = await findNodegroup(ctx.aws.eks, clusterName, name);
  if (group?.status === "DELETING") {
    await deleteNodegroup(ctx.aws.eks, clusterName, name, { signal: ctx.signal, onState });
    group = undefined;
  }
  const made = !group;
  if (!group) {
    ctx.progress(
      t("nodes.creating", {
        name,
        instanceType: ctx.config.instanceType,
        scaling: describeScaling(wanted),
      }),
    );
    const request = {
      clusterName,
      name,
      roleArn: await nodeRoleArn(ctx),
      subnetIds: cluster(ctx).subnetIds,
      ...nodegroupSettings(ctx.config),
      scaling: wanted,
      tags: stackTagMap(ctx.config.stack, "nodes"),
    };
    group = await createNodegroup(ctx.aws.eks, request).catch(async (error: unknown) => {
      // Made since we looked (a retried create whose answer was lost, or another run): adopt it.
      if (!isAwsErrorNamed(error, "ResourceInUseException")) throw error;
      const existing = await findNodegroup(ctx.aws.eks, clusterName, name);
      if (!existing) throw error;
      ctx.progress(t("nodes.alreadyExists", { name }));
      return existing;
    });
    await ctx.record({
      nodegroupName: name,
      nodegroupArn: group.nodegroupArn ?? "",
      roleArn: group.nodeRole ?? "",
    });
  }
  const tags = made ? (group.tags ?? stackTagMap(ctx.config.stack, "nodes")) : group.tags;
  if (!tagMapHasStack(tags, ctx.config.stack) && group.nodegroupArn) {
    ctx.progress(t("nodes.adopting", { name, stack: ctx.config.stack }));
    await tagEksResource(ctx.aws.eks, group.nodegroupArn, stackTagMap(ctx.config.stack, "nodes"));
  }
  // DEGRADED fails the run only while creating it; a node group that ran
  // before and degraded since (an instance type short in a zone, a subnet
  // out of IPs) is warned about and used, so it does not block every up.
  const acceptDegraded = !made;
  if (group.status !== "ACTIVE" && !(acceptDegraded && group.status === "DEGRADED"))
    group = await waitNodegroupActive(ctx.aws.eks, clusterName, name, {
      signal: ctx.signal,
      onState,
      acceptDegraded,
    });
  if (scalingDiffers(group, wanted)) {
    ctx.progress(
      t("nodes.rescaling", {
        name,
        from: describeScaling(scalingOf(group)),
        to: describeScaling(wanted),
      }),
    );
    await updateNodegroupScaling(ctx.aws.eks, clusterName, name, wanted);
    group = await waitNodegroupActive(ctx.aws.eks, clusterName, name, {
      signal: ctx.signal,
      onState,
      acceptDegraded: true,
    });
    // EKS may still describe the old sizes for a moment; the update was accepted.
    group = {
      ...group,
      scalingConfig: { desiredSize: wanted.desired, minSize: wanted.min, maxSize: wanted.max },
    };
  }
  if (group.status === "DEGRADED") ctx.warn(t("nodes.degraded", { name, issues: nodegroupProblem(group) }));
  await ensureMetricsServer(ctx, clusterName);
  return {
    nodegroupName: name,
    nodegroupArn: group.nodegroupArn ?? "",
    roleArn: group.nodeRole ?? "",
    instanceType: group.instanceTypes?.[0] ?? ctx.config.instanceType,
    scaling: scalingOf(group),
  };
}

async function destroyNodegroup(ctx: AwsStepContext): Promise<void> {
  const clusterName = ctx.config.names.cluster;
  const name = ctx.config.names.nodeGroup;
  if (!(await findNodegroup(ctx.aws.eks, clusterName, name))) return;
  ctx.progress(t("nodes.deleting", { name }));
  await deleteNodegroup(ctx.aws.eks, clusterName, name, {
    signal: ctx.signal,
    onState: (s) => ctx.progress(t("nodes.state", { name, state: stateWord(s) })),
  });
}

async function inspectNodegroup(ctx: AwsStepContext): Promise<LiveStatus> {
  const name = ctx.config.names.nodeGroup;
  const found = await findNodegroup(ctx.aws.eks, ctx.config.names.cluster, name);
  const resource: LiveResource = {
    step: "nodes",
    type: RESOURCE,
    name,
    state: found?.status ?? "missing",
    managed: found ? tagMapHasStack(found.tags, ctx.config.stack) : true,
    ...(found?.nodegroupArn ? { id: found.nodegroupArn } : {}),
    ...(found?.createdAt ? { createdAt: found.createdAt.toISOString() } : {}),
  };
  return {
    resources: [resource],
    ...(found?.status === "DEGRADED"
      ? { warnings: [t("nodes.degraded", { name, issues: nodegroupProblem(found) })] }
      : {}),
  };
}
