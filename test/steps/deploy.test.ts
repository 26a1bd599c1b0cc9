// The deploy step's teardown when the cluster's API cannot help: the load
// balancers Kubernetes made are found by their cluster tag and removed through
// the ELB API, so none outlives the stack. And its inspect: live from the
// cluster (the FAKE API server of test/support), else from the ELB API (moto).
// Why the fake: these tests set what controllers would (a Deployment's
// readiness, a Service's load balancer, an autoscaler's CPU reading, which
// kwok has no metrics pipeline for) and check what status reads of it. That a
// new secret rolls the pods on a real control plane is in test/kube/apply.test.ts.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  CreateLoadBalancerCommand,
  DescribeLoadBalancersCommand,
} from "@aws-sdk/client-elastic-load-balancing";
import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { t } from "../../src/i18n/index.js";
import { SECRET_HASH_ANNOTATION } from "../../src/kube/render.js";
import { deployStack } from "../../src/kube/stack.js";
import { deployStep } from "../../src/steps/deploy.js";
import { dbCredentials, recordedSecrets, STACK } from "../kube/fixtures.js";
import { fakeCluster, never } from "../kube/helpers.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";
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

describe("deploy step inspect: what the cluster says, else what AWS lists", () => {
  it("reports each Deployment's readiness and each load balancer's address from the cluster", async () => {
    const { fake, config, kubeconfigPath } = await fakeCluster({ readyAfterMs: "manual" });
    await deployStack(config, { ...STACK, signal: never(), intervalMs: 10, rolloutTimeoutMs: 1 }).catch(
      () => undefined,
    );
    const run = stepRun(testConfig({ kubeconfig: kubeconfigPath }), moto.clients());
    const rows = async () =>
      (await deployStep.inspect(run.context(deployStep))).resources.map((r) => [
        r.type,
        r.name,
        r.state,
        r.id,
      ]);

    // Pods not ready yet: the Deployments are progressing, 0 of 2.
    const starting = await rows();
    expect(starting).toContainEqual(["Kubernetes Deployment", "orders-service", "progressing", "0/2"]);

    for (const name of ["auth-service", "orders-service", "products-service"]) fake.markReady(name);
    fake.provisionLoadBalancers();
    const live = await rows();
    expect(live).toContainEqual(["Kubernetes Deployment", "auth-service", "ready", "2/2"]);
    expect(live).toContainEqual([
      "Kubernetes LoadBalancer",
      "products-service",
      "active",
      "aproductsservice-1234567890.us-east-1.elb.amazonaws.com",
    ]);
    // Each HPA and what it reads: the FAKE API server has no metrics-server, as a fresh EKS cluster has none.
    expect(live).toContainEqual([
      "Kubernetes HorizontalPodAutoscaler",
      "auth-service",
      "cpu <unknown>/70%",
      expect.any(String),
    ]);
    expect(live).toHaveLength(9);

    // Once metrics-server feeds it, the HPA's reading shows what `kubectl get hpa` would.
    fake.setStatus("HorizontalPodAutoscaler", "orders-service", "msdemo", {
      currentReplicas: 3,
      currentMetrics: [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: 35 } } }],
    });
    expect(await rows()).toContainEqual([
      "Kubernetes HorizontalPodAutoscaler",
      "orders-service",
      "cpu 35%/70%",
      "3 (2–4)",
    ]);
  });

  it("without a reachable cluster, asks the ELB API about the recorded load balancers and says why", async () => {
    await loadBalancer("aauthservice", "node-microservices-demo");
    const closed = join(tempDir("kubeconfig"), "config");
    writeFileSync(closed, (await fakeCluster()).fake.kubeconfig().replace(/127\.0\.0\.1:\d+/, "127.0.0.1:9"));
    const run = stepRun(testConfig({ kubeconfig: closed }), moto.clients(), {
      deploy: {
        status: "done",
        updatedAt: "2026-11-28T10:00:00.000Z",
        outputs: {
          namespace: "msdemo",
          loadBalancers: {
            auth: "aauthservice-1234567890.us-east-1.elb.amazonaws.com",
            orders: "aordersservice-1234567890.us-east-1.elb.amazonaws.com",
          },
        },
      },
    });
    const status = await deployStep.inspect(run.context(deployStep));
    expect(status.resources.map((r) => [r.name, r.state])).toEqual([
      ["auth-service", "active"],
      ["orders-service", "missing"],
      ["products-service", "missing"],
    ]);
    expect(status.warnings).toEqual([t("deploy.inspect.unreachable")]);
  });
});

describe("deploy step and a secret that changes in AWS (an RDS rotation, made with moto's PutSecretValue)", () => {
  it("status warns that the pods run with old values; a new deploy rolls them and the warning goes", async () => {
    const aws = moto.clients();
    const { dbArn, record } = await recordedSecrets(aws.secrets, "rotation");
    const { fake, config, kubeconfigPath } = await fakeCluster();
    const deploy = (dbPassword: string) =>
      deployStack(config, {
        ...STACK,
        secrets: { ...STACK.secrets, dbPassword },
        signal: never(),
        intervalMs: 10,
      });
    await deploy(STACK.secrets.dbPassword);
    const run = stepRun(testConfig({ kubeconfig: kubeconfigPath }), aws, {
      database: record,
    });
    const podHash = () => {
      const spec = fake.get("Deployment", "auth-service", "msdemo")?.spec as
        | { template?: { metadata?: { annotations?: Record<string, string> } } }
        | undefined;
      return spec?.template?.metadata?.annotations?.[SECRET_HASH_ANNOTATION];
    };
    const before = podHash();
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    expect((await deployStep.inspect(run.context(deployStep))).warnings ?? []).toEqual([]);

    await aws.secrets.send(
      new PutSecretValueCommand({ SecretId: dbArn, SecretString: dbCredentials("rotated") }),
    );
    const warned = await deployStep.inspect(run.context(deployStep));
    expect(warned.warnings).toEqual([
      t("deploy.inspect.secretChanged", { names: "auth-service, orders-service, products-service" }),
    ]);

    await deploy("rotated");
    expect(podHash()).not.toBe(before);
    expect((await deployStep.inspect(run.context(deployStep))).warnings ?? []).toEqual([]);
  });
});
