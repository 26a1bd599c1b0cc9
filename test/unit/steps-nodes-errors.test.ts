// What moto cannot show for the nodes step (moto's node groups are ACTIVE at
// once and never fail, it has no EKS add-ons, it cannot tag a node group), with
// SDK-level fake clients (test/unit/steps-fakes.ts): CREATING → ACTIVE polling
// with progress, CREATE_FAILED with EKS's health issues, ExpiredToken mid-run,
// DEGRADED (a failure while creating, a warning on a node group that ran
// before), metrics-server, and plan/apply agreement where the add-on or the
// adoption of an untagged node group is involved.
import { EKSClient, type Nodegroup } from "@aws-sdk/client-eks";
import { IAMClient } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { explainAwsError } from "../../src/aws/errors.js";
import type { EngineEvent } from "../../src/engine/types.js";
import { MsdemoError } from "../../src/errors.js";
import { nodesStep } from "../../src/steps/nodes.js";
import type { ClusterOutputs } from "../../src/steps/outputs.js";
import { expectPlanIsApply } from "../support/agreement.js";
import { stepRun, testConfig } from "../support/step-harness.js";
import { awsError, fakeAws, fakeCallLog, fakeClient } from "./steps-fakes.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const CLUSTER = "node-microservices-demo";
const ARN = `arn:aws:eks:us-east-1:123456789012:nodegroup/${CLUSTER}/ng-general/abcd`;
const ROLE = "arn:aws:iam::123456789012:role/LabRole";
const CLUSTER_STATE = {
  cluster: {
    status: "done" as const,
    outputs: {
      clusterName: CLUSTER,
      clusterArn: `arn:aws:eks:us-east-1:123456789012:cluster/${CLUSTER}`,
      endpoint: "https://ABC.gr7.us-east-1.eks.amazonaws.com",
      certificateAuthorityData: "",
      clusterSecurityGroupId: null,
      subnetIds: ["subnet-a", "subnet-b"],
      roleArn: "arn:aws:iam::123456789012:role/LabEksClusterRole",
      k8sVersion: "1.35",
    } satisfies ClusterOutputs,
    updatedAt: "",
  },
};

/** IAM with LabRole; each call's name goes to `log` when given. */
function fakeIam(log?: string[]) {
  return fakeClient(IAMClient, (command) => {
    log?.push(command);
    if (command !== "ListRoles") throw new Error(`fake IAM: unexpected ${command}`);
    return { Roles: [{ RoleName: "LabRole", Arn: ROLE }], IsTruncated: false };
  });
}

const group = (status: string, extra: Partial<Nodegroup> = {}): Nodegroup => ({
  nodegroupName: "ng-general",
  nodegroupArn: ARN,
  clusterName: CLUSTER,
  status: status as Nodegroup["status"],
  nodeRole: ROLE,
  instanceTypes: ["t3.medium"],
  scalingConfig: { desiredSize: 2, minSize: 2, maxSize: 4 },
  tags: { "msdemo:stack": CLUSTER, "msdemo:step": "nodes" },
  ...extra,
});

/** EKS that creates the node group and then reports `states` one DescribeNodegroup at a time. */
function fakeEks(states: (Nodegroup | Error)[]) {
  let created = false;
  let described = 0;
  return fakeClient(EKSClient, (command) => {
    switch (command) {
      case "DescribeNodegroup": {
        if (!created)
          throw awsError("ResourceNotFoundException", "No node group found for name: ng-general.");
        const state = states[Math.min(described++, states.length - 1)]!;
        if (state instanceof Error) throw state;
        return { nodegroup: state };
      }
      case "CreateNodegroup":
        created = true;
        return { nodegroup: group("CREATING") };
      case "DescribeAddon":
        return { addon: METRICS_SERVER_ACTIVE };
      default:
        throw new Error(`fake EKS: unexpected ${command}`);
    }
  });
}

const METRICS_SERVER_ACTIVE = { addonName: "metrics-server", clusterName: CLUSTER, status: "ACTIVE" };

const progress = (events: EngineEvent[]) =>
  events.flatMap((e) => (e.type === "step-progress" ? [e.message] : []));

