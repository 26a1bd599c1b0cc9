// Step 8 of the walkthrough: the HTTP API node-microservices-demo-api, one
// HTTP_PROXY integration per route to the service's load balancer, the routes
// of src/routes.ts (the same table `msdemo local` serves), stage $default with
// auto-deploy.
import type { Api, Integration, Route, Stage } from "@aws-sdk/client-apigatewayv2";
import {
  createAutoDeployStage,
  createHttpApi,
  createProxyIntegration,
  createRoute,
  deleteApi,
  deleteIntegration,
  deleteRoute,
  integrationIdOf,
  integrationMatches,
  listApis,
  listIntegrations,
  listRoutes,
  listStages,
  type ProxyIntegration,
  retargetRoute,
  settleStage,
  stageThrottling,
  tagApi,
  updateProxyIntegration,
} from "../aws/apigateway.js";
import { STACK_TAG, stackTagMap, tagMapHasStack } from "../aws/tags.js";
import { WALKTHROUGH } from "../config.js";
import type { Change, LiveResource, Outputs } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { THROTTLING } from "../limits.js";
import { integrationUri, ROUTES, routeKey, SERVICE_NAMES, type ServiceName } from "../routes.js";
import type { AwsStep, AwsStepContext } from "./index.js";

const RESOURCE = "API Gateway HTTP API";
const STAGE = WALKTHROUGH.gateway.stageName;

export interface GatewayOutputs extends Outputs {
  apiId: string;
  apiUrl: string;
  routes: number;
}

interface DeployOutputs extends Outputs {
  loadBalancers: { [service: string]: string };
}

const defaultStage = (stages: Stage[]) => stages.find((s) => s.StageName === STAGE);

function throttlingMatches(stage: Stage): boolean {
  const live = stageThrottling(stage);
  return live?.rateLimit === THROTTLING.rateLimit && live.burstLimit === THROTTLING.burstLimit;
}

function limitWords(limits: { rateLimit: number; burstLimit: number }): string {
  return t("gateway.limit", { rate: limits.rateLimit, burst: limits.burstLimit });
}

/** Each service's load balancer hostname, from the deploy step. */
function loadBalancers(ctx: AwsStepContext): Record<ServiceName, string> {
  const found = ctx.outputsOf<DeployOutputs>("deploy")?.loadBalancers ?? {};
  const missing = SERVICE_NAMES.filter((s) => !found[s]);
  if (missing.length > 0) {
    throw new MsdemoError(t("gateway.noLoadBalancer", { services: missing.join(", ") }), {
      hint: t("gateway.noLoadBalancer.hint"),
    });
  }
  return found as Record<ServiceName, string>;
}

/** The integration each route key should have. */
function wantedIntegrations(hosts: Record<ServiceName, string>): Map<string, ProxyIntegration> {
  return new Map(
    ROUTES.map((route) => [
      routeKey(route),
      { method: route.method, uri: integrationUri(route, hosts[route.service]) },
    ]),
  );
}

/** Oldest first, then by id: every runner picks the same API among duplicates. */
function oldestFirst(a: Api, b: Api): number {
  const age = (a.CreatedDate?.getTime() ?? 0) - (b.CreatedDate?.getTime() ?? 0);
  return age !== 0 ? age : `${a.ApiId}`.localeCompare(`${b.ApiId}`);
}

/** The APIs with our name tagged for our stack, the one to keep first. */
function ourApis(apis: Api[], ctx: AwsStepContext): Api[] {
  return apis
    .filter((a) => a.Name === ctx.config.names.api && tagMapHasStack(a.Tags, ctx.config.stack))
    .sort(oldestFirst);
}

async function findApi(ctx: AwsStepContext): Promise<Api | undefined> {
  const apis = await listApis(ctx.aws.apigateway);
  return (
    ourApis(apis, ctx)[0] ??
    apis.find((a) => a.ApiId === ctx.previous?.apiId) ??
    apis.filter((a) => a.Name === ctx.config.names.api).sort(oldestFirst)[0]
  );
}

/**
 * CreateApi has no idempotency token and API names need not be unique: a lost
 * answer that the SDK retries, or two runs at once, leave two APIs. Keep the
 * oldest one tagged for this stack (every runner picks the same) and delete the
 * others tagged for it; untagged namesakes are someone else's and only named.
 */
