// `msdemo export --format kubernetes`: walkthrough step 7's manifests, rendered
// from msdemo's templates by src/kube's renderer with the images and database
// `up` would use. The Secret's values never leave msdemo: the manifests refer
// to the Secret by name, and a comment shows how to fill it from Secrets Manager.
// With --private the Services ask for internal NLBs as up's deploy step does;
// their allowed sources (the cluster subnets' CIDRs, which up asks EC2 for)
// come from --source-cidrs, since export makes no AWS call.
import { readFileSync } from "node:fs";
import { type Config, WALKTHROUGH } from "../config.js";
import { databaseSecretNames } from "../desired.js";
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import {
  type KubeObject,
  renderObjects,
  renderService,
  SECRET_NAME,
  templatePath,
  workloadName,
} from "../kube/render.js";
import { withInternalLoadBalancers } from "../kube/render-private.js";
import { SERVICE_NAMES, type ServiceName } from "../routes.js";
import type { StackState } from "../state/store.js";
import { stepHeading } from "./step-heading.js";
import { commentedYaml } from "./yaml.js";

export interface KubernetesExport {
  namespace: string;
  cluster: string;
  stack: string;
  images: Record<ServiceName, string>;
  /** Images by digest (from the state file) rather than by the tag `latest`. */
  pinned: boolean;
  db: { host: string; port: number; name: string; user: string };
  /** Shell words that name each secret for `aws secretsmanager get-secret-value --secret-id`. */
  secretIds: { db: string; jwt: string };
  /** --private: the Services behind internal NLBs; `sources` their loadBalancerSourceRanges (empty: unknown). */
  private: { sources: string[] } | undefined;
}

export interface ExportFile {
  name: string;
  text: string;
}

export interface KubernetesOptions {
  /** --account-id: ECR of this account in the stack's region. */
  accountId?: string | undefined;
  /** --db-host */
  dbHost?: string | undefined;
  /** --source-cidrs: with --private, the CIDRs of the cluster's subnets. */
  sourceCidrs?: string[] | undefined;
}

type Recorded = Record<string, unknown> | undefined;

