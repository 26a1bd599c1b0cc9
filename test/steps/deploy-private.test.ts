// The deploy step with --private, against the FAKE Kubernetes API of
// test/support (its toy cloud gives each Service the DNS name of an internal
// NLB made in moto's ELBv2 beforehand: moto does not watch Services) and moto
// for the secrets and the NLBs' listeners. Checks the internal-NLB annotations,
// the listener ARNs in the outputs, a rerun with no write, and a public →
// private switch that plan lists exactly as up makes it.

import {
  DescribeImagesCommand,
  DescribeSubnetsCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
} from "@aws-sdk/client-ec2";
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteLoadBalancerCommand,
  DescribeLoadBalancersCommand,
  RegisterTargetsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AwsClients } from "../../src/aws/clients.js";
import { t } from "../../src/i18n/index.js";
import { INTERNAL_NLB_ANNOTATIONS } from "../../src/kube/render-private.js";
import { deployStep } from "../../src/steps/deploy.js";
import { clusterRecord, recordedSecrets, STACK } from "../kube/fixtures.js";
import { fakeCluster } from "../kube/helpers.js";
import { expectPlanIsApply } from "../support/agreement.js";
import type { FakeObject } from "../support/fake-kube-api.js";
import { type Moto, startMoto } from "../support/moto.js";
import { kubeRequests } from "../support/request-logs.js";
import { stepRun, testConfig } from "../support/step-harness.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

const SERVICES = ["auth", "orders", "products"] as const;

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());
beforeEach(async () => moto.reset());

/**
 * An internal NLB per Service in moto, with a TCP listener on 3000 and one node
 * as its target (moto calls a running instance healthy, a stopped one not):
 * DNS names, listener ARNs, the node.
 */
async function internalNlbs(aws: AwsClients) {
  const subnets = (await aws.ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? [];
  const vpcId = subnets[0]!.VpcId!;
  const image = (await aws.ec2.send(new DescribeImagesCommand({}))).Images![0]!.ImageId!;
  const node = (await aws.ec2.send(new RunInstancesCommand({ ImageId: image, MinCount: 1, MaxCount: 1 })))
    .Instances![0]!.InstanceId!;
  const dns: Record<string, string> = {};
  const listeners: Record<string, string> = {};
  const arns: Record<string, string> = {};
  for (const service of SERVICES) {
    const lb = (
      await aws.elbv2.send(
        new CreateLoadBalancerCommand({
          Name: `k8s-msdemo-${service}`,
          Type: "network",
          Scheme: "internal",
          Subnets: subnets.slice(0, 2).map((s) => s.SubnetId!),
        }),
      )
    ).LoadBalancers![0]!;
    const group = (
      await aws.elbv2.send(
        new CreateTargetGroupCommand({ Name: `k8s-${service}`, Protocol: "TCP", Port: 30000, VpcId: vpcId }),
      )
    ).TargetGroups![0]!;
    const listener = (
      await aws.elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb.LoadBalancerArn!,
          Protocol: "TCP",
          Port: 3000,
          DefaultActions: [{ Type: "forward", TargetGroupArn: group.TargetGroupArn! }],
        }),
      )
    ).Listeners![0]!;
    await aws.elbv2.send(
      new RegisterTargetsCommand({
        TargetGroupArn: group.TargetGroupArn!,
        Targets: [{ Id: node, Port: 30000 }],
      }),
    );
    dns[`${service}-service`] = lb.DNSName!;
    arns[`${service}-service`] = lb.LoadBalancerArn!;
    listeners[service] = listener.ListenerArn!;
  }
  return { dns, arns, listeners, node, subnets: subnets.slice(0, 2) };
}

async function stack() {
  const aws = moto.clients();
  const { dns, arns, listeners, node, subnets } = await internalNlbs(aws);
  const { record } = await recordedSecrets(aws.secrets, "private");
  const { fake, kubeconfigPath } = await fakeCluster({ loadBalancerHostname: (s) => dns[s]! });
  const state = {
    database: record,
    images: { status: "done" as const, updatedAt: "", outputs: { images: STACK.images, tags: {} } },
    // Only its subnets matter here: --kubeconfig says where the cluster is.
    cluster: clusterRecord(subnets.map((s) => s.SubnetId!)),
  };
  const config = (isPrivate: boolean) => testConfig({ kubeconfig: kubeconfigPath, private: isPrivate });
  const cidrs = subnets.map((s) => s.CidrBlock!).sort();
  return { aws, fake, state, config, listeners, cidrs, node, dns, arns, calls: kubeRequests(fake) };
}

const annotationsOf = (o: FakeObject | undefined) => o?.metadata.annotations;

