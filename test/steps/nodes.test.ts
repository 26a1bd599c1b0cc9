// The nodes step against moto: the node group as the walkthrough makes it, the
// Learner Lab role preference, scaling drift as an update, no call on a rerun,
// teardown with and without state, another stack's node group refused and left
// alone, and that plan lists exactly the changes up makes. moto has no EKS
// add-ons (DescribeAddon fails), so metrics-server is a `none` change with a
// warning here, and it cannot tag or untag a node group: the add-on's create and
// the adoption of an untagged node group are covered with SDK fakes in
// test/unit/steps-nodes-errors.test.ts.
import {
  CreateClusterCommand,
  CreateNodegroupCommand,
  DescribeNodegroupCommand,
  UpdateNodegroupConfigCommand,
} from "@aws-sdk/client-eks";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import { findNodegroup } from "../../src/aws/eks.js";
import { STACK_TAG } from "../../src/aws/tags.js";
import type { StepRecord } from "../../src/state/store.js";
import { nodesStep } from "../../src/steps/nodes.js";
import type { ClusterOutputs, NodesOutputs } from "../../src/steps/outputs.js";
import { expectPlanIsApply } from "../support/agreement.js";
import { type Moto, startMoto } from "../support/moto.js";
import { recordCalls, stepRun, testConfig } from "../support/step-harness.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const CLUSTER = "node-microservices-demo";
const NODEGROUP = "ng-general";
const ACCOUNT = "123456789012";
const SUBNETS = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"];

const trust = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

async function createRole(aws: AwsClients, name: string): Promise<string> {
  const created = await aws.iam.send(
    new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }),
  );
  return created.Role!.Arn!;
}

/** A cluster made directly in moto, and the cluster step's outputs for it as state. */
async function withCluster(aws: AwsClients): Promise<Partial<Record<"cluster", StepRecord>>> {
  const created = await aws.eks.send(
    new CreateClusterCommand({
      name: CLUSTER,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/LabEksClusterRole`,
      resourcesVpcConfig: { subnetIds: SUBNETS },
    }),
  );
  const outputs: ClusterOutputs = {
    clusterName: CLUSTER,
    clusterArn: created.cluster!.arn!,
    endpoint: created.cluster!.endpoint!,
    certificateAuthorityData: "",
    clusterSecurityGroupId: null,
    subnetIds: SUBNETS,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/LabEksClusterRole`,
    k8sVersion: "1.33",
  };
  return { cluster: { status: "done", outputs, updatedAt: "" } };
}

async function describeGroup(aws: AwsClients) {
  return (
    await aws.eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName: NODEGROUP }))
  ).nodegroup!;
}

