// Fault-injecting proxy in front of moto (test/support/fault-proxy.ts): it
// stands for a create whose answer is lost on the way back, so the SDK retries
// a create AWS already did, and for two runs at once on one account. moto does
// the creates for real; the proxy only drops the first answer.
import {
  CreateApiCommand,
  DeleteApiCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  GetVpcLinksCommand,
} from "@aws-sdk/client-apigatewayv2";
import { ListOriginAccessControlsCommand } from "@aws-sdk/client-cloudfront";
import { DescribeSecurityGroupsCommand } from "@aws-sdk/client-ec2";
import { ListNodegroupsCommand } from "@aws-sdk/client-eks";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import { createOriginAccessControl } from "../../src/aws/cloudfront.js";
import { ROUTES, routeKey } from "../../src/routes.js";
import type { StepRecord } from "../../src/state/store.js";
import { clusterStep } from "../../src/steps/cluster.js";
import { gatewayStep } from "../../src/steps/gateway.js";
import { networkStep } from "../../src/steps/network.js";
import { nodesStep } from "../../src/steps/nodes.js";
import type {
  ClusterOutputs,
  GatewayOutputs,
  NetworkOutputs,
  NodesOutputs,
} from "../../src/steps/outputs.js";
import { firstTimes, motoBehindProxy } from "../support/fault-proxy.js";
import { stepsBefore } from "../support/private-stack.js";
import { stepRun, testConfig } from "../support/step-harness.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const API = "node-microservices-demo-api";
const HOSTS = { auth: "a.elb.example", orders: "o.elb.example", products: "p.elb.example" };
const deployed = {
  deploy: { status: "done" as const, outputs: { namespace: "msdemo", loadBalancers: HOSTS }, updatedAt: "" },
};
const LOSE = { kind: "lose-response" } as const;

const emulators = motoBehindProxy();

async function apisNamed(aws: AwsClients, name: string) {
  return ((await aws.apigateway.send(new GetApisCommand({}))).Items ?? []).filter((a) => a.Name === name);
}

