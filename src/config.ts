// Every default of the walkthrough in one place, the names derived from the stack,
// and the validation of everything a user can set. Validation happens before any
// AWS call; a failure is a UsageError (exit code 2) naming the option.
import { z } from "zod";
import { UsageError } from "./errors.js";
import { en, type MessageKey } from "./i18n/en.js";
import { type ParamsArgument, storedMessage, t } from "./i18n/index.js";
import type { ServiceName } from "./routes.js";
import { STEP_IDS, type StepId } from "./step-ids.js";

export { STEP_IDS, type StepId };

export const DEFAULT_STACK = "node-microservices-demo";
export const DEFAULT_REGION = "us-east-1";

/** The walkthrough's values (seed/walkthrough.es.md), unchanged unless a flag says otherwise. */
export const WALKTHROUGH = {
  network: {
    nodeGroupName: "node-sg-service",
    nodeGroupDescription: "Access Node",
    dbGroupName: "postgres-sg-rds",
    dbGroupDescription: "Acceso postgreSQL",
    httpPort: 80,
    sshPort: 22,
  },
  database: {
    identifier: "pgdb-rds",
    engine: "postgres",
    // The major version is fixed so every run makes the same one; the minor is
    // RDS's current default for it, asked at plan time (RDS stops creating a
    // minor weeks before its end of support). This minor is only the fallback
    // for an endpoint that cannot say (an emulator).
    majorVersion: "17",
    engineVersion: "17.6",
    instanceClass: "db.t3.micro",
    storageGiB: 20,
    maxStorageGiB: 100,
    masterUser: "postgres",
    databaseName: "postgres",
    port: 5432,
    backupRetentionDays: 1,
  },
  registry: {
    repositories: {
      auth: "auth-service-repo",
      orders: "orders-service-repo",
      products: "products-service-repo",
    } satisfies Record<ServiceName, string>,
  },
  cluster: {
    roleNamePattern: "LabEksClusterRole",
    // EKS bills a version past its 14 months of standard support at $0.60 an
    // hour instead of $0.10: 1.35 is in standard support until 2027-03-27.
    k8sVersion: "1.35",
  },
  nodes: {
    name: "ng-general",
    roleNames: ["LabEksNodeRole", "LabRole"],
    amiType: "AL2023_x86_64_STANDARD",
    instanceType: "t3.medium",
    diskGiB: 20,
    desired: 2,
    min: 2,
    max: 4,
  },
  deploy: {
    namespace: "msdemo",
    replicas: 2,
    containerPort: 3000,
  },
  gateway: {
    apiSuffix: "-api",
    stageName: "$default",
  },
} as const;

/**
 * The longest any one step waits on AWS (an RDS instance being created or
 * deleted). A stack lock from another host untouched for longer is stale.
 */
export const LONGEST_STEP_WAIT_MS = 40 * 60_000;

export const DB_PASSWORD_MODES = ["managed", "generated"] as const;

/** The retentions CloudWatch Logs accepts, in days (PutRetentionPolicy refuses others). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export type DbPasswordMode = (typeof DB_PASSWORD_MODES)[number];

export const BUILDERS = ["daemonless", "docker"] as const;

/** Regions where msdemo's services (EKS, RDS, ECR, API Gateway v2) exist. */
export const KNOWN_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "af-south-1",
  "ap-east-1",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-7",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-south-1",
  "eu-south-2",
  "eu-north-1",
  "il-central-1",
  "me-south-1",
  "me-central-1",
  "mx-central-1",
  "sa-east-1",
] as const;

/** The names of every resource of a stack. The default stack uses the walkthrough's names exactly. */
export interface ResourceNames {
  stack: string;
  nodeSecurityGroup: string;
  dbSecurityGroup: string;
  dbInstance: string;
  repositories: Record<ServiceName, string>;
  cluster: string;
  nodeGroup: string;
  api: string;
  /** --private: the API Gateway VPC link the integrations go through. */
  vpcLink: string;
  /** CloudWatch Logs group the API's stage writes its access log to. */
  accessLogGroup: string;
  /** Secrets Manager secret holding generated values (JWT secret, generated DB password). */
  secret: string;
  namespace: string;
}

