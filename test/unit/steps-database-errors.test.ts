// RDS behaviour moto cannot show (its instances are `available` at once):
// status polling with progress events, failed states, an instance still being
// deleted, the wait's timeout, and credentials expiring mid-run.
import { EC2Client } from "@aws-sdk/client-ec2";
import { type DBInstance, RDSClient } from "@aws-sdk/client-rds";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { explainAwsError } from "../../src/aws/errors.js";
import type { EngineEvent } from "../../src/engine/types.js";
import { MsdemoError } from "../../src/errors.js";
import { databaseStep } from "../../src/steps/database.js";
import type { DatabaseOutputs } from "../../src/steps/outputs.js";
import { stepRun, testConfig } from "../support/step-harness.js";
import { awsError, type Fake, fakeAws, fakeClient, type Input } from "./steps-fakes.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const NETWORK = {
  network: {
    status: "done" as const,
    outputs: { vpcId: "vpc-1", nodeSecurityGroupId: "sg-node", dbSecurityGroupId: "sg-db" },
    updatedAt: "",
  },
};

/** EC2 that knows one VPC, the default one (so RDS uses its "default" DB subnet group). */
const ec2 = fakeClient(EC2Client, (command) => {
  if (command === "DescribeVpcs") return { Vpcs: [{ VpcId: "vpc-1", IsDefault: true }] };
  throw new Error(`fake EC2: unexpected ${command}`);
}).client;