describe("node group creation with fake clients", () => {
  it("records the node group at once, reports CREATING → ACTIVE, and returns its outputs", async () => {
    const eks = fakeEks([group("CREATING"), group("CREATING"), group("ACTIVE")]);
    const run = stepRun(testConfig(), fakeAws({ eks: eks.client, iam: fakeIam().client }), CLUSTER_STATE);
    const out = await run.apply(nodesStep);
    const messages = progress(run.events);
    expect(messages).toContainEqual(expect.stringMatching(/^Creating node group ng-general: t3\.medium/));
    expect(messages).toContainEqual(expect.stringMatching(/^node group ng-general: CREATING/));
    expect(messages).toContainEqual(expect.stringMatching(/^node group ng-general: ACTIVE/));
    expect(eks.calls.map((c) => c.command)).toEqual([
      "DescribeNodegroup",
      "DescribeAddon",
      "CreateNodegroup",
      "DescribeNodegroup",
      "DescribeNodegroup",
      "DescribeNodegroup",
    ]);
    expect(eks.calls[2]!.input).toMatchObject({
      clusterName: CLUSTER,
      nodegroupName: "ng-general",
      nodeRole: ROLE,
      subnets: ["subnet-a", "subnet-b"],
      instanceTypes: ["t3.medium"],
      diskSize: 20,
      amiType: "AL2023_x86_64_STANDARD",
      scalingConfig: { desiredSize: 2, minSize: 2, maxSize: 4 },
      tags: { "msdemo:stack": CLUSTER, "msdemo:step": "nodes" },
    });
    expect(out).toEqual({
      nodegroupName: "ng-general",
      nodegroupArn: ARN,
      roleArn: ROLE,
      instanceType: "t3.medium",
      scaling: { desired: 2, min: 2, max: 4 },
    });
  });

  it("CREATE_FAILED: a clear error carrying EKS's health issues", async () => {
    const failed = group("CREATE_FAILED", {
      health: {
        issues: [
          {
            code: "NodeCreationFailure",
            message: "Instances failed to join the kubernetes cluster",
            resourceIds: ["i-0123"],
          },
          { code: "AccessDenied", message: "The node role lacks AmazonEKSWorkerNodePolicy" },
        ],
      },
    });
    const eks = fakeEks([group("CREATING"), failed]);
    const run = stepRun(testConfig(), fakeAws({ eks: eks.client, iam: fakeIam().client }), CLUSTER_STATE);
    const error = await run.apply(nodesStep).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MsdemoError);
    expect((error as Error).message).toBe(
      "node group ng-general to be ACTIVE: CREATE_FAILED (NodeCreationFailure: Instances failed to join the kubernetes cluster; AccessDenied: The node role lacks AmazonEKSWorkerNodePolicy)",
    );
    expect(run.state.get("nodes")?.outputs.nodegroupArn).toBe(ARN);
  });

  it("ExpiredToken while waiting: explainAwsError gives the refresh hint; the node group stays recorded", async () => {
    const eks = fakeEks([
      group("CREATING"),
      awsError("ExpiredToken", "The security token included in the request is expired"),
    ]);
    const run = stepRun(testConfig(), fakeAws({ eks: eks.client, iam: fakeIam().client }), CLUSTER_STATE);
    const error = await run.apply(nodesStep).catch((e: unknown) => e);
    const explained = explainAwsError(error);
    expect(explained.message).toBe("Your AWS credentials have expired.");
    expect(explained.hint).toMatch(/Refresh your credentials/);
    expect(run.state.get("nodes")).toMatchObject({ status: "partial", outputs: { nodegroupArn: ARN } });
  });
});