export function resourceNames(stack: string): ResourceNames {
  const prefix = stack === DEFAULT_STACK ? "" : `${stack}-`;
  const repos = WALKTHROUGH.registry.repositories;
  return {
    stack,
    nodeSecurityGroup: prefix + WALKTHROUGH.network.nodeGroupName,
    dbSecurityGroup: prefix + WALKTHROUGH.network.dbGroupName,
    dbInstance: prefix + WALKTHROUGH.database.identifier,
    repositories: {
      auth: prefix + repos.auth,
      orders: prefix + repos.orders,
      products: prefix + repos.products,
    },
    // The stack name is the cluster's name; so the default is the walkthrough's cluster.
    cluster: stack,
    nodeGroup: prefix + WALKTHROUGH.nodes.name,
    api: stack + WALKTHROUGH.gateway.apiSuffix,
    vpcLink: `${stack}${WALKTHROUGH.gateway.apiSuffix}-vpc-link`,
    accessLogGroup: `/msdemo/${stack}/gateway-access`,
    secret: `msdemo/${stack}`,
    namespace: WALKTHROUGH.deploy.namespace,
  };
}

// ---------------------------------------------------------------------------
// Validation. Schema messages are catalogue keys (src/i18n), translated when
// shown; parameters travel in the key as a query string: `key?min=1&max=9`.
// withParams types both, so a misspelt key or parameter fails the typecheck.

function withParams<Key extends MessageKey>(key: Key, ...[params]: ParamsArgument<Key>): string {
  if (!params) return key;
  return `${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`;
}

function translateIssue(message: string): string {
  const [key, query] = message.split("?") as [string, string | undefined];
  if (!(key in en)) return t("validation.invalid");
  return storedMessage(key as MessageKey, Object.fromEntries(new URLSearchParams(query ?? "")));
}

const STACK_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const INSTANCE_TYPE =
  /^[a-z][a-z0-9-]*\.(nano|micro|small|medium|large|xlarge|\d{1,2}xlarge|metal(-\d+xl)?)$/;
const DB_CLASS = /^db\.[a-z][a-z0-9-]*\.(nano|micro|small|medium|large|xlarge|\d{1,2}xlarge)$/;
const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
const K8S_VERSION = /^1\.\d{2}$/;
const DB_ENGINE_VERSION = /^\d{2}(\.\d+){1,2}$/;

export function isCidr(value: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!match) return false;
  const octets = match.slice(1, 5).map(Number);
  return octets.every((o) => o <= 255) && Number(match[5]) <= 32;
}

const intFrom = (min: number, max: number) => {
  const message = withParams("validation.range", { min, max });
  return z.coerce.number({ message }).int({ message }).min(min, { message }).max(max, { message });
};

/** Options every command shares. */
export const globalSchema = z.object({
  stack: z.string().regex(STACK_PATTERN, withParams("validation.stack")),
  region: z.enum(KNOWN_REGIONS, { message: withParams("validation.region") }),
  profile: z.string().min(1).optional(),
  stateDir: z.string().min(1),
  endpointUrl: z.url({ message: withParams("validation.url") }).optional(),
  yes: z.boolean(),
  json: z.boolean(),
  color: z.boolean(),
  verbose: z.boolean(),
});
export type GlobalConfig = z.infer<typeof globalSchema>;

const RETENTION_MESSAGE = withParams("validation.oneOf", { values: LOG_RETENTION_DAYS.join(", ") });

