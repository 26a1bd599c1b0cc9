// Server-side apply, re-applying, planning, waiting and diagnosing against a
// REAL control plane (kube-apiserver, controller-manager, scheduler, etcd and
// kwok, test/support/kube-control-plane.ts): real validation, defaults,
// managedFields, ReplicaSets and pods, scheduler events. What a real one cannot
// show quickly (pull errors, crash loops, pods that never get ready) is in
// apply-fake.test.ts.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  type KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
} from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { MsdemoError } from "../../src/errors.js";
import { es } from "../../src/i18n/es.js";
import { setLanguage } from "../../src/i18n/index.js";
import { applyObjects, FIELD_MANAGER, planObjects } from "../../src/kube/apply.js";
import { explainKubeError } from "../../src/kube/errors.js";
import { kubeConfigFor } from "../../src/kube/kubeconfig.js";
import { type KubeObject, renderStack, type StackValues } from "../../src/kube/render.js";
import { deployStack } from "../../src/kube/stack.js";
import { waitForLoadBalancers, waitForRollouts } from "../../src/kube/wait.js";
import { SERVICE_NAMES } from "../../src/routes.js";
import type { Catalogue } from "../support/catalogue.js";
import { fill } from "../support/catalogue.js";
import { realKubeAvailable, TOKENS } from "../support/kube-control-plane.js";
import { tempDir } from "../support/process.js";
import { rsaKeyPair } from "../support/token-keys.js";
import { STACK } from "./fixtures.js";
import { never, realCluster, recorder } from "./helpers.js";

const NAMES = ["auth-service", "orders-service", "products-service"];
const stack = (namespace: string, changes: Partial<StackValues> = {}): StackValues => ({
  ...STACK,
  namespace,
  ...changes,
});
const fast = { signal: never(), intervalMs: 100 };

/** Per object: its generation and the fields msdemo owns (its managedFields entry), not resourceVersion. */
async function ownership(config: KubeConfig, objects: KubeObject[]) {
  const api = KubernetesObjectApi.makeApiClient(config);
  const out: Record<string, unknown> = {};
  for (const o of objects) {
    const live = await api.read({
      apiVersion: o.apiVersion,
      kind: o.kind,
      metadata: {
        name: o.metadata.name,
        ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
      },
    });
    const mine = live.metadata?.managedFields?.filter((m) => m.manager === FIELD_MANAGER);
    out[`${o.kind}/${o.metadata.name}`] = {
      generation: live.metadata?.generation,
      msdemo: JSON.parse(JSON.stringify(mine ?? [])),
    };
  }
  return out;
}

async function setCordoned(config: KubeConfig, unschedulable: boolean) {
  const core = config.makeApiClient(CoreV1Api);
  for (const node of (await core.listNode()).items) {
    node.spec = { ...node.spec, unschedulable };
    await core.replaceNode({ name: node.metadata!.name!, body: node });
  }
}

