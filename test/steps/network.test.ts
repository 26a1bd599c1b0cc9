import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteTagsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  type SecurityGroup,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  authorizeIngressFromGroup,
  defaultVpcId,
  findSecurityGroupById,
  resolveVpc,
  revokeIngressFromGroup,
} from "../../src/aws/ec2.js";
import { STACK_TAG, STEP_TAG } from "../../src/aws/tags.js";
import { networkStep } from "../../src/steps/network.js";
import type { NetworkOutputs } from "../../src/steps/outputs.js";
import { expectPlanIsApply } from "../support/agreement.js";
import { type Moto, startMoto } from "../support/moto.js";
import { recordCalls, stepRun, testConfig } from "../support/step-harness.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

describe("network step against moto", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());
  beforeEach(async () => moto.reset());

  async function group(id: string): Promise<SecurityGroup> {
    const found = await findSecurityGroupById(moto.clients().ec2, id);
    expect(found, `security group ${id}`).toBeDefined();
    return found!;
  }

  async function groupsNamed(name: string): Promise<SecurityGroup[]> {
    const result = await moto
      .clients()
      .ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-name", Values: [name] }] }));
    return result.SecurityGroups ?? [];
  }

  function sourcesOn(g: SecurityGroup, port: number) {
    const perms = (g.IpPermissions ?? []).filter((p) => p.FromPort === port && p.ToPort === port);
    return {
      groups: perms.flatMap((p) => (p.UserIdGroupPairs ?? []).map((pair) => pair.GroupId)),
      cidrs: perms.flatMap((p) => (p.IpRanges ?? []).map((r) => r.CidrIp)),
    };
  }

  it("creates both groups in the default VPC with the walkthrough's rules, and SSH closed", async () => {
    const aws = moto.clients();
    const run = stepRun(testConfig(), aws);
    const vpc = await defaultVpcId(aws.ec2);

    const outputs = (await run.apply(networkStep)) as NetworkOutputs;

    expect(outputs.vpcId).toBe(vpc);
    const node = await group(outputs.nodeSecurityGroupId);
    const db = await group(outputs.dbSecurityGroupId);
    expect(node.GroupName).toBe("node-sg-service");
    expect(node.Description).toBe("Access Node");
    expect(db.GroupName).toBe("postgres-sg-rds");
    expect(db.Description).toBe("Acceso postgreSQL");
    expect(node.VpcId).toBe(vpc);
    expect(sourcesOn(node, 80).groups).toEqual([db.GroupId]);
    expect(sourcesOn(node, 22)).toEqual({ groups: [], cidrs: [] });
    expect(sourcesOn(db, 5432).groups).toEqual([node.GroupId]);
    for (const g of [node, db]) {
      expect(g.Tags).toEqual(
        expect.arrayContaining([
          { Key: STACK_TAG, Value: "node-microservices-demo" },
          { Key: STEP_TAG, Value: "network" },
          { Key: "Name", Value: g.GroupName },
        ]),
      );
      // AWS's default egress (all traffic to 0.0.0.0/0) is left in place.
      expect(g.IpPermissionsEgress?.some((p) => p.IpProtocol === "-1")).toBe(true);
    }
  });

  it("plans create before, none after; a rerun adopts with no mutating call; destroy twice", async () => {
    const aws = moto.clients();
    const config = testConfig();
    const run = stepRun(config, aws);

    const before = await run.plan(networkStep);
    expect(before.map((c) => [c.action, c.name, c.detail])).toEqual([
      ["create", "node-sg-service", `in ${await defaultVpcId(aws.ec2)}`],
      ["create", "postgres-sg-rds", `in ${await defaultVpcId(aws.ec2)}`],
      ["update", "node-sg-service", "add TCP 80 from postgres-sg-rds"],
      ["update", "postgres-sg-rds", "add TCP 5432 from node-sg-service"],
    ]);

    const first = await run.apply(networkStep);
    const calls = recordCalls(aws);
    const second = await run.apply(networkStep);
    expect(second).toEqual(first);
    expect(calls.mutating()).toEqual([]);
    expect(calls.calls.length).toBeGreaterThan(0);

    const after = await run.plan(networkStep);
    expect(after.map((c) => c.action)).toEqual(["none", "none"]);
    expect(calls.mutating()).toEqual([]);

    const live = await networkStep.inspect(run.context(networkStep));
    expect(live.resources.map((r) => [r.name, r.state, r.managed])).toEqual([
      ["node-sg-service", "exists", true],
      ["postgres-sg-rds", "exists", true],
    ]);

    await run.destroy(networkStep);
    expect(await groupsNamed("node-sg-service")).toEqual([]);
    expect(await groupsNamed("postgres-sg-rds")).toEqual([]);
    await run.destroy(networkStep);

    const gone = await networkStep.inspect(run.context(networkStep));
    expect(gone.resources.map((r) => [r.name, r.state])).toEqual([
      ["node-sg-service", "missing"],
      ["postgres-sg-rds", "missing"],
    ]);
  });

  it("opens SSH to exactly --ssh-cidr, and closes it again when the flag is dropped", async () => {
    const aws = moto.clients();
    const open = stepRun(testConfig({ sshCidr: "203.0.113.0/24" }), aws);
    const outputs = (await open.apply(networkStep)) as NetworkOutputs;
    expect(sourcesOn(await group(outputs.nodeSecurityGroupId), 22).cidrs).toEqual(["203.0.113.0/24"]);

    const closed = stepRun(testConfig(), aws, { network: { status: "done", outputs, updatedAt: "" } });
    const plan = await closed.plan(networkStep);
    expect(plan.map((c) => [c.action, c.name])).toEqual([
      ["none", "postgres-sg-rds"],
      ["update", "node-sg-service"],
    ]);
    expect(plan[1]).toMatchObject({ detail: "remove SSH from 203.0.113.0/24" });
    expect(plan[1]!.warning).toContain("admits SSH from 203.0.113.0/24");
    await closed.apply(networkStep);
    expect(sourcesOn(await group(outputs.nodeSecurityGroupId), 22).cidrs).toEqual([]);
    expect(closed.events.some((e) => e.type === "step-warning" && e.message.includes("203.0.113.0/24"))).toBe(
      true,
    );
  });

  it("adopts a pre-existing untagged group of the same name", async () => {
    const aws = moto.clients();
    const vpc = await resolveVpc(aws.ec2);
    const made = await aws.ec2.send(
      new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: "postgres-sg-rds", Description: "by hand" }),
    );
    // As the walkthrough does it by hand: SSH open to the world on the node group.
    const handNode = await aws.ec2.send(
      new CreateSecurityGroupCommand({
        VpcId: vpc,
        GroupName: "node-sg-service",
        Description: "Access Node",
      }),
    );
    await aws.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: handNode.GroupId,
        IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
      }),
    );
    const run = stepRun(testConfig(), aws);

    const plan = await run.plan(networkStep);
    expect(plan.map((c) => [c.action, c.name])).toEqual([
      ["adopt", "node-sg-service"],
      ["adopt", "postgres-sg-rds"],
      ["update", "node-sg-service"],
      ["update", "postgres-sg-rds"],
    ]);
    expect(plan[1]!.detail).toBe(`${made.GroupId}: tag it for stack node-microservices-demo`);
    expect(plan[2]!.detail).toBe("add TCP 80 from postgres-sg-rds; remove SSH from 0.0.0.0/0");
    expect(plan[3]!.detail).toBe("add TCP 5432 from node-sg-service");

    const outputs = (await run.apply(networkStep)) as NetworkOutputs;
    expect(outputs.dbSecurityGroupId).toBe(made.GroupId);
    expect(outputs.nodeSecurityGroupId).toBe(handNode.GroupId);
    expect(await groupsNamed("postgres-sg-rds")).toHaveLength(1);
    const db = await group(made.GroupId!);
    expect(db.Tags).toEqual(expect.arrayContaining([{ Key: STACK_TAG, Value: "node-microservices-demo" }]));
    expect(sourcesOn(db, 5432).groups).toEqual([outputs.nodeSecurityGroupId]);
    expect(sourcesOn(await group(handNode.GroupId!), 22).cidrs).toEqual([]);

    const again = await run.plan(networkStep);
    expect(again.map((c) => c.action)).toEqual(["none", "none"]);
  });

  it("refuses a group of the same name tagged for another stack", async () => {
    const aws = moto.clients();
    const vpc = await resolveVpc(aws.ec2);
    await aws.ec2.send(
      new CreateSecurityGroupCommand({
        VpcId: vpc,
        GroupName: "node-sg-service",
        Description: "x",
        TagSpecifications: [
          { ResourceType: "security-group", Tags: [{ Key: STACK_TAG, Value: "someone-else" }] },
        ],
      }),
    );
    const run = stepRun(testConfig(), aws);
    await expect(run.plan(networkStep)).rejects.toThrow(/belongs to msdemo stack "someone-else"/);
    const calls = recordCalls(aws);
    await expect(run.apply(networkStep)).rejects.toThrow(/belongs to msdemo stack "someone-else"/);
    expect(calls.mutating()).toEqual([]);
    // Teardown leaves it alone too, and says so.
    await run.destroy(networkStep);
    expect(await groupsNamed("node-sg-service")).toHaveLength(1);
    expect(
      run.events.some(
        (e) =>
          e.type === "step-warning" && /node-sg-service .* belongs to stack someone-else/.test(e.message),
      ),
    ).toBe(true);
  });

  describe("plan lists exactly what up does", () => {
    const DB_PORT = 5432;

    it("in an empty account: both groups made, then each one's inbound rule", async () => {
      const aws = moto.clients();
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(stepRun(testConfig(), aws, {}, calls), networkStep, calls);
      expect(planned.map((c) => [c.action, c.name])).toEqual([
        ["create", "node-sg-service"],
        ["create", "postgres-sg-rds"],
        ["update", "node-sg-service"],
        ["update", "postgres-sg-rds"],
      ]);
      expect(calls.mutating()).toEqual([
        "CreateSecurityGroup",
        "CreateSecurityGroup",
        "AuthorizeSecurityGroupIngress",
        "AuthorizeSecurityGroupIngress",
      ]);
    });

    it("with everything present: nothing, and no mutating call", async () => {
      const aws = moto.clients();
      const outputs = (await stepRun(testConfig(), aws).apply(networkStep)) as NetworkOutputs;
      const calls = recordCalls(aws);
      const recorded = { network: { status: "done" as const, outputs, updatedAt: "" } };
      const planned = await expectPlanIsApply(
        stepRun(testConfig(), aws, recorded, calls),
        networkStep,
        calls,
      );
      expect(planned.map((c) => [c.action, c.name, c.detail])).toEqual([
        ["none", "node-sg-service", outputs.nodeSecurityGroupId],
        ["none", "postgres-sg-rds", outputs.dbSecurityGroupId],
      ]);
      expect(calls.mutating()).toEqual([]);
    });

    it("after the DB group's TCP 5432 rule from the node group was revoked behind msdemo's back", async () => {
      const aws = moto.clients();
      const outputs = (await stepRun(testConfig(), aws).apply(networkStep)) as NetworkOutputs;
      expect(
        await revokeIngressFromGroup(
          aws.ec2,
          outputs.dbSecurityGroupId,
          DB_PORT,
          outputs.nodeSecurityGroupId,
        ),
      ).toBe(true);
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(stepRun(testConfig(), aws, {}, calls), networkStep, calls);
      expect(planned.map((c) => [c.action, c.name, c.detail])).toEqual([
        ["none", "node-sg-service", outputs.nodeSecurityGroupId],
        ["update", "postgres-sg-rds", "add TCP 5432 from node-sg-service"],
      ]);
      expect(calls.mutating()).toEqual(["AuthorizeSecurityGroupIngress"]);
      expect(sourcesOn(await group(outputs.dbSecurityGroupId), DB_PORT).groups).toEqual([
        outputs.nodeSecurityGroupId,
      ]);
    });

    it("after the node group's stack tag was removed behind msdemo's back", async () => {
      const aws = moto.clients();
      const outputs = (await stepRun(testConfig(), aws).apply(networkStep)) as NetworkOutputs;
      await aws.ec2.send(
        new DeleteTagsCommand({ Resources: [outputs.nodeSecurityGroupId], Tags: [{ Key: STACK_TAG }] }),
      );
      expect((await group(outputs.nodeSecurityGroupId)).Tags?.some((tag) => tag.Key === STACK_TAG)).toBe(
        false,
      );
      const calls = recordCalls(aws);
      const planned = await expectPlanIsApply(stepRun(testConfig(), aws, {}, calls), networkStep, calls);
      expect(planned.map((c) => [c.action, c.name])).toEqual([
        ["adopt", "node-sg-service"],
        ["none", "postgres-sg-rds"],
      ]);
      expect(calls.mutating()).toEqual(["CreateTags"]);
      expect((await group(outputs.nodeSecurityGroupId)).Tags).toEqual(
        expect.arrayContaining([{ Key: STACK_TAG, Value: "node-microservices-demo" }]),
      );
    });

    it("after SSH was opened to the world by hand: the plan warns and up closes it", async () => {
      const aws = moto.clients();
      const outputs = (await stepRun(testConfig(), aws).apply(networkStep)) as NetworkOutputs;
      await aws.ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: outputs.nodeSecurityGroupId,
          IpPermissions: [
            { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
          ],
        }),
      );
      const calls = recordCalls(aws);
      const run = stepRun(testConfig(), aws, {}, calls);
      const planned = await expectPlanIsApply(run, networkStep, calls);
      expect(planned.map((c) => [c.action, c.name])).toEqual([
        ["none", "postgres-sg-rds"],
        ["update", "node-sg-service"],
      ]);
      expect(planned[1]!.warning).toContain("0.0.0.0/0");
      expect(run.events).toContainEqual(
        expect.objectContaining({ type: "step-warning", message: planned[1]!.warning }),
      );
      expect(calls.mutating()).toEqual(["RevokeSecurityGroupIngress"]);
      expect(sourcesOn(await group(outputs.nodeSecurityGroupId), 22).cidrs).toEqual([]);
    });
  });

  it("gives a second stack prefixed names that do not collide", async () => {
    const aws = moto.clients();
    const a = (await stepRun(testConfig(), aws).apply(networkStep)) as NetworkOutputs;
    const otherRun = stepRun(testConfig({}, { stack: "team2" }), aws);
    const b = (await otherRun.apply(networkStep)) as NetworkOutputs;
    expect(b.nodeSecurityGroupId).not.toBe(a.nodeSecurityGroupId);
    expect((await group(b.nodeSecurityGroupId)).GroupName).toBe("team2-node-sg-service");
    expect((await group(b.dbSecurityGroupId)).GroupName).toBe("team2-postgres-sg-rds");

    await otherRun.destroy(networkStep);
    expect(await groupsNamed("team2-node-sg-service")).toEqual([]);
    // The default stack's groups are untouched.
    expect((await group(a.nodeSecurityGroupId)).GroupName).toBe("node-sg-service");
    expect((await group(a.dbSecurityGroupId)).GroupName).toBe("postgres-sg-rds");
  });

  it("tears down without any recorded outputs, revoking references and deleting k8s-elb leftovers", async () => {
    const aws = moto.clients();
    const outputs = (await stepRun(testConfig(), aws).apply(networkStep)) as NetworkOutputs;
    const vpc = outputs.vpcId;
    // What the Kubernetes cloud provider leaves behind: a k8s-elb-* group tagged for the cluster,
    // which the stack's groups (here the DB group, as the cluster SG would) refer to.
    const elb = await aws.ec2.send(
      new CreateSecurityGroupCommand({
        VpcId: vpc,
        GroupName: "k8s-elb-a1b2c3",
        Description: "Security group for Kubernetes ELB a1b2c3",
        TagSpecifications: [
          {
            ResourceType: "security-group",
            Tags: [{ Key: "kubernetes.io/cluster/node-microservices-demo", Value: "owned" }],
          },
        ],
      }),
    );
    await authorizeIngressFromGroup(aws.ec2, outputs.nodeSecurityGroupId, 3000, elb.GroupId!, "from ELB");
    // Another cluster's leftover must stay.
    const foreign = await aws.ec2.send(
      new CreateSecurityGroupCommand({
        VpcId: vpc,
        GroupName: "k8s-elb-zzz",
        Description: "other",
        TagSpecifications: [
          { ResourceType: "security-group", Tags: [{ Key: "kubernetes.io/cluster/other", Value: "owned" }] },
        ],
      }),
    );

    const fresh = stepRun(testConfig(), aws);
    const live = await networkStep.inspect(fresh.context(networkStep));
    expect(live.resources.map((r) => r.name)).toContain("k8s-elb-a1b2c3");

    const calls = recordCalls(aws);
    await fresh.destroy(networkStep);
    expect(calls.mutating()).toContain("RevokeSecurityGroupIngress");
    expect(calls.mutating().filter((c) => c === "DeleteSecurityGroup")).toHaveLength(3);
    expect(await findSecurityGroupById(aws.ec2, elb.GroupId!)).toBeUndefined();
    expect(await findSecurityGroupById(aws.ec2, outputs.nodeSecurityGroupId)).toBeUndefined();
    expect(await findSecurityGroupById(aws.ec2, outputs.dbSecurityGroupId)).toBeUndefined();
    expect(await findSecurityGroupById(aws.ec2, foreign.GroupId!)).toBeDefined();
  });

  it("authorizeIngressFromGroup and revokeIngressFromGroup are idempotent", async () => {
    const aws = moto.clients();
    const outputs = (await stepRun(testConfig(), aws).apply(networkStep)) as NetworkOutputs;
    const vpc = outputs.vpcId;
    const clusterSg = await aws.ec2.send(
      new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: "eks-cluster-sg-x", Description: "EKS" }),
    );
    const id = clusterSg.GroupId!;
    expect(await authorizeIngressFromGroup(aws.ec2, outputs.dbSecurityGroupId, 5432, id, "EKS cluster")).toBe(
      true,
    );
    expect(await authorizeIngressFromGroup(aws.ec2, outputs.dbSecurityGroupId, 5432, id, "EKS cluster")).toBe(
      false,
    );
    expect(sourcesOn(await group(outputs.dbSecurityGroupId), 5432).groups.sort()).toEqual(
      [outputs.nodeSecurityGroupId, id].sort(),
    );
    // The network step leaves the cluster's rule alone on a rerun.
    const calls = recordCalls(aws);
    await stepRun(testConfig(), aws).apply(networkStep);
    expect(calls.mutating()).toEqual([]);

    expect(await revokeIngressFromGroup(aws.ec2, outputs.dbSecurityGroupId, 5432, id)).toBe(true);
    expect(await revokeIngressFromGroup(aws.ec2, outputs.dbSecurityGroupId, 5432, id)).toBe(false);
    expect(sourcesOn(await group(outputs.dbSecurityGroupId), 5432).groups).toEqual([
      outputs.nodeSecurityGroupId,
    ]);
  });

  it("uses --vpc-id, and says clearly when a VPC does not exist", async () => {
    const aws = moto.clients();
    const vpcs = await aws.ec2.send(new DescribeVpcsCommand({}));
    const vpc = vpcs.Vpcs![0]!.VpcId!;
    const outputs = (await stepRun(testConfig({ vpcId: vpc }), aws).apply(networkStep)) as NetworkOutputs;
    expect(outputs.vpcId).toBe(vpc);
    const run = stepRun(testConfig({ vpcId: "vpc-0123456789abcdef0" }), aws);
    await expect(run.apply(networkStep)).rejects.toThrow(/VPC vpc-0123456789abcdef0 does not exist/);
  });
});
