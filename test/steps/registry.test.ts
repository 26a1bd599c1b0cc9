import {
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  ListTagsForResourceCommand,
  PutImageCommand,
  PutImageScanningConfigurationCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-ecr";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import { STACK_TAG, STEP_TAG } from "../../src/aws/tags.js";
import type { RegistryOutputs } from "../../src/steps/outputs.js";
import { registryStep } from "../../src/steps/registry.js";
import { expectPlanIsApply } from "../support/agreement.js";
import { type Moto, startMoto } from "../support/moto.js";
import { recordCalls, stepRun, testConfig } from "../support/step-harness.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const NAMES = ["auth-service-repo", "orders-service-repo", "products-service-repo"];

describe("registry step against moto", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());
  beforeEach(async () => moto.reset());

  async function repos(aws: AwsClients) {
    const result = await aws.ecr.send(new DescribeRepositoriesCommand({}));
    return (result.repositories ?? []).sort((a, b) => a.repositoryName!.localeCompare(b.repositoryName!));
  }

  it("creates the three repositories with the walkthrough's settings; a rerun makes no mutating call", async () => {
    const aws = moto.clients();
    const run = stepRun(testConfig(), aws);
    const before = await run.plan(registryStep);
    expect(before.map((c) => [c.action, c.name])).toEqual(NAMES.map((n) => ["create", n]));

    const outputs = (await run.apply(registryStep)) as RegistryOutputs;
    const made = await repos(aws);
    expect(made.map((r) => r.repositoryName)).toEqual(NAMES);
    for (const repo of made) {
      expect(repo.imageTagMutability).toBe("MUTABLE");
      expect(repo.encryptionConfiguration?.encryptionType).toBe("AES256");
      expect(repo.imageScanningConfiguration?.scanOnPush).toBe(true);
      const tags = await aws.ecr.send(new ListTagsForResourceCommand({ resourceArn: repo.repositoryArn }));
      expect(tags.tags).toEqual(
        expect.arrayContaining([
          { Key: STACK_TAG, Value: "node-microservices-demo" },
          { Key: STEP_TAG, Value: "registry" },
        ]),
      );
    }
    expect(outputs.registryId).toBe("123456789012");
    expect(outputs.repositories.auth).toEqual({
      name: "auth-service-repo",
      uri: made[0]!.repositoryUri,
      arn: made[0]!.repositoryArn,
    });
    expect(outputs.repositories.orders.uri).toMatch(
      /^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/orders-service-repo$/,
    );
    expect(outputs.repositories.products.name).toBe("products-service-repo");

    const calls = recordCalls(aws);
    expect(await run.apply(registryStep)).toEqual(outputs);
    expect(calls.mutating()).toEqual([]);
    expect(calls.calls).toContain("DescribeRepositories");
    const after = await run.plan(registryStep);
    expect(after.map((c) => c.action)).toEqual(["none", "none", "none"]);
    expect(calls.mutating()).toEqual([]);

    const live = await registryStep.inspect(run.context(registryStep));
    expect(live.resources.map((r) => [r.name, r.state, r.managed])).toEqual(
      NAMES.map((n) => [n, "exists", true]),
    );
    expect(live.endpoints?.["auth-service-repo"]).toBe(outputs.repositories.auth.uri);
  });

  it("destroys the repositories with their images, and a second destroy is no error", async () => {
    const aws = moto.clients();
    const run = stepRun(testConfig(), aws);
    await run.apply(registryStep);
    await aws.ecr.send(
      new PutImageCommand({
        repositoryName: "auth-service-repo",
        imageTag: "latest",
        imageManifest: JSON.stringify({
          schemaVersion: 2,
          mediaType: "application/vnd.docker.distribution.manifest.v2+json",
          config: {
            mediaType: "application/vnd.docker.container.image.v1+json",
            size: 2,
            digest: `sha256:${"a".repeat(64)}`,
          },
          layers: [],
        }),
      }),
    );
    await stepRun(testConfig(), aws).destroy(registryStep);
    expect(await repos(aws)).toEqual([]);
    await run.destroy(registryStep);

    const live = await registryStep.inspect(run.context(registryStep));
    expect(live.resources.map((r) => r.state)).toEqual(["missing", "missing", "missing"]);
  });

  it("adopts a repository made by hand and fixes drifted settings, then leaves it alone", async () => {
    const aws = moto.clients();
    await aws.ecr.send(
      new CreateRepositoryCommand({ repositoryName: "orders-service-repo", imageTagMutability: "IMMUTABLE" }),
    );
    const run = stepRun(testConfig(), aws);
    const plan = await run.plan(registryStep);
    expect(plan[1]).toMatchObject({ action: "adopt", name: "orders-service-repo" });
    expect(plan[1]!.detail).toContain("make tags mutable");
    expect(plan[1]!.detail).toContain("turn on scan on push");

    const calls = recordCalls(aws);
    await run.apply(registryStep);
    expect(calls.mutating().sort()).toEqual(
      [
        "CreateRepository",
        "CreateRepository",
        "PutImageScanningConfiguration",
        "PutImageTagMutability",
        "TagResource",
      ].sort(),
    );
    const orders = (await repos(aws)).find((r) => r.repositoryName === "orders-service-repo")!;
    expect(orders.imageTagMutability).toBe("MUTABLE");
    expect(orders.imageScanningConfiguration?.scanOnPush).toBe(true);
    expect(await repos(aws)).toHaveLength(3);

    // Drift on a managed repository: plan says update, apply fixes only that.
    await aws.ecr.send(
      new PutImageScanningConfigurationCommand({
        repositoryName: "products-service-repo",
        imageScanningConfiguration: { scanOnPush: false },
      }),
    );
    const drifted = await run.plan(registryStep);
    expect(drifted.map((c) => c.action)).toEqual(["none", "none", "update"]);
    calls.clear();
    await run.apply(registryStep);
    expect(calls.mutating()).toEqual(["PutImageScanningConfiguration"]);
    calls.clear();
    await run.apply(registryStep);
    expect(calls.mutating()).toEqual([]);
  });

  it("gives a second stack prefixed names that do not collide", async () => {
    const aws = moto.clients();
    const a = (await stepRun(testConfig(), aws).apply(registryStep)) as RegistryOutputs;
    const other = stepRun(testConfig({}, { stack: "team2" }), aws);
    const b = (await other.apply(registryStep)) as RegistryOutputs;
    expect(b.repositories.auth.name).toBe("team2-auth-service-repo");
    expect(b.repositories.auth.arn).not.toBe(a.repositories.auth.arn);
    expect(await repos(aws)).toHaveLength(6);
    await other.destroy(registryStep);
    expect((await repos(aws)).map((r) => r.repositoryName)).toEqual(NAMES);
  });

  describe("plan lists exactly what up does", () => {
    it("in an empty account: three creates", async () => {
      const aws = moto.clients();
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(stepRun(testConfig(), aws, {}, calls), registryStep, calls);
      expect(planned.map((c) => c.action)).toEqual(["create", "create", "create"]);
    });

    it("with everything present: nothing", async () => {
      const aws = moto.clients();
      await stepRun(testConfig(), aws).apply(registryStep);
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(stepRun(testConfig(), aws, {}, calls), registryStep, calls);
      expect(planned.map((c) => c.action)).toEqual(["none", "none", "none"]);
      expect(calls.mutating()).toEqual([]);
    });

    it("after a tag was removed and scan on push turned off behind msdemo's back", async () => {
      const aws = moto.clients();
      const outputs = (await stepRun(testConfig(), aws).apply(registryStep)) as RegistryOutputs;
      await aws.ecr.send(
        new UntagResourceCommand({ resourceArn: outputs.repositories.auth.arn, tagKeys: [STACK_TAG] }),
      );
      await aws.ecr.send(
        new PutImageScanningConfigurationCommand({
          repositoryName: "products-service-repo",
          imageScanningConfiguration: { scanOnPush: false },
        }),
      );
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(stepRun(testConfig(), aws, {}, calls), registryStep, calls);
      expect(planned.map((c) => c.action)).toEqual(["adopt", "none", "update"]);
    });
  });

  it("refuses a repository tagged for another stack", async () => {
    const aws = moto.clients();
    await aws.ecr.send(
      new CreateRepositoryCommand({
        repositoryName: "auth-service-repo",
        tags: [{ Key: STACK_TAG, Value: "someone-else" }],
      }),
    );
    const run = stepRun(testConfig(), aws);
    await expect(run.apply(registryStep)).rejects.toThrow(/belongs to msdemo stack "someone-else"/);
    await run.destroy(registryStep);
    expect((await repos(aws)).map((r) => r.repositoryName)).toEqual(["auth-service-repo"]);
  });
});
