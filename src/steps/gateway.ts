// Step 8 of the walkthrough: the HTTP API node-microservices-demo-api, one
// HTTP_PROXY integration per route to the service's load balancer, the routes
// of src/routes.ts (the same table `msdemo local` serves), stage $default with
// auto-deploy and the rate limits of src/limits.ts.
//
// Tokens are checked at the door: a JWT authorizer on the routes the table marks
// `authorized` (orders). Its issuer is the API's own URL, where the auth service
// publishes its discovery document and JWKS through the gateway. The API's id,
// so its URL, is known only once this step made the API, after the services are
// deployed; so the services are not told the issuer at deploy time: every
// integration sets the x-msdemo-issuer header to the API's URL (a constant of
// the integration, planned like its URI), and auth and orders take the issuer
// from it. One `up` converges: no redeploy waits for the API's id.
//
// Every write is one planned change: the API (create, adopt or nothing), each
// duplicate of it to delete, each route to create, reconnect or delete, each
// integration to repoint or delete, the stage to create or settle. Routes and
// the stage that need nothing are not listed; the API's line says so.
//
// The stage writes a JSON access log to a CloudWatch Logs group of the stack
// (made, kept to a short retention, tagged: each a planned change, before the
// stage that points at it); teardown deletes the group after the API. Status
// shows the API's last hour of CloudWatch metrics against the SLO targets.
import type { Api, Authorizer, Integration, Route, Stage } from "@aws-sdk/client-apigatewayv2";
import {
  authorizeRoute,
  authorizerMatches,
  authorizersOfRoutes,
  createAutoDeployStage,
  createHttpApi,
  createJwtAuthorizer,
  createProxyIntegration,
  createRoute,
  deleteApi,
  deleteIntegration,
  deleteRoute,
  integrationIdOf,
  integrationMatches,
  type JwtAuthorizerWanted,
  listApis,
  listIntegrations,
  listRoutes,
  listStages,
  type ProxyIntegration,
  retargetRoute,
  type StageWanted,
  settleStage,
  stageThrottling,
  tagApi,
  updateJwtAuthorizer,
  updateProxyIntegration,
} from "../aws/apigateway.js";
import { gatewayMetrics } from "../aws/cloudwatch.js";
import { isAwsErrorNamed } from "../aws/errors.js";
import {
  createLogGroup,
  deleteLogGroup,
  findLogGroup,
  type LogGroup,
  setRetention,
  tagLogGroup,
} from "../aws/logs.js";
import { stackTagMap } from "../aws/tags.js";
import { WALKTHROUGH } from "../config.js";
import { ACCESS_LOG_FORMAT, ISSUER_PARAMETER, JWT_AUTHORIZER, TOKEN_AUDIENCE } from "../desired.js";
import type { Action, LiveResource } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { SLO_TARGETS, THROTTLING } from "../limits.js";
import { integrationUri, ROUTES, routeKey, SERVICE_NAMES, type ServiceName } from "../routes.js";
import {
  destroyVpcLink,
  findVpcLinks,
  privateIntegrations,
  vpcLinkCreateActions,
  vpcLinkDeleteActions,
  vpcLinkResources,
  vpcLinkWarnings,
  type WithVpcLink,
} from "./gateway-private.js";
import type { AwsStep, AwsStepContext } from "./index.js";
import type { DeployOutputs, GatewayOutputs } from "./outputs.js";
import { adoptDetail, claim, deletable, type Owner, ownership } from "./ownership.js";

const RESOURCE = "API Gateway HTTP API";
const ROUTE = "API Gateway route";
const INTEGRATION = "API Gateway integration";
const STAGE_RESOURCE = "API Gateway stage";
const LOG_GROUP = "CloudWatch Logs group";
const AUTHORIZER = "API Gateway JWT authorizer";
/** The authorizer's name, one per API. */
export const AUTHORIZER_NAME = JWT_AUTHORIZER.name;
/** The window of metrics `status` shows. */
const METRICS_WINDOW_SECONDS = 3600;
const STAGE = WALKTHROUGH.gateway.stageName;

/** Every route key of the table, in its order. */
const ROUTE_KEYS = [...new Set(ROUTES.map(routeKey))];
/** The route keys whose requests need a token the authorizer accepts. */
const AUTHORIZED_KEYS = new Set(ROUTES.filter((r) => r.authorized).map(routeKey));

/** The JWT authorizer an API with this URL needs: the URL is the issuer. */
export function jwtAuthorizerFor(apiUrl: string): JwtAuthorizerWanted {
  return { name: AUTHORIZER_NAME, issuer: apiUrl, audience: TOKEN_AUDIENCE };
}

/** The integration each route key should have. */
type Wanted = Map<string, ProxyIntegration>;

