// The gateway step with --private against moto (which has VPC links: create,
// get, delete; a link is AVAILABLE at once there, so the wait for it is not
// exercised): a VPC link into the cluster's subnets, every integration of type
// VPC_LINK to its service's NLB listener, no call on a rerun, the public ↔
// private switch listed by plan exactly as up makes it, a duplicate link of
// the stack deleted, and teardown leaving no link.
import {
  type ApiGatewayV2Client,
  CreateVpcLinkCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetVpcLinksCommand,
} from "@aws-sdk/client-apigatewayv2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROUTES } from "../../src/routes.js";
import { gatewayStep } from "../../src/steps/gateway.js";
import { VPC_LINK_RESOURCE } from "../../src/steps/gateway-private.js";
import { expectPlanIsApply } from "../support/agreement.js";
import { type Moto, startMoto } from "../support/moto.js";
import { done, LISTENERS, stepsBefore } from "../support/private-stack.js";
import { recordCalls, stepRun, testConfig } from "../support/step-harness.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());
beforeEach(async () => moto.reset());

const vpcLinks = async (gw: ApiGatewayV2Client) => (await gw.send(new GetVpcLinksCommand({}))).Items ?? [];
async function integrations(gw: ApiGatewayV2Client) {
  const api = ((await gw.send(new GetApisCommand({}))).Items ?? [])[0]!;
  return (await gw.send(new GetIntegrationsCommand({ ApiId: api.ApiId! }))).Items ?? [];
}

