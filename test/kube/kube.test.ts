// The Kubernetes side against the FAKE API server of test/support: templates,
// server-side apply, waits, diagnosis, removal; the EKS token; kubeconfig merge.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import type { HttpRequest } from "@smithy/protocol-http";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Namespace, Secret, Service } from "kubernetes-models/v1";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { applyObjects } from "../../src/kube/apply.js";
import { loadBalancerName } from "../../src/kube/elb.js";
import { eksKubeconfigEntry, KubeSession, mergeKubeconfig } from "../../src/kube/kubeconfig.js";
import { podLogs } from "../../src/kube/logs.js";
import { removeDeployment } from "../../src/kube/remove.js";
import { renderStack, renderTemplate } from "../../src/kube/render.js";
import { eksToken, signer, stsRequest, TOKEN_PREFIX } from "../../src/kube/token.js";
import { waitForLoadBalancers, waitForRollouts } from "../../src/kube/wait.js";
import { SERVICE_NAMES } from "../../src/routes.js";
import { type FakeKubeApi, type FakeKubeOptions, startFakeKubeApi } from "../support/fake-kube-api.js";
import { tempDir } from "../support/process.js";

const VALUES = {
  namespace: "msdemo",
  images: {
    auth: "123456789012.dkr.ecr.us-east-1.amazonaws.com/auth-service-repo@sha256:" + "a".repeat(64),
    orders: "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-service-repo@sha256:" + "b".repeat(64),
    products: "123456789012.dkr.ecr.us-east-1.amazonaws.com/products-service-repo@sha256:" + "c".repeat(64),
  },
  db: { host: "pgdb-rds.abc.us-east-1.rds.amazonaws.com", port: 5432, name: "postgres", user: "postgres" },
  secrets: { dbPassword: "p@ss: word\"'\n- injected: true", jwtSecret: "jwt-secret-value-0123456789" },
};

let fake: FakeKubeApi | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function session(options: FakeKubeOptions = {}) {
  fake = await startFakeKubeApi(options);
  const file = join(tempDir("kubeconfig"), "config");
  writeFileSync(file, fake.kubeconfig());
  return new KubeSession({ kind: "file", path: file }).config();
}

const quick = (names: string[], timeoutMs = 3_000) => ({
  namespace: "msdemo",
  names,
  timeoutMs,
  intervalMs: 20,
  signal: new AbortController().signal,
});

describe("templates", () => {
  it("render every object valid against the Kubernetes schemas, secrets only through secretKeyRef", () => {
    const objects = renderStack(VALUES, SERVICE_NAMES);
    const models: Record<string, new (o: never) => { validate(): void }> = {
      Deployment,
      Service,
      HorizontalPodAutoscaler,
      Namespace,
      Secret,
    };
    expect(objects.map((o) => o.kind)).toEqual([
      "Namespace",
      "Secret",
      ...SERVICE_NAMES.flatMap(() => ["Deployment", "Service", "HorizontalPodAutoscaler"]),
    ]);
    for (const object of objects) {
      const Model = models[object.kind]!;
      expect(
        () => new Model(object as never).validate(),
        `${object.kind} ${object.metadata.name}`,
      ).not.toThrow();
    }
    const text = JSON.stringify(objects.filter((o) => o.kind !== "Secret"));
    expect(text).not.toContain(VALUES.secrets.dbPassword.slice(0, 6));
    expect(text).not.toContain(VALUES.secrets.jwtSecret);
    for (const d of objects.filter((o) => o.kind === "Deployment")) {
      const container = (
        d.spec as {
          template: {
            spec: {
              containers: {
                image: string;
                env: { name: string; value?: string; valueFrom?: unknown }[];
                securityContext: Record<string, unknown>;
              }[];
            };
          };
        }
      ).template.spec.containers[0]!;
      expect(container.image).toMatch(/@sha256:[0-9a-f]{64}$/);
      const env = Object.fromEntries(container.env.map((e) => [e.name, e]));
      expect(env.DB_PASS).toEqual({
        name: "DB_PASS",
        valueFrom: { secretKeyRef: { name: "msdemo-secrets", key: "db-password" } },
      });
      expect(env.JWT_SECRET?.valueFrom).toBeDefined();
      expect(env.DB_SSL?.value).toBe("require");
      expect(env.DB_HOST?.value).toBe(VALUES.db.host);
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
      });
    }
    // The odd password stays one string value: no YAML injection.
    const secret = objects.find((o) => o.kind === "Secret") as unknown as { stringData: Record<string, string> };
    expect(secret.stringData["db-password"]).toBe(VALUES.secrets.dbPassword);
  });

  it("is strict: an unknown placeholder or an unused value is an error", () => {
    expect(() => renderTemplate("a: '{{ nope }}'", {}, "t.yaml")).toThrow(/\{\{ nope \}\}/);
    expect(() => renderTemplate("a: '{{ x }}'", { x: "1", y: "2" }, "t.yaml")).toThrow(
      /no placeholder for y/,
    );
    expect(renderTemplate("a: '{{ x }}'", { x: "1" })).toEqual([{ a: "1" }]);
  });
});