describe("a DEGRADED node group", () => {
  const degraded = group("DEGRADED", {
    health: { issues: [{ code: "InsufficientFreeAddresses", message: "subnet-a has no free addresses" }] },
  });
  const warnings = (events: EngineEvent[]) =>
    events.flatMap((e) => (e.type === "step-warning" ? [e.message] : []));

  it("while creating it: fails with EKS's health issues", async () => {
    const eks = fakeEks([group("CREATING"), degraded]);
    const run = stepRun(testConfig(), fakeAws({ eks: eks.client, iam: fakeIam().client }), CLUSTER_STATE);
    const error = await run.apply(nodesStep).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "node group ng-general to be ACTIVE: DEGRADED (InsufficientFreeAddresses: subnet-a has no free addresses)",
    );
  });

  it("one that ran before: up warns with the health issues and goes on, with no wait and no change", async () => {
    const eks = fakeClient(EKSClient, (command) => {
      if (command === "DescribeNodegroup") return { nodegroup: degraded };
      if (command === "DescribeAddon") return { addon: METRICS_SERVER_ACTIVE };
      throw new Error(`fake EKS: unexpected ${command}`);
    });
    const run = stepRun(testConfig(), fakeAws({ eks: eks.client }), CLUSTER_STATE);
    const out = await run.apply(nodesStep);
    expect(out.nodegroupArn).toBe(ARN);
    expect(eks.calls.map((c) => c.command)).toEqual(["DescribeNodegroup", "DescribeAddon"]);
    const expected =
      "Node group ng-general is DEGRADED (InsufficientFreeAddresses: subnet-a has no free addresses); its nodes still run, so msdemo goes on. See the node group's Health tab in the EKS console.";
    expect(warnings(run.events)).toEqual([expected]);
    // status says it too
    expect((await nodesStep.inspect(run.context(nodesStep))).warnings).toEqual([expected]);
  });

  it("one that degrades while being rescaled: warned about, not a failed run", async () => {
    let updated = false;
    const eks = fakeClient(EKSClient, (command) => {
      if (command === "DescribeNodegroup") return { nodegroup: updated ? degraded : group("ACTIVE") };
      if (command === "DescribeAddon") return { addon: METRICS_SERVER_ACTIVE };
      if (command === "UpdateNodegroupConfig") {
        updated = true;
        return {};
      }
      throw new Error(`fake EKS: unexpected ${command}`);
    });
    const run = stepRun(testConfig({ nodes: 3 }), fakeAws({ eks: eks.client }), CLUSTER_STATE);
    await run.apply(nodesStep);
    expect(eks.calls.map((c) => c.command)).toContain("UpdateNodegroupConfig");
    expect(warnings(run.events)).toEqual([expect.stringContaining("Node group ng-general is DEGRADED")]);
  });
});

describe("metrics-server (moto has no EKS add-ons)", () => {
  /** EKS with an ACTIVE node group and add-ons kept in memory. */
  function eksWithAddons(answerAddon?: () => never) {
    const addons = new Map<string, object>();
    return fakeClient(EKSClient, (command, input) => {
      switch (command) {
        case "DescribeNodegroup":
          return { nodegroup: group("ACTIVE") };
        case "DescribeAddon": {
          answerAddon?.();
          const found = addons.get(String(input.addonName));
          if (!found)
            throw awsError("ResourceNotFoundException", "No addon: metrics-server found in cluster");
          return { addon: found };
        }
        case "CreateAddon":
          addons.set(String(input.addonName), { addonName: input.addonName, status: "CREATING" });
          return { addon: addons.get(String(input.addonName)) };
        default:
          throw new Error(`fake EKS: unexpected ${command}`);
      }
    });
  }

  it("is planned, installed once as an EKS add-on, shown by status, and not asked for again", async () => {
    const eks = eksWithAddons();
    const run = stepRun(testConfig(), fakeAws({ eks: eks.client }), CLUSTER_STATE);
    expect(await run.plan(nodesStep)).toContainEqual(
      expect.objectContaining({ action: "create", resource: "EKS add-on", name: "metrics-server" }),
    );
    await run.apply(nodesStep);
    const created = eks.calls.filter((c) => c.command === "CreateAddon");
    expect(created.map((c) => c.input)).toEqual([
      {
        clusterName: CLUSTER,
        addonName: "metrics-server",
        resolveConflicts: "OVERWRITE",
        tags: { "msdemo:stack": CLUSTER, "msdemo:step": "nodes" },
      },
    ]);
    expect(progress(run.events)).toContainEqual(
      expect.stringContaining("Installing the EKS add-on metrics-server"),
    );
    const status = await nodesStep.inspect(run.context(nodesStep));
    expect(status.resources).toContainEqual(
      expect.objectContaining({ type: "EKS add-on", name: "metrics-server", state: "CREATING" }),
    );
    eks.calls.length = 0;
    await run.apply(nodesStep);
    expect(eks.calls.map((c) => c.command).filter((c) => !c.startsWith("Describe"))).toEqual([]);
  });

  it("an endpoint without add-ons: plan and up warn that it cannot be checked, install nothing, and the step succeeds", async () => {
    const eks = eksWithAddons(() => {
      throw new SyntaxError("Unexpected token '<', \"<!doctype \"... is not valid JSON");
    });
    const run = stepRun(testConfig(), fakeAws({ eks: eks.client }), CLUSTER_STATE);
    const cannot = /^metrics-server cannot be checked \(.*\), so msdemo leaves it as it is/;
    expect((await run.plan(nodesStep))[1]).toMatchObject({
      action: "none",
      name: "metrics-server",
      warning: expect.stringMatching(cannot),
    });
    await run.apply(nodesStep);
    const warned = run.events.flatMap((e) => (e.type === "step-warning" ? [e.message] : []));
    expect(warned).toEqual([expect.stringMatching(cannot)]);
    expect(eks.calls.some((c) => c.command === "CreateAddon")).toBe(false);
  });

  it("an install AWS refuses: a warning that says what it means, and the step succeeds", async () => {
    const eks = fakeClient(EKSClient, (command) => {
      if (command === "DescribeNodegroup") return { nodegroup: group("ACTIVE") };
      if (command === "DescribeAddon")
        throw awsError("ResourceNotFoundException", "No addon: metrics-server");
      if (command === "CreateAddon")
        throw awsError("AccessDeniedException", "not authorized: eks:CreateAddon");
      throw new Error(`fake EKS: unexpected ${command}`);
    });
    const run = stepRun(testConfig(), fakeAws({ eks: eks.client }), CLUSTER_STATE);
    const out = await run.apply(nodesStep);
    expect(out.nodegroupArn).toBe(ARN);
    const warned = run.events.flatMap((e) => (e.type === "step-warning" ? [e.message] : []));
    expect(warned).toEqual([
      expect.stringMatching(/^metrics-server could not be installed \(.*\); the services run/),
    ]);
  });
});