describe("gateway --private", () => {
  it("makes a VPC link into the cluster's subnets and VPC_LINK integrations to the listeners; a rerun makes no mutating call", async () => {
    const aws = moto.clients();
    const state = await stepsBefore(aws);
    const config = testConfig({ private: true });
    const first = stepRun(config, aws, state);
    const planned = await first.plan(gatewayStep);
    expect(planned.find((c) => c.resource === VPC_LINK_RESOURCE)?.action).toBe("create");
    const outputs = await first.apply(gatewayStep);
    expect(first.state.records.gateway?.outputs).toEqual(outputs);
    const [link, ...others] = await vpcLinks(aws.apigateway);
    expect(others).toEqual([]);
    expect(link?.SubnetIds?.sort()).toEqual((state.cluster!.outputs.subnetIds as string[]).sort());
    expect(link?.SecurityGroupIds).toEqual([state.network!.outputs.nodeSecurityGroupId]);
    expect(link?.Tags).toMatchObject({ "msdemo:stack": "node-microservices-demo" });
    expect(outputs.vpcLinkId).toBe(link!.VpcLinkId);
    const status = await gatewayStep.inspect(first.context(gatewayStep));
    expect(status.resources.find((r) => r.type === VPC_LINK_RESOURCE)).toMatchObject({
      id: link!.VpcLinkId,
      state: "AVAILABLE",
      managed: true,
    });
    const found = await integrations(aws.apigateway);
    expect(found).toHaveLength(ROUTES.length);
    for (const integration of found) {
      expect(integration).toMatchObject({ ConnectionType: "VPC_LINK", ConnectionId: link!.VpcLinkId });
      expect(Object.values(LISTENERS)).toContain(integration.IntegrationUri);
    }
    const greedy = found.find((i) =>
      i.RequestParameters?.["overwrite:path"]?.includes("$request.path.proxy"),
    );
    expect(greedy?.RequestParameters?.["overwrite:path"]).toMatch(
      /^\/api\/(orders|products)\/\$request\.path\.proxy$/,
    );

    const calls = recordCalls(aws);
    const rerun = stepRun(config, aws, { ...first.state.records }, calls);
    const again = await expectPlanIsApply(rerun, gatewayStep, calls);
    expect(again.filter((c) => c.action !== "none")).toEqual([]);
    expect(calls.mutating()).toEqual([]);
  });

  it("public → private: plan lists the VPC link and each integration's switch, up makes exactly that", async () => {
    const aws = moto.clients();
    const state = await stepsBefore(aws);
    const outputs = await stepRun(testConfig(), aws, state).apply(gatewayStep);
    expect(await vpcLinks(aws.apigateway)).toEqual([]);
    const calls = recordCalls(aws);
    const run = stepRun(testConfig({ private: true }), aws, { ...state, gateway: done(outputs) }, calls);
    const planned = await expectPlanIsApply(run, gatewayStep, calls);
    const changed = planned.filter((c) => c.action !== "none");
    expect(changed[0]).toMatchObject({ action: "create", resource: VPC_LINK_RESOURCE });
    expect(changed.slice(1).map((c) => `${c.action} ${c.resource}`)).toEqual(
      ROUTES.map(() => "update API Gateway integration"),
    );
    const linkId = (await vpcLinks(aws.apigateway))[0]?.VpcLinkId;
    expect((await integrations(aws.apigateway)).map((i) => i.ConnectionId)).toEqual(ROUTES.map(() => linkId));
  });

  it("private → public: the integrations go back to the load balancers' URLs, then the link is deleted", async () => {
    const aws = moto.clients();
    const state = await stepsBefore(aws);
    const outputs = await stepRun(testConfig({ private: true }), aws, state).apply(gatewayStep);
    const calls = recordCalls(aws);
    const run = stepRun(testConfig({ private: false }), aws, { ...state, gateway: done(outputs) }, calls);
    const planned = await expectPlanIsApply(run, gatewayStep, calls);
    const changed = planned.filter((c) => c.action !== "none");
    expect(changed.at(-1)).toMatchObject({ action: "delete", resource: VPC_LINK_RESOURCE });
    expect(await vpcLinks(aws.apigateway)).toEqual([]);
    for (const integration of await integrations(aws.apigateway)) {
      expect(integration.ConnectionType).not.toBe("VPC_LINK");
      expect(integration.IntegrationUri).toMatch(/^http:\/\/a-(auth|orders|products)\.elb\.example:3000\//);
    }
    expect(run.state.get("gateway")!.outputs.vpcLinkId).toBeUndefined();
  });

  it("teardown deletes the API and then the VPC link", async () => {
    const aws = moto.clients();
    const state = await stepsBefore(aws);
    const run = stepRun(testConfig({ private: true }), aws, state);
    await run.apply(gatewayStep);
    expect(await vpcLinks(aws.apigateway)).toHaveLength(1);
    await run.destroy(gatewayStep);
    expect(await vpcLinks(aws.apigateway)).toEqual([]);
    expect((await aws.apigateway.send(new GetApisCommand({}))).Items ?? []).toEqual([]);
  });

  it("a second link of the stack: status names both, plan lists its delete after the routes, up keeps one; teardown deletes every one", async () => {
    const aws = moto.clients();
    const state = await stepsBefore(aws);
    const config = testConfig({ private: true });
    const first = stepRun(config, aws, state);
    const outputs = await first.apply(gatewayStep);
    const [link] = await vpcLinks(aws.apigateway);
    const twin = await aws.apigateway.send(
      new CreateVpcLinkCommand({
        Name: link!.Name!,
        SubnetIds: link!.SubnetIds!,
        SecurityGroupIds: link!.SecurityGroupIds!,
        Tags: link!.Tags!,
      }),
    );
    const status = await gatewayStep.inspect(first.context(gatewayStep));
    expect(status.warnings?.join("\n")).toContain(`2 VPC links are named ${link!.Name}`);
    expect(status.warnings?.join("\n")).toContain(`${twin.VpcLinkId}`);
    expect(status.resources.filter((r) => r.type === VPC_LINK_RESOURCE)).toHaveLength(2);

    const calls = recordCalls(aws);
    const run = stepRun(config, aws, { ...state, gateway: done(outputs) }, calls);
    const planned = (await expectPlanIsApply(run, gatewayStep, calls)).filter((c) => c.action !== "none");
    expect(planned.at(-1)).toMatchObject({ action: "delete", resource: VPC_LINK_RESOURCE });
    const left = await vpcLinks(aws.apigateway);
    expect(left).toHaveLength(1);
    expect([link!.VpcLinkId, twin.VpcLinkId]).toContain(left[0]!.VpcLinkId);
    expect((await integrations(aws.apigateway)).map((i) => i.ConnectionId)).toEqual(
      ROUTES.map(() => left[0]!.VpcLinkId),
    );
    expect(run.state.get("gateway")!.outputs.vpcLinkId).toBe(left[0]!.VpcLinkId);
    const after = await gatewayStep.inspect(run.context(gatewayStep));
    expect(after.warnings ?? []).not.toContainEqual(expect.stringContaining("VPC links are named"));

    await aws.apigateway.send(
      new CreateVpcLinkCommand({
        Name: link!.Name!,
        SubnetIds: link!.SubnetIds!,
        SecurityGroupIds: link!.SecurityGroupIds!,
        Tags: link!.Tags!,
      }),
    );
    await run.destroy(gatewayStep);
    expect(await vpcLinks(aws.apigateway)).toEqual([]);
  });
});
