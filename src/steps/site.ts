// After the walkthrough's API Gateway: the web page on AWS. A private S3 bucket
// holds the built page (dist/web); a CloudFront distribution serves it, reading
// the bucket through an origin access control (the bucket policy lets only this
// distribution in), and sends the API's paths to API Gateway uncached, so the
// page and the API share one origin and need no CORS.
import {
  createDistribution,
  createOriginAccessControl,
  type DistributionConfig,
  type DistributionDrift,
  deleteDistribution,
  deleteOriginAccessControl,
  desiredDistribution,
  disableDistribution,
  distributionDrift,
  type FoundDistribution,
  findDistribution,
  findOriginAccessControl,
  getDistribution,
  tagDistribution,
  updateDistribution,
} from "../aws/cloudfront.js";
import { detectAccountKind } from "../aws/learner-lab.js";
import {
  type BucketState,
  blockPublicAccess,
  createBucket,
  deleteBucket,
  deleteObjects,
  findBucket,
  listObjects,
  putBucketPolicy,
  putObject,
  tagBucket,
} from "../aws/s3.js";
import { hasStackTag, stackTags } from "../aws/tags.js";
import { pollInterval, pollUntil } from "../aws/wait.js";
import type { Action, Change, LiveResource } from "../engine/types.js";
import { type PlainMessageKey, t } from "../i18n/index.js";
import { defaultWebRoot } from "../local/web-page.js";
import type { AwsStep, AwsStepContext } from "./index.js";
import type { SiteOutputs } from "./outputs.js";
import { adoptDetail, claim, deletable, type Owner, ownership } from "./ownership.js";
import { readSiteFiles, type SiteFile } from "./site-files.js";
import { distributionComment, originAccessControlName, siteBucketName } from "./site-names.js";
import { apiPathPatterns } from "./site-routes.js";

const BUCKET = "S3 bucket";
const OBJECT = "S3 object";
const OAC = "CloudFront origin access control";
const DISTRIBUTION = "CloudFront distribution";
const POLICY = "S3 bucket policy";

/** CloudFront takes minutes to deploy a change to every edge location. */
const DEPLOY_TIMEOUT_MS = 40 * 60_000;
const DEPLOY_POLL_MS = 15_000;
const DEPLOYED = "Deployed";

/** The API Gateway URL as a CloudFront origin: its host, and its path when it has one (a named stage). */
function apiOrigin(apiUrl: string | undefined): { apiDomain: string; apiPath: string } {
  if (!apiUrl) return { apiDomain: "", apiPath: "" };
  const url = new URL(apiUrl);
  return { apiDomain: url.host, apiPath: url.pathname.replace(/\/+$/, "") };
}

/** Only this distribution may read the bucket's objects (origin access control signs its requests). */
export function bucketPolicy(bucket: string, distributionArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AllowCloudFrontOriginAccessControl",
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: "s3:GetObject",
        Resource: `arn:aws:s3:::${bucket}/*`,
        Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
      },
    ],
  });
}

/** Whether the bucket's policy says what msdemo's does (AWS may reformat it, so compare the meaning). */
function policyMatches(actual: string | undefined, wanted: string): boolean {
  if (!actual) return false;
  try {
    const normalise = (text: string) => {
      const policy = JSON.parse(text) as { Statement?: unknown };
      const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
      return JSON.stringify(
        statements.map((s: Record<string, unknown>) => ({
          Effect: s.Effect,
          Principal: s.Principal,
          Action: [s.Action].flat(),
          Resource: [s.Resource].flat(),
          Condition: s.Condition,
        })),
      );
    };
    return normalise(actual) === normalise(wanted);
  } catch {
    return false;
  }
}

/** What observe found. Runs fill in what they make (ids, ARNs), for the actions after them. */
export interface SiteSnapshot {
  /** In a Learner Lab msdemo does not try: CloudFront is not among its services. */
  skipped: boolean;
  bucketName: string;
  region: string;
  bucket: BucketState | undefined;
  /** Object key → ETag (the MD5 of a plain upload). */
  objects: Map<string, string>;
  files: SiteFile[];
  oacId: string | undefined;
  distribution: FoundDistribution | undefined;
  apiUrl: string | undefined;
}