/** What observe found. */
interface Snapshot extends WithVpcLink {
  /** The API to use (ours, the recorded one, or an untagged namesake to adopt); undefined: none yet. */
  api: Api | undefined;
  /** Further APIs with our name tagged for this stack: duplicates to delete. */
  duplicates: Api[];
  /** APIs with our name that are not ours: left alone, named in a warning. */
  strangers: Api[];
  routes: Route[];
  integrations: Integration[];
  stage: Stage | undefined;
  /** The API's authorizers (none before the API exists). */
  authorizers: Authorizer[];
  /** The access-log group; undefined: none yet. */
  logGroup: LogGroup | undefined;
  /** Undefined until the deploy step has a load balancer for every service (a plan before it). */
  wanted: Wanted | undefined;
}

type GatewayAction = Action<AwsStepContext, Snapshot>;

const defaultStage = (stages: Stage[]) => stages.find((s) => s.StageName === STAGE);

function throttlingMatches(stage: Stage): boolean {
  const live = stageThrottling(stage);
  return live?.rateLimit === THROTTLING.rateLimit && live.burstLimit === THROTTLING.burstLimit;
}

/** Whether `arn` is the ARN of the group named `name` (before the group exists, its ARN is not known). */
const arnNamesGroup = (arn: string | undefined, name: string) =>
  arn?.replace(/:\*$/, "").endsWith(`:log-group:${name}`) === true;

/** Whether the stage writes msdemo's access-log line to the stack's group. */
function accessLogMatches(stage: Stage, snapshot: Snapshot, groupName: string): boolean {
  const live = stage.AccessLogSettings;
  if (live?.Format !== ACCESS_LOG_FORMAT) return false;
  return snapshot.logGroup
    ? live.DestinationArn === snapshot.logGroup.arn
    : arnNamesGroup(live.DestinationArn, groupName);
}

/** What the stage should carry; the group exists by now (its planned create ran before). */
async function stageWanted(ctx: AwsStepContext, snapshot: Snapshot): Promise<StageWanted> {
  const name = ctx.config.names.accessLogGroup;
  const group = snapshot.logGroup ?? (await findLogGroup(ctx.aws.logs, name));
  if (!group) throw new MsdemoError(t("gateway.logGroupMissing", { name }));
  return { throttling: THROTTLING, accessLog: { destinationArn: group.arn, format: ACCESS_LOG_FORMAT } };
}

function limitWords(limits: { rateLimit: number; burstLimit: number }): string {
  return t("gateway.limit", { rate: limits.rateLimit, burst: limits.burstLimit });
}

/** Each route's integration; with the API's URL (once it exists), the issuer header too. */
/** The header that tells the services their tokens' issuer, once the API's URL is known. */
function issuerParameters(apiUrl: string | undefined): Record<string, string> {
  return apiUrl ? { [ISSUER_PARAMETER]: apiUrl } : {};
}

function wantedIntegrations(hosts: Record<ServiceName, string>, apiUrl: string | undefined): Wanted {
  const requestParameters = issuerParameters(apiUrl);
  return new Map(
    ROUTES.map((route) => [
      routeKey(route),
      { method: route.method, uri: integrationUri(route, hosts[route.service]), requestParameters },
    ]),
  );
}

/** The services the deploy step has no load balancer for. */
const missingHosts = (deploy: DeployOutputs) => SERVICE_NAMES.filter((s) => !deploy.loadBalancers[s]);

/** The integrations wanted, when the deploy step has run (for a plan, which may come before it). */
function wantedIfKnown(
  ctx: AwsStepContext,
  vpcLinkId: string | undefined,
  apiUrl: string | undefined,
): Wanted | undefined {
  const deploy = ctx.find("deploy");
  if (ctx.config.private) return privateIntegrations(deploy, vpcLinkId, issuerParameters(apiUrl));
  if (!deploy || missingHosts(deploy).length > 0) return undefined;
  return wantedIntegrations(deploy.loadBalancers as Record<ServiceName, string>, apiUrl);
}

/** The integrations wanted; fails clearly when the deploy step has not run or lacks a load balancer. */
function wantedNow(ctx: AwsStepContext, snapshot: WithVpcLink, apiUrl: string | undefined): Wanted {
  const deploy = ctx.require("deploy");
  const missing = ctx.config.private
    ? SERVICE_NAMES.filter((s) => !deploy.listeners?.[s])
    : missingHosts(deploy);
  if (missing.length > 0) {
    throw new MsdemoError(t("gateway.noLoadBalancer", { services: missing.join(", ") }), {
      hint: t("gateway.noLoadBalancer.hint"),
    });
  }
  if (ctx.config.private) {
    return privateIntegrations(deploy, snapshot.vpcLink?.VpcLinkId, issuerParameters(apiUrl))!;
  }
  return wantedIntegrations(deploy.loadBalancers as Record<ServiceName, string>, apiUrl);
}

