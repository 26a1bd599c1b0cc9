// What moto cannot show for the cluster step (its clusters are ACTIVE at once,
// it never refuses a zone, its credentials never expire), with fake SDK
// clients: CREATING → ACTIVE polling with progress, FAILED, the
// UnsupportedAvailabilityZoneException retry, ExpiredToken mid-run, and plan/
// apply agreement for a cluster found CREATING or DELETING. Plus the pure
// functions behind subnet and role choice.
import { EC2Client, type Subnet } from "@aws-sdk/client-ec2";
import { type Cluster, EKSClient } from "@aws-sdk/client-eks";
import { IAMClient } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { explainAwsError } from "../../src/aws/errors.js";
import { pickRole, roleNameMatches } from "../../src/aws/iam.js";
import { eksSubnetIds, subnetsAfterRefusal, zoneRefusal } from "../../src/aws/subnets.js";
import type { EngineEvent } from "../../src/engine/types.js";
import { MsdemoError } from "../../src/errors.js";
import { clusterStep } from "../../src/steps/cluster.js";
import { expectPlanIsApply } from "../support/agreement.js";
import { stepRun, testConfig } from "../support/step-harness.js";
import { awsError, fakeAws, fakeCallLog, fakeClient, type Input } from "./steps-fakes.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const NAME = "node-microservices-demo";
const ARN = `arn:aws:eks:us-east-1:123456789012:cluster/${NAME}`;
const VPC = "vpc-0default";
const NETWORK = {
  network: {
    status: "done" as const,
    outputs: { vpcId: VPC, nodeSecurityGroupId: "sg-node", dbSecurityGroupId: "sg-db" },
    updatedAt: "",
  },
};

/** Default subnets of a us-east-1 default VPC, with real-looking zone ids. */
const SUBNETS: Subnet[] = [
  ["a", "use1-az6"],
  ["b", "use1-az1"],
  ["c", "use1-az2"],
  ["d", "use1-az4"],
  ["e", "use1-az3"],
  ["f", "use1-az5"],
].map(([letter, id]) => ({
  SubnetId: `subnet-${letter}`,
  AvailabilityZone: `us-east-1${letter}`,
  AvailabilityZoneId: id,
  DefaultForAz: true,
  VpcId: VPC,
}));

/**
 * EC2 as the cluster step uses it: the subnets, postgres-sg-rds, the 5432 rule
 * (no group carries EKS's cluster tag). Each call's name goes to `log` when given.
 */
function fakeEc2(subnets: Subnet[] = SUBNETS, log?: string[]) {
  const authorized: Input[] = [];
  const fake = fakeClient(EC2Client, (command, input) => {
    log?.push(command);
    switch (command) {
      case "DescribeSubnets":
        return { Subnets: subnets };
      case "DescribeSecurityGroups": {
        const byTag = ((input.Filters ?? []) as { Name?: string }[]).some((f) => f.Name?.startsWith("tag:"));
        return { SecurityGroups: byTag ? [] : [{ GroupId: "sg-db", VpcId: VPC, IpPermissions: [] }] };
      }
      case "AuthorizeSecurityGroupIngress":
        authorized.push(input);
        return {};
      default:
        throw new Error(`fake EC2: unexpected ${command}`);
    }
  });
  return { ...fake, authorized };
}

function fakeIam(log?: string[]) {
  return fakeClient(IAMClient, (command) => {
    log?.push(command);
    if (command !== "ListRoles") throw new Error(`fake IAM: unexpected ${command}`);
    return {
      Roles: [
        { RoleName: "LabEksClusterRole", Arn: "arn:aws:iam::123456789012:role/LabEksClusterRole" },
        { RoleName: "LabRole", Arn: "arn:aws:iam::123456789012:role/LabRole" },
      ],
      IsTruncated: false,
    };
  });
}

const cluster = (status: string, extra: Partial<Cluster> = {}): Cluster => ({
  name: NAME,
  arn: ARN,
  status: status as Cluster["status"],
  version: "1.33",
  endpoint: "https://ABC.gr7.us-east-1.eks.amazonaws.com",
  certificateAuthority: { data: "LS0tLS1CRUdJTi..." },
  roleArn: "arn:aws:iam::123456789012:role/LabEksClusterRole",
  resourcesVpcConfig: { subnetIds: ["subnet-a", "subnet-b"], vpcId: VPC },
  tags: { "msdemo:stack": NAME, "msdemo:step": "cluster" },
  ...extra,
});

