// Step 8 of the walkthrough: the HTTP API node-microservices-demo-api, one
// HTTP_PROXY integration per route to the service's load balancer, the routes
// of src/routes.ts (the same table `msdemo local` serves), stage $default with
// auto-deploy.
import type { Api, Integration } from "@aws-sdk/client-apigatewayv2";
import {
  createAutoDeployStage,
  createHttpApi,
  createProxyIntegration,
  createRoute,
  deleteApi,
  deleteRouteAndIntegration,
  integrationIdOf,
  integrationMatches,
  listApis,
  listIntegrations,
  listRoutes,
  listStages,
  type ProxyIntegration,
  updateProxyIntegration,
} from "../aws/apigateway.js";
import { stackTagMap, tagMapHasStack } from "../aws/tags.js";
import { WALKTHROUGH } from "../config.js";
import type { Change, LiveResource, Outputs } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
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

/** Each service's load balancer hostname, from the deploy step. */
function loadBalancers(ctx: AwsStepContext): Record<ServiceName, string> {
  const found = ctx.outputsOf<DeployOutputs>("deploy")?.loadBalancers ?? {};
  const missing = SERVICE_NAMES.filter((s) => !found[s]);
  if (missing.length > 0) {
    throw new MsdemoError(`No load balancer is known for ${missing.join(", ")}.`, {
      hint: "run msdemo up --steps deploy first",
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

async function findApi(ctx: AwsStepContext): Promise<Api | undefined> {
  const apis = await listApis(ctx.aws.apigateway);
  const previousId = ctx.previous?.apiId;
  return (
    apis.find((a) => a.ApiId === previousId) ??
    apis.find((a) => a.Name === ctx.config.names.api && tagMapHasStack(a.Tags, ctx.config.stack)) ??
    apis.find((a) => a.Name === ctx.config.names.api)
  );
}

interface RouteWork {
  create: string[];
  update: { key: string; integrationId: string }[];
  remove: string[];
}

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
  const work: RouteWork = { create: [], update: [], remove: [] };
  for (const [key, integration] of wanted) {
    const route = routes.find((r) => r.RouteKey === key);
    const integrationId = route && integrationIdOf(route);
    const current = integrationId ? byId.get(integrationId) : undefined;
    if (!route || !integrationId || !current) work.create.push(key);
    else if (!integrationMatches(current, integration)) work.update.push({ key, integrationId });
  }
  for (const route of routes)
    if (route.RouteKey && !wanted.has(route.RouteKey)) work.remove.push(route.RouteKey);
  return work;
}

export const gatewayStep: AwsStep = {
  id: "gateway",
  title: "API Gateway",
  console:
    "API Gateway → HTTP API → Create: name node-microservices-demo-api; one HTTP integration per route to each service's LoadBalancer on port 3000 (GET /auth, POST /api/register, POST /api/login, GET /orders, ANY /api/orders, GET /products, ANY /api/products); stage $default with auto-deploy.",
  deviations: [
    "Integrations use http://, not https://: the Kubernetes load balancer on port 3000 speaks plain HTTP and has no certificate for its AWS name, so the walkthrough's https:// integrations fail.",
    "ANY /api/orders/{proxy+} and ANY /api/products/{proxy+} are added, so sub-paths reach the services too.",
  ],
  needs: ["deploy"],

  async plan(ctx): Promise<Change[]> {
    const api = await findApi(ctx);
    const name = ctx.config.names.api;
    if (!api)
      return [
        { action: "create", resource: RESOURCE, name, detail: `${ROUTES.length} routes, stage ${STAGE}` },
      ];
    if (!tagMapHasStack(api.Tags, ctx.config.stack)) return [{ action: "adopt", resource: RESOURCE, name }];
    const hosts = ctx.outputsOf<DeployOutputs>("deploy")?.loadBalancers;
    if (!hosts)
      return [
        { action: "none", resource: RESOURCE, name, detail: "routes checked once the load balancers exist" },
      ];
    const work = await routeWork(ctx, api.ApiId!, wantedIntegrations(loadBalancers(ctx)));
    const changes = work.create.length + work.update.length + work.remove.length;
    return [
      changes
        ? {
            action: "update",
            resource: RESOURCE,
            name,
            detail: `${work.create.length} routes to add, ${work.update.length} to repoint, ${work.remove.length} to remove`,
          }
        : { action: "none", resource: RESOURCE, name, detail: api.ApiEndpoint ?? "" },
    ];
  },

  async apply(ctx): Promise<GatewayOutputs> {
    const hosts = loadBalancers(ctx);
    const gw = ctx.aws.apigateway;
    let api = await findApi(ctx);
    if (!api) {
      ctx.progress(`Creating HTTP API ${ctx.config.names.api}`);
      api = await createHttpApi(gw, ctx.config.names.api, stackTagMap(ctx.config.stack, "gateway"));
      await ctx.record({ apiId: api.ApiId!, apiUrl: api.ApiEndpoint ?? "" });
    }
    const apiId = api.ApiId!;
    const wanted = wantedIntegrations(hosts);
    const work = await routeWork(ctx, apiId, wanted);
    for (const key of work.create) {
      ctx.progress(`route ${key}`);
      await createRoute(gw, apiId, key, await createProxyIntegration(gw, apiId, wanted.get(key)!));
    }
    for (const { key, integrationId } of work.update) {
      ctx.progress(`route ${key} → ${wanted.get(key)!.uri}`);
      await updateProxyIntegration(gw, apiId, integrationId, wanted.get(key)!);
    }
    if (work.remove.length > 0) {
      const routes = await listRoutes(gw, apiId);
      for (const key of work.remove) {
        const route = routes.find((r) => r.RouteKey === key);
        if (route) await deleteRouteAndIntegration(gw, apiId, route);
      }
    }
    if (!(await listStages(gw, apiId)).some((s) => s.StageName === STAGE))
      await createAutoDeployStage(gw, apiId, STAGE);
    return { apiId, apiUrl: api.ApiEndpoint ?? "", routes: wanted.size };
  },

  async destroy(ctx) {
    const api = await findApi(ctx);
    if (!api?.ApiId) return;
    if (!tagMapHasStack(api.Tags, ctx.config.stack) && ctx.previous?.apiId !== api.ApiId) return;
    ctx.progress(`Deleting HTTP API ${api.Name}`);
    await deleteApi(ctx.aws.apigateway, api.ApiId);
  },

  async inspect(ctx) {
    const api = await findApi(ctx);
    const resource: LiveResource = {
      step: "gateway",
      type: RESOURCE,
      name: ctx.config.names.api,
      state: api ? "available" : "missing",
      managed: api ? tagMapHasStack(api.Tags, ctx.config.stack) : true,
      ...(api?.ApiId ? { id: api.ApiId } : {}),
      ...(api?.CreatedDate ? { createdAt: api.CreatedDate.toISOString() } : {}),
    };
    return { resources: [resource], ...(api?.ApiEndpoint ? { endpoints: { apiUrl: api.ApiEndpoint } } : {}) };
  },
};