describe("apply, wait, re-apply, remove against the fake API server", () => {
  it("applies, waits for rollouts and load balancers, re-applies with no change, then removes", async () => {
    const config = await session({ readyAfterMs: 100, loadBalancerAfterMs: 150 });
    const objects = renderStack(VALUES, SERVICE_NAMES);
    const first = await applyObjects(config, objects);
    expect(first.every((a) => a.outcome === "created")).toBe(true);
    const names = SERVICE_NAMES.map((s) => `${s}-service`);
    await waitForRollouts(config, quick(names));
    const hosts = await waitForLoadBalancers(config, quick(names));
    expect(Object.keys(hosts).sort()).toEqual(names.sort());
    expect(hosts["auth-service"]).toMatch(/\.elb\.amazonaws\.com$/);
    expect(fake!.get("Deployment", "auth-service", "msdemo")?.metadata.managedFields).toEqual([
      { manager: "msdemo" },
    ]);

    const versions = fake!.objects().map((o) => o.metadata.resourceVersion);
    const second = await applyObjects(config, objects);
    expect(second.every((a) => a.outcome === "unchanged")).toBe(true);
    expect(fake!.objects().map((o) => o.metadata.resourceVersion)).toEqual(versions);

    const changed = renderStack(
      { ...VALUES, images: { ...VALUES.images, orders: VALUES.images.orders.replace("bbbb", "dddd") } },
      SERVICE_NAMES,
    );
    const third = await applyObjects(config, changed);
    expect(third.filter((a) => a.outcome === "changed")).toEqual([
      { kind: "Deployment", name: "orders-service", outcome: "changed" },
    ]);

    const asked: string[] = [];
    await removeDeployment(config, {
      namespace: "msdemo",
      signal: new AbortController().signal,
      intervalMs: 10,
      timeoutMs: 2_000,
      loadBalancerGone: async (h) => (asked.push(h), asked.filter((x) => x === h).length > 1),
    });
    expect(new Set(asked)).toEqual(new Set(Object.values(hosts)));
    expect(fake!.objects()).toEqual([]);
    const deletes = fake!.requests.filter((r) => r.startsWith("DELETE"));
    expect(deletes.at(-1)).toBe("DELETE /api/v1/namespaces/msdemo");
    expect(deletes.slice(0, 3).every((d) => d.includes("/services/"))).toBe(true);
    // Removing again: already gone is success.
    await removeDeployment(config, {
      namespace: "msdemo",
      signal: new AbortController().signal,
      intervalMs: 10,
      timeoutMs: 500,
      loadBalancerGone: async () => true,
    });
  });

  for (const [trouble, expected] of [
    ["ImagePullBackOff", /ImagePullBackOff — the node cannot pull the image/],
    ["CrashLoopBackOff", /CrashLoopBackOff — .*last log lines:\nlistening on 3000/s],
    ["Pending", /Pending — 0\/2 nodes are available: 2 Insufficient cpu/],
  ] as const) {
    it(`explains a rollout timeout from the pods: ${trouble}`, async () => {
      const config = await session({ trouble: { "orders-service": trouble } });
      await applyObjects(config, renderStack(VALUES, SERVICE_NAMES));
      await expect(waitForRollouts(config, quick(["auth-service", "orders-service"], 200))).rejects.toThrow(
        expected,
      );
    });
  }

  it("streams pod logs prefixed by pod name", async () => {
    const config = await session();
    await applyObjects(config, renderStack(VALUES, SERVICE_NAMES));
    const lines: string[] = [];
    const pods = await podLogs(config, {
      namespace: "msdemo",
      app: "products-service",
      follow: false,
      write: (l) => lines.push(l),
    });
    expect(pods).toBe(2);
    expect(lines).toContain("products-service-pod0 listening on 3000\n");
    expect(lines).toContain("products-service-pod1 request served by products-service-pod1\n");
  });
});

