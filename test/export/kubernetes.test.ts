// msdemo export --format kubernetes, through the built CLI with no AWS to reach:
// every exported object valid against the Kubernetes schemas (kubernetes-models),
// the images and database `up` recorded, the Secret only by reference, and the
// same bytes for the same inputs.
import { readdirSync, readFileSync, rmSync } from "node:fs";
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
  metadata: { name: string; namespace?: string };
  spec?: { template?: { spec: { containers: { image: string; env: EnvVar[] }[] } } };
}

const JWT_ARN =
  "arn:aws:secretsmanager:us-east-1:123456789012:secret:msdemo/node-microservices-demo/jwt-AbCdEf";
const DB_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0a1b2c3d-4e5f-AbCdEf";

let dir: string;
let deadEndpoint: string;
/** A state folder holding a stack `up` finished (images pinned, database and secrets recorded). */
let builtState: string;
let emptyState: string;

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

  it("comments in Spanish with --lang es", async () => {
    const result = await exportKube(["--lang", "es"], builtState);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("# Paso 7 de la guía: Despliegue en Kubernetes");
    expect(result.stdout).toContain("Imágenes fijadas por digest");
    expect(result.stdout).not.toContain("Walkthrough step");
  });
});
