// The cluster step against moto: role detection among Learner Lab-like roles,
// default subnets without the zone EKS rejects, node-sg-service as extra group,
// the PostgreSQL rule from the cluster security group, no call on a rerun,
// teardown with and without state (and with a node group still attached), and
// that plan lists exactly the changes up makes.
import { CreateSecurityGroupCommand, DescribeSubnetsCommand, type SecurityGroup } from "@aws-sdk/client-ec2";
import {
  CreateClusterCommand,
  type CreateClusterCommandInput,
  CreateNodegroupCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-eks";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import type { InitializeHandler, MiddlewareStack } from "@smithy/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import { findSecurityGroupById, revokeIngressFromGroup } from "../../src/aws/ec2.js";
import { findCluster } from "../../src/aws/eks.js";
import { STACK_TAG } from "../../src/aws/tags.js";
import type { StepRecord } from "../../src/state/store.js";
import { clusterStep } from "../../src/steps/cluster.js";
import { networkStep } from "../../src/steps/network.js";
import type { ClusterOutputs, NetworkOutputs } from "../../src/steps/outputs.js";
import { expectPlanIsApply } from "../support/agreement.js";
import { type Moto, startMoto } from "../support/moto.js";
import { recordCalls, stepRun, testConfig } from "../support/step-harness.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const CLUSTER = "node-microservices-demo";
const ACCOUNT = "123456789012";

const trust = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

async function createRole(aws: AwsClients, name: string): Promise<string> {
  const created = await aws.iam.send(
    new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }),
  );
  return created.Role!.Arn!;
}

/** Records the input of every CreateCluster the EKS client sends (moto keeps only part of it). */
function captureCreateCluster(aws: AwsClients): CreateClusterCommandInput[] {
  const inputs: CreateClusterCommandInput[] = [];
  const stack = aws.eks.middlewareStack as unknown as MiddlewareStack<object, object>;
  stack.add(
    (next: InitializeHandler<object, object>, context) => (args) => {
      if (context.commandName === "CreateClusterCommand")
        inputs.push(args.input as CreateClusterCommandInput);
      return next(args);
    },
    { step: "initialize", name: "captureCreateCluster" },
  );
  return inputs;
}

/** What EKS does while creating a cluster: a security group tagged aws:eks:cluster-name in the VPC. */
async function eksClusterGroup(aws: AwsClients, vpcId: string): Promise<string> {
  const created = await aws.ec2.send(
    new CreateSecurityGroupCommand({
      VpcId: vpcId,
      GroupName: `eks-cluster-sg-${CLUSTER}-1234567890`,
      Description: "EKS created security group applied to ENI that is attached to EKS Control Plane",
      TagSpecifications: [
        {
          ResourceType: "security-group",
          Tags: [
            { Key: "aws:eks:cluster-name", Value: CLUSTER },
            { Key: `kubernetes.io/cluster/${CLUSTER}`, Value: "owned" },
          ],
        },
      ],
    }),
  );
  return created.GroupId!;
}

function postgresSources(group: SecurityGroup | undefined): string[] {
  return (group?.IpPermissions ?? [])
    .filter((p) => p.FromPort === 5432 && p.ToPort === 5432)
    .flatMap((p) => (p.UserIdGroupPairs ?? []).map((pair) => pair.GroupId ?? ""));
}

