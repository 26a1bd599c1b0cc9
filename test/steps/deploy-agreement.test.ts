// The deploy step's plan/apply agreement: what `plan` lists is exactly the
// Kubernetes writes `up` makes, counted from the request log of the FAKE API
// server of test/support (a real control plane has no request log to count; the
// fake speaks server-side apply and bumps resourceVersion only on a real change).
// The database's secrets are in moto's Secrets Manager; moto knows none of the
// fake's load balancers, so the InService wait has nothing to wait on.
import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Change } from "../../src/engine/types.js";
import { t } from "../../src/i18n/index.js";
import { SECRET_NAME } from "../../src/kube/render.js";
import { deployStep } from "../../src/steps/deploy.js";
import { dbCredentials, recordedSecrets, STACK } from "../kube/fixtures.js";
import { fakeCluster } from "../kube/helpers.js";
import { expectPlanIsApply } from "../support/agreement.js";
import type { FakeKubeApi, FakeKubeOptions } from "../support/fake-kube-api.js";
import { type Moto, startMoto } from "../support/moto.js";
import { waitUntil } from "../support/process.js";
import { kubeRequests } from "../support/request-logs.js";
import { stepRun, testConfig } from "../support/step-harness.js";

process.env.MSDEMO_POLL_SCALE = "0.001";

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());

const WORKLOADS = ["auth-service", "orders-service", "products-service"];
const EVERY_OBJECT = [
  "Kubernetes Namespace msdemo",
  `Kubernetes Secret msdemo/${SECRET_NAME}`,
  ...WORKLOADS.flatMap((w) => [
    `Kubernetes Deployment msdemo/${w}`,
    `Kubernetes Service msdemo/${w}`,
    `Kubernetes HorizontalPodAutoscaler msdemo/${w}`,
  ]),
];
const named = (changes: Change[], action: Change["action"]) =>
  changes.filter((c) => c.action === action).map((c) => `${c.resource} ${c.name}`);

let secrets = 0;

/** A cluster (the fake), the database's secrets in moto, and the state the steps before deploy leave. */
async function stack(options: FakeKubeOptions = {}) {
  const aws = moto.clients();
  const n = ++secrets;
  const { dbArn, record } = await recordedSecrets(aws.secrets, `agree-${n}`);
  const { fake, kubeconfigPath } = await fakeCluster(options);
  const config = testConfig({ kubeconfig: kubeconfigPath });
  const state = {
    database: record,
    images: { status: "done" as const, updatedAt: "", outputs: { images: STACK.images, tags: {} } },
  };
  const calls = kubeRequests(fake);
  const deployed = async () => {
    await stepRun(config, aws, state).apply(deployStep);
    calls.clear();
  };
  const rotate = (password: string) =>
    aws.secrets.send(new PutSecretValueCommand({ SecretId: dbArn, SecretString: dbCredentials(password) }));
  return { aws, fake, config, state, calls, deployed, rotate };
}

/** Writes to the fake as someone else would (kubectl edit): a server-side apply under another field manager. */
async function editBehindMsdemosBack(fake: FakeKubeApi, path: string, object: unknown): Promise<void> {
  const answer = await fetch(`${fake.url}${path}?fieldManager=kubectl-edit&force=true`, {
    method: "PATCH",
    headers: { "content-type": "application/apply-patch+yaml", authorization: "Bearer someone" },
    body: JSON.stringify(object),
  });
  expect(answer.status).toBe(200);
}

