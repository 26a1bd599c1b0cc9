// CloudFront wrappers for the web page: the origin access control that lets
// the distribution (and nothing else) read the private bucket, and the
// distribution itself: find by id or by its comment, create with tags, update,
// disable, wait until deployed, delete.
import {
  type CloudFrontClient,
  CreateDistributionWithTagsCommand,
  CreateOriginAccessControlCommand,
  DeleteDistributionCommand,
  DeleteOriginAccessControlCommand,
  type Distribution,
  type DistributionConfig,
  GetDistributionCommand,
  GetOriginAccessControlCommand,
  ListDistributionsCommand,
  ListOriginAccessControlsCommand,
  ListTagsForResourceCommand,
  type Method,
  TagResourceCommand,
  UpdateDistributionCommand,
} from "@aws-sdk/client-cloudfront";
import { isAwsErrorNamed, unlessAwsError } from "./errors.js";
import type { Tag } from "./tags.js";

export type { Distribution, DistributionConfig } from "@aws-sdk/client-cloudfront";

/** AWS-managed policies (the same ids in every account). */
export const MANAGED_POLICY = {
  /** Cache policy CachingOptimized: for the page's files. */
  cachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
  /** Cache policy CachingDisabled: for the API. */
  cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
  /** Origin request policy AllViewerExceptHostHeader: API Gateway needs its own Host header. */
  allViewerExceptHostHeader: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
  /** Response headers policy SecurityHeadersPolicy: HSTS, nosniff, frame and referrer policies on the page. */
  securityHeaders: "67f7725c-6f97-4210-82d7-5512b31e9d03",
} as const;

const ALL_METHODS: Method[] = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"];
const READ_METHODS: Method[] = ["GET", "HEAD"];

export const PAGE_ORIGIN = "page-s3";
export const API_ORIGIN = "api-gateway";

export interface DistributionPlan {
  callerReference: string;
  comment: string;
  bucketDomain: string;
  oacId: string;
  apiDomain: string;
  /** The API URL's path (an HTTP API stage other than $default), "" for none. */
  apiPath: string;
  apiPatterns: readonly string[];
}

const methods = (items: Method[]) => ({
  Quantity: items.length,
  Items: items,
  CachedMethods: { Quantity: READ_METHODS.length, Items: READ_METHODS },
});

/** The whole distribution msdemo wants: the bucket by default, the API's paths to API Gateway uncached. */
export function desiredDistribution(plan: DistributionPlan): DistributionConfig {
  return {
    CallerReference: plan.callerReference,
    Comment: plan.comment,
    Enabled: true,
    DefaultRootObject: "index.html",
    PriceClass: "PriceClass_100",
    HttpVersion: "http2and3",
    IsIPV6Enabled: true,
    Origins: {
      Quantity: 2,
      Items: [
        {
          Id: PAGE_ORIGIN,
          DomainName: plan.bucketDomain,
          OriginAccessControlId: plan.oacId,
          // With an origin access control the legacy identity stays empty.
          S3OriginConfig: { OriginAccessIdentity: "" },
        },
        {
          Id: API_ORIGIN,
          DomainName: plan.apiDomain,
          OriginPath: plan.apiPath,
          CustomOriginConfig: {
            HTTPPort: 80,
            HTTPSPort: 443,
            OriginProtocolPolicy: "https-only",
            OriginSslProtocols: { Quantity: 1, Items: ["TLSv1.2"] },
          },
        },
      ],
    },
    DefaultCacheBehavior: {
      TargetOriginId: PAGE_ORIGIN,
      ViewerProtocolPolicy: "redirect-to-https",
      CachePolicyId: MANAGED_POLICY.cachingOptimized,
      ResponseHeadersPolicyId: MANAGED_POLICY.securityHeaders,
      Compress: true,
      AllowedMethods: methods(READ_METHODS),
    },
    CacheBehaviors: {
      Quantity: plan.apiPatterns.length,
      Items: plan.apiPatterns.map((pattern) => ({
        PathPattern: pattern,
        TargetOriginId: API_ORIGIN,
        ViewerProtocolPolicy: "redirect-to-https",
        CachePolicyId: MANAGED_POLICY.cachingDisabled,
        OriginRequestPolicyId: MANAGED_POLICY.allViewerExceptHostHeader,
        Compress: true,
        AllowedMethods: methods(ALL_METHODS),
      })),
    },
  };
}