const DRIFT_TEXT: Record<DistributionDrift, PlainMessageKey> = {
  disabled: "site.drift.disabled",
  origins: "site.drift.origins",
  behaviours: "site.drift.behaviours",
  defaultBehaviour: "site.drift.defaultBehaviour",
  rootObject: "site.drift.rootObject",
};

function wantedDistribution(
  snapshot: SiteSnapshot,
  stack: string,
  apiUrl: string | undefined,
): DistributionConfig {
  return desiredDistribution({
    callerReference: `msdemo-${stack}-web-${Date.now()}`,
    comment: distributionComment(stack),
    bucketDomain: `${snapshot.bucketName}.s3.${snapshot.region}.amazonaws.com`,
    oacId: snapshot.oacId ?? "",
    ...apiOrigin(apiUrl),
    apiPatterns: apiPathPatterns(),
  });
}

/** Records what exists so far, so a kill right after a create leaks nothing. */
async function recordKnown(ctx: AwsStepContext, snapshot: SiteSnapshot): Promise<void> {
  const d = snapshot.distribution?.distribution;
  await ctx.record({
    bucket: snapshot.bucketName,
    ...(d ? { distributionId: d.Id!, domainName: d.DomainName!, url: `https://${d.DomainName}` } : {}),
  });
}

function bucketAction(
  snapshot: SiteSnapshot,
  owner: Owner,
  stack: string,
): Action<AwsStepContext, SiteSnapshot> {
  const name = snapshot.bucketName;
  const base = { resource: BUCKET, name };
  const found = snapshot.bucket;
  if (!found) {
    return {
      change: { ...base, action: "create", detail: t("site.plan.bucket") },
      async run(ctx, snap) {
        const s3 = ctx.aws.s3;
        await createBucket(s3, name, snap.region);
        await recordKnown(ctx, snap);
        await blockPublicAccess(s3, name);
        await tagBucket(s3, name, [], stackTags(stack, "site", name));
        snap.bucket = { tags: stackTags(stack, "site", name), publicAccessBlocked: true, policy: undefined };
      },
    };
  }
  const fixes = found.publicAccessBlocked ? [] : [t("site.fix.blockPublic")];
  if (owner.kind === "untagged") {
    return {
      change: { ...base, action: "adopt", detail: [adoptDetail(stack), ...fixes].join("; ") },
      async run(ctx) {
        await tagBucket(ctx.aws.s3, name, found.tags, stackTags(stack, "site", name));
        if (!found.publicAccessBlocked) await blockPublicAccess(ctx.aws.s3, name);
      },
    };
  }
  if (fixes.length > 0) {
    return {
      change: { ...base, action: "update", detail: fixes.join("; ") },
      run: (ctx) => blockPublicAccess(ctx.aws.s3, name),
    };
  }
  return { change: { ...base, action: "none" } };
}

/** One upload per new or changed file; one delete per object the build no longer makes. */
function fileActions(snapshot: SiteSnapshot): Action<AwsStepContext, SiteSnapshot>[] {
  const actions: Action<AwsStepContext, SiteSnapshot>[] = [];
  for (const file of snapshot.files) {
    const etag = snapshot.objects.get(file.key);
    const base = { resource: OBJECT, name: file.key };
    if (etag === file.md5) {
      actions.push({ change: { ...base, action: "none" } });
      continue;
    }
    actions.push({
      change: {
        ...base,
        action: etag === undefined ? "create" : "update",
        detail: t("site.plan.file", { size: file.body.length, cache: file.cacheControl }),
      },
      async run(ctx, snap) {
        await putObject(ctx.aws.s3, snap.bucketName, file);
        snap.objects.set(file.key, file.md5);
      },
    });
  }
  const wanted = new Set(snapshot.files.map((f) => f.key));
  for (const key of [...snapshot.objects.keys()].filter((k) => !wanted.has(k)).sort()) {
    actions.push({
      change: { resource: OBJECT, name: key, action: "delete", detail: t("site.plan.stale") },
      async run(ctx, snap) {
        await deleteObjects(ctx.aws.s3, snap.bucketName, [key]);
        snap.objects.delete(key);
      },
    });
  }
  return actions;
}

