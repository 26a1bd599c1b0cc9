// The templates: strict placeholders, values that cannot inject YAML, secrets
// only through secretKeyRef, and every object valid against the Kubernetes
// schemas (kubernetes-models).
import { createPublicKey } from "node:crypto";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Namespace, Secret, Service } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import {
  type KubeObject,
  renderObjects,
  renderStack,
  renderTemplate,
  SECRET_HASH_ANNOTATION,
} from "../../src/kube/render.js";
import { SERVICE_NAMES } from "../../src/routes.js";
import { rsaKeyPair } from "../support/token-keys.js";
import { STACK } from "./fixtures.js";

interface Container {
  name: string;
  image: string;
  ports: { containerPort: number }[];
  env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  readinessProbe: { httpGet: { path: string; port: number } };
  livenessProbe: { httpGet: { path: string; port: number } };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: Record<string, unknown>;
}
interface DeploymentShape {
  spec: {
    replicas: number;
    template: { spec: { securityContext: Record<string, unknown>; containers: Container[] } };
  };
}

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Namespace,
  Secret,
  Deployment,
  Service,
  HorizontalPodAutoscaler,
};

const objects = renderStack(STACK, SERVICE_NAMES);
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
const container = (d: KubeObject) => (d as unknown as DeploymentShape).spec.template.spec.containers[0]!;

describe("renderStack", () => {
  it("renders the namespace and Secret, then a Deployment, Service and HPA per service, all in namespace msdemo", () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      "Namespace/msdemo",
      "Secret/msdemo-secrets",
      ...["auth", "orders", "products"].flatMap((s) => [
        `Deployment/${s}-service`,
        `Service/${s}-service`,
        `HorizontalPodAutoscaler/${s}-service`,
      ]),
    ]);
    for (const o of objects.filter((o) => o.kind !== "Namespace"))
      expect(o.metadata.namespace).toBe("msdemo");
  });

  it("validates every object against the Kubernetes schemas", () => {
    for (const object of objects) {
      const Model = MODELS[object.kind];
      expect(Model, object.kind).toBeDefined();
      expect(
        () => new Model!(object as never).validate(),
        `${object.kind} ${object.metadata.name}`,
      ).not.toThrow();
    }
  });

  it("the schema check itself rejects a broken object", () => {
    const broken = structuredClone(ofKind("Deployment")[0]!) as unknown as DeploymentShape;
    (broken.spec as unknown as Record<string, unknown>).replicas = "two";
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });

  it("keeps the walkthrough's shape: 2 replicas, port 3000, a LoadBalancer Service on 3000", () => {
    for (const d of ofKind("Deployment")) {
      expect((d as unknown as DeploymentShape).spec.replicas).toBe(2);
      expect(container(d).ports).toEqual([{ containerPort: 3000 }]);
    }
    for (const s of ofKind("Service")) {
      expect(s.spec).toMatchObject({ type: "LoadBalancer", ports: [{ port: 3000, targetPort: 3000 }] });
    }
  });

  it("pins each service's own image by digest", () => {
    const images = Object.fromEntries(ofKind("Deployment").map((d) => [d.metadata.name, container(d).image]));
    expect(images).toEqual({
      "auth-service": STACK.images.auth,
      "orders-service": STACK.images.orders,
      "products-service": STACK.images.products,
    });
    expect(() =>
      renderStack({ ...STACK, images: { ...STACK.images, orders: "repo/orders:latest" } }, SERVICE_NAMES),
    ).toThrow(/orders is not pinned by digest/);
  });

  it("passes DB settings plainly, the DB password and JWT keys only through secretKeyRef (private key to auth only)", () => {
    const jwtEnv = (service: string) =>
      container(ofKind("Deployment").find((d) => d.metadata.name === `${service}-service`)!).env.filter((e) =>
        e.name.startsWith("JWT_"),
      );
    expect(jwtEnv("auth")).toEqual([
      { name: "JWT_PRIVATE_KEY", valueFrom: { secretKeyRef: { name: "msdemo-secrets", key: "jwt-secret" } } },
      { name: "JWT_AUDIENCE", value: "msdemo" },
    ]);
    expect(jwtEnv("orders")).toEqual([
      {
        name: "JWT_PUBLIC_KEY",
        valueFrom: { secretKeyRef: { name: "msdemo-secrets", key: "jwt-public-key" } },
      },
      { name: "JWT_AUDIENCE", value: "msdemo" },
    ]);
    expect(jwtEnv("products")).toEqual([]);
    for (const d of ofKind("Deployment")) {
      const env = Object.fromEntries(container(d).env.map((e) => [e.name, e]));
      expect(env.DB_HOST?.value).toBe(STACK.db.host);
      expect(env.DB_PORT?.value).toBe("5432");
      expect(env.DB_NAME?.value).toBe("postgres");
      expect(env.DB_USER?.value).toBe("postgres");
      expect(env.DB_SSL?.value).toBe("require");
      expect(env.DB_PASS).toEqual({
        name: "DB_PASS",
        valueFrom: { secretKeyRef: { name: "msdemo-secrets", key: "db-password" } },
      });
      expect(env.DB_PASS).not.toHaveProperty("value");
    }
    // No secret value anywhere but in the Secret, in any encoding.
    const outside = JSON.stringify(objects.filter((o) => o.kind !== "Secret"));
    for (const value of [STACK.secrets.dbPassword, STACK.secrets.jwtSecret]) {
      expect(outside).not.toContain(value);
      expect(outside).not.toContain(Buffer.from(value).toString("base64"));
    }
  });

  it("puts a hash of the Secret's data on every pod template, so a changed secret rolls the pods", () => {
    const hashes = (secrets: typeof STACK.secrets) =>
      renderStack({ ...STACK, secrets }, SERVICE_NAMES)
        .filter((o) => o.kind === "Deployment")
        .map((o) => {
          const spec = o.spec as { template: { metadata: { annotations?: Record<string, string> } } };
          return spec.template.metadata.annotations?.[SECRET_HASH_ANNOTATION];
        });
    const first = hashes(STACK.secrets);
    expect(first).toHaveLength(3);
    expect(new Set(first).size).toBe(1);
    expect(first[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(hashes(STACK.secrets)).toEqual(first);
    expect(hashes({ ...STACK.secrets, dbPassword: "rotated" })[0]).not.toBe(first[0]);
    expect(hashes({ ...STACK.secrets, jwtSecret: rsaKeyPair().privateKey })[0]).not.toBe(first[0]);
  });

  it("stores the secrets verbatim in the Secret, however much YAML they contain", () => {
    const secret = ofKind("Secret")[0] as unknown as { data: Record<string, string> };
    const decode = (b64: string | undefined) => Buffer.from(b64 ?? "", "base64").toString("utf8");
    expect(decode(secret.data["db-password"])).toBe(STACK.secrets.dbPassword);
    expect(decode(secret.data["jwt-secret"])).toBe(STACK.secrets.jwtSecret);
    // The public half, for orders: it matches the private key.
    const publicPem = decode(secret.data["jwt-public-key"]);
    expect(publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(createPublicKey(STACK.secrets.jwtSecret).export({ type: "spki", format: "pem" })).toBe(publicPem);
    // A value that looks like YAML stays a single string value of DB_HOST.
    const odd = renderStack({ ...STACK, db: { ...STACK.db, host: 'h"\n  evil: {{ dbUser }}' } }, ["auth"]);
    const env = container(odd.find((o) => o.kind === "Deployment")!).env;
    expect(env.find((e) => e.name === "DB_HOST")?.value).toBe('h"\n  evil: {{ dbUser }}');
    expect(env.map((e) => e.name)).not.toContain("evil");
  });

  it("sets probes, resources and a locked-down security context", () => {
    for (const d of ofKind("Deployment")) {
      const c = container(d);
      expect(c.readinessProbe.httpGet).toEqual({ path: "/readyz", port: 3000 });
      expect(c.livenessProbe.httpGet).toEqual({ path: "/healthz", port: 3000 });
      expect(c.resources).toEqual({
        requests: { cpu: "100m", memory: "128Mi" },
        limits: { cpu: "500m", memory: "256Mi" },
      });
      expect(c.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
      });
      expect((d as unknown as DeploymentShape).spec.template.spec.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 1000,
        seccompProfile: { type: "RuntimeDefault" },
      });
    }
  });

  it("scales each Deployment with an autoscaling/v2 HPA: CPU 70 %, 2 to 4 replicas", () => {
    for (const h of ofKind("HorizontalPodAutoscaler")) {
      expect(h.apiVersion).toBe("autoscaling/v2");
      expect(h.spec).toEqual({
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: h.metadata.name },
        minReplicas: 2,
        maxReplicas: 4,
        metrics: [
          {
            type: "Resource",
            resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } },
          },
        ],
      });
    }
  });
});

