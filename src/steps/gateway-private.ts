// --private for the gateway step: an API Gateway VPC link into the cluster's
// subnets, and integrations of type VPC_LINK that point at each service's
// internal NLB listener. Kept apart from gateway.ts, which wires these in:
// the VPC link's create comes before the routes (they need its id), its
// delete (switching back to public) after them (a link in use cannot go).
//
// The link's security group is the stack's node group security group (from
// the network step): the link only sends, and that group allows all egress,
// so no group is made for it; it is deleted with the network step, after the
// link. What the nodes admit on their NodePorts is the deploy step's: each
// private Service limits its load balancer's sources to the cluster's subnets.
import type { VpcLink } from "@aws-sdk/client-apigatewayv2";
import type { ProxyIntegration } from "../aws/apigateway.js";
import { createVpcLink, deleteVpcLink, listVpcLinks, vpcLinkStatus } from "../aws/apigateway-vpc-link.js";
import { stackTagMap } from "../aws/tags.js";
import { pollInterval, pollUntil } from "../aws/wait.js";
import type { Action, LiveResource } from "../engine/types.js";
import { t } from "../i18n/index.js";
import { privatePath, ROUTES, routeKey, SERVICE_NAMES } from "../routes.js";
import type { AwsStepContext } from "./index.js";
import type { DeployOutputs } from "./outputs.js";
import { claim, deletable, ownership } from "./ownership.js";

export const VPC_LINK_RESOURCE = "API Gateway VPC link";
/** AWS takes a few minutes to make a VPC link's network interfaces. */
const VPC_LINK_WAIT_MS = 10 * 60_000;

export const vpcLinkName = (ctx: AwsStepContext): string => ctx.config.names.vpcLink;

/** What the gateway's snapshot holds of the VPC link. */
export interface WithVpcLink {
  /** Ours (recorded, or named and tagged for the stack); undefined: none. */
  vpcLink: VpcLink | undefined;
  /** Further links with our name tagged for this stack: duplicates to delete. */
  vpcLinkDuplicates: VpcLink[];
}

/** Oldest first, then by id: every runner keeps the same link among duplicates. */
function oldestFirst(a: VpcLink, b: VpcLink): number {
  const age = (a.CreatedDate?.getTime() ?? 0) - (b.CreatedDate?.getTime() ?? 0);
  return age !== 0 ? age : `${a.VpcLinkId}`.localeCompare(`${b.VpcLinkId}`);
}

/**
 * CreateVpcLink has no idempotency token and link names need not be unique: a
 * lost answer the SDK retried leaves two. Keeps the oldest named and tagged for
 * the stack (else the recorded one); the others of the stack are duplicates.
 */
function chooseVpcLink(links: VpcLink[], ctx: AwsStepContext): WithVpcLink {
  const recorded = ctx.previous?.vpcLinkId;
  const name = vpcLinkName(ctx);
  const ours = links
    .filter((l) => l.Name === name && ownership(l.Tags, ctx.config.stack).kind === "ours")
    .sort(oldestFirst);
  const vpcLink = ours[0] ?? links.find((l) => l.VpcLinkId !== undefined && l.VpcLinkId === recorded);
  return { vpcLink, vpcLinkDuplicates: ours.slice(1) };
}

/**
 * The stack's VPC link and its duplicates. Asked only with --private or when
 * one was recorded (switching back to public), so a public stack makes no extra call.
 */
export async function findVpcLinks(ctx: AwsStepContext): Promise<WithVpcLink> {
  const recorded = ctx.previous?.vpcLinkId;
  if (!ctx.config.private && typeof recorded !== "string")
    return { vpcLink: undefined, vpcLinkDuplicates: [] };
  return chooseVpcLink(await listVpcLinks(ctx.aws.apigateway), ctx);
}

/** The integrations wanted with --private; undefined until the deploy step has every listener. */
export function privateIntegrations(
  deploy: DeployOutputs | undefined,
  vpcLinkId: string | undefined,
  requestParameters: Record<string, string>,
): Map<string, ProxyIntegration> | undefined {
  const listeners = deploy?.listeners;
  if (!listeners || SERVICE_NAMES.some((s) => !listeners[s])) return undefined;
  return new Map(
    ROUTES.map((route) => [
      routeKey(route),
      {
        method: route.method,
        uri: listeners[route.service]!,
        // Before the link exists (a plan) its id is unknown: every integration then differs.
        vpcLink: { connectionId: vpcLinkId ?? "", path: privatePath(route) },
        requestParameters,
      },
    ]),
  );
}

async function waitUntil(
  ctx: AwsStepContext,
  id: string,
  what: string,
  done: (s: string | undefined) => boolean,
) {
  await pollUntil({
    what,
    intervalMs: pollInterval(10_000),
    timeoutMs: VPC_LINK_WAIT_MS,
    signal: ctx.signal,
    timeoutHint: t("gateway.vpcLink.timeout.hint"),
    onState: (state, ms) =>
      ctx.progress(t("gateway.vpcLink.state", { id, state, seconds: Math.round(ms / 1000) })),
    check: async () => {
      const status = await vpcLinkStatus(ctx.aws.apigateway, id);
      return {
        state: status ?? t("gateway.vpcLink.gone"),
        done: done(status),
        ...(status === "FAILED" ? { failed: status } : {}),
      };
    },
  });
}