/** Oldest first, then by id: every runner picks the same API among duplicates. */
function oldestFirst(a: Api, b: Api): number {
  const age = (a.CreatedDate?.getTime() ?? 0) - (b.CreatedDate?.getTime() ?? 0);
  return age !== 0 ? age : `${a.ApiId}`.localeCompare(`${b.ApiId}`);
}

const ownerOf = (api: Api, stack: string): Owner => ownership(api.Tags, stack);

/**
 * Which API is ours among `apis`. API names need not be unique: ours is the
 * oldest with our name tagged for this stack, else the recorded one, else the
 * oldest untagged namesake (to adopt), else another stack's (which diff refuses).
 */
function chooseApi(apis: Api[], ctx: AwsStepContext) {
  const stack = ctx.config.stack;
  const namesakes = apis.filter((a) => a.Name === ctx.config.names.api).sort(oldestFirst);
  const ours = namesakes.filter((a) => ownerOf(a, stack).kind === "ours");
  const api =
    ours[0] ??
    apis.find((a) => a.ApiId !== undefined && a.ApiId === ctx.previous?.apiId) ??
    namesakes.find((a) => ownerOf(a, stack).kind === "untagged") ??
    namesakes[0];
  return {
    api,
    duplicates: ours.filter((a) => a !== api),
    strangers: namesakes.filter((a) => a !== api && !ours.includes(a)),
  };
}

/** What the API's routes and integrations lack, against the table. */
interface RouteWork {
  /** Route keys with no route: an integration and a route to create. */
  create: string[];
  /** Routes whose integration is missing: a new integration, and the route pointed at it. */
  retarget: { key: string; routeId: string }[];
  /** Integrations whose URI, method or format differ (a new load balancer hostname). */
  update: { key: string; integration: Integration }[];
  /** Routes not in the table, or a second route of one key (a retried create whose answer was lost). */
  remove: { route: Route; duplicate: boolean }[];
  /** Integrations no remaining route points at (of removed routes, or left by an interrupted run). */
  orphans: string[];
  /** Routes whose token check is not what the table says: behind the authorizer or not. */
  authorize: { key: string; routeId: string; wanted: boolean }[];
}

/** The stack's authorizer on the API, by name. */
const ourAuthorizer = (snapshot: Snapshot) => snapshot.authorizers.find((a) => a.Name === AUTHORIZER_NAME);

/** Whether a route checks tokens as wanted (with our authorizer, when its id is known). */
function authorizationMatches(route: Route, wanted: boolean, authorizerId: string | undefined): boolean {
  if (!wanted) return route.AuthorizationType !== "JWT";
  return route.AuthorizationType === "JWT" && (!authorizerId || route.AuthorizerId === authorizerId);
}

/** The authorizer's id when a run needs it: made by a planned change before, or found by observe. */
function authorizerIdNow(snapshot: Snapshot): string {
  const id = ourAuthorizer(snapshot)?.AuthorizerId;
  if (!id) throw new MsdemoError(t("gateway.authorizerMissing", { name: AUTHORIZER_NAME }));
  return id;
}

/** The authorizer: created with the API's URL as issuer, or corrected; nothing listed when it is right. */
function authorizerActions(snapshot: Snapshot): GatewayAction[] {
  const found = ourAuthorizer(snapshot);
  const apiUrl = snapshot.api?.ApiEndpoint;
  const detail = t("gateway.plan.authorizer", { audience: TOKEN_AUDIENCE });
  if (!found) {
    return [
      {
        change: { action: "create", resource: AUTHORIZER, name: AUTHORIZER_NAME, detail },
        run: needingHosts(async (ctx, snap) => {
          const wanted = jwtAuthorizerFor(snap.api!.ApiEndpoint!);
          const id = await createJwtAuthorizer(ctx.aws.apigateway, apiIdOf(snap), wanted);
          snap.authorizers.push({ AuthorizerId: id, Name: wanted.name });
        }),
      },
    ];
  }
  if (!apiUrl || authorizerMatches(found, jwtAuthorizerFor(apiUrl))) return [];
  return [
    {
      change: { action: "update", resource: AUTHORIZER, name: AUTHORIZER_NAME, detail },
      run: needingHosts(async (ctx, snap) => {
        await updateJwtAuthorizer(
          ctx.aws.apigateway,
          apiIdOf(snap),
          found.AuthorizerId!,
          jwtAuthorizerFor(apiUrl),
        );
      }),
    },
  ];
}