describe("deploy --private", () => {
  it("annotates every Service for an internal NLB reached from the cluster's subnets only, records each listener ARN, and a rerun writes nothing", async () => {
    const { aws, fake, state, config, listeners, cidrs, calls } = await stack();
    const outputs = await stepRun(config(true), aws, state).apply(deployStep);
    for (const service of SERVICES) {
      const live = fake.get("Service", `${service}-service`, "msdemo");
      expect(annotationsOf(live)).toMatchObject(INTERNAL_NLB_ANNOTATIONS);
      // The NodePorts open only to the subnets the gateway's VPC link sits in.
      expect(live?.spec).toMatchObject({ loadBalancerSourceRanges: cidrs });
    }
    expect(outputs.listeners).toEqual(listeners);
    calls.clear();
    const rerun = stepRun(config(true), aws, state, calls);
    const planned = await expectPlanIsApply(rerun, deployStep, calls);
    expect(planned.filter((c) => c.action !== "none")).toEqual([]);
    expect(calls.mutating()).toEqual([]);
    expect(rerun.state.get("deploy")!.outputs.listeners).toEqual(listeners);
  });

  it("a public stack switched to --private: plan lists each Service's replacement, up makes exactly that", async () => {
    const { aws, fake, state, config, calls } = await stack();
    await stepRun(config(false), aws, state).apply(deployStep);
    expect(annotationsOf(fake.get("Service", "auth-service", "msdemo"))).toBeUndefined();
    calls.clear();
    const planned = await expectPlanIsApply(stepRun(config(true), aws, state, calls), deployStep, calls);
    const changed = planned.filter((c) => c.action !== "none");
    expect(changed.map((c) => `${c.action} ${c.name}`)).toEqual(
      SERVICES.map((s) => `update msdemo/${s}-service`),
    );
    expect(changed.every((c) => c.detail === t("deploy.plan.replaceService"))).toBe(true);
    // Each Service was deleted (its load balancer with it) before it was made again.
    expect(calls.mutating().filter((c) => c.startsWith("DELETE"))).toHaveLength(SERVICES.length);
    expect(annotationsOf(fake.get("Service", "orders-service", "msdemo"))).toMatchObject(
      INTERNAL_NLB_ANNOTATIONS,
    );
  });

  it("waits with progress until every NLB has a healthy target", async () => {
    const { aws, state, config, node } = await stack();
    await aws.ec2.send(new StopInstancesCommand({ InstanceIds: [node] }));
    const run = stepRun(config(true), aws, state);
    let finished = false;
    const applied = run.apply(deployStep).finally(() => {
      finished = true;
    });
    const progress = () => run.events.flatMap((e) => (e.type === "step-progress" ? [e.message] : []));
    const deadline = Date.now() + 60_000;
    while (!progress().some((m) => m.includes("auth 0/1, orders 0/1, products 0/1"))) {
      if (Date.now() > deadline) throw new Error("gave up waiting for the unhealthy progress line");
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(finished).toBe(false);
    await aws.ec2.send(new StartInstancesCommand({ InstanceIds: [node] }));
    await applied;
    expect(progress()).toContainEqual(expect.stringContaining("auth 1/1, orders 1/1, products 1/1"));
    expect(run.events.filter((e) => e.type === "step-warning")).toEqual([]);
  });

  it("and back to public: the Services are replaced without the annotations", async () => {
    const { aws, fake, state, config, calls } = await stack();
    await stepRun(config(true), aws, state).apply(deployStep);
    calls.clear();
    const planned = await expectPlanIsApply(stepRun(config(false), aws, state, calls), deployStep, calls);
    expect(planned.filter((c) => c.action !== "none").map((c) => c.name)).toEqual(
      SERVICES.map((s) => `msdemo/${s}-service`),
    );
    expect(annotationsOf(fake.get("Service", "products-service", "msdemo")) ?? {}).not.toHaveProperty(
      "service.beta.kubernetes.io/aws-load-balancer-type",
    );
  });

  it("teardown waits until AWS no longer lists the NLBs the Services had", async () => {
    const { aws, fake, state, config, dns, arns } = await stack();
    const run = stepRun(config(true), aws, state);
    await run.apply(deployStep);
    // The fake's cloud drops a Service's load balancer; moto's NLB goes when it does, as the provider would.
    const cloud = setInterval(() => {
      for (const [service, host] of Object.entries(dns)) {
        if (fake.timeline.includes(`lb-deleted ${host}`) && arns[service]) {
          const arn = arns[service]!;
          delete arns[service];
          void aws.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
        }
      }
    }, 20);
    try {
      await run.destroy(deployStep);
    } finally {
      clearInterval(cloud);
    }
    expect(Object.keys(arns)).toEqual([]);
    expect((await aws.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? []).toEqual([]);
  });

  it("teardown without a cluster to ask deletes the NLBs tagged for the cluster, and no other", async () => {
    const aws = moto.clients();
    const { arns } = await internalNlbs(aws);
    await aws.elbv2.send(
      new AddTagsCommand({
        ResourceArns: [arns["auth-service"]!, arns["orders-service"]!],
        Tags: [{ Key: "kubernetes.io/cluster/node-microservices-demo", Value: "owned" }],
      }),
    );
    await stepRun(testConfig({ private: true }), aws, {}).destroy(deployStep);
    const left = (await aws.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    expect(left.map((l) => l.LoadBalancerArn)).toEqual([arns["products-service"]]);
  });

  it("status without a cluster to ask shows the recorded NLBs as ELBv2 lists them", async () => {
    const aws = moto.clients();
    const { dns, arns } = await internalNlbs(aws);
    await aws.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arns["products-service"]! }));
    const recorded = Object.fromEntries(SERVICES.map((s) => [s, dns[`${s}-service`]!]));
    const run = stepRun(testConfig({ private: true }), aws, {
      deploy: { status: "done", updatedAt: "", outputs: { namespace: "msdemo", loadBalancers: recorded } },
    });
    const status = await deployStep.inspect(run.context(deployStep));
    expect(status.resources.map((r) => `${r.name} ${r.state}`)).toEqual([
      "auth-service active",
      "orders-service active",
      "products-service missing",
    ]);
  });
});
