// moto: a Learner Lab account is recognised by its caller, the assumed role
// voclabs (made in moto with AssumeRole); the caps (9 instances, 32 vCPUs, gp2
// up to 100 GB, no IAM roles made) are checked before any change and shown by
// plan. The Lab's own policies cannot run here: the numbers come from the
// Learner Lab README, second-hand.
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { DescribeDBInstancesCommand } from "@aws-sdk/client-rds";
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

  it("refuses a node count that could pass 9 instances, naming the flag that asks for it", () => {
    expect(learnerLabViolations(testConfig({ nodes: 9, maxNodes: 9 }))).toEqual([]);
    const [max] = learnerLabViolations(testConfig({ maxNodes: 10 }));
    expect(max).toBe(
      "--max-nodes 10: a Learner Lab terminates running instances beyond 9 (and at 20 disables the account); ask for 9 or fewer",
    );
    expect(learnerLabViolations(testConfig({ nodes: 12, maxNodes: 12 }))).toEqual([
      expect.stringMatching(/^--max-nodes 12: /),
    ]);
  });

  it("refuses a node count whose vCPUs could pass 32", () => {
    const problems = learnerLabViolations(testConfig({ instanceType: "m5.2xlarge", nodes: 2, maxNodes: 5 }));
    expect(problems).toContain(
      "--max-nodes 5: 5 × m5.2xlarge (8 vCPUs each) could pass the Learner Lab's 32 vCPUs; ask for 4 or fewer",
    );
  });

  it("refuses RDS storage above 100 GB", () => {
    expect(learnerLabViolations(testConfig({ dbStorage: 100 }))).toEqual([]);
    expect(learnerLabViolations(testConfig({ dbStorage: 150 }))).toEqual([
      "--db-storage 150: a Learner Lab allows RDS storage (gp2) up to 100 GB",
    ]);
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

describe("a run in a Learner Lab account (moto, with credentials of the assumed role voclabs)", () => {
  let moto: Moto;
  let labEnv: (stateDir: string) => Record<string, string>;
  beforeAll(async () => {
    moto = await startMoto();
    const clients = moto.clients();
    await createLabRoles(clients);
    await clients.iam.send(new CreateRoleCommand({ RoleName: "voclabs", AssumeRolePolicyDocument: TRUST }));
    const assumed = await clients.sts.send(
      new AssumeRoleCommand({
        RoleArn: "arn:aws:iam::123456789012:role/voclabs",
        RoleSessionName: "student",
      }),
    );
    const c = assumed.Credentials!;
    labEnv = (stateDir) => ({
      ...moto.env,
      AWS_ACCESS_KEY_ID: c.AccessKeyId!,
      AWS_SECRET_ACCESS_KEY: c.SecretAccessKey!,
      AWS_SESSION_TOKEN: c.SessionToken!,
      MSDEMO_STATE_DIR: stateDir,
      MSDEMO_POLL_SCALE: "0.001",
    });
  });
  afterAll(async () => moto?.stop());

  it("up refuses --max-nodes 12 with exit 2 and makes nothing", async () => {
    const up = await runCli(["up", "--yes", "--steps", "network", "--max-nodes", "12"], {
      env: labEnv(tempDir("lab")),
    });
    expect(up.code, up.stderr).toBe(2);
    expect(up.stderr).toContain("--max-nodes 12: a Learner Lab terminates running instances beyond 9");
    expect(isEmpty(await inventory(moto.clients()))).toBe(true);
  });

  it("plan shows the caps and a gp2 database; up makes it gp2 with autoscaling capped at 100 GB", async () => {
    const env = labEnv(tempDir("lab"));
    const plan = await runCli(["plan", "--steps", "network,database", "--db-storage", "50"], { env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(
      "Learner Lab: at most 9 running instances and 32 vCPUs (nodes up to 9 here); RDS storage gp2 up to 100 GB",
    );
    expect(plan.stdout).toContain("50 GiB gp2 (autoscaling to 100)");
    const up = await runCli(["up", "--yes", "--steps", "network,database", "--db-storage", "50"], { env });
    expect(up.code, up.stderr + up.stdout).toBe(0);
    const [instance] = (await moto.clients().rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? [];
    expect(instance).toMatchObject({ StorageType: "gp2", AllocatedStorage: 50, MaxAllocatedStorage: 100 });
  });
});