/**
 * EKS that creates the cluster in CREATING and then reports `states` one
 * DescribeCluster at a time (the last one repeats). `onCreate` may throw.
 */
function fakeEks(
  states: (Cluster | Error)[],
  onCreate?: (input: Input, attempt: number) => void,
  onDescribe?: () => void,
) {
  let created = false;
  let creates = 0;
  let described = 0;
  return fakeClient(EKSClient, (command, input) => {
    switch (command) {
      case "DescribeCluster": {
        if (!created) throw awsError("ResourceNotFoundException", `No cluster found for name: ${NAME}.`);
        onDescribe?.();
        const state = states[Math.min(described++, states.length - 1)]!;
        if (state instanceof Error) throw state;
        return { cluster: state };
      }
      case "CreateCluster":
        creates++;
        onCreate?.(input, creates);
        created = true;
        return { cluster: cluster("CREATING", { resourcesVpcConfig: input.resourcesVpcConfig as never }) };
      default:
        throw new Error(`fake EKS: unexpected ${command}`);
    }
  });
}

const progress = (events: EngineEvent[]) =>
  events.flatMap((e) => (e.type === "step-progress" ? [e.message] : []));

describe("cluster creation with fake clients", () => {
  it("records the cluster as soon as it is created, reports CREATING → ACTIVE, then admits PostgreSQL", async () => {
    const ec2 = fakeEc2();
    let recordedWhileCreating: unknown;
    const states: Cluster[] = [
      cluster("CREATING"),
      cluster("CREATING"),
      cluster("ACTIVE", {
        resourcesVpcConfig: { subnetIds: ["subnet-a"], vpcId: VPC, clusterSecurityGroupId: "sg-eks" },
      }),
    ];
    const eks = fakeEks(states, undefined, () => {
      recordedWhileCreating ??= run.state.get("cluster")?.outputs.clusterArn;
    });
    const run = stepRun(
      testConfig(),
      fakeAws({ ec2: ec2.client, eks: eks.client, iam: fakeIam().client }),
      NETWORK,
    );

    const out = await run.apply(clusterStep);

    expect(recordedWhileCreating).toBe(ARN);
    const messages = progress(run.events);
    expect(messages).toContainEqual(expect.stringMatching(/Creating EKS cluster node-microservices-demo/));
    expect(messages).toContainEqual(expect.stringMatching(/^cluster node-microservices-demo: CREATING/));
    expect(messages).toContainEqual(expect.stringMatching(/^cluster node-microservices-demo: ACTIVE/));
    expect(messages.filter((m) => / CREATING /.test(m))).toHaveLength(1);
    expect(eks.calls.map((c) => c.command)).toEqual([
      "DescribeCluster",
      "CreateCluster",
      "DescribeCluster",
      "DescribeCluster",
      "DescribeCluster",
    ]);
    const create = eks.calls[1]!.input;
    expect((create.resourcesVpcConfig as { subnetIds: string[] }).subnetIds).toEqual([
      "subnet-a",
      "subnet-b",
      "subnet-c",
      "subnet-d",
      "subnet-f",
    ]);
    expect(out.clusterSecurityGroupId).toBe("sg-eks");
    expect(ec2.authorized).toEqual([
      expect.objectContaining({
        GroupId: "sg-db",
        IpPermissions: [
          expect.objectContaining({
            FromPort: 5432,
            ToPort: 5432,
            UserIdGroupPairs: [expect.objectContaining({ GroupId: "sg-eks" })],
          }),
        ],
      }),
    ]);
  });

  it("FAILED while creating: a clear error that says what to do", async () => {
    const eks = fakeEks([cluster("CREATING"), cluster("FAILED")]);
    const run = stepRun(
      testConfig(),
      fakeAws({ ec2: fakeEc2().client, eks: eks.client, iam: fakeIam().client }),
      NETWORK,
    );
    const error = await run.apply(clusterStep).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MsdemoError);
    expect((error as Error).message).toMatch(
      /EKS cluster node-microservices-demo to be ACTIVE: the cluster is FAILED/,
    );
    expect((error as Error).message).toMatch(/msdemo teardown/);
    expect(run.state.get("cluster")?.outputs.clusterArn).toBe(ARN);
  });

  it("an existing FAILED cluster: a clear error before anything else", async () => {
    const eks = fakeClient(EKSClient, (command) => {
      if (command === "DescribeCluster") return { cluster: cluster("FAILED") };
      throw new Error(`fake EKS: unexpected ${command}`);
    });
    const run = stepRun(testConfig(), fakeAws({ ec2: fakeEc2().client, eks: eks.client }), NETWORK);
    const error = (await run.apply(clusterStep).catch((e: unknown) => e)) as MsdemoError;
    expect(error.message).toBe("EKS cluster node-microservices-demo is FAILED.");
    expect(error.hint).toMatch(/teardown/);
  });

  it("UnsupportedAvailabilityZoneException: retries once without the refused zone (validZones field)", async () => {
    const refusal = Object.assign(
      awsError(
        "UnsupportedAvailabilityZoneException",
        "Cannot create cluster 'node-microservices-demo' because us-east-1d, the targeted availability zone, does not currently have sufficient capacity to support the cluster. Retry and choose from these availability zones: us-east-1a, us-east-1b, us-east-1c, us-east-1f",
      ),
      { validZones: ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1f"] },
    );
    const eks = fakeEks([cluster("ACTIVE")], (_input, attempt) => {
      if (attempt === 1) throw refusal;
    });
    const run = stepRun(
      testConfig(),
      fakeAws({ ec2: fakeEc2().client, eks: eks.client, iam: fakeIam().client }),
      NETWORK,
    );
    await run.apply(clusterStep);
    const creates = eks.calls.filter((c) => c.command === "CreateCluster");
    expect(creates).toHaveLength(2);
    expect((creates[1]!.input.resourcesVpcConfig as { subnetIds: string[] }).subnetIds).toEqual([
      "subnet-a",
      "subnet-b",
      "subnet-c",
      "subnet-f",
    ]);
    expect(progress(run.events)).toContainEqual(expect.stringMatching(/EKS refused us-east-1d; retrying/));
  });

  it("UnsupportedAvailabilityZoneException without validZones: the message names the zones", async () => {
    const eks = fakeEks([cluster("ACTIVE")], (_input, attempt) => {
      if (attempt === 1)
        throw awsError(
          "UnsupportedAvailabilityZoneException",
          "Cannot create cluster 'node-microservices-demo' because us-east-1f, the targeted availability zone, does not currently have sufficient capacity to support the cluster. Retry and choose from these availability zones: us-east-1a, us-east-1b",
        );
    });
    const run = stepRun(
      testConfig(),
      fakeAws({ ec2: fakeEc2().client, eks: eks.client, iam: fakeIam().client }),
      NETWORK,
    );
    await run.apply(clusterStep);
    const creates = eks.calls.filter((c) => c.command === "CreateCluster");
    expect((creates[1]!.input.resourcesVpcConfig as { subnetIds: string[] }).subnetIds).toEqual([
      "subnet-a",
      "subnet-b",
    ]);
  });

  it("refused twice: the second refusal is the error (only one retry)", async () => {
    const refuse = () =>
      awsError(
        "UnsupportedAvailabilityZoneException",
        "Cannot create cluster because us-east-1a, the targeted availability zone, does not currently have sufficient capacity. Retry and choose from these availability zones: us-east-1b, us-east-1c",
      );
    const eks = fakeEks([cluster("ACTIVE")], () => {
      throw refuse();
    });
    const run = stepRun(
      testConfig(),
      fakeAws({ ec2: fakeEc2().client, eks: eks.client, iam: fakeIam().client }),
      NETWORK,
    );
    const error = await run.apply(clusterStep).catch((e: unknown) => e);
    expect((error as Error).name).toBe("UnsupportedAvailabilityZoneException");
    expect(eks.calls.filter((c) => c.command === "CreateCluster")).toHaveLength(2);
  });

  it("ExpiredToken while waiting: explainAwsError gives the refresh hint, and the cluster stays recorded", async () => {
    const eks = fakeEks([
      cluster("CREATING"),
      awsError("ExpiredTokenException", "The security token included in the request is expired"),
    ]);
    const run = stepRun(
      testConfig(),
      fakeAws({ ec2: fakeEc2().client, eks: eks.client, iam: fakeIam().client }),
      NETWORK,
    );
    const error = await run.apply(clusterStep).catch((e: unknown) => e);
    const explained = explainAwsError(error);
    expect(explained.message).toBe("Your AWS credentials have expired.");
    expect(explained.hint).toMatch(/Refresh your credentials.*msdemo up.*resumes/);
    expect(run.state.get("cluster")).toMatchObject({ status: "partial", outputs: { clusterArn: ARN } });
  });
});

