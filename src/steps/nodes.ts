// Step 6 of the walkthrough: the managed node group ng-general (LabRole,
// Amazon Linux 2023 x86_64, t3.medium, 20 GiB, 2/2/4) on the cluster's subnets,
// then the EKS add-on metrics-server the HorizontalPodAutoscalers need.
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
  waitNodegroupGone,
} from "../aws/eks.js";
import { explainAwsError, isAwsErrorNamed } from "../aws/errors.js";
import { listRoles, pickRole } from "../aws/iam.js";
import { stackTagMap, tagMapHasStack } from "../aws/tags.js";
import { WALKTHROUGH } from "../config.js";
import { nodegroupSettings } from "../desired.js";
import type { Action, LiveResource } from "../engine/types.js";
import { t } from "../i18n/index.js";
import { stateWord } from "../i18n/state-words.js";
import type { AwsStep, AwsStepContext } from "./index.js";
import type { NodesOutputs } from "./outputs.js";
import { adoptDetail, claim, deletable, ownership } from "./ownership.js";

const RESOURCE = "EKS node group";
/** EKS installs no metrics-server: without it every HorizontalPodAutoscaler shows <unknown> and never scales. */
const METRICS_SERVER = "metrics-server";
const ADDON = "EKS add-on";

type Scaling = NodesOutputs["scaling"];

/** The add-on as AWS reports it; `unreadable` when it cannot be asked (an emulator without add-ons). */
type AddonSeen =
  | { kind: "found"; status: string }
  | { kind: "missing" }
  | { kind: "unreadable"; reason: string };

/** What observe found. Runs write what they make or wait for back into it. */
interface Snapshot {
  clusterName: string;
  /** The node group by name; undefined when there is none. */
  group: Nodegroup | undefined;
  addon: AddonSeen;
}

type NodesAction = Action<AwsStepContext, Snapshot>;

function wantedScaling(ctx: AwsStepContext): Scaling {
  return nodegroupSettings(ctx.config).scaling;
}

function scalingOf(group: Nodegroup): Scaling {
  const s = group.scalingConfig ?? {};
  return { desired: s.desiredSize ?? 0, min: s.minSize ?? 0, max: s.maxSize ?? 0 };
}

function scalingDiffers(group: Nodegroup, wanted: Scaling): boolean {
  const have = scalingOf(group);
  return have.desired !== wanted.desired || have.min !== wanted.min || have.max !== wanted.max;
}

const describeScaling = (s: Scaling) => t("nodes.scaling", s);

async function nodeRoleArn(ctx: AwsStepContext): Promise<string> {
  if (ctx.config.nodeRoleArn) return ctx.config.nodeRoleArn;
  return pickRole(await listRoles(ctx.aws.iam), [...WALKTHROUGH.nodes.roleNames], "--node-role-arn").arn;
}

function onState(ctx: AwsStepContext) {
  const name = ctx.config.names.nodeGroup;
  return (state: string, ms: number) =>
    ctx.progress(t("nodes.stateElapsed", { name, state: stateWord(state), seconds: Math.round(ms / 1000) }));
}

/**
 * Waits (reading only) until the node group is ACTIVE. DEGRADED fails the wait
 * only for one just created; one that ran before and degraded since (an
 * instance type short in a zone, a subnet out of IPs) is warned about and used,
 * so it does not block every up.
 */
async function waitActive(ctx: AwsStepContext, clusterName: string, acceptDegraded: boolean) {
  const name = ctx.config.names.nodeGroup;
  const group = await waitNodegroupActive(ctx.aws.eks, clusterName, name, {
    signal: ctx.signal,
    onState: onState(ctx),
    acceptDegraded,
  });
  if (group.status === "DEGRADED") ctx.warn(t("nodes.degraded", { name, issues: nodegroupProblem(group) }));
  return group;
}

const settled = (group: Nodegroup) => group.status === "ACTIVE" || group.status === "DEGRADED";

async function observeAddon(ctx: AwsStepContext, clusterName: string): Promise<AddonSeen> {
  try {
    const found = await findAddon(ctx.aws.eks, clusterName, METRICS_SERVER);
    return found ? { kind: "found", status: found.status ?? "" } : { kind: "missing" };
  } catch (error) {
    ctx.signal.throwIfAborted();
    return { kind: "unreadable", reason: explainAwsError(error).message };
  }
}

