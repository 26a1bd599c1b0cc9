// The cluster, nodes, images, deploy and gateway steps speak the chosen language:
// their title, console path and deviations (what teaching mode shows before each
// step) are looked up when read, not when the module loads.
import { afterEach, describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { es } from "../../src/i18n/es.js";
import { type MessageKey, setLanguage } from "../../src/i18n/index.js";
import { clusterStep } from "../../src/steps/cluster.js";
import { deployStep } from "../../src/steps/deploy.js";
import { gatewayStep } from "../../src/steps/gateway.js";
import { imagesStep } from "../../src/steps/images.js";
import type { AwsStep } from "../../src/steps/index.js";
import { nodesStep } from "../../src/steps/nodes.js";

interface Expected {
  step: AwsStep;
  title: MessageKey;
  console: MessageKey;
  deviations: MessageKey[];
}

const STEPS: Expected[] = [
  {
    step: clusterStep,
    title: "step.cluster.title",
    console: "cluster.console",
    deviations: [
      "cluster.deviation.clusterGroup",
      "cluster.deviation.zones",
      "cluster.deviation.role",
      "cluster.deviation.vpc",
      "cluster.deviation.standardSupport",
    ],
  },
  {
    step: nodesStep,
    title: "step.nodes.title",
    console: "nodes.console",
    deviations: ["nodes.deviation.role", "nodes.deviation.metricsServer"],
  },
  {
    step: imagesStep,
    title: "step.images.title",
    console: "images.console",
    deviations: ["images.deviation.inProcess", "images.deviation.digest", "images.deviation.base"],
  },
  {
    step: deployStep,
    title: "step.deploy.title",
    console: "deploy.console",
    deviations: ["deploy.deviation.secret", "deploy.deviation.hardening", "deploy.deviation.teardown"],
  },
  {
    step: gatewayStep,
    title: "step.gateway.title",
    console: "gateway.console",
    deviations: ["gateway.deviation.http", "gateway.deviation.proxy", "gateway.deviation.accessLog"],
  },
];

afterEach(() => setLanguage("en"));

describe("the cluster, nodes, images, deploy and gateway steps in Spanish", () => {
  for (const { step, title, console: consoleKey, deviations } of STEPS) {
    it(`${step.id}: title, console and deviations follow the language`, () => {
      setLanguage("es");
      expect(step.title).toBe(es[title]);
      expect(step.console).toBe(es[consoleKey]);
      expect(step.deviations).toEqual(deviations.map((key) => es[key]));
      // Translated, not copied (API Gateway's title is a name, the same in both).
      if (title !== "step.gateway.title") expect(step.title).not.toBe(en[title]);
      expect(step.console).not.toBe(en[consoleKey]);
      for (const [i, key] of deviations.entries()) expect(step.deviations?.[i]).not.toBe(en[key]);

      setLanguage("en");
      expect(step.title).toBe(en[title]);
      expect(step.console).toBe(en[consoleKey]);
      expect(step.deviations).toEqual(deviations.map((key) => en[key]));
    });
  }

  it("keeps the English text byte for byte", () => {
    setLanguage("en");
    expect(clusterStep.title).toBe("EKS cluster");
    expect(nodesStep.title).toBe("EKS node group");
    expect(imagesStep.title).toBe("Service images");
    expect(deployStep.title).toBe("Kubernetes deployment");
    expect(gatewayStep.title).toBe("API Gateway");
    expect(nodesStep.console).toBe(
      "EKS → the cluster → Compute → Add node group: name ng-general, node IAM role LabRole, AMI Amazon Linux 2023 (x86_64), instance type t3.medium, disk 20 GiB, desired 2 / minimum 2 / maximum 4, default subnets.",
    );
    expect(gatewayStep.deviations?.[1]).toBe(
      "ANY /api/orders/{proxy+} and ANY /api/products/{proxy+} are added, so sub-paths reach the services too.",
    );
  });

  it("keeps commands, flags and resource names unchanged in the Spanish text", () => {
    setLanguage("es");
    expect(clusterStep.console).toContain("node-microservices-demo");
    expect(clusterStep.console).toContain("LabEksClusterRole");
    expect(nodesStep.console).toContain("ng-general");
    expect(imagesStep.console).toContain("`aws ecr get-login-password | docker login`");
    expect(deployStep.console).toContain("`aws eks update-kubeconfig --name node-microservices-demo`");
    expect(gatewayStep.console).toContain("node-microservices-demo-api");
    expect(gatewayStep.deviations?.[1]).toContain("ANY /api/orders/{proxy+}");
  });
});
