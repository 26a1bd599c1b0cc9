// moto: the deploy step waits until each classic load balancer has an instance
// InService before it calls the deploy done. Real ELBs keep new instances
// OutOfService for minutes while health checks pass; moto reports a registered
// instance OutOfService while it is stopped, which stands for that here. The
// cluster is the FAKE API server of test/support: the test is about the ELB
// API's answers, and the fake finishes the rollout at once.
import {
  DescribeImagesCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
} from "@aws-sdk/client-ec2";
import {
  CreateLoadBalancerCommand,
  RegisterInstancesWithLoadBalancerCommand,
} from "@aws-sdk/client-elastic-load-balancing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployStep } from "../../src/steps/deploy.js";
import { recordedSecrets, STACK } from "../kube/fixtures.js";
import { fakeCluster } from "../kube/helpers.js";
import { type Moto, startMoto } from "../support/moto.js";
import { waitUntil } from "../support/process.js";
import { stepRun, testConfig } from "../support/step-harness.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());

describe("deploy step and load balancers that are not InService yet", () => {
  it("waits with progress until every load balancer has an instance InService", async () => {
    const aws = moto.clients();
    const image = (await aws.ec2.send(new DescribeImagesCommand({}))).Images![0]!.ImageId!;
    const run1 = await aws.ec2.send(new RunInstancesCommand({ ImageId: image, MinCount: 1, MaxCount: 1 }));
    const instanceId = run1.Instances![0]!.InstanceId!;
    await aws.ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    // The names Kubernetes' classic ELBs get in the fake cluster (a<service>-1234567890.<region>.elb…).
    for (const name of ["aauthservice", "aordersservice", "aproductsservice"]) {
      await aws.elb.send(
        new CreateLoadBalancerCommand({
          LoadBalancerName: name,
          Listeners: [{ Protocol: "TCP", LoadBalancerPort: 3000, InstancePort: 31000 }],
          AvailabilityZones: ["us-east-1a"],
        }),
      );
      await aws.elb.send(
        new RegisterInstancesWithLoadBalancerCommand({
          LoadBalancerName: name,
          Instances: [{ InstanceId: instanceId }],
        }),
      );
    }
    const { record } = await recordedSecrets(aws.secrets, "elb");
    const { kubeconfigPath } = await fakeCluster();
    const run = stepRun(testConfig({ kubeconfig: kubeconfigPath }), aws, {
      database: record,
      images: { status: "done", updatedAt: "", outputs: { images: STACK.images, tags: {} } },
    });
    let finished = false;
    const applied = run.apply(deployStep).finally(() => {
      finished = true;
    });
    const progress = () => run.events.flatMap((e) => (e.type === "step-progress" ? [e.message] : []));
    await waitUntil(
      () => progress().some((m) => m.includes("InService: auth 0/1, orders 0/1, products 0/1")),
      "the out-of-service progress line",
    );
    expect(finished).toBe(false);
    await aws.ec2.send(new StartInstancesCommand({ InstanceIds: [instanceId] }));
    const outputs = await applied;
    expect(progress()).toContainEqual(
      expect.stringContaining("InService: auth 1/1, orders 1/1, products 1/1"),
    );
    expect(Object.keys(outputs.loadBalancers as object).sort()).toEqual(["auth", "orders", "products"]);
    expect(run.events.filter((e) => e.type === "step-warning")).toEqual([]);
  });
});