function outputsOf(state: StackState | undefined, step: string): Recorded {
  return state?.steps[step]?.outputs as Recorded;
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

/** The image each Deployment runs: recorded digests, else the tag `latest` up pushes, in the registry asked for. */
function images(config: Config, state: StackState | undefined, options: KubernetesOptions) {
  const repository = (service: ServiceName) => config.names.repositories[service];
  const registry = config.registry
    ? config.registry.replace(/\/+$/, "")
    : options.accountId
      ? `${options.accountId}.dkr.ecr.${config.region}.amazonaws.com`
      : undefined;
  if (registry) {
    const byTag = SERVICE_NAMES.map((s) => [s, `${registry}/${repository(s)}:latest`]);
    return { pinned: false, images: Object.fromEntries(byTag) as Record<ServiceName, string> };
  }
  const recorded = (outputsOf(state, "images")?.images ?? {}) as Record<string, unknown>;
  if (SERVICE_NAMES.every((s) => text(recorded[s]))) {
    return { pinned: true, images: recorded as Record<ServiceName, string> };
  }
  const repositories = (outputsOf(state, "registry")?.repositories ?? {}) as Record<
    string,
    { uri?: unknown }
  >;
  if (SERVICE_NAMES.every((s) => text(repositories[s]?.uri))) {
    const byTag = SERVICE_NAMES.map((s) => [s, `${repositories[s]!.uri}:latest`]);
    return { pinned: false, images: Object.fromEntries(byTag) as Record<ServiceName, string> };
  }
  throw new UsageError(
    t("export.needsImages", { stack: config.stack }),
    t("export.needsImages.hint", { region: config.region }),
  );
}

function database(config: Config, state: StackState | undefined, options: KubernetesOptions) {
  const DB = WALKTHROUGH.database;
  const recorded = outputsOf(state, "database");
  const host = options.dbHost ?? text(recorded?.endpoint);
  if (!host) {
    throw new UsageError(t("export.needsDbHost", { stack: config.stack }), t("export.needsDbHost.hint"));
  }
  return {
    host,
    port: typeof recorded?.port === "number" ? recorded.port : DB.port,
    name: text(recorded?.dbName) ?? DB.databaseName,
    user: text(recorded?.masterUsername) ?? DB.masterUser,
  };
}

/** Where each secret lives: recorded ARNs, else the names msdemo gives them (or RDS's, asked of RDS). */
function secretIds(config: Config, state: StackState | undefined) {
  const recorded = outputsOf(state, "database");
  const names = databaseSecretNames(config);
  const managed = `"$(aws rds describe-db-instances --db-instance-identifier ${config.names.dbInstance} --query 'DBInstances[0].MasterUserSecret.SecretArn' --output text)"`;
  return {
    db: text(recorded?.passwordSecretArn) ?? (config.dbPasswordMode === "generated" ? names.db : managed),
    jwt: text(recorded?.jwtSecretArn) ?? names.jwt,
  };
}

/** What the manifests need, from the options, else the state file; a clear exit-2 error when neither knows. */
export function kubernetesExport(
  config: Config,
  state: StackState | undefined,
  options: KubernetesOptions,
): KubernetesExport {
  return {
    namespace: config.names.namespace,
    cluster: config.names.cluster,
    stack: config.stack,
    ...images(config, state, options),
    db: database(config, state, options),
    secretIds: secretIds(config, state),
    private: config.private ? { sources: options.sourceCidrs ?? [] } : undefined,
  };
}

function secretCommand(values: KubernetesExport): string {
  const read = (id: string) =>
    `aws secretsmanager get-secret-value --secret-id ${id} --query SecretString --output text`;
  return [
    `  kubectl create secret generic ${SECRET_NAME} --namespace ${values.namespace} \\`,
    `    --from-literal=db-password="$(${read(values.secretIds.db)} | jq -r .password)" \\`,
    `    --from-literal=jwt-secret="$(${read(values.secretIds.jwt)})" \\`,
    // orders gets only the public half of the RSA signing key.
    `    --from-literal=jwt-public-key="$(${read(values.secretIds.jwt)} | openssl pkey -pubout)"`,
  ].join("\n");
}

function file(name: string, objects: KubeObject[], header: string): ExportFile {
  const [first, ...rest] = objects;
  const documents = [commentedYaml(first, header), ...rest.map((o) => commentedYaml(o, ""))];
  return { name, text: documents.join("---\n") };
}

/** The manifests, one file per template, each with a comment saying what it is and how to apply it. */
export function kubernetesFiles(values: KubernetesExport): ExportFile[] {
  const heading = (name: string) =>
    [
      stepHeading("deploy"),
      t("export.kube.header", { file: name, stack: values.stack }),
      t("export.kube.apply", { cluster: values.cluster }),
    ].join("\n");
  // The template's Secret is rendered empty and left out: its values never leave msdemo.
  const namespace = renderObjects(
    readFileSync(templatePath("namespace.yaml"), "utf8"),
    {
      namespace: values.namespace,
      secretName: SECRET_NAME,
      dbPasswordBase64: "",
      jwtSecretBase64: "",
      jwtPublicKeyBase64: "",
    },
    "namespace.yaml",
  ).filter((o) => o.kind !== "Secret");
  const files = [
    file(
      "namespace.yaml",
      namespace,
      [
        heading("namespace.yaml"),
        t("export.kube.secret", { secret: SECRET_NAME }),
        secretCommand(values),
      ].join("\n"),
    ),
  ];
  for (const service of SERVICE_NAMES) {
    const name = `${workloadName(service)}.yaml`;
    const notes = [heading(name), t(values.pinned ? "export.kube.pinned" : "export.kube.latest")];
    // No secret values in an export: the hash that rolls pods on a changed Secret is up's to set.
    let objects = renderService(values, service, values.images[service], "");
    if (values.private) {
      objects = withInternalLoadBalancers(objects, values.private.sources);
      notes.push(privateNote(values.private.sources));
    }
    files.push(file(name, objects, notes.join("\n")));
  }
  return files;
}

/** What --private changes in a service's file, and what to add when the sources are unknown. */
function privateNote(sources: string[]): string {
  const note = t("export.kube.private");
  return sources.length > 0
    ? `${note} ${t("export.kube.private.sources", { sources: sources.join(", ") })}`
    : `${note}\n${t("export.kube.private.noSources")}`;
}
