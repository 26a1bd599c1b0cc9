// Error paths of the network step that moto cannot produce, with SDK-level fakes
// (steps-fakes.ts): DependencyViolation while a group is still in use (moto
// deletes referenced groups at once), credentials expiring in the middle of a
// run, and another hand making a group of the same name between observe and
// the create (moto cannot pause a run there).
import { EC2Client, type SecurityGroup } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { explainAwsError } from "../../src/aws/errors.js";
import { retryOnDependencyViolation } from "../../src/aws/retry.js";
import { MsdemoError } from "../../src/errors.js";
import { networkStep } from "../../src/steps/network.js";
import { expectPlanIsApply } from "../support/agreement.js";
import { type CallLog, stepRun, testConfig } from "../support/step-harness.js";
import { awsError, fakeAws, fakeClient, type Input } from "./steps-fakes.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const VPC = "vpc-0default";
const ownTags = (name: string) => [
  { Key: "msdemo:stack", Value: "node-microservices-demo" },
  { Key: "msdemo:step", Value: "network" },
  { Key: "Name", Value: name },
];

/** A minimal EC2: a default VPC, some groups, filters by vpc-id / group-name / tag:*, and a delete hook. */
function fakeEc2(groups: SecurityGroup[], onDelete: (groupId: string, attempt: number) => void) {
  const attempts = new Map<string, number>();
  const matches = (g: SecurityGroup, filters: { Name: string; Values: string[] }[]) =>
    filters.every((f) => {
      if (f.Name === "vpc-id") return f.Values.includes(g.VpcId ?? "");
      if (f.Name === "group-name") return f.Values.includes(g.GroupName ?? "");
      if (f.Name.startsWith("tag:")) {
        const key = f.Name.slice(4);
        return (g.Tags ?? []).some((t) => t.Key === key && f.Values.includes(t.Value ?? ""));
      }
      throw new Error(`fake EC2: unknown filter ${f.Name}`);
    });
  return fakeClient(EC2Client, (command, input: Input) => {
    switch (command) {
      case "DescribeVpcs":
        return { Vpcs: [{ VpcId: VPC, IsDefault: true }] };
      case "DescribeSecurityGroups": {
        const ids = input.GroupIds as string[] | undefined;
        if (ids) {
          const found = groups.filter((g) => ids.includes(g.GroupId!));
          if (found.length === 0) throw awsError("InvalidGroup.NotFound");
          return { SecurityGroups: found };
        }
        return { SecurityGroups: groups.filter((g) => matches(g, (input.Filters ?? []) as never)) };
      }
      case "DescribeSecurityGroupRules":
        return { SecurityGroupRules: [] };
      case "DeleteSecurityGroup": {
        const id = input.GroupId as string;
        const attempt = (attempts.get(id) ?? 0) + 1;
        attempts.set(id, attempt);
        onDelete(id, attempt);
        const index = groups.findIndex((g) => g.GroupId === id);
        if (index < 0) throw awsError("InvalidGroup.NotFound");
        groups.splice(index, 1);
        return {};
      }
      default:
        throw new Error(`fake EC2: unexpected ${command}`);
    }
  });
}

function stackGroups(): SecurityGroup[] {
  return [
    { GroupId: "sg-node", GroupName: "node-sg-service", VpcId: VPC, Tags: ownTags("node-sg-service") },
    { GroupId: "sg-db", GroupName: "postgres-sg-rds", VpcId: VPC, Tags: ownTags("postgres-sg-rds") },
  ];
}

