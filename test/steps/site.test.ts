// The site step against moto_server (S3 and CloudFront both emulated; moto
// reports a distribution "Deployed" at once, so the waits end on the first look,
// and it does not echo an origin's access control id back, which the drift
// check tolerates). The built page is a small fixture in a temp dir, so a test
// can change one file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  GetDistributionCommand,
  ListDistributionsCommand,
  ListOriginAccessControlsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateDistributionCommand,
} from "@aws-sdk/client-cloudfront";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import {
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetPublicAccessBlockCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketTaggingCommand,
} from "@aws-sdk/client-s3";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import { STACK_TAG, STEP_TAG } from "../../src/aws/tags.js";
import type { StepRecord } from "../../src/state/store.js";
import type { SiteOutputs } from "../../src/steps/outputs.js";
import { apiPathPatterns, makeSiteStep } from "../../src/steps/site.js";
import { expectPlanIsApply } from "../support/agreement.js";
import { inventory } from "../support/inventory.js";
import { type Moto, startMoto } from "../support/moto.js";
import { recordCalls, stepRun, testConfig } from "../support/step-harness.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const ACCOUNT = "123456789012";
const BUCKET = `node-microservices-demo-web-${ACCOUNT}-us-east-1`;
const COMMENT = "msdemo node-microservices-demo web page";
const API_HOST = "abc123def4.execute-api.us-east-1.amazonaws.com";
const GATEWAY: Record<string, StepRecord> = {
  gateway: {
    status: "done",
    outputs: { apiId: "abc123def4", apiUrl: `https://${API_HOST}`, routes: 16 },
    updatedAt: new Date(0).toISOString(),
  },
};