describe("renderTemplate is strict", () => {
  it("fills quoted placeholders, across documents", () => {
    expect(renderTemplate('a: "{{ x }}-{{y}}"\n---\nb: ["{{ x }}"]\n', { x: "1", y: "2" })).toEqual([
      { a: "1-2" },
      { b: ["1"] },
    ]);
  });

  it("rejects a placeholder with no value (unknown placeholder)", () => {
    expect(() => renderTemplate("a: '{{ nope }}'", {}, "t.yaml")).toThrow(
      /t\.yaml: \{\{ nope \}\} has no value/,
    );
  });

  it("rejects a value no placeholder uses (missing placeholder)", () => {
    expect(() => renderTemplate("a: '{{ x }}'", { x: "1", y: "2" }, "t.yaml")).toThrow(
      /no placeholder for y/,
    );
  });

  it("rejects a placeholder outside a quoted string", () => {
    expect(() => renderTemplate("a: {{ x }}\n", { x: "1" }, "t.yaml")).toThrow(/inside quotes/);
    expect(() => renderTemplate("a: [{{ x }}]\n", { x: "1" }, "t.yaml")).toThrow(/inside quotes/);
  });

  it("ignores placeholders in comments, and rejects invalid YAML and non-objects", () => {
    expect(renderTemplate("# {{ nothing }}\na: '{{ x }}'\n", { x: "1" })).toEqual([{ a: "1" }]);
    expect(() => renderTemplate("a: [\n", {}, "bad.yaml")).toThrow(/bad\.yaml: not valid YAML/);
    expect(() => renderObjects("a: 1\n", {}, "plain.yaml")).toThrow(/not a Kubernetes object/);
  });
});