/** Secrets Manager holding what is created in it. */
function fakeSecrets(): Fake<SecretsManagerClient> & { values: Map<string, string> } {
  const values = new Map<string, string>();
  const arnOf = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`;
  const fake = fakeClient(SecretsManagerClient, (command, input: Input) => {
    const id = input.SecretId as string | undefined;
    const name = id?.startsWith("arn:") ? [...values.keys()].find((n) => arnOf(n) === id) : id;
    switch (command) {
      case "DescribeSecret":
        if (!name || !values.has(name)) throw awsError("ResourceNotFoundException");
        return {
          ARN: arnOf(name),
          Name: name,
          Tags: [
            { Key: "msdemo:stack", Value: "node-microservices-demo" },
            { Key: "msdemo:step", Value: "database" },
            { Key: "Name", Value: name },
          ],
        };
      case "CreateSecret":
        values.set(input.Name as string, input.SecretString as string);
        return { ARN: arnOf(input.Name as string) };
      case "GetSecretValue":
        if (!name || !values.has(name)) throw awsError("ResourceNotFoundException");
        return { SecretString: values.get(name) };
      case "DeleteSecret":
        if (!name || !values.delete(name)) throw awsError("ResourceNotFoundException");
        return {};
      default:
        throw new Error(`fake Secrets Manager: unexpected ${command}`);
    }
  });
  return Object.assign(fake, { values });
}

/** RDS whose DescribeDBInstances walks through `states` (one per call); "gone" = DBInstanceNotFound. */
function fakeRds(states: string[], options: { onCreate?: () => void } = {}) {
  let index = 0;
  const instance = (status: string): DBInstance => ({
    DBInstanceIdentifier: "pgdb-rds",
    DBInstanceArn: "arn:aws:rds:us-east-1:123456789012:db:pgdb-rds",
    DBInstanceStatus: status,
    MasterUsername: "postgres",
    VpcSecurityGroups: [{ VpcSecurityGroupId: "sg-db", Status: "active" }],
    TagList: [{ Key: "msdemo:stack", Value: "node-microservices-demo" }],
    MasterUserSecret: {
      SecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1",
      SecretStatus: "active",
    },
    ...(status === "available" || status === "backing-up"
      ? { Endpoint: { Address: "pgdb-rds.abc.us-east-1.rds.amazonaws.com", Port: 5432 } }
      : {}),
  });
  const current = () => states[Math.min(index, states.length - 1)]!;
  return fakeClient(RDSClient, (command) => {
    switch (command) {
      case "DescribeDBInstances": {
        const state = current();
        index++;
        if (state === "gone") throw awsError("DBInstanceNotFound", "DBInstance pgdb-rds not found.");
        return { DBInstances: [instance(state)] };
      }
      case "CreateDBInstance":
        options.onCreate?.();
        return { DBInstance: instance("creating") };
      case "DeleteDBInstance":
        return { DBInstance: instance("deleting") };
      case "DeleteDBSubnetGroup":
        throw awsError("DBSubnetGroupNotFoundFault");
      default:
        throw new Error(`fake RDS: unexpected ${command}`);
    }
  });
}

const progress = (events: EngineEvent[]) =>
  events.flatMap((e) => (e.type === "step-progress" ? [e.message] : []));

describe("database step: RDS states (mocked RDS)", () => {
  it("polls creating → backing-up → available with a progress event at each change", async () => {
    const rds = fakeRds(["gone", "creating", "creating", "backing-up", "backing-up", "available"]);
    const secrets = fakeSecrets();
    const run = stepRun(
      testConfig({ dbPasswordMode: "managed" }),
      fakeAws({ ec2, rds: rds.client, secrets: secrets.client }),
      NETWORK,
    );
    const outputs = (await run.apply(databaseStep)) as DatabaseOutputs;
    expect(outputs).toMatchObject({
      dbInstanceId: "pgdb-rds",
      endpoint: "pgdb-rds.abc.us-east-1.rds.amazonaws.com",
      port: 5432,
      passwordMode: "managed",
      passwordSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1",
    });
    const states = progress(run.events)
      .map((m) => /^RDS instance pgdb-rds: ([a-z-]+) /.exec(m)?.[1])
      .filter((s) => s !== undefined);
    expect(states).toEqual(["creating", "backing-up", "available"]);
    const create = rds.calls.find((c) => c.command === "CreateDBInstance")!.input;
    expect(create).toMatchObject({
      DBInstanceIdentifier: "pgdb-rds",
      Engine: "postgres",
      EngineVersion: "17.6",
      DBInstanceClass: "db.t3.micro",
      AllocatedStorage: 20,
      MaxAllocatedStorage: 100,
      MultiAZ: false,
      PubliclyAccessible: false,
      StorageEncrypted: true,
      ManageMasterUserPassword: true,
      VpcSecurityGroupIds: ["sg-db"],
      MasterUsername: "postgres",
    });
    expect(create.DBSubnetGroupName).toBeUndefined();
    expect(create.BackupRetentionPeriod).toBeGreaterThanOrEqual(1);
    expect(create.MasterUserPassword).toBeUndefined();
    // The id was recorded right after the create call, before the wait.
    expect(run.state.get("database")?.outputs?.dbInstanceId).toBe("pgdb-rds");
  });

  it.each([
    ["failed", /RDS instance pgdb-rds is in state "failed"/, /Events/],
    [
      "incompatible-parameters",
      /RDS instance pgdb-rds is in state "incompatible-parameters"/,
      /parameter group/,
    ],
  ])("stops with a clear error when the instance goes %s", async (state, message, hint) => {
    const rds = fakeRds(["gone", "creating", state]);
    const run = stepRun(
      testConfig(),
      fakeAws({ ec2, rds: rds.client, secrets: fakeSecrets().client }),
      NETWORK,
    );
    const error = await run.apply(databaseStep).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MsdemoError);
    expect((error as MsdemoError).message).toMatch(message);
    expect((error as MsdemoError).hint).toMatch(hint);
  });

  it("stops at once on an existing instance in a failed state", async () => {
    const rds = fakeRds(["incompatible-parameters"]);
    const run = stepRun(
      testConfig(),
      fakeAws({ ec2, rds: rds.client, secrets: fakeSecrets().client }),
      NETWORK,
    );
    // The plan says so too, as a warning on the instance it leaves alone.
    const plan = await run.plan(databaseStep);
    expect(plan.map((c) => [c.action, c.name])).toEqual([
      ["create", "msdemo/node-microservices-demo/jwt"],
      ["none", "pgdb-rds"],
    ]);
    expect(plan[1]!.warning).toMatch(/pgdb-rds is incompatible-parameters: .*parameter group/);
    await expect(run.apply(databaseStep)).rejects.toThrow(/incompatible-parameters/);
    const commands = rds.calls.map((c) => c.command);
    expect(commands).not.toContain("CreateDBInstance");
    expect(commands).not.toContain("ModifyDBInstance");
  });

  it("waits for an instance being deleted to go, then creates it anew", async () => {
    const rds = fakeRds(["deleting", "deleting", "gone", "creating", "available"]);
    const run = stepRun(
      testConfig(),
      fakeAws({ ec2, rds: rds.client, secrets: fakeSecrets().client }),
      NETWORK,
    );
    await run.apply(databaseStep);
    const commands = rds.calls.map((c) => c.command);
    expect(commands.filter((c) => c === "CreateDBInstance")).toHaveLength(1);
    expect(commands.indexOf("CreateDBInstance")).toBeGreaterThan(2);
    expect(progress(run.events).some((m) => /being deleted; waiting/.test(m))).toBe(true);
  });

  it("times out with what to do when RDS takes too long", async () => {
    const rds = fakeRds(["gone", "creating"]);
    const run = stepRun(
      testConfig(),
      fakeAws({ ec2, rds: rds.client, secrets: fakeSecrets().client }),
      NETWORK,
    );
    const error = await run.apply(databaseStep).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MsdemoError);
    expect((error as MsdemoError).message).toMatch(
      /Timed out .* waiting for RDS instance pgdb-rds to be available \(last state: creating\)/,
    );
    expect((error as MsdemoError).hint).toMatch(/run `msdemo up` again later: it resumes/i);
  });

  it("destroy deletes without final snapshot or backups, waits until gone, then deletes the secrets", async () => {
    const rds = fakeRds(["available", "deleting", "deleting", "gone"]);
    const secrets = fakeSecrets();
    secrets.values.set("msdemo/node-microservices-demo/jwt", "x");
    const run = stepRun(testConfig(), fakeAws({ ec2, rds: rds.client, secrets: secrets.client }), NETWORK);
    await run.destroy(databaseStep);
    const del = rds.calls.find((c) => c.command === "DeleteDBInstance")!.input;
    expect(del).toEqual({
      DBInstanceIdentifier: "pgdb-rds",
      SkipFinalSnapshot: true,
      DeleteAutomatedBackups: true,
    });
    expect(rds.calls.filter((c) => c.command === "DescribeDBInstances")).toHaveLength(4);
    const deletes = secrets.calls.filter((c) => c.command === "DeleteSecret").map((c) => c.input);
    expect(deletes).toContainEqual({
      SecretId: "msdemo/node-microservices-demo/jwt",
      ForceDeleteWithoutRecovery: true,
    });
    expect(secrets.values.size).toBe(0);
  });
});

describe("database step when credentials expire mid-run", () => {
  it("fails with the expired-credentials hint; the generated password never reaches the error or state", async () => {
    const rds = fakeClient(RDSClient, (command) => {
      if (command === "DescribeDBInstances") throw awsError("DBInstanceNotFound");
      if (command === "CreateDBInstance")
        throw awsError("ExpiredToken", "The security token included in the request is expired");
      throw new Error(`fake RDS: unexpected ${command}`);
    });
    const secrets = fakeSecrets();
    const run = stepRun(
      testConfig({ dbPasswordMode: "generated" }),
      fakeAws({ ec2, rds: rds.client, secrets: secrets.client }),
      NETWORK,
    );
    const error = await run.apply(databaseStep).catch((e: unknown) => e);
    const explained = explainAwsError(error);
    expect(explained.message).toBe("Your AWS credentials have expired.");
    expect(explained.hint).toMatch(/Refresh your credentials/);
    const { password } = JSON.parse(secrets.values.get("msdemo/node-microservices-demo/db")!) as {
      password: string;
    };
    expect(password).toHaveLength(32);
    // The password went to CreateDBInstance (that is where it belongs) and nowhere else.
    expect(rds.calls.find((c) => c.command === "CreateDBInstance")!.input.MasterUserPassword).toBe(password);
    expect(`${explained.message} ${explained.hint} ${String(error)}`).not.toContain(password);
    const recorded = run.state.get("database")?.outputs;
    expect(recorded).toMatchObject({
      jwtSecretArn: expect.stringContaining("/jwt"),
      passwordSecretArn: expect.stringContaining("/db"),
    });
    expect(JSON.stringify(recorded)).not.toContain(password);
    expect(JSON.stringify(run.events)).not.toContain(password);
  });
});
