import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialsExpireInMs, detectAccountKind, learnerLabViolations } from "../../src/aws/learner-lab.js";
import { runCli } from "../support/cli.js";
import { inventory, isEmpty } from "../support/inventory.js";
import { createLabRoles } from "../support/lab-roles.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";
import { testConfig } from "../support/step-harness.js";

const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
});

describe("Learner Lab detection against moto", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());

  it("recognises the voclabs assumed role", async () => {
    const clients = moto.clients();
    await clients.iam.send(new CreateRoleCommand({ RoleName: "voclabs", AssumeRolePolicyDocument: TRUST }));
    const assumed = await clients.sts.send(
      new AssumeRoleCommand({
        RoleArn: "arn:aws:iam::123456789012:role/voclabs",
        RoleSessionName: "user1234=student",
      }),
    );
    const c = assumed.Credentials!;
    const sts = new STSClient({
      region: "us-east-1",
      endpoint: moto.url,
      credentials: {
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken!,
      },
    });
    const kind = await detectAccountKind(sts);
    expect(kind.learnerLab).toBe(true);
    expect(kind.evidence).toMatch(/voclabs/);
    sts.destroy();
  });

  it("leaves an ordinary account alone", async () => {
    const kind = await detectAccountKind(moto.clients().sts);
    expect(kind.learnerLab).toBe(false);
    expect(kind.account).toBe("123456789012");
  });
});

describe("Learner Lab limits", () => {
  it("accepts the walkthrough's defaults", () => {
    expect(learnerLabViolations(testConfig())).toEqual([]);
  });

  it("names each flag that asks for too much", () => {
    const problems = learnerLabViolations(
      testConfig({ instanceType: "m5.xlarge", dbInstanceClass: "db.r5.large" }, { region: "eu-west-1" }),
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/--region eu-west-1/);
    expect(problems[1]).toMatch(/--instance-type m5.xlarge/);
    expect(problems[2]).toMatch(/--db-instance-class db.r5.large/);
  });

  it("allows up to large nodes and medium databases", () => {
    expect(
      learnerLabViolations(testConfig({ instanceType: "t3.large", dbInstanceClass: "db.t3.medium" })),
    ).toEqual([]);
    expect(learnerLabViolations(testConfig({ dbInstanceClass: "db.t3.large" }))).toHaveLength(1);
  });

  it("reads how long temporary credentials have left", async () => {
    const now = Date.parse("2026-11-28T10:00:00Z");
    const provider = async () => ({
      accessKeyId: "a",
      secretAccessKey: "b",
      expiration: new Date(now + 20 * 60_000),
    });
    expect(await credentialsExpireInMs(provider, now)).toBe(20 * 60_000);
    expect(
      await credentialsExpireInMs(async () => ({ accessKeyId: "a", secretAccessKey: "b" }), now),
    ).toBeUndefined();
  });
});

describe("the Lab roles are found before anything is made", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());

  const env = (stateDir: string) => ({ ...moto.env, MSDEMO_STATE_DIR: stateDir, MSDEMO_POLL_SCALE: "0.001" });

  it("stops with exit 2 and creates nothing when the cluster role is missing", async () => {
    await moto.reset();
    const stateDir = tempDir("roles");
    const up = await runCli(["up", "--yes", "--steps", "network,cluster"], { env: env(stateDir) });
    expect(up.code, up.stderr).toBe(2);
    expect(up.stderr).toContain("No IAM role named like LabEksClusterRole");
    expect(isEmpty(await inventory(moto.clients()))).toBe(true);
  });

  it("stops on two candidate node roles before the network step runs", async () => {
    await moto.reset();
    const { iam } = moto.clients();
    await createLabRoles(moto.clients());
    await iam.send(new CreateRoleCommand({ RoleName: "c1-LabRole-Ab", AssumeRolePolicyDocument: TRUST }));
    const stateDir = tempDir("roles");
    const up = await runCli(["up", "--yes", "--steps", "network,cluster,nodes"], { env: env(stateDir) });
    expect(up.code, up.stderr).toBe(2);
    expect(up.stderr).toContain("Several IAM roles match LabRole");
    expect(isEmpty(await inventory(moto.clients()))).toBe(true);
    // Naming the role settles it; a run without the nodes step never asks for it.
    const network = await runCli(["up", "--yes", "--steps", "network"], { env: env(stateDir) });
    expect(network.code, network.stderr).toBe(0);
  });
});