/** Makes the VPC link (with --private and none yet), before the routes; claims an existing one. */
export function vpcLinkCreateActions<S extends WithVpcLink>(
  snapshot: S,
  ctx: AwsStepContext,
): Action<AwsStepContext, S>[] {
  if (!ctx.config.private) return [];
  const name = vpcLinkName(ctx);
  const link = snapshot.vpcLink;
  if (link) {
    claim(ownership(link.Tags, ctx.config.stack), VPC_LINK_RESOURCE, name);
    return [{ change: { action: "none", resource: VPC_LINK_RESOURCE, name, detail: `${link.VpcLinkId}` } }];
  }
  return [
    {
      change: { action: "create", resource: VPC_LINK_RESOURCE, name, detail: t("gateway.plan.vpcLink") },
      async run(ctx, snap) {
        const made = await createVpcLink(ctx.aws.apigateway, {
          name,
          subnetIds: ctx.require("cluster").subnetIds,
          securityGroupIds: [ctx.require("network").nodeSecurityGroupId],
          tags: stackTagMap(ctx.config.stack, "gateway"),
        });
        await ctx.record({ vpcLinkId: made.VpcLinkId! });
        // A lost answer the SDK retried made two: keep the one every runner keeps.
        const { vpcLink: kept = made, vpcLinkDuplicates } = chooseVpcLink(
          await listVpcLinks(ctx.aws.apigateway),
          ctx,
        );
        if (kept.VpcLinkId !== made.VpcLinkId) await ctx.record({ vpcLinkId: kept.VpcLinkId! });
        await waitUntil(ctx, kept.VpcLinkId!, t("gateway.vpcLink.waitAvailable"), (s) => s === "AVAILABLE");
        snap.vpcLink = kept;
        for (const extra of vpcLinkDuplicates) {
          ctx.warn(
            t("gateway.vpcLink.duplicateDeleted", { id: `${extra.VpcLinkId}`, kept: `${kept.VpcLinkId}` }),
          );
          await removeVpcLink(ctx, extra.VpcLinkId!);
        }
      },
    },
  ];
}

/**
 * After the routes, so no integration uses what goes: the stack's duplicate
 * links, and switching back to public, the link itself.
 */
export function vpcLinkDeleteActions<S extends WithVpcLink>(
  snapshot: S,
  ctx: AwsStepContext,
): Action<AwsStepContext, S>[] {
  const link = snapshot.vpcLink;
  const duplicates: Action<AwsStepContext, S>[] = snapshot.vpcLinkDuplicates.map((extra) => ({
    change: {
      action: "delete",
      resource: VPC_LINK_RESOURCE,
      name: `${extra.Name}`,
      detail: t("gateway.plan.vpcLinkDuplicate", { id: `${extra.VpcLinkId}`, kept: `${link?.VpcLinkId}` }),
    },
    async run(ctx) {
      await removeVpcLink(ctx, extra.VpcLinkId!);
    },
  }));
  if (ctx.config.private || !link) return duplicates;
  return [
    ...duplicates,
    {
      change: {
        action: "delete",
        resource: VPC_LINK_RESOURCE,
        name: `${link.Name}`,
        detail: t("gateway.plan.vpcLinkPublic"),
      },
      async run(ctx) {
        await removeVpcLink(ctx, link.VpcLinkId!);
      },
    },
  ];
}

/** Deletes the link and waits until AWS no longer has it (its network interfaces hold the subnets and group). */
async function removeVpcLink(ctx: AwsStepContext, id: string): Promise<void> {
  await deleteVpcLink(ctx.aws.apigateway, id);
  await waitUntil(ctx, id, t("gateway.vpcLink.waitGone"), (s) => s === undefined);
}

/** For status: the VPC link with --private (missing when it is not there), or one left from it, and duplicates. */
export function vpcLinkResources(snapshot: WithVpcLink, ctx: AwsStepContext): LiveResource[] {
  const link = snapshot.vpcLink;
  if (!ctx.config.private && !link) return [];
  const resource = (l: VpcLink): LiveResource => ({
    step: "gateway",
    type: VPC_LINK_RESOURCE,
    name: l.Name ?? vpcLinkName(ctx),
    state: l.VpcLinkStatus ?? "available",
    managed: ownership(l.Tags, ctx.config.stack).kind === "ours",
    ...(l.VpcLinkId ? { id: l.VpcLinkId } : {}),
  });
  const missing: LiveResource = {
    step: "gateway",
    type: VPC_LINK_RESOURCE,
    name: vpcLinkName(ctx),
    state: "missing",
    managed: true,
  };
  return [link ? resource(link) : missing, ...snapshot.vpcLinkDuplicates.map(resource)];
}

/** For status: a warning naming the stack's duplicate links, which the next up deletes. */
export function vpcLinkWarnings(snapshot: WithVpcLink, ctx: AwsStepContext): string[] {
  const { vpcLink, vpcLinkDuplicates } = snapshot;
  if (!vpcLink || vpcLinkDuplicates.length === 0) return [];
  return [
    t("gateway.inspect.vpcLinkDuplicates", {
      name: vpcLinkName(ctx),
      count: vpcLinkDuplicates.length + 1,
      ids: [vpcLink, ...vpcLinkDuplicates].map((l) => l.VpcLinkId).join(", "),
    }),
  ];
}

/** Teardown, after the API: the stack's VPC link and any duplicate, never another stack's. */
export async function destroyVpcLink(ctx: AwsStepContext): Promise<void> {
  const { vpcLink, vpcLinkDuplicates } = await findVpcLinks(ctx);
  for (const link of [vpcLink, ...vpcLinkDuplicates]) {
    if (!link?.VpcLinkId) continue;
    const verdict = deletable(ownership(link.Tags, ctx.config.stack), VPC_LINK_RESOURCE, `${link.Name}`);
    if (!verdict.ok) {
      ctx.warn(verdict.note);
      continue;
    }
    ctx.progress(t("gateway.deletingVpcLink", { name: `${link.Name}`, id: link.VpcLinkId }));
    await removeVpcLink(ctx, link.VpcLinkId);
  }
}