describe("site step against moto", () => {
  let moto: Moto;
  let webRoot: string;
  const step = () => makeSiteStep(() => webRoot);
  const run = (aws: AwsClients, calls?: ReturnType<typeof recordCalls>) =>
    stepRun(testConfig(), aws, GATEWAY, calls);

  function writePage(js = "console.log('hello')", jsName = "main-AAAA1111.js") {
    rmSync(webRoot, { recursive: true, force: true });
    mkdirSync(join(webRoot, "assets"), { recursive: true });
    writeFileSync(
      join(webRoot, "index.html"),
      `<!doctype html><script type="module" src="/assets/${jsName}"></script><link rel="stylesheet" href="/assets/style-BBBB2222.css">`,
    );
    writeFileSync(join(webRoot, "assets", jsName), js);
    writeFileSync(join(webRoot, "assets", "style-BBBB2222.css"), "body{margin:0}");
    writeFileSync(join(webRoot, "assets", `${jsName}.map`), "{}");
  }

  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());
  beforeEach(async () => {
    await moto.reset();
    webRoot = mkdtempSync(join(tmpdir(), "msdemo-site-"));
    writePage();
  });
  afterEach(() => rmSync(webRoot, { recursive: true, force: true }));

  async function distributions(aws: AwsClients) {
    return (await aws.cloudfront.send(new ListDistributionsCommand({}))).DistributionList?.Items ?? [];
  }

  it("sends exactly the API's paths to API Gateway", () => {
    expect(apiPathPatterns()).toEqual([
      "/.well-known/*",
      "/api/*",
      "/auth*",
      "/orders*",
      "/products*",
      "/v1/*",
    ]);
  });

  it("creates a private bucket with the page and a distribution in front; a rerun uploads nothing and changes nothing", async () => {
    const aws = moto.clients();
    const site = step();
    const calls = recordCalls(aws);
    const r = run(aws, calls);
    const planned = await r.plan(site);
    expect(planned.map((c) => [c.action, c.resource, c.name])).toEqual([
      ["create", "S3 bucket", BUCKET],
      ["create", "S3 object", "assets/main-AAAA1111.js"],
      ["create", "S3 object", "assets/style-BBBB2222.css"],
      ["create", "S3 object", "index.html"],
      ["create", "CloudFront origin access control", "msdemo-node-microservices-demo-web"],
      ["create", "CloudFront distribution", COMMENT],
      ["create", "S3 bucket policy", BUCKET],
    ]);
    const outputs = (await r.apply(site)) as Extract<SiteOutputs, { url: string }>;

    // The bucket: private, tagged, readable only by this distribution.
    const block = await aws.s3.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET }));
    expect(block.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    const bucketTags = await aws.s3.send(new GetBucketTaggingCommand({ Bucket: BUCKET }));
    expect(bucketTags.TagSet).toEqual(
      expect.arrayContaining([
        { Key: STACK_TAG, Value: "node-microservices-demo" },
        { Key: STEP_TAG, Value: "site" },
      ]),
    );
    const [only] = await distributions(aws);
    expect(only?.Comment).toBe(COMMENT);
    const policy = JSON.parse(
      (await aws.s3.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy ?? "{}",
    ) as { Statement: { Principal: unknown; Action: string; Condition: unknown }[] };
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0]).toMatchObject({
      Principal: { Service: "cloudfront.amazonaws.com" },
      Action: "s3:GetObject",
      Condition: { StringEquals: { "AWS:SourceArn": only!.ARN } },
    });

    // The files, with cache headers by kind; the source map stays home.
    const listed = await aws.s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual([
      "assets/main-AAAA1111.js",
      "assets/style-BBBB2222.css",
      "index.html",
    ]);
    const html = await aws.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "index.html" }));
    expect(html.CacheControl).toBe("no-cache");
    expect(html.ContentType).toBe("text/html; charset=utf-8");
    const js = await aws.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "assets/main-AAAA1111.js" }));
    expect(js.CacheControl).toBe("public, max-age=31536000, immutable");
    expect(js.ContentType).toBe("text/javascript; charset=utf-8");

    // The distribution: the bucket by default, the API's paths to API Gateway uncached with every method.
    const got = await aws.cloudfront.send(new GetDistributionCommand({ Id: only!.Id }));
    const config = got.Distribution!.DistributionConfig!;
    expect(config.Enabled).toBe(true);
    expect(config.DefaultRootObject).toBe("index.html");
    expect(config.Origins?.Items?.map((o) => o.DomainName).sort()).toEqual(
      [API_HOST, `${BUCKET}.s3.us-east-1.amazonaws.com`].sort(),
    );
    expect(config.DefaultCacheBehavior?.TargetOriginId).toBe("page-s3");
    const behaviours = config.CacheBehaviors?.Items ?? [];
    expect(behaviours.map((b) => b.PathPattern).sort()).toEqual(apiPathPatterns());
    for (const b of behaviours) {
      expect(b.TargetOriginId).toBe("api-gateway");
      expect(b.CachePolicyId).toBe("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
      expect(b.AllowedMethods?.Items?.sort()).toEqual([
        "DELETE",
        "GET",
        "HEAD",
        "OPTIONS",
        "PATCH",
        "POST",
        "PUT",
      ]);
    }
    const distTags = await aws.cloudfront.send(new ListTagsForResourceCommand({ Resource: only!.ARN }));
    expect(distTags.Tags?.Items).toEqual(
      expect.arrayContaining([{ Key: STACK_TAG, Value: "node-microservices-demo" }]),
    );
    expect(outputs).toEqual({
      bucket: BUCKET,
      distributionId: only!.Id,
      domainName: only!.DomainName,
      url: `https://${only!.DomainName}`,
    });

    // A rerun: nothing uploaded (no PutObject at all), nothing changed.
    calls.clear();
    expect(await r.apply(site)).toEqual(outputs);
    expect(calls.mutating()).toEqual([]);
    expect(calls.calls).toContain("ListObjectsV2");
    expect((await r.plan(site)).every((c) => c.action === "none")).toBe(true);

    const live = await site.inspect(r.context(site));
    expect(live.endpoints).toEqual({ pageUrl: outputs.url });
    expect(live.resources.map((x) => [x.type, x.state, x.managed])).toEqual([
      ["S3 bucket", "exists", true],
      ["CloudFront distribution", "Deployed", true],
    ]);
  });

  describe("plan lists exactly what up does", () => {
    it("in an empty account: bucket, files, access control, distribution, policy", async () => {
      const aws = moto.clients();
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(run(aws, calls), step(), calls);
      expect(planned.filter((c) => c.action === "create")).toHaveLength(7);
    });

    it("with everything present: nothing", async () => {
      const aws = moto.clients();
      await run(aws).apply(step());
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(run(aws, calls), step(), calls);
      expect(planned.map((c) => c.action).every((a) => a === "none")).toBe(true);
      expect(calls.mutating()).toEqual([]);
    });

    it("after a rebuild changed one asset: uploads it and the page that names it, deletes the old one", async () => {
      const aws = moto.clients();
      await run(aws).apply(step());
      writePage("console.log('changed')", "main-CCCC3333.js");
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(run(aws, calls), step(), calls);
      expect(planned.filter((c) => c.action !== "none").map((c) => [c.action, c.name])).toEqual([
        ["create", "assets/main-CCCC3333.js"],
        ["update", "index.html"],
        ["delete", "assets/main-AAAA1111.js"],
      ]);
      expect(calls.mutating().filter((c) => c === "PutObject")).toHaveLength(2);
    });

    it("after an API behaviour was removed behind msdemo's back: puts it back", async () => {
      const aws = moto.clients();
      const outputs = (await run(aws).apply(step())) as Extract<SiteOutputs, { url: string }>;
      const got = await aws.cloudfront.send(new GetDistributionCommand({ Id: outputs.distributionId }));
      const config = got.Distribution!.DistributionConfig!;
      const kept = (config.CacheBehaviors?.Items ?? []).filter((b) => b.PathPattern !== "/v1/*");
      await aws.cloudfront.send(
        new UpdateDistributionCommand({
          Id: outputs.distributionId,
          IfMatch: got.ETag,
          DistributionConfig: { ...config, CacheBehaviors: { Quantity: kept.length, Items: kept } },
        }),
      );
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(run(aws, calls), step(), calls);
      expect(planned.filter((c) => c.action !== "none").map((c) => [c.action, c.resource])).toEqual([
        ["update", "CloudFront distribution"],
      ]);
      const after = await aws.cloudfront.send(new GetDistributionCommand({ Id: outputs.distributionId }));
      expect(
        after.Distribution?.DistributionConfig?.CacheBehaviors?.Items?.map((b) => b.PathPattern).sort(),
      ).toEqual(apiPathPatterns());
    });
  });

  it("teardown disables the distribution, waits until deployed, deletes it and empties and deletes the bucket", async () => {
    const aws = moto.clients();
    const r = run(aws);
    await r.apply(step());
    await r.destroy(step());
    const left = await inventory(aws);
    expect(left.buckets).toEqual([]);
    expect(left.distributions).toEqual([]);
    expect(left.originAccessControls).toEqual([]);
    const progress = r.events.flatMap((e) => (e.type === "step-progress" ? [e.message] : []));
    expect(progress.some((m) => /Disabling CloudFront distribution/.test(m))).toBe(true);
    expect(progress.some((m) => /Emptying and deleting S3 bucket/.test(m))).toBe(true);
    // A second teardown finds nothing and is no error.
    await r.destroy(step());
    expect((await aws.s3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
  });

  it("refuses, and teardown leaves alone, a bucket and distribution tagged for another stack", async () => {
    const aws = moto.clients();
    const outputs = (await run(aws).apply(step())) as Extract<SiteOutputs, { url: string }>;
    const theirs = [{ Key: STACK_TAG, Value: "someone-else" }];
    await aws.s3.send(new PutBucketTaggingCommand({ Bucket: BUCKET, Tagging: { TagSet: theirs } }));
    const [only] = await distributions(aws);
    await aws.cloudfront.send(new TagResourceCommand({ Resource: only!.ARN, Tags: { Items: theirs } }));
    const r = run(aws);
    await expect(r.plan(step())).rejects.toThrow(/belongs to msdemo stack "someone-else"/);
    await r.destroy(step());
    expect((await distributions(aws)).map((d) => d.Id)).toEqual([outputs.distributionId]);
    expect((await inventory(aws)).buckets).toEqual([BUCKET]);
    const warnings = r.events.flatMap((e) => (e.type === "step-warning" ? [e.message] : []));
    expect(warnings).toHaveLength(2);
  });

  it("in a Learner Lab: plans nothing, says why, and makes no AWS call", async () => {
    const aws = moto.clients();
    const calls = recordCalls(aws);
    const r = stepRun({ ...testConfig(), learnerLab: true }, aws, GATEWAY, calls);
    const planned = await r.plan(step());
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ action: "none" });
    expect(planned[0]!.warning).toMatch(/Learner Lab does not offer CloudFront/);
    expect(await r.apply(step())).toEqual({ skipped: "learner-lab" });
    expect(calls.calls).toEqual([]);
    const oacs = await aws.cloudfront.send(new ListOriginAccessControlsCommand({}));
    expect(oacs.OriginAccessControlList?.Quantity ?? 0).toBe(0);
  });

  it("in a Learner Lab found by its voclabs role: plan, status and teardown say why and touch nothing", async () => {
    const admin = moto.clients();
    await admin.iam.send(
      new CreateRoleCommand({
        RoleName: "voclabs",
        AssumeRolePolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
        }),
      }),
    );
    const assumed = await admin.sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/voclabs`, RoleSessionName: "student" }),
    );
    const keys = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] as const;
    const saved = keys.map((k) => process.env[k]);
    // The clients read their credentials from the environment, as in CloudShell.
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: assumed.Credentials!.AccessKeyId!,
      AWS_SECRET_ACCESS_KEY: assumed.Credentials!.SecretAccessKey!,
      AWS_SESSION_TOKEN: assumed.Credentials!.SessionToken!,
    });
    try {
      const aws = moto.clients();
      const calls = recordCalls(aws);
      // No learnerLab in the config: status and teardown do not run preflight.
      const r = run(aws, calls);
      const live = await step().inspect(r.context(step()));
      expect(live.resources).toEqual([]);
      expect(live.warnings).toEqual([expect.stringMatching(/Learner Lab does not offer CloudFront/)]);
      await r.destroy(step());
      const planned = await r.plan(step());
      expect(planned.map((c) => c.action)).toEqual(["none"]);
      expect(new Set(calls.calls)).toEqual(new Set(["GetCallerIdentity"]));
    } finally {
      keys.forEach((k, i) => {
        process.env[k] = saved[i];
      });
    }
  });
});