function oacAction(snapshot: SiteSnapshot, stack: string): Action<AwsStepContext, SiteSnapshot> {
  const name = originAccessControlName(stack);
  if (snapshot.oacId) return { change: { resource: OAC, name, action: "none" } };
  return {
    change: { resource: OAC, name, action: "create", detail: t("site.plan.oac") },
    async run(ctx, snap) {
      snap.oacId = await createOriginAccessControl(
        ctx.aws.cloudfront,
        name,
        t("site.oacDescription", { stack }),
      );
    },
  };
}

function distributionAction(
  snapshot: SiteSnapshot,
  owner: Owner,
  stack: string,
  apiUrl: string | undefined,
): Action<AwsStepContext, SiteSnapshot> {
  const name = distributionComment(stack);
  const found = snapshot.distribution;
  const base = { resource: DISTRIBUTION, name };
  // The API origin comes from the gateway step; a plan before it has none yet.
  const wantedNow = (ctx: AwsStepContext, snap: SiteSnapshot) =>
    wantedDistribution(snap, stack, ctx.require("gateway").apiUrl);
  if (!found) {
    return {
      change: {
        ...base,
        action: "create",
        detail: t("site.plan.distribution", { patterns: apiPathPatterns().join(", ") }),
      },
      async run(ctx, snap) {
        const made = await createDistribution(
          ctx.aws.cloudfront,
          wantedNow(ctx, snap),
          stackTags(stack, "site", name),
        );
        snap.distribution = { distribution: made, etag: "", tags: stackTags(stack, "site", name) };
        await recordKnown(ctx, snap);
      },
    };
  }
  const drift = distributionDrift(
    found.distribution.DistributionConfig!,
    wantedDistribution(snapshot, stack, apiUrl),
  );
  const driftText = drift.map((d) => t(DRIFT_TEXT[d]));
  const update = async (ctx: AwsStepContext, snap: SiteSnapshot) => {
    const current = (await getDistribution(ctx.aws.cloudfront, found.distribution.Id!)) ?? found;
    snap.distribution = {
      ...current,
      distribution: await updateDistribution(ctx.aws.cloudfront, current, wantedNow(ctx, snap)),
    };
  };
  if (owner.kind === "untagged") {
    return {
      change: { ...base, action: "adopt", detail: [adoptDetail(stack), ...driftText].join("; ") },
      async run(ctx, snap) {
        await tagDistribution(ctx.aws.cloudfront, found.distribution.ARN!, stackTags(stack, "site", name));
        if (drift.length > 0) await update(ctx, snap);
      },
    };
  }
  if (drift.length > 0)
    return { change: { ...base, action: "update", detail: driftText.join("; ") }, run: update };
  return { change: { ...base, action: "none" } };
}

function policyAction(snapshot: SiteSnapshot): Action<AwsStepContext, SiteSnapshot> {
  const name = snapshot.bucketName;
  const arn = snapshot.distribution?.distribution.ARN;
  const base = { resource: POLICY, name };
  if (arn && policyMatches(snapshot.bucket?.policy, bucketPolicy(name, arn)))
    return { change: { ...base, action: "none" } };
  return {
    change: {
      ...base,
      action: snapshot.bucket?.policy ? "update" : "create",
      detail: t("site.plan.policy"),
    },
    async run(ctx, snap) {
      await putBucketPolicy(ctx.aws.s3, name, bucketPolicy(name, snap.distribution!.distribution.ARN!));
    },
  };
}

/**
 * Whether this is a Learner Lab (known to up and plan; status and teardown ask
 * STS, one read), and the account id the bucket's name carries.
 */
