// Narrow API Gateway v2 (HTTP API) wrappers: the API, its $default stage, and
// the routes with their HTTP_PROXY integrations, and the JWT authorizer.
import {
  type Api,
  type ApiGatewayV2Client,
  type Authorizer,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  GetApisCommand,
  GetAuthorizerCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  type Integration,
  type Route,
  type Stage,
  TagResourceCommand,
  UpdateAuthorizerCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
} from "@aws-sdk/client-apigatewayv2";
import { GATEWAY_SETTINGS, JWT_AUTHORIZER } from "../desired.js";
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
  /** Parameter mapping (e.g. a header the gateway sets); none when empty. */
  requestParameters: Record<string, string>;
}

const VPC_LINK = "VPC_LINK" as const;
const PATH_PARAMETER = "overwrite:path";

/** Whether an integration goes through a VPC link. */
export const viaVpcLink = (found: Integration): boolean => found.ConnectionType === VPC_LINK;

/** The whole parameter mapping: the gateway's own, and through a VPC link the path to send. */
function parametersOf(wanted: ProxyIntegration): Record<string, string> {
  const link = wanted.vpcLink;
  return link ? { ...wanted.requestParameters, [PATH_PARAMETER]: link.path } : wanted.requestParameters;
}

/** The fields that send an integration through a VPC link, or back to the internet. */
function connectionFields(wanted: ProxyIntegration) {
  const link = wanted.vpcLink;
  return link
    ? { ConnectionType: VPC_LINK, ConnectionId: link.connectionId }
    : { ConnectionType: "INTERNET" as const };
}

function connectionMatches(found: Integration, wanted: ProxyIntegration): boolean {
  const link = wanted.vpcLink;
  if (!link) return !viaVpcLink(found);
  return viaVpcLink(found) && found.ConnectionId === link.connectionId;
}

const sameParameters = (a: Record<string, string> | undefined, b: Record<string, string>) => {
  const found = a ?? {};
  return (
    Object.keys(found).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => found[k] === v)
  );
};

/**
 * The found mapping as compared: back to public, a former VPC link's path mapping
 * may stay (it sends the same path as the URI does), so it is not a difference.
 */
function publicView(found: Integration, wanted: ProxyIntegration): Record<string, string> | undefined {
  if (wanted.vpcLink || !found.RequestParameters?.[PATH_PARAMETER]) return found.RequestParameters;
  const { [PATH_PARAMETER]: _path, ...rest } = found.RequestParameters;
  return rest;
}

const PAYLOAD_FORMAT = GATEWAY_SETTINGS.payloadFormatVersion;
const PROXY = GATEWAY_SETTINGS.integrationType;

export function integrationMatches(found: Integration, wanted: ProxyIntegration): boolean {
  return (
    found.IntegrationType === PROXY &&
    found.IntegrationUri === wanted.uri &&
    found.IntegrationMethod === wanted.method &&
    found.PayloadFormatVersion === PAYLOAD_FORMAT &&
    connectionMatches(found, wanted) &&
    sameParameters(publicView(found, wanted), parametersOf(wanted))
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
      RequestParameters: parametersOf(wanted),
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
      ...connectionFields(wanted),
      RequestParameters: parametersOf(wanted),
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
  authorizerId?: string,
): Promise<void> {
  try {
    await client.send(
      new CreateRouteCommand({
        ApiId: apiId,
        RouteKey: routeKey,
        Target: `integrations/${integrationId}`,
        ...routeAuthorization(authorizerId),
      }),
    );
  } catch (error) {
    if (!isAwsErrorNamed(error, "ConflictException")) throw error;
  }
}

/** A route's authorization: the JWT authorizer's id, or none. */
function routeAuthorization(authorizerId: string | undefined) {
  return authorizerId
    ? { AuthorizationType: "JWT" as const, AuthorizerId: authorizerId }
    : { AuthorizationType: "NONE" as const };
}

/** Puts a route behind the JWT authorizer (an id) or takes it out (undefined). */
export async function authorizeRoute(
  client: ApiGatewayV2Client,
  apiId: string,
  routeId: string,
  authorizerId: string | undefined,
): Promise<void> {
  await client.send(
    new UpdateRouteCommand({ ApiId: apiId, RouteId: routeId, ...routeAuthorization(authorizerId) }),
  );
}

/**
 * The authorizers the API's routes use, one GetAuthorizer each (one already
 * gone is skipped). Not GetAuthorizers: moto, the emulator msdemo is tested
 * against, lacks it, and only an authorizer a route uses matters here.
 */
export async function authorizersOfRoutes(
  client: ApiGatewayV2Client,
  apiId: string,
  routes: Route[],
): Promise<Authorizer[]> {
  const ids = [...new Set(routes.map((r) => r.AuthorizerId).filter((id): id is string => Boolean(id)))];
  const found = await Promise.all(
    ids.map(async (id) => {
      try {
        const { $metadata: _, ...authorizer } = await client.send(
          new GetAuthorizerCommand({ ApiId: apiId, AuthorizerId: id }),
        );
        return authorizer as Authorizer;
      } catch (error) {
        if (isAwsErrorNamed(error, "NotFoundException")) return undefined;
        throw error;
      }
    }),
  );
  return found.filter((a): a is Authorizer => a !== undefined);
}

/** A JWT authorizer: tokens from the Authorization header, with this issuer and audience. */
export interface JwtAuthorizerWanted {
  name: string;
  issuer: string;
  audience: string;
}

const IDENTITY_SOURCE = JWT_AUTHORIZER.identitySource;

export function authorizerMatches(found: Authorizer, wanted: JwtAuthorizerWanted): boolean {
  return (
    found.AuthorizerType === "JWT" &&
    found.IdentitySource?.length === 1 &&
    found.IdentitySource[0] === IDENTITY_SOURCE &&
    found.JwtConfiguration?.Issuer === wanted.issuer &&
    found.JwtConfiguration.Audience?.length === 1 &&
    found.JwtConfiguration.Audience[0] === wanted.audience
  );
}

const jwtSettings = (wanted: JwtAuthorizerWanted) => ({
  AuthorizerType: "JWT" as const,
  IdentitySource: [IDENTITY_SOURCE],
  JwtConfiguration: { Issuer: wanted.issuer, Audience: [wanted.audience] },
});

export async function createJwtAuthorizer(
  client: ApiGatewayV2Client,
  apiId: string,
  wanted: JwtAuthorizerWanted,
): Promise<string> {
  const made = await client.send(
    new CreateAuthorizerCommand({ ApiId: apiId, Name: wanted.name, ...jwtSettings(wanted) }),
  );
  return made.AuthorizerId!;
}

export async function updateJwtAuthorizer(
  client: ApiGatewayV2Client,
  apiId: string,
  authorizerId: string,
  wanted: JwtAuthorizerWanted,
): Promise<void> {
  await client.send(
    new UpdateAuthorizerCommand({
      ApiId: apiId,
      AuthorizerId: authorizerId,
      Name: wanted.name,
      ...jwtSettings(wanted),
    }),
  );
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
