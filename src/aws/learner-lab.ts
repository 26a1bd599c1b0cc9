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
  config: Pick<Config, "region" | "instanceType" | "dbInstanceClass">,
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