async function keepOneApi(ctx: AwsStepContext, fallback: Api): Promise<Api> {
  const apis = await listApis(ctx.aws.apigateway);
  const ours = ourApis(apis, ctx);
  const keep = ours[0] ?? fallback;
  for (const extra of ours.slice(1)) {
    ctx.warn(
      t("gateway.duplicateDeleted", { name: `${extra.Name}`, id: `${extra.ApiId}`, kept: `${keep.ApiId}` }),
    );
    await deleteApi(ctx.aws.apigateway, extra.ApiId!);
  }
  const strangers = apis.filter(
    (a) => a.Name === ctx.config.names.api && !ours.includes(a) && a.ApiId !== keep.ApiId,
  );
  if (strangers.length > 0)
    ctx.warn(
      t("gateway.duplicateOthers", {
        name: ctx.config.names.api,
        ids: strangers.map((a) => a.ApiId).join(", "),
      }),
    );
  return keep;
}

/** What apply has to do to make the API's routes match the table. */
interface RouteWork {
  /** Route keys with no route: an integration and a route to create. */
  create: string[];
  /** Routes whose integration is missing: a new integration, and the route pointed at it. */
  retarget: { key: string; routeId: string }[];
  /** Integrations whose URI, method or format differ (a new load balancer hostname). */
  update: { key: string; integrationId: string }[];
  /** Routes not in the table. */
  remove: Route[];
  /** Integrations no remaining route points at (of removed routes, or left by an interrupted run). */
  orphans: string[];
}

const workCount = (w: RouteWork) =>
  w.create.length + w.retarget.length + w.update.length + w.remove.length + w.orphans.length;

async function routeWork(
  ctx: AwsStepContext,
  apiId: string,
  wanted: Map<string, ProxyIntegration>,
): Promise<RouteWork> {
  const [routes, integrations] = await Promise.all([
    listRoutes(ctx.aws.apigateway, apiId),
    listIntegrations(ctx.aws.apigateway, apiId),
  ]);
  const byId = new Map<string, Integration>(integrations.map((i) => [i.IntegrationId ?? "", i]));
  const work: RouteWork = { create: [], retarget: [], update: [], remove: [], orphans: [] };
  for (const [key, integration] of wanted) {
    const route = routes.find((r) => r.RouteKey === key);
    const integrationId = route && integrationIdOf(route);
    const current = integrationId ? byId.get(integrationId) : undefined;
    if (!route?.RouteId) work.create.push(key);
    else if (!integrationId || !current) work.retarget.push({ key, routeId: route.RouteId });
    else if (!integrationMatches(current, integration)) work.update.push({ key, integrationId });
  }
  for (const route of routes) if (route.RouteKey && !wanted.has(route.RouteKey)) work.remove.push(route);
  // Two routes with one key (a retried create whose answer was lost): only the first counts.
  for (const [i, route] of routes.entries())
    if (routes.findIndex((r) => r.RouteKey === route.RouteKey) < i && !work.remove.includes(route))
      work.remove.push(route);
  const targeted = new Set(routes.filter((r) => !work.remove.includes(r)).map(integrationIdOf));
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
  ];
  return parts.filter(Boolean).join(", ");
}

/** Makes the API's routes and integrations what `work` says they lack. */
async function applyRouteWork(
  ctx: AwsStepContext,
  apiId: string,
  wanted: Map<string, ProxyIntegration>,
  work: RouteWork,
): Promise<void> {
  const gw = ctx.aws.apigateway;
  for (const key of work.create) {
    ctx.progress(t("gateway.route", { key, uri: wanted.get(key)!.uri }));
    await createRoute(gw, apiId, key, await createProxyIntegration(gw, apiId, wanted.get(key)!));
  }
  for (const { key, routeId } of work.retarget) {
    ctx.progress(t("gateway.route", { key, uri: wanted.get(key)!.uri }));
    await retargetRoute(gw, apiId, routeId, await createProxyIntegration(gw, apiId, wanted.get(key)!));
  }
  for (const { key, integrationId } of work.update) {
    ctx.progress(t("gateway.route", { key, uri: wanted.get(key)!.uri }));
    await updateProxyIntegration(gw, apiId, integrationId, wanted.get(key)!);
  }
  for (const route of work.remove) {
    ctx.progress(t("gateway.removingRoute", { key: `${route.RouteKey}` }));
    await deleteRoute(gw, apiId, route.RouteId!);
  }
  for (const id of work.orphans) await deleteIntegration(gw, apiId, id);
}