/** Pure: compares the routes found with the table (integrations unchecked while `wanted` is unknown). */
function routeWork(snapshot: Snapshot): RouteWork {
  const { routes, integrations, wanted } = snapshot;
  const byId = new Map<string, Integration>(integrations.map((i) => [i.IntegrationId ?? "", i]));
  const work: RouteWork = { create: [], retarget: [], update: [], remove: [], orphans: [], authorize: [] };
  const authorizerId = ourAuthorizer(snapshot)?.AuthorizerId;
  // Only the first route of a key counts; the others are removed.
  const first = (route: Route) => routes.find((r) => r.RouteKey === route.RouteKey) === route;
  for (const key of ROUTE_KEYS) {
    const route = routes.find((r) => r.RouteKey === key);
    const integrationId = route && integrationIdOf(route);
    const current = integrationId ? byId.get(integrationId) : undefined;
    const target = wanted?.get(key);
    if (!route?.RouteId) work.create.push(key);
    else if (!current) work.retarget.push({ key, routeId: route.RouteId });
    else if (target && !integrationMatches(current, target)) work.update.push({ key, integration: current });
    if (route?.RouteId && !authorizationMatches(route, AUTHORIZED_KEYS.has(key), authorizerId))
      work.authorize.push({ key, routeId: route.RouteId, wanted: AUTHORIZED_KEYS.has(key) });
  }
  for (const route of routes) {
    if (!route.RouteKey || !ROUTE_KEYS.includes(route.RouteKey))
      work.remove.push({ route, duplicate: false });
    else if (!first(route)) work.remove.push({ route, duplicate: true });
  }
  const removed = new Set(work.remove.map((r) => r.route));
  const targeted = new Set(routes.filter((r) => !removed.has(r)).map(integrationIdOf));
  for (const id of byId.keys()) if (id && !targeted.has(id)) work.orphans.push(id);
  return work;
}

function describeWork(w: RouteWork): string {
  const parts = [
    w.create.length ? t("gateway.work.create", { count: w.create.length }) : "",
    w.retarget.length ? t("gateway.work.retarget", { count: w.retarget.length }) : "",
    w.update.length ? t("gateway.work.update", { count: w.update.length }) : "",
    w.remove.length ? t("gateway.work.remove", { count: w.remove.length }) : "",
    w.orphans.length ? t("gateway.work.orphans", { count: w.orphans.length }) : "",
    w.authorize.length ? t("gateway.work.authorize", { count: w.authorize.length }) : "",
  ];
  return parts.filter(Boolean).join(", ");
}

const apiIdOf = (snapshot: Snapshot) => snapshot.api!.ApiId!;

/**
 * CreateApi has no idempotency token: a lost answer that the SDK retries, or
 * two runs at once, leave two APIs. Keeps the oldest one tagged for this stack
 * (every runner picks the same) and deletes the others tagged for it.
 */
async function keepOneApi(ctx: AwsStepContext, made: Api): Promise<Api> {
  const ours = (await listApis(ctx.aws.apigateway))
    .filter((a) => a.Name === ctx.config.names.api && ownerOf(a, ctx.config.stack).kind === "ours")
    .sort(oldestFirst);
  const keep = ours[0] ?? made;
  for (const extra of ours.filter((a) => a.ApiId !== keep.ApiId)) {
    ctx.warn(
      t("gateway.duplicateDeleted", { name: `${extra.Name}`, id: `${extra.ApiId}`, kept: `${keep.ApiId}` }),
    );
    await deleteApi(ctx.aws.apigateway, extra.ApiId!);
  }
  return keep;
}

/**
 * After creating an integration for `key`: a create whose answer was lost and
 * retried (no idempotency token), or another run at once, leaves a second route
 * of that key or an integration no route uses. Keeps the first route, points it
 * at `mine` if its integration is gone, and deletes what is left over. Leaves
 * alone the integrations observe saw (their deletion is planned on its own).
 */
async function settleKey(
  ctx: AwsStepContext,
  snapshot: Snapshot,
  key: string,
  mine: string,
  wanted: ProxyIntegration,
) {
  const gw = ctx.aws.apigateway;
  const apiId = apiIdOf(snapshot);
  const [routes, integrations] = await Promise.all([listRoutes(gw, apiId), listIntegrations(gw, apiId)]);
  const [keep, ...extras] = routes.filter((r) => r.RouteKey === key);
  for (const extra of extras) await deleteRoute(gw, apiId, extra.RouteId!);
  const live = new Set(integrations.map((i) => i.IntegrationId));
  let target = keep && integrationIdOf(keep);
  if (keep?.RouteId && !(target && live.has(target))) {
    await retargetRoute(gw, apiId, keep.RouteId, mine);
    target = mine;
  }
  const targeted = new Set(routes.filter((r) => r !== keep && !extras.includes(r)).map(integrationIdOf));
  if (target) targeted.add(target);
  const seen = new Set(snapshot.integrations.map((i) => i.IntegrationId));
  for (const integration of integrations) {
    const id = integration.IntegrationId!;
    if (!targeted.has(id) && !seen.has(id) && integrationMatches(integration, wanted))
      await deleteIntegration(gw, apiId, id);
  }
}