describe.skipIf(!realKubeAvailable())("against a real control plane", () => {
  const cluster = realCluster();
  afterEach(() => setLanguage("en"));

  describe("deployStack", () => {
    it("applies everything, waits for real rollouts and the load balancers, and returns each hostname", async () => {
      const namespace = cluster.namespace();
      const config = cluster.config();
      const progress = recorder();
      const result = await deployStack(config, {
        ...stack(namespace),
        ...fast,
        onProgress: progress.onProgress,
      });

      expect(result.applied.map((a) => a.outcome)).toEqual(Array(11).fill("created"));
      // Each hostname is the one the (stand-in) cloud made and wrote into the Service's status.
      const core = config.makeApiClient(CoreV1Api);
      const cloud = await cluster.plane().loadBalancers.cloud.list();
      for (const service of ["auth", "orders", "products"] as const) {
        const live = await core.readNamespacedService({ name: `${service}-service`, namespace });
        expect(result.loadBalancers[service]).toBe(live.status?.loadBalancer?.ingress?.[0]?.hostname);
        expect(cloud).toContain(result.loadBalancers[service]);
      }
      // Owned by msdemo through server-side apply.
      const owners = await ownership(config, renderStack(stack(namespace), SERVICE_NAMES));
      for (const [key, value] of Object.entries(owners)) {
        expect((value as { msdemo: { operation: string }[] }).msdemo, key).toEqual([
          expect.objectContaining({ manager: FIELD_MANAGER, operation: "Apply" }),
        ]);
      }
      // Real ReplicaSets made real pods, scheduled on the kwok nodes and Ready.
      const pods = (await core.listNamespacedPod({ namespace, labelSelector: "app=auth-service" })).items;
      expect(pods).toHaveLength(2);
      for (const pod of pods) {
        expect(pod.spec?.nodeName).toMatch(/^kwok-node-/);
        expect(pod.status?.conditions).toContainEqual(
          expect.objectContaining({ type: "Ready", status: "True" }),
        );
      }
      for (const deployment of NAMES) {
        expect(progress.events).toContainEqual({ type: "rolled-out", deployment, replicas: 2 });
      }
      expect(progress.events.filter((e) => e.type === "load-balancer")).toHaveLength(3);
    });

    it("a rerun changes nothing of msdemo's, even while a controller writes status", async () => {
      const namespace = cluster.namespace();
      const config = cluster.config();
      await deployStack(config, { ...stack(namespace), ...fast });
      const objects = renderStack(stack(namespace), SERVICE_NAMES);
      const before = await ownership(config, objects);

      // An HPA controller's status writes, racing the rerun's reads and applies.
      const hpa = config.makeApiClient(AutoscalingV2Api);
      let writing = true;
      let writes = 0;
      const writer = (async () => {
        while (writing) {
          for (const name of NAMES) {
            const live = await hpa.readNamespacedHorizontalPodAutoscaler({ name, namespace });
            live.status = { ...live.status, desiredReplicas: 2, lastScaleTime: new Date() };
            await hpa
              .replaceNamespacedHorizontalPodAutoscalerStatus({ name, namespace, body: live })
              .then(() => writes++)
              .catch(() => undefined);
          }
        }
      })();
      const again = await applyObjects(config, objects);
      writing = false;
      await writer;

      expect(writes).toBeGreaterThan(0);
      expect(again.map((a) => `${a.kind}/${a.name} ${a.outcome}`)).toEqual(
        objects.map((o) => `${o.kind}/${o.metadata.name} unchanged`),
      );
      expect(await ownership(config, objects)).toEqual(before);
    });

    it("a new image changes only its Deployment; a new secret the Secret and every pod template", async () => {
      const namespace = cluster.namespace();
      const config = cluster.config();
      await deployStack(config, { ...stack(namespace), ...fast });
      const newImage = STACK.images.orders.replace(/@sha256:.*/, `@sha256:${"d".repeat(64)}`);
      const changed = await deployStack(config, {
        ...stack(namespace, { images: { ...STACK.images, orders: newImage } }),
        ...fast,
      });
      expect(changed.applied.filter((a) => a.outcome !== "unchanged")).toEqual([
        expect.objectContaining({ kind: "Deployment", name: "orders-service", outcome: "changed" }),
      ]);
      const orders = await config
        .makeApiClient(AppsV1Api)
        .readNamespacedDeployment({ name: "orders-service", namespace });
      expect(orders.metadata?.generation).toBe(2);
      expect(orders.status).toMatchObject({ observedGeneration: 2, readyReplicas: 2, updatedReplicas: 2 });

      const rotated = renderStack(
        stack(namespace, {
          secrets: { ...STACK.secrets, jwtSecret: rsaKeyPair().privateKey },
          images: { ...STACK.images, orders: newImage },
        }),
        SERVICE_NAMES,
      );
      const applied = await applyObjects(config, rotated);
      // A new secret changes the Secret and, through the secret-hash annotation, every pod template
      // (env values are read only at start, so the pods must roll to see it).
      expect(applied.filter((a) => a.outcome === "changed").map((a) => `${a.kind}/${a.name}`)).toEqual([
        "Secret/msdemo-secrets",
        "Deployment/auth-service",
        "Deployment/orders-service",
        "Deployment/products-service",
      ]);
    });

    it("an annotation-only change is msdemo's change: reported changed, for that object alone", async () => {
      const namespace = cluster.namespace();
      const config = cluster.config();
      const objects = renderStack(stack(namespace), SERVICE_NAMES);
      await applyObjects(config, objects);
      const annotated = structuredClone(objects).map((o) =>
        o.kind === "Service" && o.metadata.name === "auth-service"
          ? { ...o, metadata: { ...o.metadata, annotations: { "msdemo.invalid/note": "hello" } } }
          : o,
      );
      const applied = await applyObjects(config, annotated);
      expect(
        applied.filter((a) => a.outcome !== "unchanged").map((a) => `${a.kind}/${a.name} ${a.outcome}`),
      ).toEqual(["Service/auth-service changed"]);
      const again = await applyObjects(config, annotated);
      expect(again.every((a) => a.outcome === "unchanged")).toBe(true);
    });

    it("keeps an autoscaled Deployment's live replica count: a rerun does not undo the HPA's scale-up", async () => {
      const namespace = cluster.namespace();
      const config = cluster.config();
      await deployStack(config, { ...stack(namespace), ...fast });
      // The HPA scales orders up through the scale subresource.
      const apps = config.makeApiClient(AppsV1Api);
      await apps.replaceNamespacedDeploymentScale({
        name: "orders-service",
        namespace,
        body: {
          apiVersion: "autoscaling/v1",
          kind: "Scale",
          metadata: { name: "orders-service", namespace },
          spec: { replicas: 3 },
        },
      });
      await waitForRollouts(config, { namespace, names: ["orders-service"], timeoutMs: 120_000, ...fast });

      const again = await deployStack(config, { ...stack(namespace), ...fast });
      expect(again.applied.map((a) => a.outcome)).toEqual(Array(11).fill("unchanged"));
      const orders = await apps.readNamespacedDeployment({ name: "orders-service", namespace });
      expect(orders.spec?.replicas).toBe(3);
      const pods = await config
        .makeApiClient(CoreV1Api)
        .listNamespacedPod({ namespace, labelSelector: "app=orders-service" });
      expect(pods.items.filter((p) => !p.metadata?.deletionTimestamp)).toHaveLength(3);
      const plans = await planObjects(config, renderStack(stack(namespace), SERVICE_NAMES));
      expect(plans.filter((p) => p.action !== "none")).toEqual([]);
    });
  });

  describe("planObjects", () => {
    it("says create, then none despite the server's defaults, then update with the differing fields but never their values", async () => {
      const namespace = cluster.namespace();
      const config = cluster.config();
      const objects = renderStack(stack(namespace), SERVICE_NAMES);
      expect((await planObjects(config, objects)).map((p) => p.action)).toEqual(Array(11).fill("create"));
      await applyObjects(config, objects);
      const versions = await ownership(config, objects);
      expect((await planObjects(config, objects)).map((p) => p.action)).toEqual(Array(11).fill("none"));

      const changed = renderStack(
        stack(namespace, {
          images: {
            ...STACK.images,
            auth: STACK.images.auth.replace(/@sha256:.*/, `@sha256:${"e".repeat(64)}`),
          },
          secrets: { ...STACK.secrets, dbPassword: "new-password" },
        }),
        SERVICE_NAMES,
      );
      const plan = await planObjects(config, changed);
      const hash = "spec.template.metadata.annotations.msdemo/secret-hash";
      expect(plan.filter((p) => p.action === "update")).toEqual([
        { kind: "Secret", name: "msdemo-secrets", action: "update", differences: ["data.db-password"] },
        {
          kind: "Deployment",
          name: "auth-service",
          action: "update",
          differences: [hash, "spec.template.spec.containers[0].image"],
        },
        { kind: "Deployment", name: "orders-service", action: "update", differences: [hash] },
        { kind: "Deployment", name: "products-service", action: "update", differences: [hash] },
      ]);
      expect(JSON.stringify(plan)).not.toContain(Buffer.from("new-password").toString("base64"));
      // Planning changed nothing.
      expect(await ownership(config, objects)).toEqual(versions);
    });
  });

  describe("what Kubernetes refuses, in plain words", () => {
    it("404: a missing namespace, without echoing the Secret's data", async () => {
      const namespace = cluster.namespace();
      const withoutNamespace = renderStack(stack(namespace), SERVICE_NAMES).filter(
        (o) => o.kind !== "Namespace",
      );
      const failure = applyObjects(cluster.config(), withoutNamespace);
      await expect(failure).rejects.toThrow(
        new RegExp(
          `Applying Secret ${namespace}/msdemo-secrets: HTTP 404 — namespaces "${namespace}" not found`,
        ),
      );
      const message = await failure.catch((e: Error) => `${e.message} ${JSON.stringify(e)}`);
      expect(message).not.toContain(Buffer.from(STACK.secrets.jwtSecret).toString("base64"));
    });

    it("401: a token the cluster does not know", async () => {
      const namespace = cluster.namespace();
      const failure = applyObjects(cluster.config("not-a-token"), renderStack(stack(namespace), ["auth"]));
      await expect(failure).rejects.toMatchObject({
        message: `Applying Namespace ${namespace}: the cluster did not accept msdemo's credentials (HTTP 401).`,
        hint: expect.stringMatching(/AWS credentials/),
      });
    });

    it("403: who may not do what, where (English and Spanish)", async () => {
      const namespace = cluster.namespace();
      await applyObjects(cluster.config(), renderStack(stack(namespace), []));
      const secretOnly = renderStack(stack(namespace), ["auth"]).filter((o) => o.kind === "Secret");
      const failure = () => applyObjects(cluster.config(TOKENS.nobody), secretOnly);
      await expect(failure()).rejects.toMatchObject({
        message: `Applying Secret ${namespace}/msdemo-secrets: not allowed (HTTP 403): the cluster says user msdemo-nobody may not get secrets in namespace ${namespace}.`,
        hint: expect.stringMatching(/access entry/),
      });
      setLanguage("es");
      const spanish = await failure().then(
        () => new MsdemoError("no error"),
        (e: MsdemoError) => e,
      );
      expect(spanish.message).toBe(
        fill(es as Catalogue, "kube.errors.forbiddenIn", {
          doing: `Aplicando Secret ${namespace}/msdemo-secrets`,
          user: "msdemo-nobody",
          verb: "get",
          resource: "secrets",
          namespace,
        }),
      );
    });

    it("422: an immutable field names the field and says how to get past it", async () => {
      const namespace = cluster.namespace();
      const config = cluster.config();
      const objects = renderStack(stack(namespace), ["auth"]);
      await applyObjects(config, objects);
      const moved = structuredClone(objects).map((o) => {
        if (o.kind !== "Deployment") return o;
        const spec = o.spec as {
          selector: { matchLabels: Record<string, string> };
          template: { metadata: { labels: Record<string, string> } };
        };
        spec.selector.matchLabels.tier = "web";
        spec.template.metadata.labels.tier = "web";
        return o;
      });
      await expect(applyObjects(config, moved)).rejects.toMatchObject({
        message: expect.stringMatching(
          new RegExp(
            `^Applying Deployment ${namespace}/auth-service: Kubernetes rejected it as invalid \\(HTTP 422\\):\\n  - spec\\.selector: .*field is immutable`,
          ),
        ),
        hint: expect.stringMatching(/cannot change on an existing object/),
      });

      // A required value missing (an edited template without an image) names the field too.
      const imageless = structuredClone(objects).filter((o) => o.kind === "Deployment");
      delete (imageless[0]!.spec as { template: { spec: { containers: { image?: string }[] } } }).template
        .spec.containers[0]!.image;
      await expect(applyObjects(config, imageless)).rejects.toMatchObject({
        message: `Applying Deployment ${namespace}/auth-service: Kubernetes rejected it as invalid (HTTP 422):\n  - spec.template.spec.containers[0].image: Required value`,
        hint: expect.stringMatching(/a value Kubernetes does not accept/),
      });
    });

    it("409: a field another manager owns, named with its owner", async () => {
      const namespace = cluster.namespace();
      const config = cluster.config();
      await applyObjects(config, renderStack(stack(namespace), ["auth"]));
      const api = KubernetesObjectApi.makeApiClient(config);
      const otherTool = api.patch(
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "auth-service", namespace },
          spec: { replicas: 5 },
        },
        undefined,
        undefined,
        "kubectl",
        false,
        PatchStrategy.ServerSideApply,
      );
      const error = await otherTool.then(
        () => undefined,
        (e: unknown) => explainKubeError(e, `Applying Deployment ${namespace}/auth-service`),
      );
      expect(error?.message).toMatch(
        new RegExp(
          `^Applying Deployment ${namespace}/auth-service: another tool manages these fields, so Kubernetes refused the change \\(HTTP 409\\):\\n  - \\.spec\\.replicas: conflict with "msdemo"`,
        ),
      );
    });

    it("an API server that cannot be reached", async () => {
      // The plane's kubeconfig, pointed at a port nothing listens on.
      const path = join(tempDir("kubeconfig"), "config");
      writeFileSync(
        path,
        cluster
          .plane()
          .kubeconfig()
          .replace(/server: \S+/, "server: https://127.0.0.1:1"),
      );
      const config = kubeConfigFor({ kind: "file", path });
      await expect(applyObjects(config, renderStack(stack(cluster.namespace()), []))).rejects.toMatchObject({
        message: expect.stringMatching(/^Applying Namespace t\d+-\d+: /),
        hint: expect.stringMatching(/cannot be reached/),
      });
    });

    it("stops at an aborted signal before changing anything", async () => {
      const namespace = cluster.namespace();
      const controller = new AbortController();
      controller.abort();
      await expect(
        applyObjects(
          cluster.config(),
          renderStack(stack(namespace), SERVICE_NAMES),
          undefined,
          controller.signal,
        ),
      ).rejects.toThrow();
      const core = cluster.config().makeApiClient(CoreV1Api);
      await expect(core.readNamespace({ name: namespace })).rejects.toMatchObject({ code: 404 });
    });
  });

  describe("a namespace still Terminating (teardown, then up at once)", () => {
    it("refuses new objects in plain words, and deployStack waits until it is gone, then converges", async () => {
      const namespace = cluster.namespace();
      const config = cluster.config();
      const watcher = cluster.plane().loadBalancers;
      await deployStack(config, { ...stack(namespace), services: ["auth"], ...fast });
      // The cloud is slow to delete the load balancer: its finalizer keeps the
      // Service, and so the namespace, Terminating until release().
      watcher.hold();
      const core = config.makeApiClient(CoreV1Api);
      try {
        await core.deleteNamespace({ name: namespace });
        // What exists may still be changed; nothing new may be made.
        const newDeployment = renderStack(stack(namespace), ["orders"]).filter(
          (o) => o.kind === "Deployment",
        );
        await expect(applyObjects(config, newDeployment)).rejects.toMatchObject({
          message: `Applying Deployment ${namespace}/orders-service: namespace ${namespace} is still being deleted, so Kubernetes takes nothing new in it (HTTP 403).`,
          hint: `Kubernetes is still removing what was in namespace ${namespace}; run msdemo up again in a minute: it resumes.`,
        });

        const progress = recorder();
        const up = deployStack(config, {
          ...stack(namespace),
          services: ["auth"],
          ...fast,
          onProgress: progress.onProgress,
        });
        await expect
          .poll(() => progress.events, { timeout: 120_000 })
          .toContainEqual({
            type: "namespace-terminating",
            namespace,
          });
        expect(progress.events.some((e) => e.type === "applied")).toBe(false);
        watcher.release();
        const result = await up;
        expect(result.applied.map((a) => a.outcome)).toEqual(Array(result.applied.length).fill("created"));
        const live = await core.readNamespace({ name: namespace });
        expect(live.metadata?.deletionTimestamp).toBeUndefined();
        expect(live.status?.phase).toBe("Active");
      } finally {
        watcher.release();
      }
    }, 180_000);
  });

  describe("waiting and diagnosing", () => {
    it("waits for a rollout while the pods cannot be scheduled, says why from the scheduler, and finishes when they can", async () => {
      const namespace = cluster.namespace();
      const config = cluster.config();
      await setCordoned(config, true);
      try {
        await applyObjects(config, renderStack(stack(namespace), ["auth"]));
        const options = { namespace, names: ["auth-service"], ...fast };
        const failure = await waitForRollouts(config, { ...options, timeoutMs: 5_000 }).catch(
          (e: Error) => e,
        );
        expect(failure).toBeInstanceOf(MsdemoError);
        expect((failure as Error).message).toMatch(
          /auth-service-\S+: Pending — FailedScheduling: 0\/2 nodes are available: 2 node\(s\) were unschedulable/,
        );
        const progress = recorder();
        const waiting = waitForRollouts(config, {
          ...options,
          timeoutMs: 120_000,
          onProgress: progress.onProgress,
        });
        await expect
          .poll(() => progress.events)
          .toContainEqual({ type: "rollout", deployment: "auth-service", ready: 0, desired: 2 });
        await setCordoned(config, false);
        await waiting;
        expect(progress.events.at(-1)).toEqual({
          type: "rolled-out",
          deployment: "auth-service",
          replicas: 2,
        });
      } finally {
        await setCordoned(config, false);
      }
    }, 180_000);

    it("waits for load balancers the cloud is slow to make; on timeout it says what it still waits for", async () => {
      const namespace = cluster.namespace();
      const config = cluster.config();
      const watcher = cluster.plane().loadBalancers;
      watcher.hold();
      try {
        await applyObjects(config, renderStack(stack(namespace), SERVICE_NAMES));
        const options = { namespace, names: NAMES, ...fast };
        await expect(waitForLoadBalancers(config, { ...options, timeoutMs: 500 })).rejects.toThrow(
          /waiting for load balancers for auth-service, orders-service, products-service\.\nauth-service: no event/,
        );
        watcher.release();
        const hosts = await waitForLoadBalancers(config, { ...options, timeoutMs: 60_000 });
        expect(Object.keys(hosts).sort()).toEqual(NAMES);
      } finally {
        watcher.release();
      }
    });

    it("gives up when the signal aborts", async () => {
      const namespace = cluster.namespace();
      const config = cluster.config();
      // No node takes pods: the rollout cannot finish before the abort.
      await setCordoned(config, true);
      try {
        await applyObjects(config, renderStack(stack(namespace), ["auth"]));
        const controller = new AbortController();
        const progress = recorder();
        const waiting = waitForRollouts(config, {
          namespace,
          names: ["auth-service"],
          timeoutMs: 60_000,
          intervalMs: 100,
          signal: controller.signal,
          onProgress: progress.onProgress,
        });
        await expect
          .poll(() => progress.events)
          .toContainEqual({ type: "rollout", deployment: "auth-service", ready: 0, desired: 2 });
        controller.abort();
        await expect(waiting).rejects.toThrow(/abort/i);
      } finally {
        await setCordoned(config, false);
      }
    });

    it("fails clearly for a Deployment that does not exist", async () => {
      const namespace = cluster.namespace();
      await expect(
        waitForRollouts(cluster.config(), { namespace, names: ["nope"], timeoutMs: 1_000, ...fast }),
      ).rejects.toThrow(new RegExp(`Reading Deployment ${namespace}/nope: HTTP 404`));
    });
  });
});