describe("plan lists exactly what up does where moto cannot show it (SDK fakes: moto's clusters are ACTIVE at once)", () => {
  /**
   * EKS whose cluster goes through `before` one DescribeCluster at a time
   * (`gone`: not found; the last repeats), and after a CreateCluster is ACTIVE
   * with EKS's cluster group sg-eks.
   */
  function eksThrough(before: string[], log: string[]) {
    let at = 0;
    let created = false;
    return fakeClient(EKSClient, (command) => {
      log.push(command);
      const active = cluster("ACTIVE", {
        resourcesVpcConfig: { subnetIds: ["subnet-a"], vpcId: VPC, clusterSecurityGroupId: "sg-eks" },
      });
      switch (command) {
        case "DescribeCluster": {
          if (created) return { cluster: active };
          const status = before[Math.min(at++, before.length - 1)]!;
          if (status === "gone")
            throw awsError("ResourceNotFoundException", `No cluster found for name: ${NAME}.`);
          return { cluster: status === "ACTIVE" ? active : cluster(status) };
        }
        case "CreateCluster":
          created = true;
          return { cluster: cluster("CREATING") };
        default:
          throw new Error(`fake EKS: unexpected ${command}`);
      }
    });
  }

  async function agreement(before: string[]) {
    const log: string[] = [];
    const ec2 = fakeEc2(SUBNETS, log);
    const eks = eksThrough(before, log);
    const calls = fakeCallLog(log);
    const aws = fakeAws({ ec2: ec2.client, eks: eks.client, iam: fakeIam(log).client });
    const run = stepRun(testConfig(), aws, NETWORK, calls);
    const planned = await expectPlanIsApply(run, clusterStep, calls);
    return { planned, run, ec2, eks };
  }

  it("a cluster still CREATING (an up killed midway): no create; up waits for ACTIVE, then admits PostgreSQL", async () => {
    const { planned, run, ec2, eks } = await agreement(["CREATING", "CREATING", "ACTIVE"]);
    expect(planned.map((c) => [c.action, c.name])).toEqual([
      ["none", NAME],
      ["update", "postgres-sg-rds"],
    ]);
    expect(planned[1]!.detail).toBe(
      "admit TCP 5432 from the cluster security group EKS makes with the cluster",
    );
    expect(eks.calls.map((c) => c.command)).not.toContain("CreateCluster");
    expect(ec2.authorized).toEqual([
      expect.objectContaining({
        GroupId: "sg-db",
        IpPermissions: [
          expect.objectContaining({ UserIdGroupPairs: [expect.objectContaining({ GroupId: "sg-eks" })] }),
        ],
      }),
    ]);
    expect(run.state.get("cluster")?.outputs.clusterSecurityGroupId).toBe("sg-eks");
  });

  it("a cluster being DELETING: plan says create; up waits until it is gone (no second delete), then creates it", async () => {
    const { planned, run, eks } = await agreement(["DELETING", "DELETING", "gone"]);
    expect(planned.map((c) => [c.action, c.name])).toEqual([
      ["create", NAME],
      ["update", "postgres-sg-rds"],
    ]);
    expect(eks.calls.map((c) => c.command)).toEqual([
      "DescribeCluster", // observe: DELETING
      "DescribeCluster", // waiting: DELETING
      "DescribeCluster", // gone
      "CreateCluster",
      "DescribeCluster", // ACTIVE
    ]);
    expect(progress(run.events)).toContainEqual(expect.stringMatching(/is being deleted; waiting/));
  });
});