describe("a create whose answer is lost", () => {
  it("gateway: the SDK's retry makes a second API; up keeps one and deletes the other", async () => {
    const aws = emulators.proxy.clients();
    emulators.proxy.rules.push(firstTimes(1, (c) => c.method === "POST" && c.path === "/v2/apis", LOSE));
    const run = stepRun(testConfig(), aws, deployed);
    const out = (await run.apply(gatewayStep)) as GatewayOutputs;
    // The proxy really did let moto create twice.
    expect(emulators.proxy.calls.filter((c) => c.method === "POST" && c.path === "/v2/apis")).toHaveLength(2);
    const left = await apisNamed(emulators.moto.clients(), API);
    expect(left.map((a) => a.ApiId)).toEqual([out.apiId]);
    expect(run.state.get("gateway")?.outputs?.apiId).toBe(out.apiId);
    expect(run.events.some((e) => e.type === "step-warning" && e.message.includes("duplicates"))).toBe(true);
  });

  it("gateway --private: the retried CreateVpcLink makes a second link; up keeps one and deletes the other", async () => {
    const aws = emulators.proxy.clients();
    const state = await stepsBefore(aws);
    emulators.proxy.rules.push(firstTimes(1, (c) => c.method === "POST" && c.path === "/v2/vpclinks", LOSE));
    const run = stepRun(testConfig({ private: true }), aws, state);
    const out = (await run.apply(gatewayStep)) as GatewayOutputs;
    expect(
      emulators.proxy.calls.filter((c) => c.method === "POST" && c.path === "/v2/vpclinks"),
    ).toHaveLength(2);
    const left = (await emulators.moto.clients().apigateway.send(new GetVpcLinksCommand({}))).Items ?? [];
    expect(left.map((l) => l.VpcLinkId)).toEqual([out.vpcLinkId]);
    expect(run.state.get("gateway")?.outputs?.vpcLinkId).toBe(out.vpcLinkId);
    expect(run.events.some((e) => e.type === "step-warning" && e.message.includes("duplicates"))).toBe(true);
  });

  it("network: the retried CreateSecurityGroup meets InvalidGroup.Duplicate and adopts the group", async () => {
    const aws = emulators.proxy.clients();
    emulators.proxy.rules.push(firstTimes(1, (c) => c.action === "CreateSecurityGroup", LOSE));
    const out = (await stepRun(testConfig(), aws).apply(networkStep)) as NetworkOutputs;
    expect(emulators.proxy.calls.filter((c) => c.action === "CreateSecurityGroup")).toHaveLength(3);
    const groups =
      (await emulators.moto.clients().ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
    const named = (name: string) => groups.filter((g) => g.GroupName === name);
    expect(named("node-sg-service").map((g) => g.GroupId)).toEqual([out.nodeSecurityGroupId]);
    expect(named("postgres-sg-rds").map((g) => g.GroupId)).toEqual([out.dbSecurityGroupId]);
    // The adopted group got its rules too: the DB group admits 5432 from it.
    const db = named("postgres-sg-rds")[0]!;
    const sources = (db.IpPermissions ?? [])
      .filter((p) => p.FromPort === 5432)
      .flatMap((p) => (p.UserIdGroupPairs ?? []).map((pair) => pair.GroupId));
    expect(sources).toEqual([out.nodeSecurityGroupId]);
  });

  it("cluster: the retried CreateCluster meets ResourceInUseException and adopts the cluster", async () => {
    const aws = emulators.proxy.clients();
    const trust = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    await aws.iam.send(
      new CreateRoleCommand({ RoleName: "LabEksClusterRole", AssumeRolePolicyDocument: trust }),
    );
    const net = (await stepRun(testConfig(), aws).apply(networkStep)) as NetworkOutputs;
    const state: Partial<Record<"network", StepRecord>> = {
      network: { status: "done", outputs: net, updatedAt: "" },
    };
    emulators.proxy.rules.push(firstTimes(1, (c) => c.method === "POST" && c.path === "/clusters", LOSE));
    const run = stepRun(testConfig(), aws, state);
    const out = (await run.apply(clusterStep)) as ClusterOutputs;
    expect(emulators.proxy.calls.filter((c) => c.method === "POST" && c.path === "/clusters")).toHaveLength(
      2,
    );
    expect(out.clusterName).toBe("node-microservices-demo");
    expect(run.events.some((e) => e.type === "step-progress" && e.message.includes("already exists"))).toBe(
      true,
    );
  });

  it("nodes: the retried CreateNodegroup meets ResourceInUseException and adopts the node group", async () => {
    const aws = emulators.proxy.clients();
    const trust = (service: string) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
      });
    await aws.iam.send(
      new CreateRoleCommand({
        RoleName: "LabEksClusterRole",
        AssumeRolePolicyDocument: trust("eks.amazonaws.com"),
      }),
    );
    await aws.iam.send(
      new CreateRoleCommand({ RoleName: "LabRole", AssumeRolePolicyDocument: trust("ec2.amazonaws.com") }),
    );
    const net = (await stepRun(testConfig(), aws).apply(networkStep)) as NetworkOutputs;
    const afterNetwork = stepRun(testConfig(), aws, {
      network: { status: "done", outputs: net, updatedAt: "" },
    });
    const cluster = (await afterNetwork.apply(clusterStep)) as ClusterOutputs;
    const state: Partial<Record<"network" | "cluster", StepRecord>> = {
      network: { status: "done", outputs: net, updatedAt: "" },
      cluster: { status: "done", outputs: cluster, updatedAt: "" },
    };
    const isCreate = (c: { method: string; path: string }) =>
      c.method === "POST" && c.path === `/clusters/${cluster.clusterName}/node-groups`;
    emulators.proxy.rules.push(firstTimes(1, isCreate, LOSE));
    const run = stepRun(testConfig(), aws, state);
    const out = (await run.apply(nodesStep)) as NodesOutputs;
    expect(emulators.proxy.calls.filter(isCreate)).toHaveLength(2);
    const groups = await emulators.moto
      .clients()
      .eks.send(new ListNodegroupsCommand({ clusterName: cluster.clusterName }));
    expect(groups.nodegroups).toEqual([out.nodegroupName]);
    expect(run.events.some((e) => e.type === "step-progress" && e.message.includes("already exists"))).toBe(
      true,
    );
  });
});

