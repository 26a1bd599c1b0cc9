// What moto cannot show of the gateway's VPC link (--private), with an
// SDK-level fake API Gateway client (test/unit/steps-fakes.ts): moto makes a
// link AVAILABLE at once and forgets it at once on delete, while AWS takes
// minutes (PENDING, then AVAILABLE; DELETING, then gone) and may end FAILED.
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import { t } from "../../src/i18n/index.js";
import { gatewayStep } from "../../src/steps/gateway.js";
import { vpcLinkCreateActions } from "../../src/steps/gateway-private.js";
import { clusterRecord } from "../kube/fixtures.js";
import { stepRun, testConfig } from "../support/step-harness.js";
import { awsError, fakeClient } from "./steps-fakes.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const LINK = { VpcLinkId: "vl1", Name: "node-microservices-demo-api-vpc-link" };
const TAGS = { "msdemo:stack": "node-microservices-demo" };

/** A fake API Gateway whose GetVpcLink answers `statuses` in turn (undefined: NotFound). */
function gatewayAnswering(statuses: (string | undefined)[]) {
  return fakeClient(ApiGatewayV2Client, (command) => {
    if (command === "CreateVpcLink") return { ...LINK, VpcLinkStatus: "PENDING", Tags: TAGS };
    if (command === "GetVpcLinks") return { Items: [{ ...LINK, Tags: TAGS, VpcLinkStatus: "AVAILABLE" }] };
    if (command === "GetApis") return { Items: [] };
    if (command === "DeleteVpcLink") return {};
    if (command === "GetVpcLink") {
      const status = statuses.length > 1 ? statuses.shift() : statuses[0];
      if (status === undefined) throw awsError("NotFoundException");
      return { ...LINK, VpcLinkStatus: status };
    }
    throw new Error(`unexpected ${command}`);
  });
}

function runWith(gateway: ReturnType<typeof gatewayAnswering>) {
  // Teardown looks for the access-log group too: there is none.
  const logs = fakeClient(CloudWatchLogsClient, () => ({ logGroups: [] })).client;
  const clients: Record<string, unknown> = { apigateway: gateway.client, logs };
  const aws = new Proxy(clients, { get: (target, key) => target[String(key)] }) as unknown as AwsClients;
  return stepRun(testConfig({ private: true }), aws, {
    cluster: clusterRecord(["subnet-1", "subnet-2"]),
    network: {
      status: "done",
      updatedAt: "",
      outputs: { vpcId: "vpc-1", nodeSecurityGroupId: "sg-nodes", dbSecurityGroupId: "sg-db" },
    },
  });
}

const progress = (run: ReturnType<typeof runWith>) =>
  run.events.flatMap((e) => (e.type === "step-progress" ? [e.message] : []));

describe("the gateway's VPC link, as AWS makes and removes it", () => {
  it("waits while the new link is PENDING, saying so, until it is AVAILABLE", async () => {
    const gateway = gatewayAnswering(["PENDING", "PENDING", "AVAILABLE"]);
    const run = runWith(gateway);
    const ctx = run.context(gatewayStep);
    const snapshot = { vpcLink: undefined, vpcLinkDuplicates: [] };
    const [create] = vpcLinkCreateActions(snapshot, ctx);
    await create!.run!(ctx, snapshot);
    expect(gateway.calls.find((c) => c.command === "CreateVpcLink")?.input).toMatchObject({
      SubnetIds: ["subnet-1", "subnet-2"],
      SecurityGroupIds: ["sg-nodes"],
    });
    expect(gateway.calls.filter((c) => c.command === "GetVpcLink")).toHaveLength(3);
    expect(progress(run).some((m) => m.includes("PENDING"))).toBe(true);
    expect(snapshot.vpcLink).toMatchObject({ VpcLinkId: "vl1" });
  });

  it("a link that ends FAILED is a clear error, not a wait until the timeout", async () => {
    const run = runWith(gatewayAnswering(["PENDING", "FAILED"]));
    const ctx = run.context(gatewayStep);
    const snapshot = { vpcLink: undefined, vpcLinkDuplicates: [] };
    const [create] = vpcLinkCreateActions(snapshot, ctx);
    await expect(create!.run!(ctx, snapshot)).rejects.toThrow(/FAILED/);
    expect(snapshot.vpcLink).toBeUndefined();
  });

  it("teardown waits while the link is DELETING until AWS no longer has it", async () => {
    const gateway = gatewayAnswering(["DELETING", "DELETING", undefined]);
    const run = runWith(gateway);
    await run.destroy(gatewayStep);
    expect(gateway.calls.map((c) => c.command)).toContain("DeleteVpcLink");
    expect(gateway.calls.filter((c) => c.command === "GetVpcLink")).toHaveLength(3);
    expect(progress(run)).toContain(t("gateway.deletingVpcLink", { name: LINK.Name, id: LINK.VpcLinkId }));
  });
});