export const gatewayStep: AwsStep = {
  id: "gateway",
  get title() {
    return t("step.gateway.title");
  },
  get console() {
    return t("gateway.console");
  },
  get deviations() {
    return [t("gateway.deviation.http"), t("gateway.deviation.proxy")];
  },
  needs: ["deploy"],

  async plan(ctx): Promise<Change[]> {
    const api = await findApi(ctx);
    const name = ctx.config.names.api;
    if (!api)
      return [
        {
          action: "create",
          resource: RESOURCE,
          name,
          detail: `${t("gateway.plan.create", { routes: ROUTES.length, stage: STAGE })}, ${limitWords(THROTTLING)}`,
        },
      ];
    if (!tagMapHasStack(api.Tags, ctx.config.stack)) return [{ action: "adopt", resource: RESOURCE, name }];
    const hosts = ctx.outputsOf<DeployOutputs>("deploy")?.loadBalancers;
    if (!hosts)
      return [{ action: "none", resource: RESOURCE, name, detail: t("gateway.plan.noLoadBalancers") }];
    const work = await routeWork(ctx, api.ApiId!, wantedIntegrations(loadBalancers(ctx)));
    const stage = defaultStage(await listStages(ctx.aws.apigateway, api.ApiId!));
    const stageWork = !stage
      ? t("gateway.plan.stageMissing", { stage: STAGE })
      : [
          stage.AutoDeploy ? "" : t("gateway.plan.autoDeployOff"),
          throttlingMatches(stage) ? "" : t("gateway.plan.throttling", { limit: limitWords(THROTTLING) }),
        ]
          .filter(Boolean)
          .join(", ");
    const detail = [describeWork(work), stageWork].filter(Boolean).join(", ");
    return [
      detail
        ? { action: "update", resource: RESOURCE, name, detail }
        : { action: "none", resource: RESOURCE, name, detail: api.ApiEndpoint ?? "" },
    ];
  },

  async apply(ctx): Promise<GatewayOutputs> {
    const hosts = loadBalancers(ctx);
    const gw = ctx.aws.apigateway;
    let api = await findApi(ctx);
    if (!api) {
      ctx.progress(t("gateway.creating", { name: ctx.config.names.api }));
      api = await createHttpApi(gw, ctx.config.names.api, stackTagMap(ctx.config.stack, "gateway"));
      await ctx.record({ apiId: api.ApiId!, apiUrl: api.ApiEndpoint ?? "" });
    } else if (!tagMapHasStack(api.Tags, ctx.config.stack)) {
      ctx.progress(
        t("gateway.adopting", { name: `${api.Name}`, id: `${api.ApiId}`, stack: ctx.config.stack }),
      );
      await tagApi(gw, api.ApiId!, stackTagMap(ctx.config.stack, "gateway"));
    }
    api = await keepOneApi(ctx, api);
    if (ctx.previous?.apiId !== api.ApiId)
      await ctx.record({ apiId: api.ApiId!, apiUrl: api.ApiEndpoint ?? "" });
    const apiId = api.ApiId!;
    const wanted = wantedIntegrations(hosts);
    const work = await routeWork(ctx, apiId, wanted);
    if (workCount(work) > 0) {
      ctx.progress(`${ctx.config.names.api}: ${describeWork(work)}`);
      await applyRouteWork(ctx, apiId, wanted, work);
      // A create whose answer was lost and retried leaves a second integration
      // or route (no idempotency token): one more look settles them.
      const left = await routeWork(ctx, apiId, wanted);
      if (workCount(left) > 0) await applyRouteWork(ctx, apiId, wanted, left);
    }
    const stage = defaultStage(await listStages(gw, apiId));
    if (!stage) {
      ctx.progress(t("gateway.creatingStage", { stage: STAGE, limit: limitWords(THROTTLING) }));
      await createAutoDeployStage(gw, apiId, STAGE, THROTTLING);
    } else if (!stage.AutoDeploy || !throttlingMatches(stage)) {
      ctx.progress(t("gateway.settlingStage", { stage: STAGE, limit: limitWords(THROTTLING) }));
      await settleStage(gw, apiId, STAGE, THROTTLING);
    }
    return { apiId, apiUrl: api.ApiEndpoint ?? "", routes: wanted.size };
  },

  async destroy(ctx) {
    // Ours: the recorded id, and every API with our name not tagged for another stack
    // (API Gateway allows duplicate names).
    const previousId = ctx.previous?.apiId;
    const ours = (await listApis(ctx.aws.apigateway)).filter((a) => {
      if (a.ApiId === previousId) return true;
      const owner = a.Tags?.[STACK_TAG];
      return a.Name === ctx.config.names.api && (owner === undefined || owner === ctx.config.stack);
    });
    for (const api of ours) {
      ctx.progress(t("gateway.deleting", { name: `${api.Name}`, id: `${api.ApiId}` }));
      await deleteApi(ctx.aws.apigateway, api.ApiId!);
    }
  },

  async inspect(ctx) {
    const api = await findApi(ctx);
    const managed = api ? tagMapHasStack(api.Tags, ctx.config.stack) : true;
    const namesakes = (await listApis(ctx.aws.apigateway)).filter((a) => a.Name === ctx.config.names.api);
    const warnings: string[] = [];
    if (namesakes.length > 1)
      warnings.push(
        t("gateway.inspect.duplicates", {
          name: ctx.config.names.api,
          count: namesakes.length,
          ids: namesakes.map((a) => a.ApiId).join(", "),
        }),
      );
    const resources: LiveResource[] = [
      {
        step: "gateway",
        type: RESOURCE,
        name: ctx.config.names.api,
        state: api ? "available" : "missing",
        managed,
        ...(api?.ApiId ? { id: api.ApiId } : {}),
        ...(api?.CreatedDate ? { createdAt: api.CreatedDate.toISOString() } : {}),
      },
    ];
    if (!api?.ApiId) return { resources, ...(warnings.length ? { warnings } : {}) };
    const gw = ctx.aws.apigateway;
    const [stages, routes, integrations] = await Promise.all([
      listStages(gw, api.ApiId),
      listRoutes(gw, api.ApiId),
      listIntegrations(gw, api.ApiId),
    ]);
    const stage = defaultStage(stages);
    const limits = stage && stageThrottling(stage);
    resources.push({
      step: "gateway",
      type: "API Gateway stage",
      name: STAGE,
      state: !stage ? "missing" : stage.AutoDeploy ? "auto-deploy" : "manual deploy",
      managed,
    });
    const uris = new Map(integrations.map((i) => [i.IntegrationId, i.IntegrationUri ?? ""]));
    const inTable = new Set(ROUTES.map(routeKey));
    for (const key of [...inTable, ...routes.map((r) => r.RouteKey ?? "").filter((k) => !inTable.has(k))]) {
      const route = routes.find((r) => r.RouteKey === key);
      const uri = route ? uris.get(integrationIdOf(route)) : undefined;
      resources.push({
        step: "gateway",
        type: "API Gateway route",
        name: uri ? `${key} → ${uri}` : key,
        state: !route ? "missing" : uri === undefined ? "no integration" : inTable.has(key) ? "ok" : "extra",
        managed,
        ...(route?.RouteId ? { id: route.RouteId } : {}),
      });
    }
    const hosts = ctx.outputsOf<DeployOutputs>("deploy")?.loadBalancers;
    if (hosts && SERVICE_NAMES.every((s) => hosts[s])) {
      const work = await routeWork(ctx, api.ApiId, wantedIntegrations(hosts as Record<ServiceName, string>));
      if (workCount(work) > 0)
        warnings.push(t("gateway.inspect.work", { api: ctx.config.names.api, work: describeWork(work) }));
    }
    return {
      resources,
      ...(warnings.length ? { warnings } : {}),
      endpoints: {
        ...(api.ApiEndpoint ? { apiUrl: api.ApiEndpoint } : {}),
        // What the door lets through now, as the stage says (a student may have changed it).
        ...(limits ? { rateLimit: limitWords(limits) } : {}),
      },
    };
  },
};