describe("a create whose answer is lost, met on the retry by AWS's 'already exists'", () => {
  it("site: CreateOriginAccessControl's retry meets OriginAccessControlAlreadyExists and takes the one made", async () => {
    const isCreate = (c: { method: string; path: string }) =>
      c.method === "POST" && c.path.endsWith("/origin-access-control");
    emulators.proxy.rules.push(
      firstTimes(1, isCreate, LOSE),
      firstTimes(1, isCreate, {
        kind: "answer",
        status: 409,
        body:
          "<ErrorResponse><Error><Type>Sender</Type><Code>OriginAccessControlAlreadyExists</Code>" +
          "<Message>An origin access control with the same name already exists.</Message></Error></ErrorResponse>",
        headers: { "content-type": "text/xml" },
      }),
    );
    const id = await createOriginAccessControl(emulators.proxy.clients().cloudfront, "msdemo-oac", "test");
    expect(emulators.proxy.calls.filter(isCreate)).toHaveLength(2);
    const made =
      (await emulators.moto.clients().cloudfront.send(new ListOriginAccessControlsCommand({})))
        .OriginAccessControlList?.Items ?? [];
    expect(made.map((o) => o.Id)).toEqual([id]);
  });
});

describe("lost answers inside the API (routes, integrations and the stage have no idempotency token)", () => {
  const CONFLICT = {
    kind: "answer" as const,
    status: 409,
    headers: { "x-amzn-errortype": "ConflictException" },
    body: JSON.stringify({ message: "Unable to complete operation due to concurrent modification" }),
  };
  const isPost = (suffix: string) => (c: { method: string; path: string }) =>
    c.method === "POST" && c.path.startsWith("/v2/apis/") && c.path.endsWith(suffix);

  /** One route per key of the table, one integration per route, nothing else; the stage once. */
  async function expectExactTable(apiId: string) {
    const gw = emulators.moto.clients().apigateway;
    const routes = (await gw.send(new GetRoutesCommand({ ApiId: apiId }))).Items ?? [];
    const integrations = (await gw.send(new GetIntegrationsCommand({ ApiId: apiId }))).Items ?? [];
    const stages = (await gw.send(new GetStagesCommand({ ApiId: apiId }))).Items ?? [];
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(ROUTES.map(routeKey).sort());
    expect(new Set(routes.map((r) => r.Target)).size).toBe(ROUTES.length);
    expect(integrations.map((i) => `integrations/${i.IntegrationId}`).sort()).toEqual(
      routes.map((r) => r.Target).sort(),
    );
    expect(stages.map((st) => st.StageName)).toEqual(["$default"]);
  }

  it("a lost CreateIntegration answer leaves no orphan integration", async () => {
    emulators.proxy.rules.push(firstTimes(1, isPost("/integrations"), LOSE));
    const out = (await stepRun(testConfig(), emulators.proxy.clients(), deployed).apply(
      gatewayStep,
    )) as GatewayOutputs;
    expect(emulators.proxy.calls.filter(isPost("/integrations")).length).toBe(ROUTES.length + 1);
    await expectExactTable(out.apiId);
  });

  it("a lost CreateRoute answer: a second route of that key (moto) is removed", async () => {
    emulators.proxy.rules.push(firstTimes(1, isPost("/routes"), LOSE));
    const out = (await stepRun(testConfig(), emulators.proxy.clients(), deployed).apply(
      gatewayStep,
    )) as GatewayOutputs;
    expect(emulators.proxy.calls.filter(isPost("/routes")).length).toBe(ROUTES.length + 1);
    await expectExactTable(out.apiId);
  });

  it("a lost CreateRoute or CreateStage answer met by AWS's ConflictException on the retry: adopted", async () => {
    emulators.proxy.rules.push(
      firstTimes(1, isPost("/routes"), LOSE),
      firstTimes(1, isPost("/routes"), CONFLICT),
    );
    emulators.proxy.rules.push(
      firstTimes(1, isPost("/stages"), LOSE),
      firstTimes(1, isPost("/stages"), CONFLICT),
    );
    const out = (await stepRun(testConfig(), emulators.proxy.clients(), deployed).apply(
      gatewayStep,
    )) as GatewayOutputs;
    expect(emulators.proxy.calls.filter(isPost("/stages"))).toHaveLength(2);
    await expectExactTable(out.apiId);
  });
});