/** A run that first checks the deploy step's load balancers, so `up` fails before any write without them. */
function needingHosts(run: (ctx: AwsStepContext, snapshot: Snapshot, wanted: Wanted) => Promise<void>) {
  return (ctx: AwsStepContext, snapshot: Snapshot) =>
    run(ctx, snapshot, wantedNow(ctx, snapshot, snapshot.api?.ApiEndpoint));
}

function apiAction(snapshot: Snapshot, ctx: AwsStepContext): GatewayAction {
  const name = ctx.config.names.api;
  const stack = ctx.config.stack;
  const base = { resource: RESOURCE, name };
  const warning = snapshot.strangers.length
    ? t("gateway.duplicateOthers", { name, ids: snapshot.strangers.map((a) => a.ApiId).join(", ") })
    : undefined;
  const api = snapshot.api;
  if (!api) {
    return {
      change: {
        ...base,
        action: "create",
        detail: `${t("gateway.plan.create", { routes: ROUTE_KEYS.length, stage: STAGE })}, ${limitWords(THROTTLING)}`,
      },
      run: needingHosts(async (ctx, snap) => {
        const made = await createHttpApi(ctx.aws.apigateway, name, stackTagMap(stack, "gateway"));
        await ctx.record({ apiId: made.ApiId!, apiUrl: made.ApiEndpoint ?? "" });
        const kept = await keepOneApi(ctx, made);
        if (kept.ApiId !== made.ApiId)
          await ctx.record({ apiId: kept.ApiId!, apiUrl: kept.ApiEndpoint ?? "" });
        snap.api = kept;
      }),
    };
  }
  const owner = ownerOf(api, stack);
  claim(owner, RESOURCE, `${api.Name} (${api.ApiId})`);
  if (owner.kind === "untagged") {
    return {
      change: { ...base, action: "adopt", detail: `${api.ApiId}: ${adoptDetail(stack)}`, warning },
      run: needingHosts(async (ctx) => {
        await tagApi(ctx.aws.apigateway, api.ApiId!, stackTagMap(stack, "gateway"));
      }),
    };
  }
  const detail = snapshot.wanted ? (api.ApiEndpoint ?? "") : t("gateway.plan.noLoadBalancers");
  return { change: { ...base, action: "none", detail, warning } };
}

function duplicateActions(snapshot: Snapshot): GatewayAction[] {
  return snapshot.duplicates.map((extra) => ({
    change: {
      action: "delete",
      resource: RESOURCE,
      name: `${extra.Name}`,
      detail: t("gateway.plan.duplicate", { id: `${extra.ApiId}`, kept: `${snapshot.api?.ApiId}` }),
    },
    run: needingHosts(async (ctx) => deleteApi(ctx.aws.apigateway, extra.ApiId!)),
  }));
}

function routeActions(snapshot: Snapshot): GatewayAction[] {
  const work = routeWork(snapshot);
  const uriOf = (key: string) => snapshot.wanted?.get(key)?.uri;
  const creates: GatewayAction[] = work.create.map((key) => ({
    change: { action: "create", resource: ROUTE, name: key, ...(uriOf(key) ? { detail: uriOf(key) } : {}) },
    run: needingHosts(async (ctx, snap, wanted) => {
      const gw = ctx.aws.apigateway;
      const apiId = apiIdOf(snap);
      const mine = await createProxyIntegration(gw, apiId, wanted.get(key)!);
      await createRoute(gw, apiId, key, mine, AUTHORIZED_KEYS.has(key) ? authorizerIdNow(snap) : undefined);
      await settleKey(ctx, snap, key, mine, wanted.get(key)!);
    }),
  }));
  const retargets: GatewayAction[] = work.retarget.map(({ key, routeId }) => ({
    change: {
      action: "update",
      resource: ROUTE,
      name: key,
      detail: t("gateway.plan.reconnect", { uri: uriOf(key) ?? "" }),
    },
    run: needingHosts(async (ctx, snap, wanted) => {
      const gw = ctx.aws.apigateway;
      const apiId = apiIdOf(snap);
      const mine = await createProxyIntegration(gw, apiId, wanted.get(key)!);
      await retargetRoute(gw, apiId, routeId, mine);
      await settleKey(ctx, snap, key, mine, wanted.get(key)!);
    }),
  }));
  const updates: GatewayAction[] = work.update.map(({ key, integration }) => ({
    change: {
      action: "update",
      resource: INTEGRATION,
      name: key,
      detail: t("gateway.plan.repoint", { from: `${integration.IntegrationUri}`, to: uriOf(key) ?? "" }),
    },
    run: needingHosts(async (ctx, snap, wanted) => {
      await updateProxyIntegration(
        ctx.aws.apigateway,
        apiIdOf(snap),
        integration.IntegrationId!,
        wanted.get(key)!,
      );
    }),
  }));
  const removals: GatewayAction[] = work.remove.map(({ route, duplicate }) => ({
    change: {
      action: "delete",
      resource: ROUTE,
      name: `${route.RouteKey}`,
      detail: t(duplicate ? "gateway.plan.secondRoute" : "gateway.plan.extraRoute"),
    },
    run: needingHosts(async (ctx, snap) => deleteRoute(ctx.aws.apigateway, apiIdOf(snap), route.RouteId!)),
  }));
  const orphans: GatewayAction[] = work.orphans.map((id) => ({
    change: { action: "delete", resource: INTEGRATION, name: id, detail: t("gateway.plan.unused") },
    run: needingHosts(async (ctx, snap) => deleteIntegration(ctx.aws.apigateway, apiIdOf(snap), id)),
  }));
  const authorizations: GatewayAction[] = work.authorize.map(({ key, routeId, wanted }) => ({
    change: {
      action: "update",
      resource: ROUTE,
      name: key,
      detail: t(wanted ? "gateway.plan.tokenCheck" : "gateway.plan.noTokenCheck"),
    },
    run: needingHosts(async (ctx, snap) =>
      authorizeRoute(ctx.aws.apigateway, apiIdOf(snap), routeId, wanted ? authorizerIdNow(snap) : undefined),
    ),
  }));
  return [...creates, ...retargets, ...updates, ...authorizations, ...removals, ...orphans];
}

