// moto: the database step's security-group rule, subnet group, secrets and RDS
// instance, found or made, adopted, tagged, torn down; the default password
// msdemo generates and keeps in its own secret (no rotation), and the plan's
// words for RDS-managed mode. What moto cannot show (a rotation's effect on the
// pods, a default minor version, a secret still being deleted) is in the deploy
// tests and the fault-proxy tests beside this file.
import { createPrivateKey, randomBytes } from "node:crypto";
import { CreateSubnetCommand, CreateVpcCommand } from "@aws-sdk/client-ec2";
import {
  CreateDBInstanceCommand,
  type CreateDBInstanceMessage,
  DescribeDBInstancesCommand,
  ModifyDBInstanceCommand,
  RemoveTagsFromResourceCommand,
  StopDBInstanceCommand,
} from "@aws-sdk/client-rds";
import {
  DeleteSecretCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import {
  findSecret,
  generateDbPassword,
  isValidRdsPassword,
  RDS_PASSWORD_ALPHABET,
  readDbCredentials,
  readSecretValue,
} from "../../src/aws/secrets.js";
import { STACK_TAG, STEP_TAG } from "../../src/aws/tags.js";
import type { Config } from "../../src/config.js";
import { databaseStep } from "../../src/steps/database.js";
import type { DatabaseOutputs, NetworkOutputs } from "../../src/steps/outputs.js";
import { expectPlanIsApply } from "../support/agreement.js";
import { type Moto, startMoto } from "../support/moto.js";
import { type CallLog, recordCalls, type StepRun, stepRun, testConfig } from "../support/step-harness.js";
import { networkDone } from "./database-network.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const JWT = "msdemo/node-microservices-demo/jwt";
const DB_SECRET = "msdemo/node-microservices-demo/db";

describe("database step against moto", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());
  beforeEach(async () => moto.reset());

  async function withNetwork(
    config: Config,
    aws: AwsClients,
    calls?: CallLog,
  ): Promise<{ run: StepRun; net: NetworkOutputs }> {
    const { net, state } = await networkDone(config, aws);
    return { run: stepRun(config, aws, state, calls), net };
  }

  /** A VPC of its own with subnets in two zones, as RDS needs. */
  async function vpcWithTwoZones(aws: AwsClients): Promise<string> {
    const vpc = (await aws.ec2.send(new CreateVpcCommand({ CidrBlock: "10.20.0.0/16" }))).Vpc!.VpcId!;
    for (const [cidr, zone] of [
      ["10.20.1.0/24", "us-east-1a"],
      ["10.20.2.0/24", "us-east-1b"],
    ] as const) {
      await aws.ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr, AvailabilityZone: zone }));
    }
    return vpc;
  }

  /** pgdb-rds made in the console, with a password typed by hand. */
  async function instanceByHand(aws: AwsClients, extra: Partial<CreateDBInstanceMessage>) {
    await aws.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: "pgdb-rds",
        Engine: "postgres",
        DBInstanceClass: "db.t3.micro",
        AllocatedStorage: 20,
        MasterUsername: "postgres",
        MasterUserPassword: "typed-by-hand-1",
        ...extra,
      }),
    );
  }

  async function dbInstances(aws: AwsClients) {
    return (await aws.rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? [];
  }

  async function secretNames(aws: AwsClients): Promise<string[]> {
    return ((await aws.secrets.send(new ListSecretsCommand({}))).SecretList ?? [])
      .map((s) => s.Name ?? "")
      .sort();
  }

  it("creates pgdb-rds as the walkthrough does, with an RDS-managed password; rerun adopts with no mutating call", async () => {
    const aws = moto.clients();
    const { run, net } = await withNetwork(testConfig({ dbPasswordMode: "managed" }), aws);

    const before = await run.plan(databaseStep);
    expect(before.map((c) => [c.action, c.name])).toEqual([
      ["create", "msdemo/node-microservices-demo/jwt"],
      ["create", "pgdb-rds"],
    ]);
    // Managed mode says at plan time that a rotation needs another up.
    expect(before[1]!.detail).toContain("password managed by RDS; RDS rotates the password every 7 days");

    const outputs = (await run.apply(databaseStep)) as DatabaseOutputs;
    const [instance, ...others] = await dbInstances(aws);
    expect(others).toEqual([]);
    expect(instance).toMatchObject({
      DBInstanceIdentifier: "pgdb-rds",
      Engine: "postgres",
      EngineVersion: "17.6",
      DBInstanceClass: "db.t3.micro",
      AllocatedStorage: 20,
      MaxAllocatedStorage: 100,
      MultiAZ: false,
      PubliclyAccessible: false,
      StorageEncrypted: true,
      MasterUsername: "postgres",
      DBInstanceStatus: "available",
    });
    expect(instance!.BackupRetentionPeriod).toBeGreaterThanOrEqual(1);
    expect(instance!.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId)).toEqual([net.dbSecurityGroupId]);
    expect(instance!.TagList).toEqual(
      expect.arrayContaining([
        { Key: STACK_TAG, Value: "node-microservices-demo" },
        { Key: STEP_TAG, Value: "database" },
      ]),
    );
    expect(instance!.MasterUserSecret?.SecretArn).toBeDefined();

    expect(outputs).toEqual({
      dbInstanceId: "pgdb-rds",
      endpoint: instance!.Endpoint!.Address,
      port: 5432,
      dbName: "postgres",
      masterUsername: "postgres",
      passwordSecretArn: instance!.MasterUserSecret!.SecretArn,
      jwtSecretArn: expect.stringContaining("msdemo/node-microservices-demo/jwt"),
      passwordMode: "managed",
    });
    expect(outputs.endpoint).not.toBe("");

    // The JWT signing key: an RSA 2048-bit private key, PKCS8 PEM; kept out of the outputs.
    const jwt = await readSecretValue(aws.secrets, outputs.jwtSecretArn);
    expect(jwt).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const key = createPrivateKey(jwt);
    expect([key.asymmetricKeyType, key.asymmetricKeyDetails?.modulusLength]).toEqual(["rsa", 2048]);
    expect(JSON.stringify(outputs)).not.toContain(jwt);
    // The RDS-managed secret holds the credentials; the deploy step reads them with readDbCredentials.
    const credentials = await readDbCredentials(aws.secrets, outputs.passwordSecretArn);
    // (moto fills RDS-managed secrets with fixed credentials, username "admin"; AWS uses the master username.)
    expect(credentials.password).not.toBe("");
    expect(JSON.stringify(outputs)).not.toContain(credentials.password);
    expect(JSON.stringify(run.events)).not.toContain(credentials.password);

    expect(
      run.events.some((e) => e.type === "step-progress" && /Creating RDS instance pgdb-rds/.test(e.message)),
    ).toBe(true);

    const calls = recordCalls(aws);
    const again = await run.apply(databaseStep);
    expect(again).toEqual(outputs);
    expect(calls.mutating()).toEqual([]);
    expect(calls.calls).toContain("DescribeDBInstances");
    const after = await run.plan(databaseStep);
    expect(after.map((c) => c.action)).toEqual(["none", "none"]);
    expect(calls.mutating()).toEqual([]);

    const live = await databaseStep.inspect(run.context(databaseStep));
    expect(live.resources.map((r) => [r.type, r.state, r.managed])).toEqual([
      ["RDS DB instance", "available", true],
      ["Secrets Manager secret (RDS-managed)", expect.any(String), true],
      ["Secrets Manager secret", "exists", true],
    ]);
    expect(live.endpoints?.database).toBe(`${outputs.endpoint}:5432`);
  });

  it("destroys the instance and every secret, twice without error, and inspect then shows them missing", async () => {
    const aws = moto.clients();
    const { run } = await withNetwork(testConfig({ dbPasswordMode: "generated" }), aws);
    await run.apply(databaseStep);
    expect(await secretNames(aws)).toEqual([
      "msdemo/node-microservices-demo/db",
      "msdemo/node-microservices-demo/jwt",
    ]);

    await run.destroy(databaseStep);
    expect(await dbInstances(aws)).toEqual([]);
    expect(await secretNames(aws)).toEqual([]);
    // Each secret is reported once, by name, though the state file also holds its ARN.
    const deletedSecrets = () =>
      run.events.flatMap((e) =>
        e.type === "step-progress" && e.message.startsWith("Deleted secret") ? [e.message] : [],
      );
    expect(deletedSecrets()).toEqual([
      "Deleted secret msdemo/node-microservices-demo/db",
      "Deleted secret msdemo/node-microservices-demo/jwt",
    ]);
    await run.destroy(databaseStep);
    // Nothing left: the second teardown reports no deletion (AWS accepts a forced
    // delete of a missing secret, so msdemo looks before it says so).
    expect(deletedSecrets()).toHaveLength(2);

    const live = await databaseStep.inspect(run.context(databaseStep));
    expect(live.resources.map((r) => [r.name, r.state])).toEqual([
      ["pgdb-rds", "missing"],
      ["msdemo/node-microservices-demo/db", "missing"],
      ["msdemo/node-microservices-demo/jwt", "missing"],
    ]);
  });

  it("destroys with no recorded outputs (discovery by name), the RDS-managed secret going with the instance", async () => {
    const aws = moto.clients();
    const { run } = await withNetwork(testConfig({ dbPasswordMode: "managed" }), aws);
    await run.apply(databaseStep);
    const fresh = stepRun(testConfig({ dbPasswordMode: "managed" }), aws);
    const calls = recordCalls(aws);
    await fresh.destroy(databaseStep);
    expect(calls.mutating()).toContain("DeleteDBInstance");
    expect(await dbInstances(aws)).toEqual([]);
    expect(await secretNames(aws)).toEqual([]);
  });

  it("generated mode (the default): the secret is made before the instance, meets RDS's rules, and appears in no output or event", async () => {
    const aws = moto.clients();
    const { run } = await withNetwork(testConfig(), aws);
    const planned = await run.plan(databaseStep);
    const instancePlan = planned.find((c) => c.name === "pgdb-rds")!;
    expect(instancePlan.detail).toContain("password generated by msdemo");
    expect(instancePlan.detail).not.toContain("rotates");
    const calls = recordCalls(aws);
    const outputs = (await run.apply(databaseStep)) as DatabaseOutputs;
    const mutating = calls.mutating();
    expect(mutating.filter((c) => c === "CreateSecret")).toHaveLength(2);
    expect(mutating.lastIndexOf("CreateSecret")).toBeLessThan(mutating.indexOf("CreateDBInstance"));

    expect(outputs.passwordMode).toBe("generated");
    const secret = await findSecret(aws.secrets, "msdemo/node-microservices-demo/db");
    expect(outputs.passwordSecretArn).toBe(secret?.arn);
    expect(secret?.tags).toEqual(
      expect.arrayContaining([{ Key: STACK_TAG, Value: "node-microservices-demo" }]),
    );
    const [instance] = await dbInstances(aws);
    expect(instance!.MasterUserSecret).toBeUndefined();

    const { username, password } = await readDbCredentials(aws.secrets, outputs.passwordSecretArn);
    expect(username).toBe("postgres");
    expect(password).toHaveLength(32);
    expect(isValidRdsPassword(password)).toBe(true);
    expect(password).not.toMatch(/[/"@ ]/);
    expect(JSON.stringify(outputs)).not.toContain(password);
    expect(JSON.stringify(run.events)).not.toContain(password);
    expect(JSON.stringify(run.state.get("database"))).not.toContain(password);

    calls.clear();
    const again = await run.apply(databaseStep);
    expect(again).toEqual(outputs);
    expect(calls.mutating()).toEqual([]);
    // The password is unchanged by the rerun.
    expect((await readDbCredentials(aws.secrets, outputs.passwordSecretArn)).password).toBe(password);
  });

  it("generated mode reuses a password secret left by a run killed before the instance was created", async () => {
    const aws = moto.clients();
    const config = testConfig({ dbPasswordMode: "generated" });
    const { run } = await withNetwork(config, aws);
    await run.apply(databaseStep);
    const first = await readDbCredentials(
      aws.secrets,
      (run.state.get("database")!.outputs as DatabaseOutputs).passwordSecretArn,
    );
    // Simulate: the instance is gone but the secret stayed (kill between secret and instance).
    const { DeleteDBInstanceCommand } = await import("@aws-sdk/client-rds");
    await aws.rds.send(
      new DeleteDBInstanceCommand({ DBInstanceIdentifier: "pgdb-rds", SkipFinalSnapshot: true }),
    );

    const plan = await run.plan(databaseStep);
    expect(plan.map((c) => [c.action, c.name])).toEqual([
      ["none", "msdemo/node-microservices-demo/jwt"],
      ["none", "msdemo/node-microservices-demo/db"],
      ["create", "pgdb-rds"],
    ]);
    const calls = recordCalls(aws);
    const outputs = (await run.apply(databaseStep)) as DatabaseOutputs;
    expect(calls.mutating()).toEqual(["CreateDBInstance"]);
    expect((await readDbCredentials(aws.secrets, outputs.passwordSecretArn)).password).toBe(first.password);
  });

  it("adopts an untagged instance made by hand, and makes its password readable", async () => {
    const aws = moto.clients();
    const { run, net } = await withNetwork(testConfig({ dbPasswordMode: "managed" }), aws);
    await instanceByHand(aws, { VpcSecurityGroupIds: [net.dbSecurityGroupId] });
    const plan = await run.plan(databaseStep);
    expect(plan[1]).toMatchObject({ action: "adopt", name: "pgdb-rds" });
    expect(plan[1]!.detail).toMatch(/let RDS manage the master password/);

    const outputs = (await run.apply(databaseStep)) as DatabaseOutputs;
    expect(outputs.passwordMode).toBe("managed");
    const [instance, ...others] = await dbInstances(aws);
    expect(others).toEqual([]);
    expect(instance!.TagList).toEqual(
      expect.arrayContaining([{ Key: STACK_TAG, Value: "node-microservices-demo" }]),
    );
    expect(outputs.passwordSecretArn).toBe(instance!.MasterUserSecret?.SecretArn);
    expect(run.events.some((e) => e.type === "step-warning" && /cannot read/.test(e.message))).toBe(true);

    const calls = recordCalls(aws);
    await run.apply(databaseStep);
    expect(calls.mutating()).toEqual([]);
  });

  it("gives a second stack prefixed names that do not collide", async () => {
    const aws = moto.clients();
    const a = await withNetwork(testConfig(), aws);
    const aOut = (await a.run.apply(databaseStep)) as DatabaseOutputs;
    const b = await withNetwork(testConfig({ dbPasswordMode: "generated" }, { stack: "team2" }), aws);
    const bOut = (await b.run.apply(databaseStep)) as DatabaseOutputs;
    expect(bOut.dbInstanceId).toBe("team2-pgdb-rds");
    expect(bOut.jwtSecretArn).toContain("msdemo/team2/jwt");
    expect(bOut.jwtSecretArn).not.toBe(aOut.jwtSecretArn);
    expect((await dbInstances(aws)).map((d) => d.DBInstanceIdentifier).sort()).toEqual([
      "pgdb-rds",
      "team2-pgdb-rds",
    ]);

    await b.run.destroy(databaseStep);
    expect((await dbInstances(aws)).map((d) => d.DBInstanceIdentifier)).toEqual(["pgdb-rds"]);
    expect(await secretNames(aws)).toContain("msdemo/node-microservices-demo/jwt");
    expect(await secretNames(aws)).not.toContain("msdemo/team2/jwt");
  });

  it("in a VPC other than the default one, makes (and tears down) a DB subnet group over its subnets", async () => {
    const aws = moto.clients();
    const vpc = await vpcWithTwoZones(aws);
    const { run } = await withNetwork(testConfig({ vpcId: vpc }), aws);
    const plan = await run.plan(databaseStep);
    expect(plan.map((c) => [c.action, c.name])).toContainEqual(["create", "pgdb-rds-subnets"]);
    await run.apply(databaseStep);
    const [instance] = await dbInstances(aws);
    expect(instance!.DBSubnetGroup?.DBSubnetGroupName).toBe("pgdb-rds-subnets");
    expect(instance!.DBSubnetGroup?.VpcId).toBe(vpc);
    const calls = recordCalls(aws);
    await run.apply(databaseStep);
    expect(calls.mutating()).toEqual([]);

    await run.destroy(databaseStep);
    const { DescribeDBSubnetGroupsCommand } = await import("@aws-sdk/client-rds");
    const left = (await aws.rds.send(new DescribeDBSubnetGroupsCommand({}))).DBSubnetGroups ?? [];
    expect(left.map((g) => g.DBSubnetGroupName)).not.toContain("pgdb-rds-subnets");
  });

  it("plans before the network step ran; up then says clearly that it needs it", async () => {
    const aws = moto.clients();
    const run = stepRun(testConfig(), aws);
    const plan = await run.plan(databaseStep);
    expect(plan.map((c) => [c.action, c.name])).toEqual([
      ["create", JWT],
      ["create", DB_SECRET],
      ["create", "pgdb-rds"],
    ]);
    expect(plan[2]!.detail).toContain("security group postgres-sg-rds");
    await expect(run.apply(databaseStep)).rejects.toThrow(/needs what the network step makes/);
    expect(await dbInstances(aws)).toEqual([]);
  });

  describe("plan lists exactly what up does", () => {
    // All against moto; the security groups the network step makes are made
    // directly (database-network.ts), so only the database step's calls count.
    it("in an empty account (after the network step): the two secrets, then the instance", async () => {
      const aws = moto.clients();
      const calls = recordCalls(aws);
      const { run } = await withNetwork(testConfig(), aws, calls);
      const planned = await expectPlanIsApply(run, databaseStep, calls);
      expect(planned.map((c) => [c.action, c.name])).toEqual([
        ["create", JWT],
        ["create", DB_SECRET],
        ["create", "pgdb-rds"],
      ]);
      expect(run.made[2]!.calls.filter(calls.isMutating)).toEqual(["CreateDBInstance"]);
    });

    it("with everything present: nothing, and no mutating call", async () => {
      const aws = moto.clients();
      const calls = recordCalls(aws);
      const { run } = await withNetwork(testConfig(), aws, calls);
      await run.apply(databaseStep);
      const planned = await expectPlanIsApply(run, databaseStep, calls);
      expect(planned.map((c) => c.action)).toEqual(["none", "none", "none"]);
      expect(calls.mutating()).toEqual([]);
    });

    it("a stack made before, whose JWT secret is an HS256 secret: replaced by an RSA key, a planned update", async () => {
      const aws = moto.clients();
      const calls = recordCalls(aws);
      const { run } = await withNetwork(testConfig(), aws, calls);
      const outputs = (await run.apply(databaseStep)) as DatabaseOutputs;
      await aws.secrets.send(
        new PutSecretValueCommand({ SecretId: JWT, SecretString: randomBytes(48).toString("base64url") }),
      );

      const planned = await expectPlanIsApply(run, databaseStep, calls);
      expect(planned.map((c) => [c.action, c.name])).toEqual([
        ["update", JWT],
        ["none", DB_SECRET],
        ["none", "pgdb-rds"],
      ]);
      expect(planned[0]!.detail).toMatch(/replace the HS256 secret by an RSA signing key/);
      expect(run.made.map((m) => m.calls.filter(calls.isMutating))).toEqual([["PutSecretValue"]]);
      expect(
        createPrivateKey(await readSecretValue(aws.secrets, outputs.jwtSecretArn)).asymmetricKeyType,
      ).toBe("rsa");
      // Then it holds a key: the next run has nothing to do.
      expect((await run.plan(databaseStep)).map((c) => c.action)).toEqual(["none", "none", "none"]);
    });

    it("after stack tags were removed and the JWT secret deleted behind msdemo's back: restore, adopt", async () => {
      const aws = moto.clients();
      const calls = recordCalls(aws);
      const { run } = await withNetwork(testConfig(), aws, calls);
      const outputs = (await run.apply(databaseStep)) as DatabaseOutputs;
      const jwt = await readSecretValue(aws.secrets, outputs.jwtSecretArn);
      const [instance] = await dbInstances(aws);
      await aws.rds.send(
        new RemoveTagsFromResourceCommand({ ResourceName: instance!.DBInstanceArn, TagKeys: [STACK_TAG] }),
      );
      await aws.secrets.send(new DeleteSecretCommand({ SecretId: JWT, RecoveryWindowInDays: 7 }));
      await aws.secrets.send(new UntagResourceCommand({ SecretId: DB_SECRET, TagKeys: [STACK_TAG] }));

      const planned = await expectPlanIsApply(run, databaseStep, calls);
      expect(planned.map((c) => [c.action, c.name])).toEqual([
        ["update", JWT],
        ["adopt", DB_SECRET],
        ["adopt", "pgdb-rds"],
      ]);
      expect(run.made.map((m) => m.calls.filter(calls.isMutating))).toEqual([
        ["RestoreSecret"],
        ["TagResource"],
        ["AddTagsToResource"],
      ]);
      // Restored, not replaced: the services' tokens stay valid.
      expect(await readSecretValue(aws.secrets, outputs.jwtSecretArn)).toBe(jwt);
      expect((await dbInstances(aws))[0]!.TagList).toContainEqual({
        Key: STACK_TAG,
        Value: "node-microservices-demo",
      });
    });

    it("after the security group was taken off the instance and the instance stopped: one update", async () => {
      const aws = moto.clients();
      const calls = recordCalls(aws);
      const { run, net } = await withNetwork(testConfig({ dbPasswordMode: "managed" }), aws, calls);
      await run.apply(databaseStep);
      await aws.rds.send(
        new ModifyDBInstanceCommand({
          DBInstanceIdentifier: "pgdb-rds",
          VpcSecurityGroupIds: [net.nodeSecurityGroupId],
          ApplyImmediately: true,
        }),
      );
      await aws.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: "pgdb-rds" }));

      const planned = await expectPlanIsApply(run, databaseStep, calls);
      expect(planned.map((c) => [c.action, c.name])).toEqual([
        ["none", JWT],
        ["update", "pgdb-rds"],
      ]);
      expect(planned[1]!.detail).toContain("start it (it is stopped)");
      expect(planned[1]!.detail).toContain(`add security group ${net.dbSecurityGroupId}`);
      expect(run.made[0]!.calls.filter(calls.isMutating)).toEqual(["StartDBInstance", "ModifyDBInstance"]);
      const [instance] = await dbInstances(aws);
      expect(instance!.DBInstanceStatus).toBe("available");
      expect(instance!.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId)).toContain(net.dbSecurityGroupId);
    });

    it("after the instance class was changed by hand: a warning in the plan, and no change", async () => {
      const aws = moto.clients();
      const calls = recordCalls(aws);
      const { run } = await withNetwork(testConfig(), aws, calls);
      await run.apply(databaseStep);
      await aws.rds.send(
        new ModifyDBInstanceCommand({
          DBInstanceIdentifier: "pgdb-rds",
          DBInstanceClass: "db.t3.small",
          ApplyImmediately: true,
        }),
      );
      const planned = await expectPlanIsApply(run, databaseStep, calls);
      expect(planned.map((c) => c.action)).toEqual(["none", "none", "none"]);
      expect(planned[2]!.warning).toMatch(
        /its class is db\.t3\.small, not db\.t3\.micro; msdemo leaves that/,
      );
      expect(calls.mutating()).toEqual([]);
      expect(run.events).toContainEqual(
        expect.objectContaining({ type: "step-warning", message: planned[2]!.warning }),
      );
    });

    it("with an instance made by hand whose password nobody knows (generated mode): the secret, then adopt", async () => {
      const aws = moto.clients();
      const calls = recordCalls(aws);
      const { run, net } = await withNetwork(testConfig(), aws, calls);
      await instanceByHand(aws, { VpcSecurityGroupIds: [net.dbSecurityGroupId] });
      const planned = await expectPlanIsApply(run, databaseStep, calls);
      expect(planned.map((c) => [c.action, c.name])).toEqual([
        ["create", JWT],
        ["create", DB_SECRET],
        ["adopt", "pgdb-rds"],
      ]);
      expect(planned[2]!.detail).toContain(
        `reset the master password to a generated one kept in ${DB_SECRET}`,
      );
      expect(planned[2]!.warning).toMatch(/cannot read/);
      expect(run.made[2]!.calls.filter(calls.isMutating)).toEqual(["AddTagsToResource", "ModifyDBInstance"]);
      const outputs = run.state.get("database")!.outputs as DatabaseOutputs;
      expect(outputs.passwordMode).toBe("generated");
      expect(outputs.passwordSecretArn).toBe((await findSecret(aws.secrets, DB_SECRET))!.arn);
    });

    it("in a VPC other than the default one: the DB subnet group before the instance", async () => {
      const aws = moto.clients();
      const vpc = await vpcWithTwoZones(aws);
      const calls = recordCalls(aws);
      const { run } = await withNetwork(testConfig({ vpcId: vpc }), aws, calls);
      const planned = await expectPlanIsApply(run, databaseStep, calls);
      expect(planned.map((c) => [c.action, c.name])).toEqual([
        ["create", JWT],
        ["create", DB_SECRET],
        ["create", "pgdb-rds-subnets"],
        ["create", "pgdb-rds"],
      ]);
    });
  });

  it("refuses an instance tagged for another stack, in the plan too, and teardown leaves it", async () => {
    const aws = moto.clients();
    const { run } = await withNetwork(testConfig(), aws);
    await instanceByHand(aws, { Tags: [{ Key: STACK_TAG, Value: "someone-else" }] });
    await expect(run.plan(databaseStep)).rejects.toThrow(/belongs to msdemo stack "someone-else"/);
    await expect(run.apply(databaseStep)).rejects.toThrow(/belongs to msdemo stack "someone-else"/);
    await run.destroy(databaseStep);
    expect((await dbInstances(aws)).map((d) => d.DBInstanceIdentifier)).toEqual(["pgdb-rds"]);
    expect(run.events).toContainEqual(
      expect.objectContaining({
        type: "step-warning",
        message: expect.stringMatching(/Leaving RDS DB instance pgdb-rds alone/),
      }),
    );
  });
});

describe("generated DB passwords", () => {
  it("meet RDS's rules: 8–128 printable ASCII characters, without / \" @ or space", () => {
    expect(RDS_PASSWORD_ALPHABET).not.toMatch(/[/"@ ]/);
    expect(RDS_PASSWORD_ALPHABET).toHaveLength(94 - 3);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const password = generateDbPassword();
      expect(password).toMatch(/^[!#-?A-~]{32}$/);
      expect(password).not.toMatch(/[/"@]/);
      expect(isValidRdsPassword(password)).toBe(true);
      seen.add(password);
    }
    expect(seen.size).toBe(500);
    expect(isValidRdsPassword(generateDbPassword(8))).toBe(true);
    expect(isValidRdsPassword(generateDbPassword(128))).toBe(true);
    expect(() => generateDbPassword(7)).toThrow(RangeError);
    expect(isValidRdsPassword("has space 123")).toBe(false);
    expect(isValidRdsPassword("has@at12345")).toBe(false);
  });
});