describe("EKS token", () => {
  it("is k8s-aws-v1. + base64url of a 60 s presigned GetCallerIdentity URL whose signature verifies", async () => {
    const credentials = {
      accessKeyId: "AKIDEXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    };
    const now = new Date("2026-11-28T10:00:00Z");
    const { token, expiresAt } = await eksToken({
      clusterName: "node-microservices-demo",
      region: "us-east-1",
      credentials,
      now,
    });
    expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(token).not.toMatch(/=/);
    const url = new URL(Buffer.from(token.slice(TOKEN_PREFIX.length), "base64url").toString());
    expect(url.host).toBe("sts.us-east-1.amazonaws.com");
    expect(url.searchParams.get("Action")).toBe("GetCallerIdentity");
    expect(url.searchParams.get("Version")).toBe("2011-06-15");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("60");
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("host;x-k8s-aws-id");
    expect(url.searchParams.get("X-Amz-Credential")).toBe("AKIDEXAMPLE/20261128/us-east-1/sts/aws4_request");
    expect(expiresAt.getTime() - now.getTime()).toBeLessThan(14 * 60_000);
    // Recompute the signature independently over the same request and time.
    const again = await signer({ region: "us-east-1", credentials }).presign(
      stsRequest({ clusterName: "node-microservices-demo", region: "us-east-1" }) as HttpRequest,
      { expiresIn: 60, signingDate: now },
    );
    expect(url.searchParams.get("X-Amz-Signature")).toBe(again.query?.["X-Amz-Signature"]);
    const otherCluster = await eksToken({ clusterName: "other", region: "us-east-1", credentials, now });
    expect(otherCluster.token).not.toBe(token);
  });
});

describe("kubeconfig", () => {
  const entry = eksKubeconfigEntry({
    clusterName: "node-microservices-demo",
    clusterArn: "arn:aws:eks:us-east-1:123456789012:cluster/node-microservices-demo",
    endpoint: "https://ABC.gr7.us-east-1.eks.amazonaws.com",
    caData: "Q0FEQVRB",
    region: "us-east-1",
  });

  it("writes an exec-auth context into an empty file", () => {
    const text = mergeKubeconfig("", entry);
    const config = new KubeConfig();
    config.loadFromString(text);
    expect(config.getCurrentContext()).toBe(
      "arn:aws:eks:us-east-1:123456789012:cluster/node-microservices-demo",
    );
    expect(config.getCurrentUser()?.exec).toMatchObject({
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "aws",
    });
    expect(config.getCurrentCluster()?.server).toBe("https://ABC.gr7.us-east-1.eks.amazonaws.com");
  });

  it("merges into an existing file, keeping other contexts and replacing its own", () => {
    const existing = `apiVersion: v1\nkind: Config\nclusters:\n- name: other\n  cluster: {server: https://other}\nusers:\n- name: other\n  user: {token: t}\ncontexts:\n- name: other\n  context: {cluster: other, user: other}\ncurrent-context: other\n`;
    const once = mergeKubeconfig(existing, entry);
    const twice = mergeKubeconfig(once, entry);
    const doc = parse(twice) as { contexts: { name: string }[]; "current-context": string };
    expect(doc.contexts.map((c) => c.name)).toEqual([
      "other",
      "arn:aws:eks:us-east-1:123456789012:cluster/node-microservices-demo",
    ]);
    expect(doc["current-context"]).toMatch(/cluster\/node-microservices-demo$/);
    const config = new KubeConfig();
    config.loadFromString(twice);
    expect(config.getContexts()).toHaveLength(2);
  });

  it("names a classic load balancer from its DNS name", () => {
    expect(loadBalancerName("a1b2c3d4e5-1234567890.us-east-1.elb.amazonaws.com")).toBe("a1b2c3d4e5");
    expect(loadBalancerName("internal-abc-def-42.us-west-2.elb.amazonaws.com")).toBe("abc-def");
  });
});