function logGroupActions(snapshot: Snapshot, ctx: AwsStepContext): GatewayAction[] {
  const name = ctx.config.names.accessLogGroup;
  const stack = ctx.config.stack;
  const days = ctx.config.logRetentionDays;
  const base = { resource: LOG_GROUP, name };
  const retention: GatewayAction = {
    change: { ...base, action: "update", detail: t("gateway.plan.retention", { days }) },
    run: needingHosts(async (ctx) => setRetention(ctx.aws.logs, name, days)),
  };
  const group = snapshot.logGroup;
  if (!group) {
    const create: GatewayAction = {
      change: { ...base, action: "create", detail: t("gateway.plan.logGroup") },
      run: needingHosts(async (ctx, snap) => {
        await createLogGroup(ctx.aws.logs, name, stackTagMap(stack, "gateway"));
        snap.logGroup = await findLogGroup(ctx.aws.logs, name);
      }),
    };
    // CreateLogGroup takes no retention: a second write, planned on its own.
    return [create, retention];
  }
  const owner = ownership(group.tags, stack);
  claim(owner, LOG_GROUP, name);
  const actions: GatewayAction[] = [];
  if (owner.kind === "untagged") {
    actions.push({
      change: { ...base, action: "adopt", detail: adoptDetail(stack) },
      run: needingHosts(async (ctx) => tagLogGroup(ctx.aws.logs, group.arn, stackTagMap(stack, "gateway"))),
    });
  }
  if (group.retentionDays !== days) actions.push(retention);
  return actions;
}

function stageActions(snapshot: Snapshot, ctx: AwsStepContext): GatewayAction[] {
  const stage = snapshot.stage;
  const limit = limitWords(THROTTLING);
  const group = ctx.config.names.accessLogGroup;
  const accessLog = t("gateway.plan.accessLog", { group });
  if (!stage) {
    return [
      {
        change: {
          action: "create",
          resource: STAGE_RESOURCE,
          name: STAGE,
          detail: `${t("gateway.plan.stage", { limit })}, ${accessLog}`,
        },
        run: needingHosts(async (ctx, snap) => {
          await createAutoDeployStage(ctx.aws.apigateway, apiIdOf(snap), STAGE, await stageWanted(ctx, snap));
        }),
      },
    ];
  }
  const fixes = [
    stage.AutoDeploy ? "" : t("gateway.plan.autoDeployOff"),
    throttlingMatches(stage) ? "" : t("gateway.plan.throttling", { limit }),
    accessLogMatches(stage, snapshot, group) ? "" : accessLog,
  ].filter(Boolean);
  if (fixes.length === 0) return [];
  return [
    {
      change: { action: "update", resource: STAGE_RESOURCE, name: STAGE, detail: fixes.join(", ") },
      run: needingHosts(async (ctx, snap) => {
        await settleStage(ctx.aws.apigateway, apiIdOf(snap), STAGE, await stageWanted(ctx, snap));
      }),
    },
  ];
}

