// `msdemo logs` against the FAKE Kubernetes API (via --kubeconfig), and
// `msdemo kubeconfig` against moto's EKS, through the built CLI. Why the fake:
// kwok runs no containers, so a real control plane has no pod logs.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyObjects } from "../../src/kube/apply.js";
import { renderStack } from "../../src/kube/render.js";
import { SERVICE_NAMES } from "../../src/routes.js";
import { clusterStep } from "../../src/steps/cluster.js";
import { networkStep } from "../../src/steps/network.js";
import { runCli } from "../support/cli.js";
import { type FakeKubeApi, startFakeKubeApi } from "../support/fake-kube-api.js";
import { createLabRoles } from "../support/lab-roles.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";
import { stepRun, testConfig } from "../support/step-harness.js";
import { rsaKeyPair } from "../support/token-keys.js";

let kube: FakeKubeApi;
let moto: Moto;
let kubeconfig: string;
beforeAll(async () => {
  [kube, moto] = await Promise.all([startFakeKubeApi(), startMoto()]);
  kubeconfig = join(tempDir("kc"), "config");
  writeFileSync(kubeconfig, kube.kubeconfig());
  const config = new KubeConfig();
  config.loadFromFile(kubeconfig);
  const digest = `sha256:${"a".repeat(64)}`;
  await applyObjects(
    config,
    renderStack(
      {
        namespace: "msdemo",
        images: { auth: `r/auth@${digest}`, orders: `r/orders@${digest}`, products: `r/products@${digest}` },
        db: { host: "db", port: 5432, name: "postgres", user: "postgres" },
        secrets: { dbPassword: "pw-for-test-only", jwtSecret: rsaKeyPair().privateKey },
      },
      SERVICE_NAMES,
    ),
  );
});
afterAll(async () => {
  await Promise.all([kube?.stop(), moto?.stop()]);
});

describe("msdemo logs", () => {
  it("prints every pod's lines prefixed by the pod name", async () => {
    const r = await runCli(["logs", "orders", "--kubeconfig", kubeconfig, "--since", "10m"], {
      env: { ...moto.env, MSDEMO_STATE_DIR: tempDir("logs") },
    });
    expect(r.code, r.stderr).toBe(0);
    const pods = kube.pods("msdemo", "orders-service").map((p) => p.metadata.name);
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods) expect(r.stdout).toContain(`${pod}`);
    expect(r.stdout).toMatch(/orders-service listening on port 3000/);
    const logRequest = kube.requests.find((q) => q.path.endsWith("/log"));
    expect(logRequest?.query.sinceSeconds).toBe("600");
  });

  it("refuses an unknown service or a bad duration with exit 2", async () => {
    expect((await runCli(["logs", "payments", "--kubeconfig", kubeconfig])).code).toBe(2);
    const bad = await runCli(["logs", "auth", "--since", "ten", "--kubeconfig", kubeconfig]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since takes a duration/);
  });
});

describe("msdemo kubeconfig", () => {
  it("merges an exec-auth context for the EKS cluster into the given file", async () => {
    const aws = moto.clients();
    await createLabRoles(aws);
    const run = stepRun(testConfig(), aws);
    await run.apply(networkStep);
    await run.apply(clusterStep);
    const file = join(tempDir("kc-out"), "config");
    writeFileSync(
      file,
      "apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts:\n- name: keep-me\n  context: {cluster: x, user: y}\ncurrent-context: keep-me\n",
    );
    const r = await runCli(["kubeconfig", "--output", file], {
      env: { ...moto.env, MSDEMO_STATE_DIR: tempDir("kc-state") },
    });
    expect(r.code, r.stderr).toBe(0);
    const config = new KubeConfig();
    config.loadFromString(readFileSync(file, "utf8"));
    expect(config.getContexts().map((c) => c.name)).toContain("keep-me");
    expect(config.getCurrentContext()).toMatch(/cluster\/node-microservices-demo$/);
    expect(config.getCurrentUser()?.exec?.command).toBe("aws");

    // An --output that cannot be written: said in the user's words, not as Node's code.
    const blocked = join(file, "sub", "config");
    const refused = await runCli(["kubeconfig", "--output", blocked, "--lang", "es"], {
      env: { ...moto.env, MSDEMO_STATE_DIR: tempDir("kc-state") },
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`No se puede escribir ${blocked}`);
    expect(refused.stderr).not.toMatch(/ENOTDIR|error inesperado/);
  });
});