describe("retryOnDependencyViolation", () => {
  it("retries while AWS reports DependencyViolation, then returns the result", async () => {
    let calls = 0;
    const retries: number[] = [];
    const result = await retryOnDependencyViolation(
      async () => {
        calls++;
        if (calls < 3) throw awsError("DependencyViolation", "resource sg-1 has a dependent object");
        return "deleted";
      },
      { what: "security group x", signal: new AbortController().signal, onRetry: (n) => retries.push(n) },
    );
    expect(result).toBe("deleted");
    expect(calls).toBe(3);
    expect(retries).toEqual([1, 2]);
  });

  it("gives up with a clear error and a hint once the bounded time is over", async () => {
    let calls = 0;
    const error = await retryOnDependencyViolation(
      async () => {
        calls++;
        throw awsError("DependencyViolation", "resource sg-1 has a dependent object");
      },
      { what: "security group node-sg-service (sg-1)", signal: new AbortController().signal },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MsdemoError);
    expect((error as MsdemoError).message).toMatch(
      /^Could not delete security group node-sg-service \(sg-1\): AWS still reports that something depends on it/,
    );
    expect((error as MsdemoError).hint).toMatch(/run the command again/);
    expect(calls).toBeGreaterThan(1);
  });

  it("does not retry other errors", async () => {
    let calls = 0;
    const error = await retryOnDependencyViolation(
      async () => {
        calls++;
        throw awsError("ExpiredToken");
      },
      { what: "x", signal: new AbortController().signal },
    ).catch((e: unknown) => e);
    expect((error as Error).name).toBe("ExpiredToken");
    expect(calls).toBe(1);
  });

  it("stops when the run is interrupted", async () => {
    const controller = new AbortController();
    const error = await retryOnDependencyViolation(
      async () => {
        controller.abort();
        throw awsError("DependencyViolation");
      },
      { what: "x", signal: controller.signal },
    ).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
  });
});

describe("network teardown with groups still in use", () => {
  it("retries DependencyViolation on delete until the group is free, reporting progress", async () => {
    const groups = stackGroups();
    const ec2 = fakeEc2(groups, (id, attempt) => {
      if (id === "sg-node" && attempt <= 2)
        throw awsError("DependencyViolation", "resource sg-node has a dependent object");
    });
    const run = stepRun(testConfig(), fakeAws({ ec2: ec2.client }));
    await run.destroy(networkStep);
    expect(groups).toEqual([]);
    const deletes = ec2.calls.filter((c) => c.command === "DeleteSecurityGroup").map((c) => c.input.GroupId);
    expect(deletes.filter((id) => id === "sg-node")).toHaveLength(3);
    expect(deletes.filter((id) => id === "sg-db")).toHaveLength(1);
    const notes = run.events.flatMap((e) => (e.type === "step-progress" ? [e.message] : []));
    expect(notes.filter((m) => /node-sg-service \(sg-node\) is still in use; retrying/.test(m))).toHaveLength(
      2,
    );
  });

  it("fails with a clear error naming the group when it stays in use", async () => {
    const groups = stackGroups();
    const ec2 = fakeEc2(groups, (id) => {
      if (id === "sg-node") throw awsError("DependencyViolation", "resource sg-node has a dependent object");
    });
    const run = stepRun(testConfig(), fakeAws({ ec2: ec2.client }));
    const error = await run.destroy(networkStep).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MsdemoError);
    expect((error as MsdemoError).message).toMatch(
      /Could not delete security group node-sg-service \(sg-node\)/,
    );
    expect((error as MsdemoError).hint).toMatch(/msdemo teardown --stack node-microservices-demo/);
    expect((error as MsdemoError).hint).toMatch(/Network Interfaces/);
  });
});

describe("network apply when credentials expire mid-run", () => {
  it("fails with the expired-credentials hint, having recorded the group it already made", async () => {
    const groups: SecurityGroup[] = [];
    let created = 0;
    const ec2 = fakeClient(EC2Client, (command, input: Input) => {
      switch (command) {
        case "DescribeVpcs":
          return { Vpcs: [{ VpcId: VPC, IsDefault: true }] };
        case "DescribeSecurityGroups":
          return {
            SecurityGroups: groups.filter(
              (g) => g.GroupName === (input.Filters as { Values: string[] }[])[1]?.Values[0],
            ),
          };
        case "CreateSecurityGroup":
          created++;
          if (created === 2)
            throw awsError("ExpiredToken", "The security token included in the request is expired");
          groups.push({ GroupId: `sg-${created}`, GroupName: input.GroupName as string, VpcId: VPC });
          return { GroupId: `sg-${created}` };
        default:
          throw new Error(`fake EC2: unexpected ${command}`);
      }
    });
    const run = stepRun(testConfig(), fakeAws({ ec2: ec2.client }));
    const error = await run.apply(networkStep).catch((e: unknown) => e);
    const explained = explainAwsError(error);
    expect(explained.message).toBe("Your AWS credentials have expired.");
    expect(explained.hint).toMatch(/Refresh your credentials/);
    expect(run.state.get("network")?.outputs).toEqual({ vpcId: VPC, nodeSecurityGroupId: "sg-1" });
  });
});