describe("cluster teardown with fake clients", () => {
  it("a cluster still CREATING (an up killed midway): waits for ACTIVE, then deletes it and waits until gone", async () => {
    const sequence = ["CREATING", "CREATING", "ACTIVE", "DELETING", "gone"];
    let at = 0;
    let deletes = 0;
    const eks = fakeClient(EKSClient, (command) => {
      // DescribeCluster moves the cluster along; other calls see the state last described.
      const status = sequence[Math.min(command === "DescribeCluster" ? at : at - 1, sequence.length - 1)]!;
      switch (command) {
        case "DescribeCluster":
          at++;
          if (status === "gone") throw awsError("ResourceNotFoundException", "No cluster found");
          return { cluster: cluster(status, { resourcesVpcConfig: { vpcId: VPC } }) };
        case "DeleteCluster":
          deletes++;
          if (status !== "ACTIVE")
            throw awsError("ResourceInUseException", "Cluster is being created; it cannot be deleted now");
          return { cluster: cluster("DELETING") };
        case "ListNodegroups":
          return { nodegroups: [] };
        default:
          throw new Error(`fake EKS: unexpected ${command}`);
      }
    });
    const ec2 = fakeClient(EC2Client, (command) => {
      if (command === "DescribeSecurityGroups") return { SecurityGroups: [] };
      throw new Error(`fake EC2: unexpected ${command}`);
    });
    const run = stepRun(testConfig(), fakeAws({ ec2: ec2.client, eks: eks.client }), NETWORK);
    await run.destroy(clusterStep);
    expect(deletes).toBe(2);
    expect(eks.calls.map((c) => c.command)).toEqual([
      "DescribeCluster", // found, CREATING
      "DeleteCluster", // refused: ResourceInUseException
      "DescribeCluster", // CREATING
      "DescribeCluster", // ACTIVE
      "ListNodegroups",
      "DeleteCluster",
      "DescribeCluster", // DELETING
      "DescribeCluster", // gone
    ]);
    const messages = progress(run.events);
    expect(messages).toContainEqual("cluster node-microservices-demo: CREATING");
    expect(messages).toContainEqual("cluster node-microservices-demo: DELETING");
  });
});