/** Reads the API (chosen among its namesakes), its routes, integrations and stage. */
async function look(ctx: AwsStepContext): Promise<Snapshot> {
  const gw = ctx.aws.apigateway;
  const chosen = chooseApi(await listApis(gw), ctx);
  const apiId = chosen.api?.ApiId;
  const [[routes, integrations, stages], logGroup, links] = await Promise.all([
    apiId
      ? Promise.all([listRoutes(gw, apiId), listIntegrations(gw, apiId), listStages(gw, apiId)])
      : ([[], [], []] as const),
    findLogGroup(ctx.aws.logs, ctx.config.names.accessLogGroup),
    findVpcLinks(ctx),
  ]);
  return {
    ...chosen,
    routes: [...routes],
    integrations: [...integrations],
    stage: defaultStage([...stages]),
    logGroup,
    ...links,
    // An authorizer no route uses yet (a run killed between its create and the routes') is not
    // found: a new one is made, and the stray goes with the API at teardown.
    authorizers: apiId ? await authorizersOfRoutes(gw, apiId, [...routes]) : [],
    wanted: wantedIfKnown(ctx, links.vpcLink?.VpcLinkId, chosen.api?.ApiEndpoint),
  };
}

export const gatewayStep: AwsStep<Snapshot> = {
  id: "gateway",
  get title() {
    return t("step.gateway.title");
  },
  get console() {
    return t("gateway.console");
  },
  get deviations() {
    return [t("gateway.deviation.http"), t("gateway.deviation.proxy"), t("gateway.deviation.accessLog")];
  },
  needs: ["deploy"],

  observe: look,

  diff(snapshot, ctx) {
    return [
      apiAction(snapshot, ctx),
      ...duplicateActions(snapshot),
      ...authorizerActions(snapshot),
      // --private: the link before the routes that go through it, its delete (back to public) after them.
      ...vpcLinkCreateActions(snapshot, ctx),
      ...routeActions(snapshot),
      ...vpcLinkDeleteActions(snapshot, ctx),
      ...logGroupActions(snapshot, ctx),
      ...stageActions(snapshot, ctx),
    ];
  },

  // Two runs at once that each made an API: the one that saw both deletes the
  // younger, which may be the one the other run is adding routes to.
  staleSnapshot: (error) =>
    isAwsErrorNamed(error, "NotFoundException") ? t("gateway.snapshotGone") : undefined,

  async outputs(snapshot, ctx) {
    // Nothing to change does not mean nothing needed: up still needs the load balancers.
    const api = snapshot.api!;
    wantedNow(ctx, snapshot, api.ApiEndpoint);
    const outputs: GatewayOutputs = {
      apiId: api.ApiId!,
      apiUrl: api.ApiEndpoint ?? "",
      routes: ROUTE_KEYS.length,
    };
    if (ctx.config.private && snapshot.vpcLink?.VpcLinkId) outputs.vpcLinkId = snapshot.vpcLink.VpcLinkId;
    return outputs;
  },

  async destroy(ctx) {
    // The recorded id, and every API with our name (API Gateway allows duplicate names),
    // but never another stack's.
    const previousId = ctx.previous?.apiId;
    const apis = (await listApis(ctx.aws.apigateway)).filter(
      (a) => a.ApiId === previousId || a.Name === ctx.config.names.api,
    );
    for (const api of apis) {
      const verdict = deletable(ownerOf(api, ctx.config.stack), RESOURCE, `${api.Name} (${api.ApiId})`);
      if (!verdict.ok) {
        ctx.warn(verdict.note);
        continue;
      }
      ctx.progress(t("gateway.deleting", { name: `${api.Name}`, id: `${api.ApiId}` }));
      await deleteApi(ctx.aws.apigateway, api.ApiId!);
    }
    // After the API (its integrations use the link), before the network step's groups.
    await destroyVpcLink(ctx);
    // After the API, so no stage writes into a group being deleted.
    const name = ctx.config.names.accessLogGroup;
    const group = await findLogGroup(ctx.aws.logs, name);
    if (!group) return;
    const verdict = deletable(ownership(group.tags, ctx.config.stack), LOG_GROUP, name);
    if (!verdict.ok) {
      ctx.warn(verdict.note);
      return;
    }
    ctx.progress(t("gateway.deletingLogGroup", { name }));
    await deleteLogGroup(ctx.aws.logs, name);
  },

  async inspect(ctx) {
    const snapshot = await look(ctx);
    const { api } = snapshot;
    const name = ctx.config.names.api;
    const managed = api ? ownerOf(api, ctx.config.stack).kind === "ours" : true;
    const namesakes = [snapshot.api, ...snapshot.duplicates, ...snapshot.strangers].filter(
      (a): a is Api => a?.Name === name,
    );
    const warnings: string[] = vpcLinkWarnings(snapshot, ctx);
    if (namesakes.length > 1)
      warnings.push(
        t("gateway.inspect.duplicates", {
          name,
          count: namesakes.length,
          ids: namesakes.map((a) => a.ApiId).join(", "),
        }),
      );
    const resources: LiveResource[] = [
      {
        step: "gateway",
        type: RESOURCE,
        name,
        state: api ? "available" : "missing",
        managed,
        ...(api?.ApiId ? { id: api.ApiId } : {}),
        ...(api?.CreatedDate ? { createdAt: api.CreatedDate.toISOString() } : {}),
      },
    ];
    const group = snapshot.logGroup;
    const groupResource: LiveResource = {
      step: "gateway",
      type: LOG_GROUP,
      name: ctx.config.names.accessLogGroup,
      state: group ? "available" : "missing",
      managed: group ? ownership(group.tags, ctx.config.stack).kind === "ours" : true,
    };
    if (!api?.ApiId)
      return {
        resources: [...resources, groupResource, ...vpcLinkResources(snapshot, ctx)],
        ...(warnings.length ? { warnings } : {}),
      };
    const { stage, routes, integrations } = snapshot;
    const limits = stage && stageThrottling(stage);
    resources.push({
      step: "gateway",
      type: STAGE_RESOURCE,
      name: STAGE,
      state: !stage ? "missing" : stage.AutoDeploy ? "auto-deploy" : "manual deploy",
      managed,
    });
    const uris = new Map(integrations.map((i) => [i.IntegrationId, i.IntegrationUri ?? ""]));
    const inTable = new Set(ROUTE_KEYS);
    for (const key of [...inTable, ...routes.map((r) => r.RouteKey ?? "").filter((k) => !inTable.has(k))]) {
      const route = routes.find((r) => r.RouteKey === key);
      const uri = route ? uris.get(integrationIdOf(route)) : undefined;
      resources.push({
        step: "gateway",
        type: ROUTE,
        name: uri ? `${key} → ${uri}` : key,
        state: !route ? "missing" : uri === undefined ? "no integration" : inTable.has(key) ? "ok" : "extra",
        managed,
        ...(route?.RouteId ? { id: route.RouteId } : {}),
      });
    }
    const authorizer = ourAuthorizer(snapshot);
    resources.push({
      step: "gateway",
      type: AUTHORIZER,
      name: AUTHORIZER_NAME,
      state: authorizer ? "available" : "missing",
      managed,
      ...(authorizer?.AuthorizerId ? { id: authorizer.AuthorizerId } : {}),
    });
    resources.push(groupResource, ...vpcLinkResources(snapshot, ctx));
    if (snapshot.wanted) {
      const work = describeWork(routeWork(snapshot));
      if (work) warnings.push(t("gateway.inspect.work", { api: name, work }));
    }
    const metrics = await metricsEndpoints(ctx, api.ApiId, warnings);
    return {
      resources,
      ...(warnings.length ? { warnings } : {}),
      endpoints: {
        ...(api.ApiEndpoint ? { apiUrl: api.ApiEndpoint } : {}),
        // What the door lets through now, as the stage says (a student may have changed it).
        ...(limits ? { rateLimit: limitWords(limits) } : {}),
        ...metrics,
      },
    };
  },
};