/** What `up` (and `plan`) can be told. */
export const provisionSchema = z
  .object({
    steps: z
      .array(z.enum(STEP_IDS, { message: withParams("validation.steps", { steps: STEP_IDS.join(", ") }) }))
      .optional(),
    vpcId: z.string().regex(VPC_ID, withParams("validation.vpcId")).optional(),
    sshCidr: z.string().refine(isCidr, withParams("validation.cidr")).optional(),
    clusterRoleArn: z.string().regex(ROLE_ARN, withParams("validation.roleArn")).optional(),
    nodeRoleArn: z.string().regex(ROLE_ARN, withParams("validation.roleArn")).optional(),
    instanceType: z.string().regex(INSTANCE_TYPE, withParams("validation.instanceType")),
    nodes: intFrom(1, 100),
    minNodes: intFrom(0, 100),
    maxNodes: intFrom(1, 100),
    dbInstanceClass: z.string().regex(DB_CLASS, withParams("validation.dbClass")),
    dbStorage: intFrom(20, 65536),
    dbPasswordMode: z.enum(DB_PASSWORD_MODES, {
      message: withParams("validation.oneOf", { values: DB_PASSWORD_MODES.join(", ") }),
    }),
    k8sVersion: z.string().regex(K8S_VERSION, withParams("validation.k8sVersion")),
    dbEngineVersion: z.string().regex(DB_ENGINE_VERSION, withParams("validation.dbEngineVersion")).optional(),
    registry: z.string().min(1).optional(),
    baseImage: z.string().min(1).optional(),
    builder: z.enum(BUILDERS, { message: withParams("validation.oneOf", { values: BUILDERS.join(", ") }) }),
    kubeconfig: z.string().min(1).optional(),
    logRetentionDays: z.coerce
      .number({ message: RETENTION_MESSAGE })
      .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
        message: RETENTION_MESSAGE,
      }),
    /**
     * The services behind internal load balancers that only the gateway reaches
     * (a VPC link). Undefined: as the state remembers it, else public (the walkthrough).
     */
    private: z.boolean({ message: withParams("validation.oneOf", { values: "true, false" }) }).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.minNodes > value.nodes) {
      ctx.addIssue({
        code: "custom",
        path: ["minNodes"],
        message: withParams("validation.minOverDesired", { min: value.minNodes, desired: value.nodes }),
      });
    }
    if (value.nodes > value.maxNodes) {
      ctx.addIssue({
        code: "custom",
        path: ["nodes"],
        message: withParams("validation.desiredOverMax", { desired: value.nodes, max: value.maxNodes }),
      });
    }
  });
export type ProvisionConfig = z.infer<typeof provisionSchema>;

export const PROVISION_DEFAULTS = {
  instanceType: WALKTHROUGH.nodes.instanceType,
  nodes: WALKTHROUGH.nodes.desired,
  minNodes: WALKTHROUGH.nodes.min,
  maxNodes: WALKTHROUGH.nodes.max,
  dbInstanceClass: WALKTHROUGH.database.instanceClass,
  dbStorage: WALKTHROUGH.database.storageGiB,
  // Not RDS-managed: RDS rotates that secret every 7 days under pods that keep the old one.
  dbPasswordMode: "generated",
  k8sVersion: WALKTHROUGH.cluster.k8sVersion,
  builder: "daemonless",
  // The gateway's access log: a day is enough to look at a class's requests, and costs next to nothing.
  logRetentionDays: 1,
} as const;

export type Config = GlobalConfig &
  ProvisionConfig & {
    names: ResourceNames;
    /** Known once the caller is (preflight): a Learner Lab account, whose RDS storage is gp2 up to 100 GB. */
    learnerLab?: boolean;
  };

/** camelCase option → the flag a user typed, for error messages. */
export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Parses with a schema; the first problem becomes a UsageError that names the flag. */
export function parseOrUsageError<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = String(issue.path[0] ?? "input");
  const received = (input as Record<string, unknown>)[key];
  const shown =
    received === undefined || Array.isArray(received)
      ? ""
      : ` ${t("validation.got", { value: String(received) })}`;
  return usageFail(`${flagName(key)} ${translateIssue(issue.message)}${shown}`);
}

function usageFail(message: string): never {
  throw new UsageError(message);
}

/** Builds the full configuration from already-merged raw values (flags > env > .env > defaults). */
export function buildConfig(globals: Record<string, unknown>, provision: Record<string, unknown>): Config {
  const global = parseOrUsageError(globalSchema, globals);
  const prov = parseOrUsageError(provisionSchema, { ...PROVISION_DEFAULTS, ...dropUndefined(provision) });
  return { ...global, ...prov, names: resourceNames(global.stack) };
}

export function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}
