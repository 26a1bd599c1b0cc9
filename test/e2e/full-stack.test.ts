// `msdemo up --yes` with every step: AWS in moto_server, images pushed to a real
// registry, Kubernetes a REAL control plane (test/support/kube-control-plane.ts)
// via --kubeconfig, whose load-balancer watcher makes and deletes classic ELBs
// in moto as EKS's cloud controller would. Then status, a rerun that changes
// nothing of msdemo's, and teardown leaving nothing, in AWS or the cluster.
import { GetIntegrationsCommand } from "@aws-sdk/client-apigatewayv2";
import { DescribeLoadBalancersCommand } from "@aws-sdk/client-elastic-load-balancing";
import { AppsV1Api, CoreV1Api, type KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_STACK } from "../../src/config.js";
import { FIELD_MANAGER } from "../../src/kube/apply.js";
import { STEP_IDS } from "../../src/step-ids.js";
import { runCli } from "../support/cli.js";
import { inventory, isEmpty } from "../support/inventory.js";
import {
  type KubeControlPlane,
  realKubeAvailable,
  startKubeControlPlane,
} from "../support/kube-control-plane.js";
import { createLabRoles } from "../support/lab-roles.js";
import { motoCloud } from "../support/lb-watcher.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";
import { pushTinyBase, startRegistry, type TestRegistry } from "../support/registry.js";

let moto: Moto;
let registry: TestRegistry;
let kube: KubeControlPlane;
let args: string[];
let env: Record<string, string>;

const NAMESPACE = "msdemo";

/** Every object msdemo applied: its generation and msdemo's own managedFields entry, not resourceVersion. */
async function msdemoOwned(config: KubeConfig) {
  const api = KubernetesObjectApi.makeApiClient(config);
  const kinds = [
    ["v1", "Secret"],
    ["v1", "Service"],
    ["apps/v1", "Deployment"],
    ["autoscaling/v2", "HorizontalPodAutoscaler"],
  ] as const;
  const owned: Record<string, unknown> = {};
  for (const [apiVersion, kind] of kinds) {
    const list = await api.list(apiVersion, kind, NAMESPACE);
    for (const o of list.items) {
      const mine = o.metadata?.managedFields?.filter((m) => m.manager === FIELD_MANAGER) ?? [];
      if (mine.length === 0) continue;
      owned[`${kind}/${o.metadata?.name}`] = {
        generation: o.metadata?.generation,
        msdemo: JSON.parse(JSON.stringify(mine)),
      };
    }
  }
  return owned;
}

beforeAll(async () => {
  if (!realKubeAvailable()) return;
  [moto, registry] = await Promise.all([startMoto(), startRegistry()]);
  kube = await startKubeControlPlane({
    loadBalancers: {
      provisionAfterMs: 300,
      deleteAfterMs: 300,
      cloud: motoCloud(moto.clients(), DEFAULT_STACK),
    },
  });
  await createLabRoles(moto.clients());
  const base = await pushTinyBase(registry.url, "library/node", { tag: "20-alpine" });
  args = ["--registry", registry.host, "--base-image", base.reference, "--kubeconfig", kube.kubeconfigFile()];
  env = { ...moto.env, MSDEMO_STATE_DIR: tempDir("full"), MSDEMO_POLL_SCALE: "0.01" };
}, 300_000);
afterAll(async () => {
  await Promise.all([moto?.stop(), registry?.stop(), kube?.stop()]);
});