describe("subnets EKS may use", () => {
  it("keeps the default subnets outside use1-az3, usw1-az2 and cac1-az3, by zone id", () => {
    expect(eksSubnetIds(SUBNETS)).toEqual(["subnet-a", "subnet-b", "subnet-c", "subnet-d", "subnet-f"]);
    const west: Subnet[] = [
      {
        SubnetId: "subnet-1",
        AvailabilityZone: "us-west-1a",
        AvailabilityZoneId: "usw1-az2",
        DefaultForAz: true,
      },
      {
        SubnetId: "subnet-2",
        AvailabilityZone: "us-west-1b",
        AvailabilityZoneId: "usw1-az1",
        DefaultForAz: true,
      },
      {
        SubnetId: "subnet-3",
        AvailabilityZone: "us-west-1c",
        AvailabilityZoneId: "usw1-az3",
        DefaultForAz: true,
      },
    ];
    expect(eksSubnetIds(west)).toEqual(["subnet-2", "subnet-3"]);
    const canada: Subnet[] = [
      {
        SubnetId: "subnet-x",
        AvailabilityZone: "ca-central-1a",
        AvailabilityZoneId: "cac1-az3",
        DefaultForAz: true,
      },
      {
        SubnetId: "subnet-y",
        AvailabilityZone: "ca-central-1b",
        AvailabilityZoneId: "cac1-az1",
        DefaultForAz: true,
      },
      {
        SubnetId: "subnet-z",
        AvailabilityZone: "ca-central-1d",
        AvailabilityZoneId: "cac1-az4",
        DefaultForAz: true,
      },
    ];
    expect(eksSubnetIds(canada)).toEqual(["subnet-y", "subnet-z"]);
  });

  it("ignores subnets that are not default for their zone", () => {
    const mixed = [
      ...SUBNETS.slice(0, 2),
      { ...SUBNETS[2]!, SubnetId: "subnet-private", DefaultForAz: false },
    ];
    expect(eksSubnetIds(mixed)).toEqual(["subnet-a", "subnet-b"]);
  });

  it("in a VPC without default subnets (--vpc-id), offers all its subnets outside the rejected zones", () => {
    const custom = SUBNETS.map((s) => ({ ...s, DefaultForAz: false, SubnetId: `${s.SubnetId}-custom` }));
    expect(eksSubnetIds(custom)).toEqual([
      "subnet-a-custom",
      "subnet-b-custom",
      "subnet-c-custom",
      "subnet-d-custom",
      "subnet-f-custom",
    ]);
  });

  it("fewer than two usable zones is a clear error", () => {
    const one = [SUBNETS[0]!, SUBNETS[4]!];
    expect(() => eksSubnetIds(one)).toThrow(/at least two availability zones.*only use1-az6/);
    expect(() => eksSubnetIds([])).toThrow(/none/);
    try {
      eksSubnetIds(one);
    } catch (error) {
      expect((error as MsdemoError).hint).toMatch(/--vpc-id/);
    }
  });

  it("reads the zones out of an UnsupportedAvailabilityZoneException", () => {
    expect(
      zoneRefusal(
        awsError(
          "UnsupportedAvailabilityZoneException",
          "Cannot create cluster 'x' because us-east-1e, the targeted availability zone, does not currently have sufficient capacity to support the cluster. Retry and choose from these availability zones: us-east-1a, us-east-1b, us-east-1c",
        ),
      ),
    ).toEqual({ refused: ["us-east-1e"], valid: ["us-east-1a", "us-east-1b", "us-east-1c"] });
    expect(
      zoneRefusal(
        Object.assign(awsError("UnsupportedAvailabilityZoneException", "no zone"), {
          validZones: ["use1-az1"],
        }),
      ),
    ).toEqual({
      refused: [],
      valid: ["use1-az1"],
    });
  });

  it("after a refusal keeps the subnets in the valid zones, by name or id, and needs two of them", () => {
    const ids = eksSubnetIds(SUBNETS);
    expect(subnetsAfterRefusal(SUBNETS, ids, { refused: ["us-east-1a"], valid: [] })).toEqual([
      "subnet-b",
      "subnet-c",
      "subnet-d",
      "subnet-f",
    ]);
    expect(subnetsAfterRefusal(SUBNETS, ids, { refused: [], valid: ["use1-az1", "use1-az5"] })).toEqual([
      "subnet-b",
      "subnet-f",
    ]);
    expect(() => subnetsAfterRefusal(SUBNETS, ids, { refused: [], valid: ["us-east-1b"] })).toThrow(
      /at least two availability zones/,
    );
  });
});

