// Narrow API Gateway v2 (HTTP API) wrappers: the API, its $default stage, and
// the routes with their HTTP_PROXY integrations.
import {
  type Api,
  type ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  type Integration,
  type Route,
  type Stage,
  TagResourceCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
} from "@aws-sdk/client-apigatewayv2";
import { GATEWAY_SETTINGS } from "../desired.js";
import { isAwsErrorNamed } from "./errors.js";

/** Every page of a NextToken-paged Get* call. */
async function allPages<T>(
  fetchPage: (token?: string) => Promise<{ Items?: T[]; NextToken?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    items.push(...(page.Items ?? []));
    token = page.NextToken;
  } while (token);
  return items;
}

export function listApis(client: ApiGatewayV2Client): Promise<Api[]> {
  return allPages((NextToken) => client.send(new GetApisCommand({ NextToken })));
}

export async function createHttpApi(
  client: ApiGatewayV2Client,
  name: string,
  tags: Record<string, string>,
): Promise<Api> {
  const { $metadata: _, ...api } = await client.send(
    new CreateApiCommand({ Name: name, ProtocolType: GATEWAY_SETTINGS.protocolType, Tags: tags }),
  );
  return api as Api;
}

/** The ARN API Gateway tags an HTTP API by. */
export function apiArn(region: string, apiId: string): string {
  return `arn:aws:apigateway:${region}::/apis/${apiId}`;
}

/** Adds tags to an API (an adopted one gets the stack's tags). */
export async function tagApi(
  client: ApiGatewayV2Client,
  apiId: string,
  tags: Record<string, string>,
): Promise<void> {
  const region = await client.config.region();
  await client.send(new TagResourceCommand({ ResourceArn: apiArn(region, apiId), Tags: tags }));
}

export async function deleteApi(client: ApiGatewayV2Client, apiId: string): Promise<void> {
  try {
    await client.send(new DeleteApiCommand({ ApiId: apiId }));
  } catch (error) {
    if (!isAwsErrorNamed(error, "NotFoundException")) throw error;
  }
}

export function listStages(client: ApiGatewayV2Client, apiId: string): Promise<Stage[]> {
  return allPages((NextToken) => client.send(new GetStagesCommand({ ApiId: apiId, NextToken })));
}

/** Requests per second and burst, as the stage's default route settings carry them. */
export interface StageThrottling {
  rateLimit: number;
  burstLimit: number;
}

/** Where the stage writes its access log, and the line it writes for each request. */
export interface AccessLog {
  /** The log group's ARN, without the trailing `:*`. */
  destinationArn: string;
  format: string;
}

/** What msdemo sets on its stage. */
export interface StageWanted {
  throttling: StageThrottling;
  accessLog: AccessLog;
}

function stageSettings(wanted: StageWanted) {
  return {
    AutoDeploy: GATEWAY_SETTINGS.autoDeploy,
    DefaultRouteSettings: {
      ThrottlingRateLimit: wanted.throttling.rateLimit,
      ThrottlingBurstLimit: wanted.throttling.burstLimit,
    },
    AccessLogSettings: { DestinationArn: wanted.accessLog.destinationArn, Format: wanted.accessLog.format },
  };
}

/** Creates the stage; one that exists already (a retried create whose answer was lost) is not an error. */
export async function createAutoDeployStage(
  client: ApiGatewayV2Client,
  apiId: string,
  stageName: string,
  wanted: StageWanted,
): Promise<void> {
  try {
    await client.send(
      new CreateStageCommand({ ApiId: apiId, StageName: stageName, ...stageSettings(wanted) }),
    );
  } catch (error) {
    if (!isAwsErrorNamed(error, "ConflictException")) throw error;
  }
}

/** Sets auto-deploy, the rate limits and the access log on an existing stage. */
export async function settleStage(
  client: ApiGatewayV2Client,
  apiId: string,
  stageName: string,
  wanted: StageWanted,
): Promise<void> {
  await client.send(new UpdateStageCommand({ ApiId: apiId, StageName: stageName, ...stageSettings(wanted) }));
}

/** The stage's rate limits, when it has both. */
export function stageThrottling(stage: Stage): StageThrottling | undefined {
  const rateLimit = stage.DefaultRouteSettings?.ThrottlingRateLimit;
  const burstLimit = stage.DefaultRouteSettings?.ThrottlingBurstLimit;
  return rateLimit === undefined || burstLimit === undefined ? undefined : { rateLimit, burstLimit };
}

export function listRoutes(client: ApiGatewayV2Client, apiId: string): Promise<Route[]> {
  return allPages((NextToken) => client.send(new GetRoutesCommand({ ApiId: apiId, NextToken })));
}

export function listIntegrations(client: ApiGatewayV2Client, apiId: string): Promise<Integration[]> {
  return allPages((NextToken) => client.send(new GetIntegrationsCommand({ ApiId: apiId, NextToken })));
}