/** What differs between a distribution's config and msdemo's, as short codes for the plan. */
export type DistributionDrift = "disabled" | "origins" | "behaviours" | "defaultBehaviour" | "rootObject";

export function distributionDrift(
  actual: DistributionConfig,
  wanted: DistributionConfig,
): DistributionDrift[] {
  const drift: DistributionDrift[] = [];
  if (actual.Enabled !== true) drift.push("disabled");
  const originKey = (o: NonNullable<NonNullable<DistributionConfig["Origins"]>["Items"]>[number]) =>
    [
      o.Id,
      o.DomainName,
      o.OriginPath ?? "",
      // Some emulators do not echo the access control back; AWS always does ("" when none).
      o.OriginAccessControlId === undefined ? "?" : o.OriginAccessControlId,
    ].join(" ");
  const origins = (c: DistributionConfig, echoesOac: boolean) =>
    (c.Origins?.Items ?? [])
      .map((o) => originKey(echoesOac ? o : { ...o, OriginAccessControlId: undefined }))
      .sort()
      .join("\n");
  const echoesOac = (actual.Origins?.Items ?? []).some((o) => o.OriginAccessControlId !== undefined);
  if (origins(actual, echoesOac) !== origins(wanted, echoesOac)) drift.push("origins");
  const behaviourKey = (b: {
    PathPattern?: string;
    TargetOriginId?: string;
    CachePolicyId?: string;
    OriginRequestPolicyId?: string;
    AllowedMethods?: { Items?: string[] };
  }) =>
    [
      b.PathPattern ?? "",
      b.TargetOriginId,
      b.CachePolicyId,
      b.OriginRequestPolicyId ?? "",
      [...(b.AllowedMethods?.Items ?? [])].sort().join(","),
    ].join(" ");
  const behaviours = (c: DistributionConfig) =>
    (c.CacheBehaviors?.Items ?? []).map(behaviourKey).sort().join("\n");
  if (behaviours(actual) !== behaviours(wanted)) drift.push("behaviours");
  if (behaviourKey(actual.DefaultCacheBehavior ?? {}) !== behaviourKey(wanted.DefaultCacheBehavior ?? {}))
    drift.push("defaultBehaviour");
  if ((actual.DefaultRootObject ?? "") !== wanted.DefaultRootObject) drift.push("rootObject");
  return drift;
}

interface Page<T> {
  Items?: T[];
  IsTruncated?: boolean;
  NextMarker?: string;
}

/** The first item of a CloudFront list (paged by marker) that `matches`. */
async function findInPages<T>(
  fetchPage: (marker: string | undefined) => Promise<Page<T> | undefined>,
  matches: (item: T) => boolean,
): Promise<T | undefined> {
  let marker: string | undefined;
  do {
    const page = await fetchPage(marker);
    const match = (page?.Items ?? []).find(matches);
    if (match) return match;
    marker = page?.IsTruncated ? page.NextMarker : undefined;
  } while (marker);
  return undefined;
}

export interface FoundDistribution {
  distribution: Distribution;
  /** For UpdateDistribution / DeleteDistribution (If-Match). */
  etag: string;
  tags: Tag[];
}

export async function getDistribution(
  cf: CloudFrontClient,
  id: string,
): Promise<FoundDistribution | undefined> {
  const got = await unlessAwsError(["NoSuchDistribution"], () =>
    cf.send(new GetDistributionCommand({ Id: id })),
  );
  if (!got?.Distribution) return undefined;
  const tags = await cf.send(new ListTagsForResourceCommand({ Resource: got.Distribution.ARN }));
  return {
    distribution: got.Distribution,
    etag: got.ETag ?? "",
    tags: (tags.Tags?.Items ?? []).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" })),
  };
}

/** The distribution with this comment (msdemo writes one per stack), by a recorded id first. */
export async function findDistribution(
  cf: CloudFrontClient,
  comment: string,
  recordedId: string | undefined,
): Promise<FoundDistribution | undefined> {
  if (recordedId) {
    const byId = await getDistribution(cf, recordedId);
    if (byId) return byId;
  }
  const match = await findInPages(
    async (marker) => (await cf.send(new ListDistributionsCommand({ Marker: marker }))).DistributionList,
    (d) => d.Comment === comment,
  );
  return match?.Id ? getDistribution(cf, match.Id) : undefined;
}