describe("two runs at once with different state", () => {
  it("gateway: both end on the same API and only one is left", async () => {
    const [a, b] = [emulators.proxy.clients(), emulators.proxy.clients()];
    const outs = (await Promise.all([
      stepRun(testConfig(), a, deployed).apply(gatewayStep),
      stepRun(testConfig(), b, deployed).apply(gatewayStep),
    ])) as GatewayOutputs[];
    const left = await apisNamed(emulators.moto.clients(), API);
    expect(left).toHaveLength(1);
    expect(outs.map((o) => o.apiId)).toEqual([left[0]!.ApiId, left[0]!.ApiId]);
  });
});

describe("another run deletes the API this one is adding routes to", () => {
  it("gateway: observes again and ends on the API the other run kept", async () => {
    const aws = emulators.proxy.clients();
    const other = emulators.moto.clients().apigateway;
    const tags = { "msdemo:stack": "node-microservices-demo", "msdemo:step": "gateway" };
    let kept = "";
    // The other run made its twin, saw both, and deleted ours, just before our first route lands.
    emulators.proxy.rules.push(
      firstTimes(1, (c) => c.method === "POST" && /^\/v2\/apis\/[^/]+\/routes$/.test(c.path), {
        kind: "meanwhile",
        act: async () => {
          const ours = (await apisNamed(emulators.moto.clients(), API))[0]!;
          kept = (await other.send(new CreateApiCommand({ Name: API, ProtocolType: "HTTP", Tags: tags })))
            .ApiId!;
          await other.send(new DeleteApiCommand({ ApiId: ours.ApiId! }));
        },
      }),
    );
    const run = stepRun(testConfig(), aws, deployed);
    const out = (await run.apply(gatewayStep)) as GatewayOutputs;
    expect(kept).not.toBe("");
    expect(out.apiId).toBe(kept);
    expect((await apisNamed(emulators.moto.clients(), API)).map((a) => a.ApiId)).toEqual([kept]);
    expect(run.state.get("gateway")?.outputs?.apiId).toBe(kept);
    const routes = (await other.send(new GetRoutesCommand({ ApiId: kept }))).Items ?? [];
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(ROUTES.map(routeKey).sort());
    expect(run.events.some((e) => e.type === "step-progress" && e.message.includes("looking again"))).toBe(
      true,
    );
  });
});

describe("status with duplicates", () => {
  it("warns when more than one API has the name, naming them, and up removes ours", async () => {
    const aws = emulators.moto.clients();
    const run = stepRun(testConfig(), aws, deployed);
    const first = (await run.apply(gatewayStep)) as GatewayOutputs;
    const tags = { "msdemo:stack": "node-microservices-demo", "msdemo:step": "gateway" };
    const extra = await aws.apigateway.send(
      new CreateApiCommand({ Name: API, ProtocolType: "HTTP", Tags: tags }),
    );
    const status = await gatewayStep.inspect(run.context(gatewayStep));
    expect(status.warnings?.join("\n")).toContain(`2 HTTP APIs are named ${API}`);
    expect(status.warnings?.join("\n")).toContain(`${extra.ApiId}`);
    const kept = (await run.apply(gatewayStep)) as GatewayOutputs;
    // One is left (the older, or the first by id when both were made in one second), and it is the one recorded.
    const left = (await apisNamed(aws, API)).map((a) => a.ApiId);
    expect(left).toEqual([kept.apiId]);
    expect([first.apiId, extra.ApiId]).toContain(kept.apiId);
    const after = await gatewayStep.inspect(run.context(gatewayStep));
    expect(after.warnings ?? []).not.toContainEqual(expect.stringContaining("are named"));
  });
});