/** Creates the node group (after one being deleted is gone) and waits until it is ACTIVE. */
function createAction(ctx: AwsStepContext, deleting: boolean): NodesAction {
  const name = ctx.config.names.nodeGroup;
  const wanted = wantedScaling(ctx);
  return {
    change: {
      action: "create",
      resource: RESOURCE,
      name,
      detail: `${ctx.config.instanceType}, ${describeScaling(wanted)}`,
    },
    async run(ctx, snapshot) {
      const cluster = ctx.require("cluster");
      if (deleting)
        await waitNodegroupGone(ctx.aws.eks, cluster.clusterName, name, {
          signal: ctx.signal,
          onState: onState(ctx),
        });
      ctx.progress(
        t("nodes.creating", {
          name,
          instanceType: ctx.config.instanceType,
          scaling: describeScaling(wanted),
        }),
      );
      const request = {
        clusterName: cluster.clusterName,
        name,
        roleArn: await nodeRoleArn(ctx),
        subnetIds: cluster.subnetIds,
        ...nodegroupSettings(ctx.config),
        scaling: wanted,
        tags: stackTagMap(ctx.config.names.stack, "nodes"),
      };
      const group = await createNodegroup(ctx.aws.eks, request).catch(async (error: unknown) => {
        // Made since we looked (a retried create whose answer was lost, or another run): adopt it.
        if (!isAwsErrorNamed(error, "ResourceInUseException")) throw error;
        const existing = await findNodegroup(ctx.aws.eks, cluster.clusterName, name);
        if (!existing) throw error;
        ctx.progress(t("nodes.alreadyExists", { name }));
        return existing;
      });
      await ctx.record({
        nodegroupName: name,
        nodegroupArn: group.nodegroupArn ?? "",
        roleArn: group.nodeRole ?? "",
      });
      snapshot.group = group.status === "ACTIVE" ? group : await waitActive(ctx, cluster.clusterName, false);
    },
  };
}

/** The node group's changes when it exists: tag it (adopt), rescale it, or nothing. */
function existingActions(ctx: AwsStepContext, group: Nodegroup): NodesAction[] {
  const { config } = ctx;
  const name = config.names.nodeGroup;
  const base = { resource: RESOURCE, name };
  const owner = ownership(group.tags, config.names.stack);
  claim(owner, RESOURCE, name);
  const wasDegraded = group.status === "DEGRADED";
  const actions: NodesAction[] = [];
  if (owner.kind === "untagged") {
    const arn = group.nodegroupArn!;
    actions.push({
      change: { ...base, action: "adopt", detail: adoptDetail(config.names.stack) },
      async run(ctx) {
        ctx.progress(t("nodes.adopting", { name, stack: ctx.config.names.stack }));
        await tagEksResource(ctx.aws.eks, arn, stackTagMap(ctx.config.names.stack, "nodes"));
      },
    });
  }
  const wanted = wantedScaling(ctx);
  if (scalingDiffers(group, wanted)) {
    const from = describeScaling(scalingOf(group));
    actions.push({
      change: {
        ...base,
        action: "update",
        detail: t("nodes.plan.scaling", { from, to: describeScaling(wanted) }),
      },
      async run(ctx, snapshot) {
        const { clusterName } = snapshot;
        // EKS refuses an update while the node group is still being created or updated.
        if (!settled(snapshot.group!)) snapshot.group = await waitActive(ctx, clusterName, true);
        ctx.progress(t("nodes.rescaling", { name, from, to: describeScaling(wanted) }));
        await updateNodegroupScaling(ctx.aws.eks, clusterName, name, wanted);
        const after = await waitNodegroupActive(ctx.aws.eks, clusterName, name, {
          signal: ctx.signal,
          onState: onState(ctx),
          acceptDegraded: true,
        });
        if (after.status === "DEGRADED" && !wasDegraded)
          ctx.warn(t("nodes.degraded", { name, issues: nodegroupProblem(after) }));
        // EKS may still describe the old sizes for a moment; the update was accepted.
        snapshot.group = {
          ...after,
          scalingConfig: { desiredSize: wanted.desired, minSize: wanted.min, maxSize: wanted.max },
        };
      },
    });
  }
  if (actions.length === 0) actions.push({ change: { ...base, action: "none", detail: group.status ?? "" } });
  if (wasDegraded)
    actions[0]!.change.warning = t("nodes.degraded", { name, issues: nodegroupProblem(group) });
  return actions;
}