describe("plan lists exactly what up does (SDK fakes: moto has no add-ons and cannot tag a node group)", () => {
  /** EKS with one node group and the add-ons kept in memory; every call, of any client, goes to `log`. */
  function memoryEks(log: string[], start: { group?: Nodegroup; addons?: string[] } = {}) {
    let current = start.group;
    const addons = new Set(start.addons ?? []);
    const fake = fakeClient(EKSClient, (command, input) => {
      log.push(command);
      switch (command) {
        case "DescribeNodegroup":
          if (!current)
            throw awsError("ResourceNotFoundException", "No node group found for name: ng-general.");
          return { nodegroup: current };
        case "CreateNodegroup":
          current = group("ACTIVE", {
            scalingConfig: input.scalingConfig as Nodegroup["scalingConfig"],
            tags: input.tags as Record<string, string>,
          });
          return { nodegroup: current };
        case "UpdateNodegroupConfig":
          current = { ...current!, scalingConfig: input.scalingConfig as Nodegroup["scalingConfig"] };
          return {};
        case "TagResource":
          if (!current || input.resourceArn !== current.nodegroupArn)
            throw awsError("ResourceNotFoundException", "Resource was not found");
          current = { ...current, tags: { ...current.tags, ...(input.tags as Record<string, string>) } };
          return {};
        case "DescribeAddon":
          if (!addons.has(String(input.addonName)))
            throw awsError("ResourceNotFoundException", "No addon: metrics-server found in cluster");
          return { addon: { addonName: input.addonName, status: "ACTIVE" } };
        case "CreateAddon":
          addons.add(String(input.addonName));
          return { addon: { addonName: input.addonName, status: "CREATING" } };
        default:
          throw new Error(`fake EKS: unexpected ${command}`);
      }
    });
    return { ...fake, group: () => current, addons };
  }

  async function agreement(start: Parameters<typeof memoryEks>[1], config = testConfig()) {
    const log: string[] = [];
    const eks = memoryEks(log, start);
    const calls = fakeCallLog(log);
    const aws = fakeAws({ eks: eks.client, iam: fakeIam(log).client });
    const planned = await expectPlanIsApply(stepRun(config, aws, CLUSTER_STATE, calls), nodesStep, calls);
    return { planned: planned.map((c) => [c.action, c.name]), eks, calls };
  }

  it("after the cluster step: the node group, then metrics-server", async () => {
    const { planned, eks, calls } = await agreement({});
    expect(planned).toEqual([
      ["create", "ng-general"],
      ["create", "metrics-server"],
    ]);
    expect(calls.mutating()).toEqual(["CreateNodegroup", "CreateAddon"]);
    expect(eks.group()?.tags).toEqual({ "msdemo:stack": CLUSTER, "msdemo:step": "nodes" });
    expect(eks.addons.has("metrics-server")).toBe(true);
  });

  it("with everything present: nothing, and no mutating call", async () => {
    const { planned, calls } = await agreement({ group: group("ACTIVE"), addons: ["metrics-server"] });
    expect(planned).toEqual([
      ["none", "ng-general"],
      ["none", "metrics-server"],
    ]);
    expect(calls.mutating()).toEqual([]);
  });

  it("after the stack tag was removed behind msdemo's back: adopt", async () => {
    const { planned, eks, calls } = await agreement({
      group: group("ACTIVE", { tags: { "msdemo:step": "nodes" } }),
      addons: ["metrics-server"],
    });
    expect(planned).toEqual([
      ["adopt", "ng-general"],
      ["none", "metrics-server"],
    ]);
    expect(calls.mutating()).toEqual(["TagResource"]);
    expect(eks.group()?.tags?.["msdemo:stack"]).toBe(CLUSTER);
  });

  it("after metrics-server was removed, and a node group made by hand with other sizes: adopt, rescale, install", async () => {
    const { planned, eks, calls } = await agreement({
      group: group("ACTIVE", { tags: {}, scalingConfig: { desiredSize: 1, minSize: 1, maxSize: 2 } }),
    });
    expect(planned).toEqual([
      ["adopt", "ng-general"],
      ["update", "ng-general"],
      ["create", "metrics-server"],
    ]);
    expect(calls.mutating()).toEqual(["TagResource", "UpdateNodegroupConfig", "CreateAddon"]);
    expect(eks.group()?.scalingConfig).toEqual({ desiredSize: 2, minSize: 2, maxSize: 4 });
  });
});