describe("nodes step against moto", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());
  beforeEach(async () => moto.reset());

  it("creates ng-general as the walkthrough does, then makes no call on a rerun", async () => {
    const aws = moto.clients();
    const labRole = await createRole(aws, "LabRole");
    const run = stepRun(testConfig(), aws, await withCluster(aws));

    expect(await run.plan(nodesStep)).toEqual([
      expect.objectContaining({
        action: "create",
        name: NODEGROUP,
        detail: expect.stringMatching(/t3\.medium/),
      }),
      expect.objectContaining({ action: "none", name: "metrics-server", warning: expect.any(String) }),
    ]);
    const out = (await run.apply(nodesStep)) as NodesOutputs;

    const group = await describeGroup(aws);
    expect(group).toMatchObject({
      nodeRole: labRole,
      amiType: "AL2023_x86_64_STANDARD",
      instanceTypes: ["t3.medium"],
      diskSize: 20,
      scalingConfig: { desiredSize: 2, minSize: 2, maxSize: 4 },
      subnets: SUBNETS,
      tags: { "msdemo:stack": CLUSTER, "msdemo:step": "nodes" },
    });
    expect(out).toEqual({
      nodegroupName: NODEGROUP,
      nodegroupArn: group.nodegroupArn,
      roleArn: labRole,
      instanceType: "t3.medium",
      scaling: { desired: 2, min: 2, max: 4 },
    });

    const calls = recordCalls(aws);
    expect(await run.apply(nodesStep)).toEqual(out);
    expect(calls.mutating()).toEqual([]);
    expect(await run.plan(nodesStep)).toEqual([
      expect.objectContaining({ action: "none", name: NODEGROUP }),
      expect.objectContaining({ action: "none", name: "metrics-server" }),
    ]);
    const inspected = await nodesStep.inspect(run.context(nodesStep));
    expect(inspected.resources).toEqual([
      expect.objectContaining({
        step: "nodes",
        name: NODEGROUP,
        state: "ACTIVE",
        managed: true,
        id: out.nodegroupArn,
      }),
    ]);
  });

  it("prefers LabEksNodeRole over LabRole, with any prefix or suffix", async () => {
    const aws = moto.clients();
    await createRole(aws, "LabRole");
    const nodeRole = await createRole(aws, "c123456a1234567-LabEksNodeRole-XyZ9");
    const out = await stepRun(testConfig(), aws, await withCluster(aws)).apply(nodesStep);
    expect(out.roleArn).toBe(nodeRole);
    expect((await describeGroup(aws)).nodeRole).toBe(nodeRole);
  });

  it("uses --node-role-arn as given, without looking for roles", async () => {
    const aws = moto.clients();
    const given = `arn:aws:iam::${ACCOUNT}:role/MyNodes`;
    const calls = recordCalls(aws);
    const out = await stepRun(testConfig({ nodeRoleArn: given }), aws, await withCluster(aws)).apply(
      nodesStep,
    );
    expect(out.roleArn).toBe(given);
    expect(calls.calls).not.toContain("ListRoles");
  });

  it("without a node role: a clear error listing what there is, naming the flag; several LabRoles: listed", async () => {
    const aws = moto.clients();
    await createRole(aws, "LabEksClusterRole");
    const state = await withCluster(aws);
    const calls = recordCalls(aws);
    const none = await stepRun(testConfig(), aws, state)
      .apply(nodesStep)
      .catch((e: unknown) => e as { message: string; hint?: string });
    expect(none.message).toMatch(/No IAM role named like LabEksNodeRole or LabRole/);
    expect(none.message).toContain("LabEksClusterRole");
    expect(none.hint).toContain("--node-role-arn");
    expect(calls.mutating()).toEqual([]);

    await createRole(aws, "LabRole");
    await createRole(aws, "course-LabRole");
    const several = await stepRun(testConfig(), aws, state)
      .apply(nodesStep)
      .catch((e: unknown) => e as { message: string; hint?: string });
    expect(several.message).toMatch(/Several IAM roles match LabRole.*: LabRole, course-LabRole\./);
    expect(several.hint).toContain("--node-role-arn");
    expect(await findNodegroup(aws.eks, CLUSTER, NODEGROUP)).toBeUndefined();
  });

  it("plans a scaling drift as an update and applies it with one UpdateNodegroupConfig", async () => {
    const aws = moto.clients();
    await createRole(aws, "LabRole");
    const state = await withCluster(aws);
    await stepRun(testConfig(), aws, state).apply(nodesStep);

    const bigger = stepRun(testConfig({ nodes: 3, minNodes: 1, maxNodes: 5 }), aws, state);
    expect(await bigger.plan(nodesStep)).toEqual([
      expect.objectContaining({
        action: "update",
        detail: "scaling desired 2 / min 2 / max 4 → desired 3 / min 1 / max 5",
      }),
      expect.objectContaining({ action: "none", name: "metrics-server" }),
    ]);
    const calls = recordCalls(aws);
    const out = await bigger.apply(nodesStep);
    expect(calls.mutating()).toEqual(["UpdateNodegroupConfig"]);
    expect(out.scaling).toEqual({ desired: 3, min: 1, max: 5 });
    expect((await describeGroup(aws)).scalingConfig).toEqual({ desiredSize: 3, minSize: 1, maxSize: 5 });

    calls.clear();
    await bigger.apply(nodesStep);
    expect(calls.mutating()).toEqual([]);
    expect((await bigger.plan(nodesStep))[0]?.action).toBe("none");
  });

  describe("plan lists exactly what up does", () => {
    it("after the cluster step: the node group", async () => {
      const aws = moto.clients();
      await createRole(aws, "LabRole");
      const state = await withCluster(aws);
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(stepRun(testConfig(), aws, state, calls), nodesStep, calls);
      expect(planned.map((c) => [c.action, c.name])).toEqual([
        ["create", NODEGROUP],
        ["none", "metrics-server"],
      ]);
      expect(await findNodegroup(aws.eks, CLUSTER, NODEGROUP)).toBeDefined();
    });

    it("with everything present: nothing, and no mutating call", async () => {
      const aws = moto.clients();
      await createRole(aws, "LabRole");
      const state = await withCluster(aws);
      await stepRun(testConfig(), aws, state).apply(nodesStep);
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(stepRun(testConfig(), aws, state, calls), nodesStep, calls);
      expect(planned.map((c) => c.action)).toEqual(["none", "none"]);
      expect(calls.mutating()).toEqual([]);
    });

    it("after the scaling was changed behind msdemo's back: one scaling update", async () => {
      const aws = moto.clients();
      await createRole(aws, "LabRole");
      const state = await withCluster(aws);
      await stepRun(testConfig(), aws, state).apply(nodesStep);
      await aws.eks.send(
        new UpdateNodegroupConfigCommand({
          clusterName: CLUSTER,
          nodegroupName: NODEGROUP,
          scalingConfig: { desiredSize: 1, minSize: 1, maxSize: 4 },
        }),
      );
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(stepRun(testConfig(), aws, state, calls), nodesStep, calls);
      expect(planned.map((c) => [c.action, c.name])).toEqual([
        ["update", NODEGROUP],
        ["none", "metrics-server"],
      ]);
      expect(calls.mutating()).toEqual(["UpdateNodegroupConfig"]);
      expect((await describeGroup(aws)).scalingConfig).toEqual({ desiredSize: 2, minSize: 2, maxSize: 4 });
    });
  });

  it("refuses a node group tagged for another stack, and teardown leaves it alone", async () => {
    const aws = moto.clients();
    const state = await withCluster(aws);
    await aws.eks.send(
      new CreateNodegroupCommand({
        clusterName: CLUSTER,
        nodegroupName: NODEGROUP,
        nodeRole: `arn:aws:iam::${ACCOUNT}:role/LabRole`,
        subnets: SUBNETS,
        tags: { [STACK_TAG]: "someone-else" },
      }),
    );
    const run = stepRun(testConfig(), aws, state);
    const calls = recordCalls(aws);
    await expect(run.plan(nodesStep)).rejects.toThrow(/belongs to msdemo stack "someone-else"/);
    await expect(run.apply(nodesStep)).rejects.toThrow(/belongs to msdemo stack "someone-else"/);
    await stepRun(testConfig(), aws).destroy(nodesStep);
    expect(calls.mutating()).toEqual([]);
    expect(await findNodegroup(aws.eks, CLUSTER, NODEGROUP)).toBeDefined();
  });

  it("needs the cluster step's outputs", async () => {
    const aws = moto.clients();
    await expect(stepRun(testConfig(), aws).apply(nodesStep)).rejects.toThrow(/cluster/);
  });

  it("destroys with or without state, and again without error", async () => {
    const aws = moto.clients();
    await createRole(aws, "LabRole");
    const state = await withCluster(aws);
    const run = stepRun(testConfig(), aws, state);
    await run.apply(nodesStep);

    // Without state: found by the cluster's and the node group's names.
    await stepRun(testConfig(), aws).destroy(nodesStep);
    expect(await findNodegroup(aws.eks, CLUSTER, NODEGROUP)).toBeUndefined();
    expect((await nodesStep.inspect(run.context(nodesStep))).resources[0]?.state).toBe("missing");
    expect((await run.plan(nodesStep))[0]?.action).toBe("create");

    const calls = recordCalls(aws);
    await run.destroy(nodesStep);
    expect(calls.mutating()).toEqual([]);
    // The cluster gone too: still nothing to do, no error.
    await moto.reset();
    await stepRun(testConfig(), aws).destroy(nodesStep);
  });
});