export async function createDistribution(
  cf: CloudFrontClient,
  config: DistributionConfig,
  tags: Tag[],
): Promise<Distribution> {
  const made = await cf.send(
    new CreateDistributionWithTagsCommand({
      DistributionConfigWithTags: { DistributionConfig: config, Tags: { Items: tags } },
    }),
  );
  return made.Distribution!;
}

export async function tagDistribution(cf: CloudFrontClient, arn: string, tags: Tag[]): Promise<void> {
  await cf.send(new TagResourceCommand({ Resource: arn, Tags: { Items: tags } }));
}

/** Replaces the distribution's config (keeping its CallerReference, which cannot change). */
export async function updateDistribution(
  cf: CloudFrontClient,
  found: FoundDistribution,
  config: DistributionConfig,
): Promise<Distribution> {
  const current = found.distribution.DistributionConfig!;
  const updated = await cf.send(
    new UpdateDistributionCommand({
      Id: found.distribution.Id,
      IfMatch: found.etag,
      DistributionConfig: { ...current, ...config, CallerReference: current.CallerReference },
    }),
  );
  return updated.Distribution!;
}

/** Turns the distribution off (CloudFront deletes only disabled, deployed distributions). */
export async function disableDistribution(cf: CloudFrontClient, found: FoundDistribution): Promise<void> {
  await cf.send(
    new UpdateDistributionCommand({
      Id: found.distribution.Id,
      IfMatch: found.etag,
      DistributionConfig: { ...found.distribution.DistributionConfig!, Enabled: false },
    }),
  );
}

export async function deleteDistribution(cf: CloudFrontClient, id: string, etag: string): Promise<boolean> {
  try {
    await cf.send(new DeleteDistributionCommand({ Id: id, IfMatch: etag }));
    return true;
  } catch (error) {
    if (isAwsErrorNamed(error, "NoSuchDistribution")) return false;
    throw error;
  }
}

/** The origin access control with this name (they carry no tags: the name is the stack's). */
export async function findOriginAccessControl(
  cf: CloudFrontClient,
  name: string,
): Promise<string | undefined> {
  const match = await findInPages(
    async (marker) =>
      (await cf.send(new ListOriginAccessControlsCommand({ Marker: marker }))).OriginAccessControlList,
    (o) => o.Name === name,
  );
  return match?.Id;
}

/**
 * An origin access control that signs every request to an S3 origin (SigV4).
 * Its name is unique in the account and the create has no idempotency token:
 * when a lost answer's retry meets OriginAccessControlAlreadyExists, the one
 * the first try made is ours.
 */
export async function createOriginAccessControl(
  cf: CloudFrontClient,
  name: string,
  description: string,
): Promise<string> {
  try {
    return await makeOriginAccessControl(cf, name, description);
  } catch (error) {
    if (!isAwsErrorNamed(error, "OriginAccessControlAlreadyExists")) throw error;
    const found = await findOriginAccessControl(cf, name);
    if (!found) throw error;
    return found;
  }
}

async function makeOriginAccessControl(cf: CloudFrontClient, name: string, description: string) {
  const made = await cf.send(
    new CreateOriginAccessControlCommand({
      OriginAccessControlConfig: {
        Name: name,
        Description: description,
        OriginAccessControlOriginType: "s3",
        SigningBehavior: "always",
        SigningProtocol: "sigv4",
      },
    }),
  );
  return made.OriginAccessControl!.Id!;
}

export async function deleteOriginAccessControl(cf: CloudFrontClient, id: string): Promise<boolean> {
  const got = await unlessAwsError(["NoSuchOriginAccessControl"], () =>
    cf.send(new GetOriginAccessControlCommand({ Id: id })),
  );
  if (!got) return false;
  try {
    await cf.send(new DeleteOriginAccessControlCommand({ Id: id, IfMatch: got.ETag }));
    return true;
  } catch (error) {
    if (isAwsErrorNamed(error, "NoSuchOriginAccessControl")) return false;
    throw error;
  }
}
