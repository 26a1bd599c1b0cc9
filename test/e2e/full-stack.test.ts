// `msdemo up --yes` with every step: AWS in moto_server, images pushed to a real
// registry, Kubernetes through the FAKE API server (test/support) via
// --kubeconfig. Then status, a no-op rerun, and teardown leaving nothing.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { GetIntegrationsCommand } from "@aws-sdk/client-apigatewayv2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { type FakeKubeApi, startFakeKubeApi } from "../support/fake-kube-api.js";
import { inventory, isEmpty } from "../support/inventory.js";
import { createLabRoles } from "../support/lab-roles.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";
import { pushTinyBase, startRegistry, type TestRegistry } from "../support/registry.js";

let moto: Moto;
let registry: TestRegistry;
let kube: FakeKubeApi;
let args: string[];
let env: Record<string, string>;

beforeAll(async () => {
  [moto, registry, kube] = await Promise.all([
    startMoto(),
    startRegistry(),
    startFakeKubeApi({ readyAfterMs: 200, loadBalancerAfterMs: 300 }),
  ]);
  await createLabRoles(moto.clients());
  const base = await pushTinyBase(registry.url, "library/node", { tag: "20-alpine" });
  const kubeconfig = join(tempDir("kubeconfig"), "config");
  writeFileSync(kubeconfig, kube.kubeconfig());
  args = ["--registry", registry.host, "--base-image", base.reference, "--kubeconfig", kubeconfig];
  env = { ...moto.env, MSDEMO_STATE_DIR: tempDir("full"), MSDEMO_POLL_SCALE: "0.001" };
});
afterAll(async () => {
  await Promise.all([moto?.stop(), registry?.stop(), kube?.stop()]);
});

describe("the whole stack", () => {
  it("up runs every step, status shows the API, a rerun changes nothing, teardown leaves nothing", async () => {
    const up = await runCli(["up", "--yes", ...args], { env });
    expect(up.code, up.stderr + up.stdout).toBe(0);
    for (const step of [
      "network",
      "database",
      "registry",
      "images",
      "cluster",
      "nodes",
      "deploy",
      "gateway",
    ]) {
      expect(up.stdout).toMatch(new RegExp(`${step}: done in`));
    }
    const apiUrl = /API: (\S+)/.exec(up.stdout)?.[1];
    expect(apiUrl).toMatch(/^https?:\/\//);

    // The gateway points at the fake cluster's load balancer hostnames.
    const status = JSON.parse((await runCli(["status", "--json"], { env })).stdout) as {
      endpoints: Record<string, string>;
      resources: { step: string; id?: string }[];
    };
    expect(status.endpoints.apiUrl).toBe(apiUrl);
    const apiId = status.resources.find((r) => r.step === "gateway")?.id;
    const integrations =
      (await moto.clients().apigateway.send(new GetIntegrationsCommand({ ApiId: apiId }))).Items ?? [];
    const hosts = new Set(
      integrations.map((i) => new URL(i.IntegrationUri!.replace("{proxy}", "x")).hostname),
    );
    expect([...hosts].sort()).toEqual([
      "aauthservice-1234567890.us-east-1.elb.amazonaws.com",
      "aordersservice-1234567890.us-east-1.elb.amazonaws.com",
      "aproductsservice-1234567890.us-east-1.elb.amazonaws.com",
    ]);
    // Secrets reach the cluster only as a Secret.
    const deployment = kube.get("Deployment", "auth-service", "msdemo");
    expect(JSON.stringify(deployment)).not.toMatch(/"name":"(DB_PASS|JWT_SECRET)","value"/);
    expect(kube.get("Secret", "msdemo-secrets", "msdemo")).toBeDefined();

    const before = kube.objects().map((o) => o.metadata.resourceVersion);
    const rerun = await runCli(["up", "--yes", "--json", ...args], { env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(kube.objects().map((o) => o.metadata.resourceVersion)).toEqual(before);

    const down = await runCli(["teardown", "--yes", ...args.slice(4)], { env });
    expect(down.code, down.stderr + down.stdout).toBe(0);
    expect(isEmpty(await inventory(moto.clients()))).toBe(true);
    expect(kube.objects()).toEqual([]);
  }, 300_000);
});
