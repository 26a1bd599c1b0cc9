// The deploy step's teardown when the cluster's API cannot help: the load
// balancers Kubernetes made are found by their cluster tag and removed through
// the ELB API, so none outlives the stack.
import {
  CreateLoadBalancerCommand,
  DescribeLoadBalancersCommand,
} from "@aws-sdk/client-elastic-load-balancing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployStep } from "../../src/steps/deploy.js";
import { type Moto, startMoto } from "../support/moto.js";
import { stepRun, testConfig } from "../support/step-harness.js";

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());

async function loadBalancer(name: string, cluster: string) {
  await moto.clients().elb.send(
    new CreateLoadBalancerCommand({
      LoadBalancerName: name,
      Listeners: [{ Protocol: "TCP", LoadBalancerPort: 3000, InstancePort: 31000 }],
      AvailabilityZones: ["us-east-1a"],
      Tags: [{ Key: `kubernetes.io/cluster/${cluster}`, Value: "owned" }],
    }),
  );
}

describe("deploy step teardown without a reachable cluster", () => {
  it("deletes the cluster's tagged load balancers and leaves others", async () => {
    await loadBalancer("a1111", "node-microservices-demo");
    await loadBalancer("a2222", "node-microservices-demo");
    await loadBalancer("b3333", "someone-else");
    const aws = moto.clients();
    const run = stepRun(testConfig(), aws);
    await run.destroy(deployStep);
    const left = (await aws.elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancerDescriptions ?? [];
    expect(left.map((l) => l.LoadBalancerName)).toEqual(["b3333"]);
    // Again: nothing left of ours, no error.
    await run.destroy(deployStep);
  });
});