export interface ProxyIntegration {
  method: string;
  /** The service's URL; through a VPC link (--private), the internal NLB's listener ARN. */
  uri: string;
  /** --private: the VPC link to go through, and the path to send (a listener ARN has none). */
  vpcLink?: { connectionId: string; path: string };
}

const VPC_LINK = "VPC_LINK" as const;
const PATH_PARAMETER = "overwrite:path";

/** Whether an integration goes through a VPC link. */
export const viaVpcLink = (found: Integration): boolean => found.ConnectionType === VPC_LINK;

/** The fields that send an integration through a VPC link (none for a public one). */
function connectionFields(wanted: ProxyIntegration) {
  const link = wanted.vpcLink;
  if (!link) return {};
  return viaLinkFields(link);
}

function viaLinkFields(link: NonNullable<ProxyIntegration["vpcLink"]>) {
  return {
    ConnectionType: VPC_LINK,
    ConnectionId: link.connectionId,
    RequestParameters: { [PATH_PARAMETER]: link.path },
  };
}

function connectionMatches(found: Integration, wanted: ProxyIntegration): boolean {
  const link = wanted.vpcLink;
  if (!link) return !viaVpcLink(found);
  return (
    viaVpcLink(found) &&
    found.ConnectionId === link.connectionId &&
    found.RequestParameters?.[PATH_PARAMETER] === link.path
  );
}

const PAYLOAD_FORMAT = GATEWAY_SETTINGS.payloadFormatVersion;
const PROXY = GATEWAY_SETTINGS.integrationType;

export function integrationMatches(found: Integration, wanted: ProxyIntegration): boolean {
  return (
    found.IntegrationType === PROXY &&
    found.IntegrationUri === wanted.uri &&
    found.IntegrationMethod === wanted.method &&
    found.PayloadFormatVersion === PAYLOAD_FORMAT &&
    connectionMatches(found, wanted)
  );
}

export async function createProxyIntegration(
  client: ApiGatewayV2Client,
  apiId: string,
  wanted: ProxyIntegration,
): Promise<string> {
  const created = await client.send(
    new CreateIntegrationCommand({
      ApiId: apiId,
      IntegrationType: PROXY,
      IntegrationMethod: wanted.method,
      IntegrationUri: wanted.uri,
      PayloadFormatVersion: PAYLOAD_FORMAT,
      ...connectionFields(wanted),
    }),
  );
  return created.IntegrationId!;
}

export async function updateProxyIntegration(
  client: ApiGatewayV2Client,
  apiId: string,
  integrationId: string,
  wanted: ProxyIntegration,
): Promise<void> {
  await client.send(
    new UpdateIntegrationCommand({
      ApiId: apiId,
      IntegrationId: integrationId,
      IntegrationType: PROXY,
      IntegrationMethod: wanted.method,
      IntegrationUri: wanted.uri,
      PayloadFormatVersion: PAYLOAD_FORMAT,
      // Back to public, a former VPC_LINK integration is told so; the path mapping it keeps
      // sends the same path as the URI does, and the next switch to private replaces it.
      ...(wanted.vpcLink ? viaLinkFields(wanted.vpcLink) : { ConnectionType: "INTERNET" as const }),
    }),
  );
}

/**
 * Creates a route; a route with that key already there (a retried create whose
 * answer was lost) is not an error: the gateway step's check after its changes
 * points it where it belongs.
 */
export async function createRoute(
  client: ApiGatewayV2Client,
  apiId: string,
  routeKey: string,
  integrationId: string,
): Promise<void> {
  try {
    await client.send(
      new CreateRouteCommand({ ApiId: apiId, RouteKey: routeKey, Target: `integrations/${integrationId}` }),
    );
  } catch (error) {
    if (!isAwsErrorNamed(error, "ConflictException")) throw error;
  }
}

/** Points an existing route at another integration. */
export async function retargetRoute(
  client: ApiGatewayV2Client,
  apiId: string,
  routeId: string,
  integrationId: string,
): Promise<void> {
  await client.send(
    new UpdateRouteCommand({ ApiId: apiId, RouteId: routeId, Target: `integrations/${integrationId}` }),
  );
}

/** Deletes an integration; one already gone is not an error. */
export async function deleteIntegration(
  client: ApiGatewayV2Client,
  apiId: string,
  integrationId: string,
): Promise<void> {
  try {
    await client.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: integrationId }));
  } catch (error) {
    if (!isAwsErrorNamed(error, "NotFoundException")) throw error;
  }
}

/** Deletes a route; one already gone is not an error. */
export async function deleteRoute(client: ApiGatewayV2Client, apiId: string, routeId: string): Promise<void> {
  try {
    await client.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: routeId }));
  } catch (error) {
    if (!isAwsErrorNamed(error, "NotFoundException")) throw error;
  }
}

export function integrationIdOf(route: Route): string | undefined {
  return route.Target?.replace(/^integrations\//, "") || undefined;
}