/**
 * The API's last hour as CloudWatch measured it, beside the SLO targets. No
 * data (no requests, or metrics not yet published) says so: it is not a 0.
 * Metrics that cannot be read become a warning, not a failed status.
 */
async function metricsEndpoints(
  ctx: AwsStepContext,
  apiId: string,
  warnings: string[],
): Promise<Record<string, string>> {
  try {
    const m = await gatewayMetrics(ctx.aws.cloudwatch, {
      apiId,
      stage: STAGE,
      seconds: METRICS_WINDOW_SECONDS,
      now: new Date(),
    });
    const noData = t("gateway.metrics.noData");
    const verdict = (ok: boolean) => t(ok ? "gateway.metrics.met" : "gateway.metrics.missed");
    const p95 = m.p95LatencyMs;
    const rate = m.errorRate;
    return {
      latencyP95:
        p95 === undefined
          ? noData
          : t("gateway.metrics.p95", {
              ms: Math.round(p95),
              target: SLO_TARGETS.p95Ms,
              verdict: verdict(p95 <= SLO_TARGETS.p95Ms),
            }),
      errorRate5xx:
        rate === undefined
          ? noData
          : t("gateway.metrics.errorRate", {
              percent: (rate * 100).toFixed(2),
              errors: m.errors5xx ?? 0,
              requests: m.requests ?? 0,
              target: SLO_TARGETS.errorRate * 100,
              verdict: verdict(rate <= SLO_TARGETS.errorRate),
            }),
    };
  } catch (error) {
    warnings.push(t("gateway.metrics.failed", { message: (error as Error).message }));
    return {};
  }
}
