// msdemo export --format kubernetes, through the built CLI with no AWS to reach:
// every exported object valid against the Kubernetes schemas (kubernetes-models),
// the images and database `up` recorded, the Secret only by reference, the same
// bytes for the same inputs, and with --private the internal-NLB Services up applies.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Namespace, Service } from "kubernetes-models/v1";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { StateStore } from "../../src/state/store.js";
import { OUTPUTS, stateWith } from "../diagram/fixtures.js";
import { type CliResult, runCli } from "../support/cli.js";
import { CLOSED_PORT, tempDir } from "../support/process.js";

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Namespace,
  Deployment,
  Service,
  HorizontalPodAutoscaler,
};

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface Workload {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec?: {
    type?: string;
    loadBalancerSourceRanges?: string[];
    template?: { spec: { containers: { image: string; env: EnvVar[] }[] } };
  };
}

const JWT_ARN =
  "arn:aws:secretsmanager:us-east-1:123456789012:secret:msdemo/node-microservices-demo/jwt-AbCdEf";
const DB_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0a1b2c3d-4e5f-AbCdEf";

let dir: string;
let deadEndpoint: string;
/** A state folder holding a stack `up` finished (images pinned, database and secrets recorded). */
let builtState: string;
let emptyState: string;
/** The built stack, made by an up with --private (remembered in its settings). */
let privateState: string;

function exportKube(args: string[], stateDir: string): Promise<CliResult> {
  return runCli(["export", "--format", "kubernetes", "--state-dir", stateDir, ...args], {
    env: {
      AWS_ENDPOINT_URL: deadEndpoint,
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_PROFILE: undefined,
      AWS_REGION: undefined,
      AWS_DEFAULT_REGION: undefined,
    },
  });
}

const objectsIn = (text: string) =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as Workload | null)
    .filter((o): o is Workload => o !== null);