describe("deploy: plan lists exactly what up does", () => {
  it("on an empty cluster: every object created, one apply each", async () => {
    const { aws, config, state, calls } = await stack();
    const planned = await expectPlanIsApply(stepRun(config, aws, state, calls), deployStep, calls);
    expect(named(planned, "create")).toEqual(EVERY_OBJECT);
    expect(calls.mutating()).toHaveLength(EVERY_OBJECT.length);
  });

  it("with everything deployed: nothing, and not one write request", async () => {
    const { aws, config, state, calls, deployed } = await stack();
    await deployed();
    const run = stepRun(config, aws, state, calls);
    const planned = await expectPlanIsApply(run, deployStep, calls);
    expect(planned.map((c) => c.action)).toEqual(EVERY_OBJECT.map(() => "none"));
    expect(calls.mutating()).toEqual([]);
    // The outputs are still there: the load balancers, from the live Services.
    expect(Object.keys(run.state.get("deploy")!.outputs.loadBalancers as object).sort()).toEqual([
      "auth",
      "orders",
      "products",
    ]);
  });

  it("after a Deployment's image was edited and a Service deleted behind msdemo's back: those two", async () => {
    const { aws, fake, config, state, calls, deployed } = await stack();
    await deployed();
    const live = structuredClone(fake.get("Deployment", "orders-service", "msdemo")!);
    const containers = (live.spec as { template: { spec: { containers: { image: string }[] } } }).template
      .spec.containers;
    containers[0]!.image = "someone/else:latest";
    await editBehindMsdemosBack(fake, "/apis/apps/v1/namespaces/msdemo/deployments/orders-service", live);
    const deleted = await fetch(`${fake.url}/api/v1/namespaces/msdemo/services/products-service`, {
      method: "DELETE",
      headers: { authorization: "Bearer someone" },
    });
    expect(deleted.status).toBe(200);
    const planned = await expectPlanIsApply(stepRun(config, aws, state, calls), deployStep, calls);
    expect(named(planned, "update")).toEqual(["Kubernetes Deployment msdemo/orders-service"]);
    expect(named(planned, "create")).toEqual(["Kubernetes Service msdemo/products-service"]);
    expect(planned.find((c) => c.action === "update")?.detail).toMatch(/image/);
    expect(fake.get("Deployment", "orders-service", "msdemo")).toMatchObject({
      spec: { template: { spec: { containers: [{ image: STACK.images.orders }] } } },
    });
  });

  it("after the database password changed in AWS (a rotation): the Secret and every pod template", async () => {
    const { aws, config, state, calls, deployed, rotate } = await stack();
    await deployed();
    await rotate("rotated-password");
    const planned = await expectPlanIsApply(stepRun(config, aws, state, calls), deployStep, calls);
    expect(named(planned, "update")).toEqual([
      `Kubernetes Secret msdemo/${SECRET_NAME}`,
      ...WORKLOADS.map((w) => `Kubernetes Deployment msdemo/${w}`),
    ]);
    // The plan names the fields, never the secret's values.
    expect(JSON.stringify(planned)).not.toContain("rotated-password");
    expect(JSON.stringify(planned)).not.toContain(Buffer.from("rotated-password").toString("base64"));
  });

  it("while the namespace is still Terminating from a teardown: everything created again, once it is gone", async () => {
    const { aws, fake, config, state, calls, deployed } = await stack({ namespaceDeleteMs: "manual" });
    await deployed();
    const deleting = await fetch(`${fake.url}/api/v1/namespaces/msdemo`, {
      method: "DELETE",
      headers: { authorization: "Bearer someone" },
    });
    expect(deleting.status).toBe(200);
    const run = stepRun(config, aws, state, calls);
    const agreed = expectPlanIsApply(run, deployStep, calls);
    const waiting = t("kube.namespace.terminating", { namespace: "msdemo" });
    await waitUntil(
      () => run.events.some((e) => e.type === "step-progress" && e.message === waiting),
      "the namespace wait to start",
    );
    // Nothing may be written into a namespace on its way out.
    expect(calls.mutating()).toEqual([]);
    fake.finishNamespaceDeletions();
    const planned = await agreed;
    expect(named(planned, "create")).toEqual(EVERY_OBJECT);
    expect(planned[0]?.detail).toBe(t("deploy.plan.terminating"));
  });

  it("before the images and database steps ran: a plan of creates, without reading the cluster", async () => {
    const { aws, config, calls } = await stack();
    const planned = await stepRun(config, aws, {}, calls).plan(deployStep);
    expect(named(planned, "create")).toEqual(EVERY_OBJECT);
    expect(calls.calls).toEqual([]);
  });
});