/**
 * metrics-server, installed once the nodes can run it. A failure to install is
 * a warning, not a failed step: the services run without it, only unscaled.
 */
function addonAction(addon: AddonSeen): NodesAction {
  const base = { resource: ADDON, name: METRICS_SERVER };
  switch (addon.kind) {
    case "found":
      return { change: { ...base, action: "none", detail: addon.status } };
    case "unreadable":
      return {
        change: {
          ...base,
          action: "none",
          warning: t("nodes.metricsServer.unreadable", { reason: addon.reason }),
        },
      };
    case "missing":
      return {
        change: { ...base, action: "create", detail: t("nodes.plan.metricsServer") },
        async run(ctx, snapshot) {
          ctx.progress(t("nodes.metricsServer.installing", { cluster: snapshot.clusterName }));
          try {
            await createAddon(
              ctx.aws.eks,
              snapshot.clusterName,
              METRICS_SERVER,
              stackTagMap(ctx.config.names.stack, "nodes"),
            );
          } catch (error) {
            ctx.signal.throwIfAborted();
            ctx.warn(t("nodes.metricsServer.failed", { reason: explainAwsError(error).message }));
          }
        },
      };
  }
}

export const nodesStep: AwsStep<Snapshot> = {
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

  async observe(ctx) {
    const clusterName = ctx.find("cluster")?.clusterName ?? ctx.config.names.cluster;
    const group = await findNodegroup(ctx.aws.eks, clusterName, ctx.config.names.nodeGroup);
    return { clusterName, group, addon: await observeAddon(ctx, clusterName) };
  },

  diff(snapshot, ctx) {
    const { group } = snapshot;
    const groupActions =
      !group || group.status === "DELETING"
        ? [createAction(ctx, group !== undefined)]
        : existingActions(ctx, group);
    return [...groupActions, addonAction(snapshot.addon)];
  },

  async outputs(snapshot, ctx) {
    const { clusterName } = ctx.require("cluster");
    let group = snapshot.group!;
    // Found still being created or updated (a run killed midway): usable once that ends.
    if (!settled(group)) group = await waitActive(ctx, clusterName, true);
    return {
      nodegroupName: ctx.config.names.nodeGroup,
      nodegroupArn: group.nodegroupArn ?? "",
      roleArn: group.nodeRole ?? "",
      instanceType: group.instanceTypes?.[0] ?? ctx.config.instanceType,
      scaling: scalingOf(group),
    } satisfies NodesOutputs;
  },

  async destroy(ctx) {
    const clusterName = ctx.config.names.cluster;
    const name = ctx.config.names.nodeGroup;
    const group = await findNodegroup(ctx.aws.eks, clusterName, name);
    if (!group) return;
    const verdict = deletable(ownership(group.tags, ctx.config.names.stack), RESOURCE, name);
    if (!verdict.ok) {
      ctx.warn(verdict.note);
      return;
    }
    ctx.progress(t("nodes.deleting", { name }));
    await deleteNodegroup(ctx.aws.eks, clusterName, name, {
      signal: ctx.signal,
      onState: (s) => ctx.progress(t("nodes.state", { name, state: stateWord(s) })),
    });
  },

  async inspect(ctx) {
    const name = ctx.config.names.nodeGroup;
    const clusterName = ctx.config.names.cluster;
    const found = await findNodegroup(ctx.aws.eks, clusterName, name);
    const resources: LiveResource[] = [
      {
        step: "nodes",
        type: RESOURCE,
        name,
        state: found?.status ?? "missing",
        managed: found ? tagMapHasStack(found.tags, ctx.config.names.stack) : true,
        ...(found?.nodegroupArn ? { id: found.nodegroupArn } : {}),
        ...(found?.createdAt ? { createdAt: found.createdAt.toISOString() } : {}),
      },
    ];
    const addon = await observeAddon(ctx, clusterName);
    if (addon.kind !== "unreadable")
      resources.push({
        step: "nodes",
        type: ADDON,
        name: METRICS_SERVER,
        state: addon.kind === "found" ? addon.status : "missing",
        managed: true,
      });
    return {
      resources,
      ...(found?.status === "DEGRADED"
        ? { warnings: [t("nodes.degraded", { name, issues: nodegroupProblem(found) })] }
        : {}),
    };
  },
};