async function accountOf(ctx: AwsStepContext): Promise<{ learnerLab: boolean; account: string }> {
  if (ctx.config.learnerLab) return { learnerLab: true, account: "" };
  const kind = await detectAccountKind(ctx.aws.sts);
  return { learnerLab: kind.learnerLab, account: kind.account };
}

/** Waits (reading only) until CloudFront has deployed the distribution's last change everywhere. */
async function waitDeployed(
  ctx: AwsStepContext,
  id: string,
  why: "deploy" | "disable",
): Promise<FoundDistribution> {
  const what = t(why === "deploy" ? "site.wait.deployed" : "site.wait.disabled", { id });
  const found = await pollUntil<FoundDistribution>({
    what,
    intervalMs: pollInterval(DEPLOY_POLL_MS),
    timeoutMs: DEPLOY_TIMEOUT_MS,
    signal: ctx.signal,
    // The last state (Deployed) ends the wait: nothing to say about it.
    onState: (state) => {
      if (state !== DEPLOYED) ctx.progress(t("site.wait.state", { what, state }));
    },
    timeoutHint: t("site.wait.hint"),
    check: async () => {
      const now = await getDistribution(ctx.aws.cloudfront, id);
      if (!now) return { done: false, state: "missing", failed: t("site.wait.gone", { id }) };
      const state = now.distribution.Status ?? "unknown";
      return { done: state === DEPLOYED, state, value: now };
    },
  });
  return found!;
}