describe("cluster step against moto", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());
  beforeEach(async () => moto.reset());

  /** The network step's groups, made by the network step itself; its outputs as state. */
  async function withNetwork(aws: AwsClients): Promise<{
    net: NetworkOutputs;
    state: Partial<Record<"network", StepRecord>>;
  }> {
    const net = (await stepRun(testConfig(), aws).apply(networkStep)) as NetworkOutputs;
    return { net, state: { network: { status: "done", outputs: net, updatedAt: "" } } };
  }

  it("creates the cluster as the walkthrough does, admits PostgreSQL from the cluster group, then makes no call on a rerun", async () => {
    const aws = moto.clients();
    const roleArn = await createRole(aws, "LabEksClusterRole");
    await createRole(aws, "LabRole");
    const { net, state } = await withNetwork(aws);
    const clusterGroup = await eksClusterGroup(aws, net.vpcId);
    const sent = captureCreateCluster(aws);
    const run = stepRun(testConfig(), aws, state);

    expect(await run.plan(clusterStep)).toEqual([
      expect.objectContaining({ action: "create", name: CLUSTER }),
      expect.objectContaining({ action: "update", name: "postgres-sg-rds" }),
    ]);
    const out = (await run.apply(clusterStep)) as ClusterOutputs;

    // What was asked of EKS.
    expect(sent).toHaveLength(1);
    const input = sent[0]!;
    expect(input.name).toBe(CLUSTER);
    expect(input.roleArn).toBe(roleArn);
    expect(input.version).toBe("1.35");
    expect(input.upgradePolicy).toEqual({ supportType: "STANDARD" });
    expect(input.resourcesVpcConfig).toMatchObject({
      securityGroupIds: [net.nodeSecurityGroupId],
      endpointPublicAccess: true,
      endpointPrivateAccess: true,
    });
    expect(input.accessConfig).toEqual({
      authenticationMode: "API_AND_CONFIG_MAP",
      bootstrapClusterCreatorAdminPermissions: true,
    });
    expect(input.tags).toEqual({ "msdemo:stack": CLUSTER, "msdemo:step": "cluster" });

    // The VPC's default subnets, except the one in use1-az3 (us-east-1e in moto's default VPC).
    const subnets =
      (
        await aws.ec2.send(
          new DescribeSubnetsCommand({
            Filters: [
              { Name: "vpc-id", Values: [net.vpcId] },
              { Name: "default-for-az", Values: ["true"] },
            ],
          }),
        )
      ).Subnets ?? [];
    const az3 = subnets.filter((s) => s.AvailabilityZoneId === "use1-az3").map((s) => s.SubnetId);
    expect(az3).toHaveLength(1);
    const expected = subnets
      .filter((s) => s.AvailabilityZoneId !== "use1-az3")
      .map((s) => s.SubnetId!)
      .sort();
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect([...(input.resourcesVpcConfig?.subnetIds ?? [])].sort()).toEqual(expected);
    expect(input.resourcesVpcConfig?.subnetIds).not.toContain(az3[0]);

    // The outputs, from the cluster as EKS describes it.
    expect(out).toMatchObject({
      clusterName: CLUSTER,
      clusterArn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/${CLUSTER}`,
      clusterSecurityGroupId: clusterGroup,
      roleArn,
      k8sVersion: "1.35",
    });
    expect(out.endpoint).toMatch(/^https:\/\//);
    expect(out.certificateAuthorityData.length).toBeGreaterThan(0);
    expect([...out.subnetIds].sort()).toEqual(expected);
    expect(run.state.get("cluster")?.outputs.clusterArn).toBe(out.clusterArn);

    // postgres-sg-rds admits 5432 from the cluster security group (as well as from node-sg-service).
    const dbGroup = await findSecurityGroupById(aws.ec2, net.dbSecurityGroupId);
    expect(postgresSources(dbGroup)).toContain(clusterGroup);

    // Rerun: everything in place, nothing mutating.
    const calls = recordCalls(aws);
    const again = (await run.apply(clusterStep)) as ClusterOutputs;
    expect(calls.mutating()).toEqual([]);
    expect(again).toEqual(out);
    expect(sent).toHaveLength(1);
    expect(await run.plan(clusterStep)).toEqual([
      expect.objectContaining({ action: "none", name: CLUSTER }),
      expect.objectContaining({
        action: "none",
        name: "postgres-sg-rds",
        detail: expect.stringContaining(clusterGroup),
      }),
    ]);

    const inspected = await clusterStep.inspect(run.context(clusterStep));
    expect(inspected.resources).toEqual([
      expect.objectContaining({
        step: "cluster",
        name: CLUSTER,
        state: "ACTIVE",
        managed: true,
        id: out.clusterArn,
      }),
    ]);
    expect(inspected.warnings ?? []).toEqual([]);
    expect(inspected.endpoints?.kubernetesApi).toBe(out.endpoint);
  });

  it("puts back the PostgreSQL rule from the cluster group when it was removed by hand", async () => {
    const aws = moto.clients();
    await createRole(aws, "LabEksClusterRole");
    const { net, state } = await withNetwork(aws);
    const clusterGroup = await eksClusterGroup(aws, net.vpcId);
    const run = stepRun(testConfig(), aws, state);
    await run.apply(clusterStep);
    await revokeIngressFromGroup(aws.ec2, net.dbSecurityGroupId, 5432, clusterGroup);

    expect(await run.plan(clusterStep)).toEqual([
      expect.objectContaining({ action: "none", name: CLUSTER }),
      expect.objectContaining({
        action: "update",
        name: "postgres-sg-rds",
        detail: `admit TCP 5432 from the cluster security group ${clusterGroup}`,
      }),
    ]);
    expect((await clusterStep.inspect(run.context(clusterStep))).warnings).toEqual([
      expect.stringMatching(/postgres-sg-rds does not admit TCP 5432/),
    ]);
    const calls = recordCalls(aws);
    await run.apply(clusterStep);
    expect(calls.mutating()).toEqual(["AuthorizeSecurityGroupIngress"]);
    expect(postgresSources(await findSecurityGroupById(aws.ec2, net.dbSecurityGroupId))).toContain(
      clusterGroup,
    );
    expect((await run.plan(clusterStep)).map((c) => c.action)).toEqual(["none", "none"]);
  });

  it("another Kubernetes version: plan and up say so as a warning and change nothing (msdemo does not upgrade clusters)", async () => {
    const aws = moto.clients();
    await createRole(aws, "LabEksClusterRole");
    const { net, state } = await withNetwork(aws);
    await eksClusterGroup(aws, net.vpcId);
    await stepRun(testConfig(), aws, state).apply(clusterStep);

    const newer = stepRun(testConfig({ k8sVersion: "1.36" }), aws, state);
    const [change] = await newer.plan(clusterStep);
    expect(change).toMatchObject({
      action: "none",
      warning: expect.stringMatching(/runs Kubernetes 1\.35, not 1\.36; msdemo does not upgrade/),
    });
    const calls = recordCalls(aws);
    const out = await newer.apply(clusterStep);
    expect(calls.mutating()).toEqual([]);
    expect(out.k8sVersion).toBe("1.35");
    expect(newer.events).toContainEqual(
      expect.objectContaining({ type: "step-warning", message: change!.warning }),
    );
  });

  it("warns and records a null cluster security group when AWS reports none", async () => {
    const aws = moto.clients();
    await createRole(aws, "LabEksClusterRole");
    const { net, state } = await withNetwork(aws);
    const run = stepRun(testConfig(), aws, state);
    const before = postgresSources(await findSecurityGroupById(aws.ec2, net.dbSecurityGroupId));

    const out = await run.apply(clusterStep);

    expect(out.clusterSecurityGroupId).toBeNull();
    // The rerun's plan says it too, on the rule it cannot make.
    expect((await run.plan(clusterStep))[1]).toMatchObject({
      action: "none",
      name: "postgres-sg-rds",
      warning: expect.stringMatching(/no cluster security group/),
    });
    expect(run.events).toContainEqual(
      expect.objectContaining({
        type: "step-warning",
        message: expect.stringMatching(/no cluster security group/),
      }),
    );
    expect(postgresSources(await findSecurityGroupById(aws.ec2, net.dbSecurityGroupId))).toEqual(before);
    const inspected = await clusterStep.inspect(run.context(clusterStep));
    expect(inspected.warnings).toEqual([expect.stringMatching(/no cluster security group/)]);
  });

  describe("plan lists exactly what up does", () => {
    /** Roles and the network step applied; EKS's own cluster group made as EKS would. */
    async function ready(aws: AwsClients) {
      await createRole(aws, "LabEksClusterRole");
      const { net, state } = await withNetwork(aws);
      const clusterGroup = await eksClusterGroup(aws, net.vpcId);
      return { net, state, clusterGroup };
    }

    it("after the network step: the cluster and the 5432 rule from its group", async () => {
      const aws = moto.clients();
      const { net, state, clusterGroup } = await ready(aws);
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(stepRun(testConfig(), aws, state, calls), clusterStep, calls);
      expect(planned.map((c) => [c.action, c.name])).toEqual([
        ["create", CLUSTER],
        ["update", "postgres-sg-rds"],
      ]);
      expect(postgresSources(await findSecurityGroupById(aws.ec2, net.dbSecurityGroupId))).toContain(
        clusterGroup,
      );
    });

    it("with everything present: nothing, and no mutating call", async () => {
      const aws = moto.clients();
      const { state } = await ready(aws);
      await stepRun(testConfig(), aws, state).apply(clusterStep);
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(stepRun(testConfig(), aws, state, calls), clusterStep, calls);
      expect(planned.map((c) => c.action)).toEqual(["none", "none"]);
      expect(calls.mutating()).toEqual([]);
    });

    it("after the stack tag was removed from the cluster behind msdemo's back: adopt", async () => {
      const aws = moto.clients();
      const { state } = await ready(aws);
      const out = (await stepRun(testConfig(), aws, state).apply(clusterStep)) as ClusterOutputs;
      await aws.eks.send(new UntagResourceCommand({ resourceArn: out.clusterArn, tagKeys: [STACK_TAG] }));
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(stepRun(testConfig(), aws, state, calls), clusterStep, calls);
      expect(planned.map((c) => [c.action, c.name])).toEqual([
        ["adopt", CLUSTER],
        ["none", "postgres-sg-rds"],
      ]);
      expect((await findCluster(aws.eks, CLUSTER))?.tags?.[STACK_TAG]).toBe(CLUSTER);
    });

    it("after the 5432 rule was revoked behind msdemo's back: that rule only", async () => {
      const aws = moto.clients();
      const { net, state, clusterGroup } = await ready(aws);
      await stepRun(testConfig(), aws, state).apply(clusterStep);
      await revokeIngressFromGroup(aws.ec2, net.dbSecurityGroupId, 5432, clusterGroup);
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(stepRun(testConfig(), aws, state, calls), clusterStep, calls);
      expect(planned.map((c) => [c.action, c.name])).toEqual([
        ["none", CLUSTER],
        ["update", "postgres-sg-rds"],
      ]);
      expect(calls.mutating()).toEqual(["AuthorizeSecurityGroupIngress"]);
    });

    it("with another Kubernetes version asked: a none change with a warning, and no mutating call", async () => {
      const aws = moto.clients();
      const { state } = await ready(aws);
      await stepRun(testConfig(), aws, state).apply(clusterStep);
      const calls = recordCalls(aws);
      const run = stepRun(testConfig({ k8sVersion: "1.36" }), aws, state, calls);
      const planned = await expectPlanIsApply(run, clusterStep, calls);
      expect(planned[0]).toMatchObject({ action: "none", warning: expect.stringContaining("1.36") });
      expect(calls.mutating()).toEqual([]);
    });
  });

  it("refuses a cluster tagged for another stack, and teardown leaves it alone", async () => {
    const aws = moto.clients();
    const { state } = await withNetwork(aws);
    await aws.eks.send(
      new CreateClusterCommand({
        name: CLUSTER,
        roleArn: `arn:aws:iam::${ACCOUNT}:role/LabEksClusterRole`,
        resourcesVpcConfig: { subnetIds: [] },
        tags: { [STACK_TAG]: "someone-else" },
      }),
    );
    const run = stepRun(testConfig(), aws, state);
    const calls = recordCalls(aws);
    await expect(run.plan(clusterStep)).rejects.toThrow(/belongs to msdemo stack "someone-else"/);
    await expect(run.apply(clusterStep)).rejects.toThrow(/belongs to msdemo stack "someone-else"/);
    await run.destroy(clusterStep);
    expect(calls.mutating()).toEqual([]);
    expect(await findCluster(aws.eks, CLUSTER)).toBeDefined();
    expect(run.events).toContainEqual(
      expect.objectContaining({
        type: "step-warning",
        message: expect.stringMatching(/Leaving EKS cluster/),
      }),
    );
  });

  it("uses --cluster-role-arn as given, without looking for roles", async () => {
    const aws = moto.clients();
    const { state } = await withNetwork(aws);
    const given = `arn:aws:iam::${ACCOUNT}:role/SomeOtherEksRole`;
    const calls = recordCalls(aws);
    const out = await stepRun(testConfig({ clusterRoleArn: given }), aws, state).apply(clusterStep);
    expect(out.roleArn).toBe(given);
    expect(calls.calls).not.toContain("ListRoles");
  });

  describe("finds the Learner Lab cluster role by pattern", () => {
    it("with a prefix and a suffix", async () => {
      const aws = moto.clients();
      const arn = await createRole(aws, "c123456a1234567-LabEksClusterRole-AbCd");
      await createRole(aws, "LabRole");
      await createRole(aws, "LabEksClusterRoleBackup");
      const { state } = await withNetwork(aws);
      const out = await stepRun(testConfig(), aws, state).apply(clusterStep);
      expect(out.roleArn).toBe(arn);
    });

    it("none: a clear error listing the related roles and naming the flag, and no cluster", async () => {
      const aws = moto.clients();
      await createRole(aws, "LabRole");
      await createRole(aws, "vocareum-role");
      const { state } = await withNetwork(aws);
      const calls = recordCalls(aws);
      const error = await stepRun(testConfig(), aws, state)
        .apply(clusterStep)
        .catch((e: unknown) => e as { message: string; hint?: string; exitCode?: number });
      expect(error.message).toMatch(/No IAM role named like LabEksClusterRole/);
      expect(error.message).toContain("LabRole");
      expect(error.message).not.toContain("vocareum-role");
      expect(error.hint).toContain("--cluster-role-arn");
      expect(error.exitCode).toBe(2);
      expect(calls.mutating()).toEqual([]);
      expect(await findCluster(aws.eks, CLUSTER)).toBeUndefined();
    });

    it("several: a clear error listing every candidate and naming the flag", async () => {
      const aws = moto.clients();
      await createRole(aws, "LabEksClusterRole");
      await createRole(aws, "c123456a1234567-LabEksClusterRole-AbCd");
      const { state } = await withNetwork(aws);
      const calls = recordCalls(aws);
      const error = await stepRun(testConfig(), aws, state)
        .apply(clusterStep)
        .catch((e: unknown) => e as { message: string; hint?: string });
      expect(error.message).toMatch(/Several IAM roles match LabEksClusterRole/);
      expect(error.message).toContain("LabEksClusterRole, c123456a1234567-LabEksClusterRole-AbCd");
      expect(error.hint).toMatch(/--cluster-role-arn arn:aws:iam::123456789012:role\//);
      expect(calls.mutating()).toEqual([]);
    });
  });

  it("needs the network step's outputs", async () => {
    const aws = moto.clients();
    await expect(stepRun(testConfig(), aws).apply(clusterStep)).rejects.toThrow(/network/);
  });

  it("destroys: revokes the PostgreSQL rule, deletes the cluster; again without error", async () => {
    const aws = moto.clients();
    await createRole(aws, "LabEksClusterRole");
    const { net, state } = await withNetwork(aws);
    const clusterGroup = await eksClusterGroup(aws, net.vpcId);
    const run = stepRun(testConfig(), aws, state);
    await run.apply(clusterStep);
    expect(postgresSources(await findSecurityGroupById(aws.ec2, net.dbSecurityGroupId))).toContain(
      clusterGroup,
    );

    await run.destroy(clusterStep);

    expect(await findCluster(aws.eks, CLUSTER)).toBeUndefined();
    expect(postgresSources(await findSecurityGroupById(aws.ec2, net.dbSecurityGroupId))).not.toContain(
      clusterGroup,
    );
    // node-sg-service's own rule stays: it is the network step's.
    expect(postgresSources(await findSecurityGroupById(aws.ec2, net.dbSecurityGroupId))).toContain(
      net.nodeSecurityGroupId,
    );
    expect((await clusterStep.inspect(run.context(clusterStep))).resources[0]?.state).toBe("missing");
    expect((await run.plan(clusterStep))[0]?.action).toBe("create");

    await run.destroy(clusterStep);
    await stepRun(testConfig(), aws).destroy(clusterStep);
  });

  it("destroys with no state while a node group is still attached: deletes the node group, then the cluster", async () => {
    const aws = moto.clients();
    await createRole(aws, "LabEksClusterRole");
    const { net, state } = await withNetwork(aws);
    const clusterGroup = await eksClusterGroup(aws, net.vpcId);
    const out = await stepRun(testConfig(), aws, state).apply(clusterStep);
    await aws.eks.send(
      new CreateNodegroupCommand({
        clusterName: CLUSTER,
        nodegroupName: "ng-general",
        nodeRole: `arn:aws:iam::${ACCOUNT}:role/LabRole`,
        subnets: out.subnetIds as string[],
      }),
    );

    const calls = recordCalls(aws);
    await stepRun(testConfig(), aws).destroy(clusterStep);

    expect(calls.mutating()).toEqual([
      "RevokeSecurityGroupIngress",
      "DeleteCluster",
      "DeleteNodegroup",
      "DeleteCluster",
    ]);
    expect(await findCluster(aws.eks, CLUSTER)).toBeUndefined();
    expect(postgresSources(await findSecurityGroupById(aws.ec2, net.dbSecurityGroupId))).not.toContain(
      clusterGroup,
    );
  });
});
