// AWS Academy Learner Lab accounts: how to recognise one and what it allows.
// Their credentials come from an assumed role named `voclabs`, they hold
// pre-made roles (LabRole, LabEksClusterRole), run only in us-east-1 and
// us-west-2, cap instance sizes, and cannot create IAM roles.
import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";

export const LEARNER_LAB_REGIONS = ["us-east-1", "us-west-2"] as const;
const LARGEST_SIZE = "large";
const SIZE_ORDER = ["nano", "micro", "small", "medium", "large"];
/** RDS classes the Learner Lab's RDS policy allows (burstable, up to medium). */
const DB_FAMILIES = ["db.t3", "db.t4g", "db.t2"];
const DB_LARGEST = "medium";
/** Running instances beyond 9 are terminated; at 20 the account is disabled (Learner Lab README). */
export const LEARNER_LAB_MAX_INSTANCES = 9;
export const LEARNER_LAB_MAX_VCPUS = 32;
/** RDS storage: General Purpose SSD (gp2), up to 100 GB. */
export const LEARNER_LAB_DB_STORAGE_MAX = 100;

/**
 * vCPUs of an instance type by its size: 2 up to large (1 for the small t2
 * sizes), 4 per xlarge above that. Close enough for a cap check; the exact
 * figure would need DescribeInstanceTypes.
 */
export function vcpusOf(instanceType: string): number {
  if (/^t2\.(nano|micro|small)$/.test(instanceType)) return 1;
  const xlarge = /\.(\d*)xlarge$/.exec(instanceType);
  if (xlarge) return 4 * Number(xlarge[1] || 1);
  return 2;
}

/** The most nodes that keep within both the instance and the vCPU cap. */
export function learnerLabMaxNodes(instanceType: string): number {
  return Math.min(LEARNER_LAB_MAX_INSTANCES, Math.floor(LEARNER_LAB_MAX_VCPUS / vcpusOf(instanceType)));
}

/** The node counts a run could reach, each with its flag: the largest decides. */
function nodeCountProblem(config: Pick<Config, "nodes" | "maxNodes" | "instanceType">): string | undefined {
  const [flag, count] =
    config.nodes > config.maxNodes ? ["--nodes", config.nodes] : ["--max-nodes", config.maxNodes];
  if (count > LEARNER_LAB_MAX_INSTANCES)
    return t("learnerLab.nodes", { flag, count, max: LEARNER_LAB_MAX_INSTANCES });
  const vcpus = vcpusOf(config.instanceType);
  if (count * vcpus > LEARNER_LAB_MAX_VCPUS)
    return t("learnerLab.vcpus", {
      flag,
      count,
      instanceType: config.instanceType,
      vcpus,
      max: LEARNER_LAB_MAX_VCPUS,
      fit: learnerLabMaxNodes(config.instanceType),
    });
  return undefined;
}

export interface AccountKind {
  learnerLab: boolean;
  /** The role that gave it away (voclabs). */
  evidence?: string;
  arn: string;
  account: string;
}

export async function detectAccountKind(sts: STSClient): Promise<AccountKind> {
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  const arn = identity.Arn ?? "";
  const learnerLab = /:assumed-role\/voclabs\//.test(arn);
  return {
    learnerLab,
    arn,
    account: identity.Account ?? "",
    ...(learnerLab ? { evidence: "voclabs" } : {}),
  };
}

/** The account the credentials belong to. */
export async function callerAccount(sts: STSClient): Promise<string> {
  return (await sts.send(new GetCallerIdentityCommand({}))).Account ?? "";
}

function sizeFits(size: string | undefined, largest: string): boolean {
  return (
    size !== undefined && SIZE_ORDER.includes(size) && SIZE_ORDER.indexOf(size) <= SIZE_ORDER.indexOf(largest)
  );
}

/** What the configuration asks for that a Learner Lab refuses; each names its flag. */
export function learnerLabViolations(
  config: Pick<Config, "region" | "instanceType" | "dbInstanceClass" | "nodes" | "maxNodes" | "dbStorage">,
): string[] {
  const problems: string[] = [];
  if (!(LEARNER_LAB_REGIONS as readonly string[]).includes(config.region)) {
    problems.push(t("learnerLab.region", { region: config.region, regions: LEARNER_LAB_REGIONS.join(", ") }));
  }
  if (!sizeFits(config.instanceType.split(".")[1], LARGEST_SIZE)) {
    problems.push(t("learnerLab.instanceType", { type: config.instanceType, largest: LARGEST_SIZE }));
  }
  const [, family, size] = /^(db\.[a-z0-9]+)\.(\w+)$/.exec(config.dbInstanceClass) ?? [];
  if (!family || !DB_FAMILIES.includes(family) || !sizeFits(size, DB_LARGEST)) {
    problems.push(
      t("learnerLab.dbClass", {
        dbClass: config.dbInstanceClass,
        families: DB_FAMILIES.join("/"),
        largest: DB_LARGEST,
      }),
    );
  }
  const nodes = nodeCountProblem(config);
  if (nodes) problems.push(nodes);
  if (config.dbStorage > LEARNER_LAB_DB_STORAGE_MAX)
    problems.push(t("learnerLab.dbStorage", { storage: config.dbStorage, max: LEARNER_LAB_DB_STORAGE_MAX }));
  return problems;
}

/** Milliseconds until the current credentials expire; undefined for long-lived keys. */
export async function credentialsExpireInMs(
  provider: AwsCredentialIdentityProvider,
  now = Date.now(),
): Promise<number | undefined> {
  const identity = await provider();
  return identity.expiration ? identity.expiration.getTime() - now : undefined;
}

/** The caps, for plan to show in a Learner Lab. */
export function learnerLabCaps(config: Pick<Config, "instanceType">): string {
  return t("learnerLab.caps", {
    instances: LEARNER_LAB_MAX_INSTANCES,
    vcpus: LEARNER_LAB_MAX_VCPUS,
    maxNodes: learnerLabMaxNodes(config.instanceType),
    storage: LEARNER_LAB_DB_STORAGE_MAX,
  });
}
