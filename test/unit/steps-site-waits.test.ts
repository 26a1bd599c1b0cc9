// SDK-level fakes (test/unit/steps-fakes.ts) of CloudFront for what moto cannot
// show: moto reports every distribution "Deployed" at once and deletes an
// enabled one. Real CloudFront takes minutes to deploy a change and deletes only
// a disabled, deployed distribution, with the ETag of its last change. These
// check that teardown disables, waits (saying what for) and deletes with the new
// ETag, and that up waits for a new distribution before handing its URL on.
import { CloudFrontClient, UpdateDistributionCommand } from "@aws-sdk/client-cloudfront";
import { S3Client } from "@aws-sdk/client-s3";
import { STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { STACK_TAG } from "../../src/aws/tags.js";
import { makeSiteStep, type SiteSnapshot } from "../../src/steps/site.js";
import { stepRun, testConfig } from "../support/step-harness.js";
import { awsError, fakeAws, fakeClient, type Input } from "./steps-fakes.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const COMMENT = "msdemo node-microservices-demo web page";
const ID = "E2FAKE";

/** A distribution that, after each change, stays InProgress for `looks` GetDistribution calls. */
function cloudFront(looks: number, enabled = true) {
  const dist = { enabled, status: "Deployed", etag: "ETAG-1", pending: 0 };
  const view = () => ({
    Distribution: {
      Id: ID,
      ARN: `arn:aws:cloudfront::123456789012:distribution/${ID}`,
      DomainName: "d2fake.cloudfront.net",
      Status: dist.status,
      DistributionConfig: { Comment: COMMENT, Enabled: dist.enabled, CallerReference: "r" },
    },
    ETag: dist.etag,
  });
  return fakeClient(CloudFrontClient, (command, input: Input) => {
    switch (command) {
      case "ListDistributions":
        return { DistributionList: { Items: [{ Id: ID, Comment: COMMENT }], IsTruncated: false } };
      case "ListTagsForResource":
        return { Tags: { Items: [{ Key: STACK_TAG, Value: "node-microservices-demo" }] } };
      case "GetDistribution":
        if (dist.pending > 0 && --dist.pending === 0) dist.status = "Deployed";
        return view();
      case "UpdateDistribution": {
        if (input.IfMatch !== dist.etag) throw awsError("PreconditionFailed");
        dist.enabled = (input.DistributionConfig as { Enabled: boolean }).Enabled;
        dist.status = "InProgress";
        dist.pending = looks;
        dist.etag = "ETAG-2";
        return view();
      }
      case "DeleteDistribution":
        if (dist.enabled || dist.status !== "Deployed") throw awsError("DistributionNotDisabled");
        if (input.IfMatch !== dist.etag) throw awsError("PreconditionFailed");
        return {};
      case "ListOriginAccessControls":
        return { OriginAccessControlList: { Items: [], IsTruncated: false } };
      default:
        throw new Error(`unexpected ${command}`);
    }
  });
}

const sts = () =>
  fakeClient(STSClient, () => ({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/student" }));
const noBucket = () =>
  fakeClient(S3Client, (command) => {
    if (command === "HeadBucket") throw awsError("NotFound");
    throw new Error(`unexpected ${command}`);
  });

describe("site step waits for CloudFront (SDK-level fake)", () => {
  it("teardown disables the distribution, waits until the change is deployed, then deletes it with the new ETag", async () => {
    const cf = cloudFront(3);
    const run = stepRun(
      testConfig(),
      fakeAws({ cloudfront: cf.client, sts: sts().client, s3: noBucket().client }),
    );
    await run.destroy(makeSiteStep(() => "/nonexistent"));
    const writes = cf.calls.filter((c) => /^(Update|Delete)/.test(c.command));
    expect(writes.map((c) => [c.command, c.input.IfMatch])).toEqual([
      ["UpdateDistribution", "ETAG-1"],
      ["DeleteDistribution", "ETAG-2"],
    ]);
    expect((writes[0]!.input.DistributionConfig as { Enabled: boolean }).Enabled).toBe(false);
    expect(cf.calls.filter((c) => c.command === "GetDistribution").length).toBeGreaterThanOrEqual(3);
    const progress = run.events.flatMap((e) => (e.type === "step-progress" ? [e.message] : []));
    expect(progress).toContain(
      `Waiting for CloudFront distribution ${ID} to finish disabling (usually about 5 minutes): now InProgress`,
    );
    expect(progress.indexOf(`Deleting CloudFront distribution ${ID}`)).toBeGreaterThan(
      progress.findIndex((m) => m.endsWith("now InProgress")),
    );
  });

  it("teardown of an already disabled distribution goes straight to the wait and the delete", async () => {
    const cf = cloudFront(1, false);
    const run = stepRun(
      testConfig(),
      fakeAws({ cloudfront: cf.client, sts: sts().client, s3: noBucket().client }),
    );
    await run.destroy(makeSiteStep(() => "/nonexistent"));
    expect(cf.calls.map((c) => c.command).filter((c) => /^(Update|Delete)/.test(c))).toEqual([
      "DeleteDistribution",
    ]);
  });

  it("up hands on the URL only once a new distribution is deployed", async () => {
    const cf = cloudFront(2);
    const run = stepRun(testConfig(), fakeAws({ cloudfront: cf.client }));
    const step = makeSiteStep(() => "/nonexistent");
    const snapshot = {
      distribution: {
        distribution: { Id: ID, Status: "InProgress", DomainName: "d2fake.cloudfront.net" },
        etag: "",
        tags: [],
      },
      bucketName: "b",
      skipped: false,
    } as unknown as SiteSnapshot;
    // As right after the create: two looks still InProgress, then Deployed.
    await cf.client.send(
      new UpdateDistributionCommand({
        Id: ID,
        IfMatch: "ETAG-1",
        DistributionConfig: { Enabled: true } as never,
      }),
    );
    const outputs = await step.outputs(snapshot, run.context(step));
    expect(outputs).toEqual({
      bucket: "b",
      distributionId: ID,
      domainName: "d2fake.cloudfront.net",
      url: "https://d2fake.cloudfront.net",
    });
    const looks = cf.calls.filter((c) => c.command === "GetDistribution");
    expect(looks.length).toBe(2);
    const progress = run.events.flatMap((e) => (e.type === "step-progress" ? [e.message] : []));
    expect(progress[0]).toMatch(
      /^Waiting for CloudFront distribution E2FAKE to be deployed .*: now InProgress$/,
    );
  });
});