export function makeSiteStep(webRoot: () => string = defaultWebRoot): AwsStep<SiteSnapshot> {
  return {
    id: "site",
    get title() {
      return t("step.site.title");
    },
    needs: ["gateway"],
    get console() {
      return t("site.console", { patterns: apiPathPatterns().join(", ") });
    },
    get deviations() {
      return [t("site.deviation.private"), t("site.deviation.learnerLab")];
    },

    async observe(ctx) {
      const { config } = ctx;
      const apiUrl = ctx.find("gateway")?.apiUrl;
      const { learnerLab, account } = await accountOf(ctx);
      if (learnerLab) {
        return {
          skipped: true,
          bucketName: "",
          region: config.region,
          bucket: undefined,
          objects: new Map(),
          files: [],
          oacId: undefined,
          distribution: undefined,
          apiUrl,
        };
      }
      const files = await readSiteFiles(webRoot());
      const bucketName = siteBucketName(config.names.stack, account, config.region);
      const bucket = await findBucket(ctx.aws.s3, bucketName);
      const recordedId = ctx.previous?.distributionId;
      return {
        skipped: false,
        bucketName,
        region: config.region,
        bucket,
        objects: bucket ? await listObjects(ctx.aws.s3, bucketName) : new Map(),
        files,
        oacId: await findOriginAccessControl(ctx.aws.cloudfront, originAccessControlName(config.names.stack)),
        distribution: await findDistribution(
          ctx.aws.cloudfront,
          distributionComment(config.names.stack),
          typeof recordedId === "string" ? recordedId : undefined,
        ),
        apiUrl,
      };
    },

    diff(snapshot, ctx) {
      const stack = ctx.config.names.stack;
      if (snapshot.skipped) {
        const change: Change & { action: "none" } = {
          resource: DISTRIBUTION,
          name: distributionComment(stack),
          action: "none",
          warning: t("site.learnerLab"),
        };
        return [{ change }];
      }
      const bucketOwner = ownership(snapshot.bucket?.tags, stack);
      if (snapshot.bucket) claim(bucketOwner, BUCKET, snapshot.bucketName);
      const distributionOwner = ownership(snapshot.distribution?.tags, stack);
      if (snapshot.distribution) claim(distributionOwner, DISTRIBUTION, distributionComment(stack));
      return [
        bucketAction(snapshot, bucketOwner, stack),
        ...fileActions(snapshot),
        oacAction(snapshot, stack),
        distributionAction(snapshot, distributionOwner, stack, snapshot.apiUrl),
        policyAction(snapshot),
      ];
    },

    async outputs(snapshot, ctx): Promise<SiteOutputs> {
      if (snapshot.skipped) return { skipped: "learner-lab" } satisfies SiteOutputs;
      const id = snapshot.distribution!.distribution.Id!;
      const deployed =
        snapshot.distribution!.distribution.Status === DEPLOYED
          ? snapshot.distribution!
          : await waitDeployed(ctx, id, "deploy");
      const domainName = deployed.distribution.DomainName!;
      return {
        bucket: snapshot.bucketName,
        distributionId: id,
        domainName,
        url: `https://${domainName}`,
      } satisfies SiteOutputs;
    },

    async destroy(ctx) {
      const { config } = ctx;
      const stack = config.names.stack;
      const { learnerLab, account } = await accountOf(ctx);
      // A Learner Lab has no CloudFront, so the step made nothing there.
      if (learnerLab) return;
      const cf = ctx.aws.cloudfront;
      const recordedId = ctx.previous?.distributionId;
      const found = await findDistribution(
        cf,
        distributionComment(stack),
        typeof recordedId === "string" ? recordedId : undefined,
      );
      let leftAlone = false;
      if (found) {
        const verdict = deletable(ownership(found.tags, stack), DISTRIBUTION, distributionComment(stack));
        if (!verdict.ok) {
          ctx.warn(verdict.note);
          leftAlone = true;
        } else {
          const id = found.distribution.Id!;
          let current = found;
          if (current.distribution.DistributionConfig?.Enabled) {
            ctx.progress(t("site.disabling", { id }));
            await disableDistribution(cf, current);
          }
          // CloudFront deletes only a disabled distribution whose change is deployed everywhere.
          current = await waitDeployed(ctx, id, "disable");
          ctx.progress(t("site.deletingDistribution", { id }));
          await deleteDistribution(cf, id, current.etag);
        }
      }
      const oacId = await findOriginAccessControl(cf, originAccessControlName(stack));
      // Still in use by a distribution msdemo left alone: deleting it would fail.
      if (oacId && !leftAlone) {
        ctx.progress(t("site.deletingOac", { name: originAccessControlName(stack) }));
        await deleteOriginAccessControl(cf, oacId);
      }
      const bucketName = siteBucketName(stack, account, config.region);
      const bucket = await findBucket(ctx.aws.s3, bucketName);
      if (bucket) {
        const verdict = deletable(ownership(bucket.tags, stack), BUCKET, bucketName);
        if (!verdict.ok) {
          ctx.warn(verdict.note);
          return;
        }
        ctx.progress(t("site.deletingBucket", { name: bucketName }));
        await deleteBucket(ctx.aws.s3, bucketName);
      }
    },

    async inspect(ctx) {
      const { config } = ctx;
      const stack = config.names.stack;
      const { learnerLab, account } = await accountOf(ctx);
      if (learnerLab) return { resources: [], warnings: [t("site.learnerLab")] };
      const bucketName = siteBucketName(stack, account, config.region);
      const bucket = await findBucket(ctx.aws.s3, bucketName);
      const recordedId = ctx.previous?.distributionId;
      const found = await findDistribution(
        ctx.aws.cloudfront,
        distributionComment(stack),
        typeof recordedId === "string" ? recordedId : undefined,
      );
      const resources: LiveResource[] = [
        {
          step: "site",
          type: BUCKET,
          name: bucketName,
          state: bucket ? "exists" : "missing",
          managed: bucket ? hasStackTag(bucket.tags, stack) : false,
        },
        found
          ? {
              step: "site",
              type: DISTRIBUTION,
              name: distributionComment(stack),
              id: found.distribution.Id!,
              state: found.distribution.DistributionConfig?.Enabled ? found.distribution.Status! : "Disabled",
              managed: hasStackTag(found.tags, stack),
            }
          : {
              step: "site",
              type: DISTRIBUTION,
              name: distributionComment(stack),
              state: "missing",
              managed: false,
            },
      ];
      return found?.distribution.DomainName
        ? { resources, endpoints: { pageUrl: `https://${found.distribution.DomainName}` } }
        : { resources };
    },
  };
}

export const siteStep = makeSiteStep();

export { apiPathPatterns } from "./site-routes.js";