describe.skipIf(!realKubeAvailable())("the whole stack", () => {
  it("up runs every step, status shows the API, a rerun changes nothing, teardown leaves nothing", async () => {
    const up = await runCli(["up", "--yes", ...args], { env });
    expect(up.code, up.stderr + up.stdout).toBe(0);
    for (const step of STEP_IDS) {
      expect(up.stdout).toMatch(new RegExp(`${step}: done in`));
    }
    const apiUrl = /API: (\S+)/.exec(up.stdout)?.[1];
    expect(apiUrl).toMatch(/^https?:\/\//);

    // The gateway points at the load balancers the test cluster's watcher made in moto.
    const status = JSON.parse((await runCli(["status", "--json"], { env })).stdout) as {
      endpoints: Record<string, string>;
      resources: { step: string; id?: string }[];
    };
    expect(status.endpoints.apiUrl).toBe(apiUrl);
    // The web page, through CloudFront (the site step).
    expect(status.endpoints.pageUrl).toMatch(/^https:\/\/[a-z0-9]+\.cloudfront\.net$/);
    const apiId = status.resources.find((r) => r.step === "gateway")?.id;
    const integrations =
      (await moto.clients().apigateway.send(new GetIntegrationsCommand({ ApiId: apiId }))).Items ?? [];
    const hosts = new Set(
      integrations.map((i) => new URL(i.IntegrationUri!.replace("{proxy}", "x")).hostname),
    );
    // The load balancers the cloud controller (the watcher) made in AWS (moto).
    const elbs = await moto.clients().elb.send(new DescribeLoadBalancersCommand({}));
    const dnsNames = (elbs.LoadBalancerDescriptions ?? []).map((lb) => lb.DNSName!);
    expect(dnsNames).toHaveLength(3);
    expect([...hosts].sort()).toEqual([...dnsNames].sort());
    // Secrets reach the cluster only as a Secret; the rollout is real: ReplicaSets, pods Ready.
    const apps = kube.config.makeApiClient(AppsV1Api);
    const core = kube.config.makeApiClient(CoreV1Api);
    const deployment = await apps.readNamespacedDeployment({ name: "auth-service", namespace: NAMESPACE });
    expect(JSON.stringify(deployment)).not.toMatch(/"name":"(DB_PASS|JWT_PRIVATE_KEY)","value"/);
    expect(deployment.status?.readyReplicas).toBe(2);
    await expect(
      core.readNamespacedSecret({ name: "msdemo-secrets", namespace: NAMESPACE }),
    ).resolves.toBeDefined();

    const before = await msdemoOwned(kube.config);
    expect(Object.keys(before)).toHaveLength(10);
    const rerun = await runCli(["up", "--yes", "--json", ...args], { env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await msdemoOwned(kube.config)).toEqual(before);

    const down = await runCli(["teardown", "--yes", ...args.slice(4)], { env });
    expect(down.code, down.stderr + down.stdout).toBe(0);
    const left = await inventory(moto.clients());
    expect(isEmpty(left), JSON.stringify(left)).toBe(true);
    // The cloud controller deleted the load balancers before it let the Services go.
    const elbsLeft = await moto.clients().elb.send(new DescribeLoadBalancersCommand({}));
    expect(elbsLeft.LoadBalancerDescriptions ?? []).toEqual([]);
    await expect(core.readNamespace({ name: NAMESPACE })).rejects.toMatchObject({ code: 404 });
  }, 600_000);

  it("teardown then up back to back: up waits while the namespace is still Terminating, then converges", async () => {
    const core = kube.config.makeApiClient(CoreV1Api);
    const first = await runCli(["up", "--yes", ...args], { env });
    expect(first.code, first.stderr + first.stdout).toBe(0);
    // Something in the namespace (as pods on slow nodes would) keeps it
    // Terminating until the test lets go of it.
    const HOLD = "msdemo.invalid/test-hold";
    await core.createNamespacedConfigMap({
      namespace: NAMESPACE,
      body: { metadata: { name: "holder", finalizers: [HOLD] } },
    });
    const release = async () => {
      const holder = await core.readNamespacedConfigMap({ name: "holder", namespace: NAMESPACE });
      holder.metadata!.finalizers = [];
      await core.replaceNamespacedConfigMap({ name: "holder", namespace: NAMESPACE, body: holder });
    };

    // The student stops teardown (Ctrl-C) once it has asked Kubernetes to delete the namespace.
    // One Ctrl-C: output that keeps coming must not send a second one, which could land after
    // msdemo stopped listening and end it by the signal itself.
    let stopped = false;
    const down = await runCli(["teardown", "--yes", ...args.slice(4)], {
      env,
      onOutput: (text, kill) => {
        if (stopped || !text.includes(`deleting namespace ${NAMESPACE}`)) return;
        stopped = true;
        kill("SIGINT");
      },
    });
    expect(down.code, down.stderr + down.stdout).toBe(130);
    const terminating = await core.readNamespace({ name: NAMESPACE });
    expect(terminating.metadata?.deletionTimestamp).toBeDefined();

    let released: Promise<void> | undefined;
    const up = await runCli(["up", "--yes", ...args], {
      env,
      onOutput: (text) => {
        if (!released && text.includes(`namespace ${NAMESPACE} is still being deleted`)) released = release();
      },
    });
    await released;
    expect(released, up.stdout).toBeDefined();
    expect(up.code, up.stderr + up.stdout).toBe(0);
    const live = await core.readNamespace({ name: NAMESPACE });
    expect(live.metadata?.deletionTimestamp).toBeUndefined();
    const apps = kube.config.makeApiClient(AppsV1Api);
    for (const name of ["auth-service", "orders-service", "products-service"]) {
      const d = await apps.readNamespacedDeployment({ name, namespace: NAMESPACE });
      expect(d.status?.readyReplicas, name).toBe(2);
    }

    const last = await runCli(["teardown", "--yes", ...args.slice(4)], { env });
    expect(last.code, last.stderr + last.stdout).toBe(0);
    const left = await inventory(moto.clients());
    expect(isEmpty(left), JSON.stringify(left)).toBe(true);
  }, 600_000);
});