describe("node group teardown with fake clients", () => {
  it("a node group still CREATING: waits for that to end, deletes it, waits until gone", async () => {
    const sequence = ["CREATING", "CREATING", "ACTIVE", "DELETING", "gone"];
    let at = 0;
    const eks = fakeClient(EKSClient, (command) => {
      // DescribeNodegroup moves the node group along; DeleteNodegroup sees the state last described.
      const status = sequence[Math.min(command === "DescribeNodegroup" ? at : at - 1, sequence.length - 1)]!;
      switch (command) {
        case "DescribeNodegroup":
          at++;
          if (status === "gone") throw awsError("ResourceNotFoundException", "No node group found");
          return { nodegroup: group(status) };
        case "DeleteNodegroup":
          if (status !== "ACTIVE") throw awsError("ResourceInUseException", "Nodegroup is being created");
          return { nodegroup: group("DELETING") };
        default:
          throw new Error(`fake EKS: unexpected ${command}`);
      }
    });
    const run = stepRun(testConfig(), fakeAws({ eks: eks.client }));
    await run.destroy(nodesStep);
    expect(eks.calls.map((c) => c.command)).toEqual([
      "DescribeNodegroup", // found, CREATING
      "DeleteNodegroup", // refused
      "DescribeNodegroup", // CREATING
      "DescribeNodegroup", // ACTIVE
      "DeleteNodegroup",
      "DescribeNodegroup", // DELETING
      "DescribeNodegroup", // gone
    ]);
    expect(progress(run.events)).toContainEqual("node group ng-general: DELETING");
  });

  it("a node group already DELETING: no second delete, just the wait", async () => {
    const sequence = ["DELETING", "DELETING", "gone"];
    let at = 0;
    const eks = fakeClient(EKSClient, (command) => {
      switch (command) {
        case "DescribeNodegroup": {
          const status = sequence[Math.min(at++, sequence.length - 1)]!;
          if (status === "gone") throw awsError("ResourceNotFoundException", "No node group found");
          return { nodegroup: group(status) };
        }
        case "DeleteNodegroup":
          throw awsError("ResourceInUseException", "Nodegroup is being deleted");
        default:
          throw new Error(`fake EKS: unexpected ${command}`);
      }
    });
    await stepRun(testConfig(), fakeAws({ eks: eks.client })).destroy(nodesStep);
    expect(eks.calls.filter((c) => c.command === "DeleteNodegroup")).toHaveLength(1);
    expect(at).toBe(3);
  });
});