beforeAll(async () => {
  dir = tempDir("export-kube");
  deadEndpoint = `http://127.0.0.1:${CLOSED_PORT}`;
  builtState = join(dir, "built");
  emptyState = join(dir, "empty");
  const state = stateWith(["network", "database", "registry", "images"]);
  state.steps.database!.outputs = {
    ...OUTPUTS.database,
    dbName: "postgres",
    masterUsername: "postgres",
    passwordSecretArn: DB_ARN,
    jwtSecretArn: JWT_ARN,
  };
  new StateStore(builtState, "node-microservices-demo").write(state);
  privateState = join(dir, "private");
  new StateStore(privateState, "node-microservices-demo").write({ ...state, settings: { private: true } });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("export --format kubernetes", () => {
  it("writes one file per template, every object valid against the Kubernetes schemas", async () => {
    const out = join(dir, "manifests");
    const result = await exportKube(["-o", out], builtState);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "auth-service.yaml",
      "namespace.yaml",
      "orders-service.yaml",
      "products-service.yaml",
    ]);
    const objects = readdirSync(out).flatMap((f) => objectsIn(readFileSync(join(out, f), "utf8")));
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
      [
        "Namespace/msdemo",
        ...["auth", "orders", "products"].flatMap((s) => [
          `Deployment/${s}-service`,
          `Service/${s}-service`,
          `HorizontalPodAutoscaler/${s}-service`,
        ]),
      ].sort(),
    );
    for (const object of objects) {
      const Model = MODELS[object.kind];
      expect(Model, object.kind).toBeDefined();
      expect(
        () => new Model!(object as never).validate(),
        `${object.kind}/${object.metadata.name}`,
      ).not.toThrow();
    }
  });

  it("runs the images up pushed, pinned by digest, against the recorded database", async () => {
    const result = await exportKube([], builtState);
    expect(result.code).toBe(0);
    const deployments = objectsIn(result.stdout).filter((o) => o.kind === "Deployment");
    expect(deployments).toHaveLength(3);
    for (const deployment of deployments) {
      const service = deployment.metadata.name.replace(/-service$/, "") as keyof typeof OUTPUTS.images.images;
      const container = deployment.spec!.template!.spec.containers[0]!;
      expect(container.image).toBe(OUTPUTS.images.images[service]);
      const env = Object.fromEntries(container.env.map((e) => [e.name, e]));
      expect(env.DB_HOST?.value).toBe(OUTPUTS.database.endpoint);
      expect(env.DB_PORT?.value).toBe("5432");
      expect(env.DB_USER?.value).toBe("postgres");
    }
    expect(result.stdout).toContain("Images pinned by digest");
  });

  it("holds no secret: no Secret object, the secrets only by reference, and how to fill it from Secrets Manager", async () => {
    const result = await exportKube([], builtState);
    const objects = objectsIn(result.stdout);
    expect(objects.some((o) => o.kind === "Secret")).toBe(false);
    for (const deployment of objects.filter((o) => o.kind === "Deployment")) {
      const env = deployment.spec!.template!.spec.containers[0]!.env;
      const secretNames = env.filter(
        (e) => e.name === "DB_PASS" || (e.name.startsWith("JWT_") && e.name.endsWith("_KEY")),
      );
      expect(secretNames.length).toBeGreaterThanOrEqual(1);
      for (const variable of secretNames) {
        expect(variable.value).toBeUndefined();
        expect(variable.valueFrom?.secretKeyRef?.name).toBe("msdemo-secrets");
      }
    }
    // The recorded secrets, named for the command that fills the Secret; never a value.
    expect(result.stdout).toContain(`--secret-id ${DB_ARN} --query SecretString`);
    expect(result.stdout).toContain(`--secret-id ${JWT_ARN} --query SecretString`);
    // orders' public key, derived from the private one where the Secret is filled.
    expect(result.stdout).toContain(
      `--from-literal=jwt-public-key="$(aws secretsmanager get-secret-value --secret-id ${JWT_ARN} --query SecretString --output text | openssl pkey -pubout)"`,
    );
    expect(result.stdout).toMatch(
      /^# {3}kubectl create secret generic msdemo-secrets --namespace msdemo \\$/m,
    );
  });

  it("without a stack, takes the tag latest in the account's ECR and the database host given", async () => {
    const host = "pgdb-rds.abcdefghijkl.eu-west-1.rds.amazonaws.com";
    const result = await exportKube(
      [
        "--account-id",
        "210987654321",
        "--db-host",
        host,
        "--region",
        "eu-west-1",
        "--db-password-mode",
        "generated",
      ],
      emptyState,
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const images = objectsIn(result.stdout)
      .filter((o) => o.kind === "Deployment")
      .map((o) => o.spec!.template!.spec.containers[0]!.image);
    expect(images).toEqual([
      "210987654321.dkr.ecr.eu-west-1.amazonaws.com/auth-service-repo:latest",
      "210987654321.dkr.ecr.eu-west-1.amazonaws.com/orders-service-repo:latest",
      "210987654321.dkr.ecr.eu-west-1.amazonaws.com/products-service-repo:latest",
    ]);
    expect(result.stdout).toContain(host);
    expect(result.stdout).toContain("Images by the tag latest");
    // Generated mode: msdemo's own secret, by name.
    expect(result.stdout).toContain("--secret-id msdemo/node-microservices-demo/db --query SecretString");
  });

  it("without a stack or the options that replace it, exit 2 saying what to give", async () => {
    const noImages = await exportKube([], emptyState);
    expect(noImages.code).toBe(2);
    expect(noImages.stderr).toContain("has no images recorded");
    expect(noImages.stderr).toContain("--account-id");
    const noDatabase = await exportKube(["--account-id", "210987654321"], emptyState);
    expect(noDatabase.code).toBe(2);
    expect(noDatabase.stderr).toContain("--db-host");
    const badHost = await exportKube(["--account-id", "210987654321", "--db-host", "not a host"], emptyState);
    expect(badHost.code).toBe(2);
    expect(badHost.stderr).toContain("--db-host must be a host name");
  });

  it("is byte-identical for the same inputs, on stdout and in the files", async () => {
    const [first, second] = await Promise.all([exportKube([], builtState), exportKube([], builtState)]);
    expect(first.stdout).toBe(second.stdout);
    const out = join(dir, "again");
    expect((await exportKube(["-o", out], builtState)).code).toBe(0);
    const files = ["namespace.yaml", "auth-service.yaml", "orders-service.yaml", "products-service.yaml"];
    expect(files.map((f) => readFileSync(join(out, f), "utf8")).join("---\n")).toBe(first.stdout);
  });

  it("with --private, every object still valid and each Service asking for up's internal NLB", async () => {
    const out = join(dir, "private-manifests");
    const result = await exportKube(["--private", "-o", out], builtState);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const objects = readdirSync(out).flatMap((f) => objectsIn(readFileSync(join(out, f), "utf8")));
    expect(objects).toHaveLength(10);
    for (const object of objects) {
      expect(
        () => new MODELS[object.kind]!(object as never).validate(),
        `${object.kind}/${object.metadata.name}`,
      ).not.toThrow();
    }
    const services = objects.filter((o) => o.kind === "Service");
    expect(services.map((s) => s.metadata.name).sort()).toEqual([
      "auth-service",
      "orders-service",
      "products-service",
    ]);
    for (const service of services) {
      expect(service.spec?.type).toBe("LoadBalancer");
      expect(service.metadata.annotations, service.metadata.name).toEqual({
        "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
        "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
      });
      // No AWS call, so the subnets' CIDRs are unknown: left out, and the file says to add them.
      expect(service.spec?.loadBalancerSourceRanges).toBeUndefined();
    }
    for (const file of ["auth-service.yaml", "orders-service.yaml", "products-service.yaml"]) {
      const text = readFileSync(join(out, file), "utf8");
      expect(text, file).toContain("# ADD spec.loadBalancerSourceRanges before applying");
      expect(text.replace(/\n# +/g, " "), file).toContain(
        "Without them the provider opens the Service's NodePort on the nodes' security group to 0.0.0.0/0.",
      );
    }
    // The public shape, from the same stack: no annotation, no such comment.
    const plain = await exportKube([], builtState);
    for (const service of objectsIn(plain.stdout).filter((o) => o.kind === "Service")) {
      expect(service.metadata.annotations).toBeUndefined();
    }
    expect(plain.stdout).not.toContain("loadBalancerSourceRanges");
  });

  it("with --private --source-cidrs, the Services admit only those sources, as up's subnets would", async () => {
    const cidrs = ["172.31.0.0/20", "172.31.16.0/20"];
    const result = await exportKube(["--private", "--source-cidrs", ` ${cidrs[0]}, ${cidrs[1]}`], builtState);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const services = objectsIn(result.stdout).filter((o) => o.kind === "Service");
    expect(services).toHaveLength(3);
    for (const service of services) {
      expect(() => new Service(service as never).validate()).not.toThrow();
      expect(service.metadata.annotations?.["service.beta.kubernetes.io/aws-load-balancer-internal"]).toBe(
        "true",
      );
      expect(service.spec?.loadBalancerSourceRanges).toEqual(cidrs);
    }
    expect(result.stdout).not.toContain("ADD spec.loadBalancerSourceRanges");
    // Deterministic with --private too.
    expect((await exportKube(["--private", "--source-cidrs", cidrs.join(",")], builtState)).stdout).toBe(
      result.stdout,
    );
  });

  it("follows the stack's remembered --private; --no-private exports the public shape", async () => {
    const remembered = await exportKube([], privateState);
    expect(remembered.code).toBe(0);
    expect(remembered.stdout).toBe((await exportKube(["--private"], builtState)).stdout);
    const turnedOff = await exportKube(["--no-private"], privateState);
    expect(turnedOff.code).toBe(0);
    expect(turnedOff.stdout).toBe((await exportKube([], builtState)).stdout);
    expect(turnedOff.stdout).not.toContain("aws-load-balancer-internal");
  });

  it("--source-cidrs: exit 2 on a value that is not a CIDR, in English or Spanish, writing nothing", async () => {
    const out = join(dir, "never");
    const bad = await exportKube(
      ["--private", "--source-cidrs", "172.31.0.0/20,0.0.0.0/40", "-o", out],
      builtState,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      "--source-cidrs must be IPv4 CIDRs such as 172.31.0.0/20, comma-separated (got 0.0.0.0/40)",
    );
    expect(bad.stdout).toBe("");
    const spanish = await exportKube(
      ["--lang", "es", "--private", "--source-cidrs", "subnet-0abc", "-o", out],
      builtState,
    );
    expect(spanish.code).toBe(2);
    expect(spanish.stderr).toContain(
      "--source-cidrs deben ser CIDR IPv4 como 172.31.0.0/20, separados por comas (se recibió subnet-0abc)",
    );
    const unused = await exportKube(["--source-cidrs", "172.31.0.0/20", "-o", out], builtState);
    expect(unused.code).toBe(2);
    expect(unused.stderr).toContain("--source-cidrs is only for --format kubernetes with --private");
    expect(existsSync(out)).toBe(false);
  });

  it("comments in Spanish with --lang es", async () => {
    const result = await exportKube(["--lang", "es"], builtState);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("# Paso 7 de la guía: Despliegue en Kubernetes");
    expect(result.stdout).toContain("Imágenes fijadas por digest");
    expect(result.stdout).not.toContain("Walkthrough step");
    const privateShape = await exportKube(["--lang", "es", "--private"], builtState);
    expect(privateShape.code).toBe(0);
    expect(privateShape.stdout).toContain("# AÑADE spec.loadBalancerSourceRanges antes de aplicarlo");
    expect(privateShape.stdout).not.toContain("ADD spec.loadBalancerSourceRanges");
  });
});