describe("role choice by pattern", () => {
  const roles = (...names: string[]) =>
    names.map((name) => ({ name, arn: `arn:aws:iam::123456789012:role/${name}` }));

  it("matches the fragment with any prefix or suffix not made of letters", () => {
    expect(roleNameMatches("LabEksClusterRole", "LabEksClusterRole")).toBe(true);
    expect(roleNameMatches("c123456a1234567-LabEksClusterRole-AbCd", "LabEksClusterRole")).toBe(true);
    expect(roleNameMatches("c123456a1234567_LabRole", "LabRole")).toBe(true);
    expect(roleNameMatches("MyLabRoles", "LabRole")).toBe(false);
    expect(roleNameMatches("LabEksNodeRole", "LabRole")).toBe(false);
  });

  it("takes the first fragment that matches, so LabEksNodeRole beats LabRole", () => {
    expect(
      pickRole(roles("LabRole", "x-LabEksNodeRole-y"), ["LabEksNodeRole", "LabRole"], "--node-role-arn").name,
    ).toBe("x-LabEksNodeRole-y");
    expect(
      pickRole(roles("LabRole", "LabEksClusterRole"), ["LabEksNodeRole", "LabRole"], "--node-role-arn").name,
    ).toBe("LabRole");
  });

  it("none or several: a usage error listing candidates and naming the flag", () => {
    const several = () =>
      pickRole(
        roles("a-LabEksClusterRole", "LabEksClusterRole"),
        ["LabEksClusterRole"],
        "--cluster-role-arn",
      );
    expect(several).toThrow(
      /Several IAM roles match LabEksClusterRole.*LabEksClusterRole, a-LabEksClusterRole/,
    );
    const none = () =>
      pickRole(roles("LabRole", "AWSServiceRoleForSupport"), ["LabEksClusterRole"], "--cluster-role-arn");
    expect(none).toThrow(
      /No IAM role named like LabEksClusterRole.*Roles with Lab or EKS in their name: LabRole\./,
    );
    const empty = () =>
      pickRole(roles("AWSServiceRoleForSupport"), ["LabEksClusterRole"], "--cluster-role-arn");
    expect(empty).toThrow(/1 role\(s\), none with Lab or EKS/);
    try {
      none();
    } catch (error) {
      expect((error as MsdemoError).exitCode).toBe(2);
      expect((error as MsdemoError).hint).toMatch(/--cluster-role-arn arn:aws:iam::<account>:role\/<name>/);
    }
  });
});