/** A CallLog over a fake's commands, as recordCalls keeps one over real clients' middleware. */
function fakeCallLog(): CallLog {
  const log: CallLog = {
    calls: [],
    isMutating: (call) => !/^Describe/.test(call),
    mutating: () => log.calls.filter(log.isMutating),
    clear: () => {
      log.calls.length = 0;
    },
  };
  return log;
}

describe("network plan and up when a group of the same name appears between observe and the create", () => {
  /** EC2 where someone makes `node-sg-service` (with `tags`) just before msdemo's CreateSecurityGroup. */
  function racingEc2(tags: SecurityGroup["Tags"], log: CallLog) {
    const groups: SecurityGroup[] = [];
    let made = 0;
    return fakeClient(EC2Client, (command, input: Input) => {
      log.calls.push(command);
      switch (command) {
        case "DescribeVpcs":
          return { Vpcs: [{ VpcId: VPC, IsDefault: true }] };
        case "DescribeSecurityGroups": {
          const name = (input.Filters as { Name: string; Values: string[] }[]).find(
            (f) => f.Name === "group-name",
          )?.Values[0];
          return { SecurityGroups: groups.filter((g) => g.GroupName === name) };
        }
        case "CreateSecurityGroup": {
          const name = input.GroupName as string;
          if (name === "node-sg-service" && !groups.some((g) => g.GroupName === name)) {
            groups.push({ GroupId: "sg-hand", GroupName: name, VpcId: VPC, Tags: tags, IpPermissions: [] });
            throw awsError("InvalidGroup.Duplicate", `The security group '${name}' already exists`);
          }
          made++;
          groups.push({ GroupId: `sg-${made}`, GroupName: name, VpcId: VPC, IpPermissions: [] });
          return { GroupId: `sg-${made}` };
        }
        case "CreateTags":
        case "AuthorizeSecurityGroupIngress":
          return {};
        default:
          throw new Error(`fake EC2: unexpected ${command}`);
      }
    });
  }

  it("an untagged one is adopted inside the planned create: no write outside a planned change", async () => {
    const log = fakeCallLog();
    const ec2 = racingEc2(undefined, log);
    const run = stepRun(testConfig(), fakeAws({ ec2: ec2.client }), {}, log);
    const planned = await expectPlanIsApply(run, networkStep, log);
    expect(planned.map((c) => [c.action, c.name])).toEqual([
      ["create", "node-sg-service"],
      ["create", "postgres-sg-rds"],
      ["update", "node-sg-service"],
      ["update", "postgres-sg-rds"],
    ]);
    expect(run.made[0]!.calls.filter(log.isMutating)).toEqual(["CreateSecurityGroup", "CreateTags"]);
    const tagged = ec2.calls.find((c) => c.command === "CreateTags")!.input;
    expect(tagged.Resources).toEqual(["sg-hand"]);
    expect(run.state.get("network")?.outputs).toEqual({
      vpcId: VPC,
      nodeSecurityGroupId: "sg-hand",
      dbSecurityGroupId: "sg-1",
    });
    const rules = ec2.calls.filter((c) => c.command === "AuthorizeSecurityGroupIngress").map((c) => c.input);
    expect(rules.map((r) => r.GroupId)).toEqual(["sg-hand", "sg-1"]);
  });

  it("another stack's is refused, and nothing is written to it", async () => {
    const log = fakeCallLog();
    const ec2 = racingEc2([{ Key: "msdemo:stack", Value: "someone-else" }], log);
    const run = stepRun(testConfig(), fakeAws({ ec2: ec2.client }), {}, log);
    await expect(run.apply(networkStep)).rejects.toThrow(/belongs to msdemo stack "someone-else"/);
    expect(log.mutating()).toEqual(["CreateSecurityGroup"]);
    expect(run.state.get("network")?.outputs?.nodeSecurityGroupId).toBeUndefined();
  });
});
