// RDS wrappers: the stack's PostgreSQL instance. Find, create, wait (with a
// progress event at each status change), modify the password source, delete.
import {
  AddTagsToResourceCommand,
  CreateDBInstanceCommand,
  type CreateDBInstanceMessage,
  CreateDBSubnetGroupCommand,
  type DBInstance,
  type DBSubnetGroup,
  DeleteDBInstanceCommand,
  DeleteDBSubnetGroupCommand,
  DescribeDBEngineVersionsCommand,
  DescribeDBInstancesCommand,
  DescribeDBSubnetGroupsCommand,
  ModifyDBInstanceCommand,
  type RDSClient,
  StartDBInstanceCommand,
} from "@aws-sdk/client-rds";
import { MsdemoError } from "../errors.js";
import type { PlainMessageKey } from "../i18n/index.js";
import { t } from "../i18n/index.js";
import { isAwsErrorNamed, unlessAwsError } from "./errors.js";
import type { Tag } from "./tags.js";
import { pollUntil } from "./wait.js";

export type { DBInstance } from "@aws-sdk/client-rds";

const NOT_FOUND = ["DBInstanceNotFound", "DBInstanceNotFoundFault"];
const INVALID_STATE = ["InvalidDBInstanceState", "InvalidDBInstanceStateFault"];

/** The instance by identifier; undefined when it does not exist. */
/**
 * RDS's default minor version of an engine's major version (DefaultOnly), or
 * undefined when the endpoint cannot say (an emulator without the call).
 */
export async function defaultEngineVersion(
  rds: RDSClient,
  engine: string,
  majorVersion: string,
): Promise<string | undefined> {
  try {
    const answer = await rds.send(
      new DescribeDBEngineVersionsCommand({ Engine: engine, EngineVersion: majorVersion, DefaultOnly: true }),
    );
    return answer.DBEngineVersions?.[0]?.EngineVersion;
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    return undefined;
  }
}

export async function findDbInstance(rds: RDSClient, identifier: string): Promise<DBInstance | undefined> {
  return unlessAwsError(
    NOT_FOUND,
    async () =>
      (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier }))).DBInstances?.[0],
  );
}

/** Creates the instance; the input may carry a password, so this function never puts its input in an error. */
export async function createDbInstance(rds: RDSClient, input: CreateDBInstanceMessage): Promise<DBInstance> {
  const result = await rds.send(new CreateDBInstanceCommand(input));
  return (
    result.DBInstance ?? { DBInstanceIdentifier: input.DBInstanceIdentifier, DBInstanceStatus: "creating" }
  );
}

export async function tagDbInstance(rds: RDSClient, arn: string, tags: Tag[]): Promise<void> {
  await rds.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: tags }));
}

/** Lets RDS manage the master password in Secrets Manager (the current password stops working). */
export async function switchToManagedPassword(rds: RDSClient, identifier: string): Promise<void> {
  await rds.send(
    new ModifyDBInstanceCommand({
      DBInstanceIdentifier: identifier,
      ManageMasterUserPassword: true,
      ApplyImmediately: true,
    }),
  );
}

/** Sets a new master password (from a secret the caller keeps); ApplyImmediately. */
export async function resetMasterPassword(
  rds: RDSClient,
  identifier: string,
  password: string,
): Promise<void> {
  await rds.send(
    new ModifyDBInstanceCommand({
      DBInstanceIdentifier: identifier,
      MasterUserPassword: password,
      ManageMasterUserPassword: false,
      ApplyImmediately: true,
    }),
  );
}

/** Adds a VPC security group to the instance, keeping the ones it has. */
export async function addDbSecurityGroup(
  rds: RDSClient,
  instance: DBInstance,
  groupId: string,
): Promise<void> {
  const current = (instance.VpcSecurityGroups ?? []).flatMap((g) =>
    g.VpcSecurityGroupId ? [g.VpcSecurityGroupId] : [],
  );
  await rds.send(
    new ModifyDBInstanceCommand({
      DBInstanceIdentifier: instance.DBInstanceIdentifier,
      VpcSecurityGroupIds: [...current, groupId],
      ApplyImmediately: true,
    }),
  );
}

export async function startDbInstance(rds: RDSClient, identifier: string): Promise<void> {
  try {
    await rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: identifier }));
  } catch (error) {
    // Already starting (another run, or RDS's own 7-day restart).
    if (!isAwsErrorNamed(error, ...INVALID_STATE)) throw error;
  }
}

/**
 * Deletes the instance with no final snapshot and no automated backups kept.
 * Returns false when it was already gone; an instance already being deleted is fine.
 */
export async function deleteDbInstance(rds: RDSClient, identifier: string): Promise<boolean> {
  try {
    await rds.send(
      new DeleteDBInstanceCommand({
        DBInstanceIdentifier: identifier,
        SkipFinalSnapshot: true,
        DeleteAutomatedBackups: true,
      }),
    );
    return true;
  } catch (error) {
    if (isAwsErrorNamed(error, ...NOT_FOUND)) return false;
    if (isAwsErrorNamed(error, ...INVALID_STATE)) {
      const current = await findDbInstance(rds, identifier);
      if (!current || current.DBInstanceStatus === "deleting") return true;
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------
// DB subnet groups (only for a VPC other than the default one: there RDS uses "default")

const SUBNET_GROUP_NOT_FOUND = ["DBSubnetGroupNotFoundFault", "DBSubnetGroupNotFound"];

export async function findDbSubnetGroup(rds: RDSClient, name: string): Promise<DBSubnetGroup | undefined> {
  return unlessAwsError(
    SUBNET_GROUP_NOT_FOUND,
    async () =>
      (await rds.send(new DescribeDBSubnetGroupsCommand({ DBSubnetGroupName: name }))).DBSubnetGroups?.[0],
  );
}

export async function createDbSubnetGroup(
  rds: RDSClient,
  group: { name: string; description: string; subnetIds: string[]; tags: Tag[] },
): Promise<void> {
  await rds.send(
    new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: group.name,
      DBSubnetGroupDescription: group.description,
      SubnetIds: group.subnetIds,
      Tags: group.tags,
    }),
  );
}

/** Deletes a DB subnet group; gone counts as success. Returns whether it existed. */
export async function deleteDbSubnetGroup(rds: RDSClient, name: string): Promise<boolean> {
  try {
    await rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: name }));
    return true;
  } catch (error) {
    if (isAwsErrorNamed(error, ...SUBNET_GROUP_NOT_FOUND)) return false;
    throw error;
  }
}

// ---------------------------------------------------------------------------
// States

/** States an instance does not leave by itself, with what the user can do (looked up when shown). */
const FAILED_STATES: Record<string, PlainMessageKey> = {
  failed: "aws.rds.failed.failed",
  "incompatible-parameters": "aws.rds.failed.incompatible-parameters",
  "incompatible-network": "aws.rds.failed.incompatible-network",
  "incompatible-option-group": "aws.rds.failed.incompatible-option-group",
  "incompatible-restore": "aws.rds.failed.incompatible-restore",
  "incompatible-credentials": "aws.rds.failed.incompatible-credentials",
  "inaccessible-encryption-credentials": "aws.rds.failed.inaccessible-encryption-credentials",
  "inaccessible-encryption-credentials-recoverable":
    "aws.rds.failed.inaccessible-encryption-credentials-recoverable",
  "restore-error": "aws.rds.failed.restore-error",
  "storage-full": "aws.rds.failed.storage-full",
};

/** For a state the instance will not leave by itself: what went wrong and what to do. */
export function dbFailure(status: string | undefined): { state: string; hint: string } | undefined {
  if (status === undefined) return undefined;
  const key = Object.hasOwn(FAILED_STATES, status) ? FAILED_STATES[status] : undefined;
  return key ? { state: status, hint: t(key) } : undefined;
}

const READY_STATES = new Set(["available", "storage-optimization"]);

export interface DbWaitOptions {
  signal: AbortSignal;
  intervalMs: number;
  timeoutMs: number;
  onState?: (state: string, elapsedMs: number) => void;
  /** Start the instance if it is found stopped (RDS stops nothing by itself except after a user's stop). */
  startIfStopped?: boolean;
}

/** Waits until the instance is available; each status change is reported; a failed state is a clear error. */
export async function waitForDbAvailable(
  rds: RDSClient,
  identifier: string,
  options: DbWaitOptions,
): Promise<DBInstance> {
  let started = false;
  const instance = await pollUntil<DBInstance>({
    what: t("aws.rds.waitAvailable", { identifier }),
    intervalMs: options.intervalMs,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    ...(options.onState ? { onState: options.onState } : {}),
    timeoutHint: t("aws.rds.waitAvailable.hint"),
    check: async () => {
      const current = await findDbInstance(rds, identifier);
      if (!current) return { done: false, state: "missing", failed: t("aws.rds.disappeared") };
      const state = current.DBInstanceStatus ?? "unknown";
      const failure = dbFailure(state);
      if (failure) throw new MsdemoError(t("aws.rds.inState", { identifier, state }), { hint: failure.hint });
      if (state === "stopped" && options.startIfStopped && !started) {
        started = true;
        await startDbInstance(rds, identifier);
      }
      return { done: READY_STATES.has(state), state, value: current };
    },
  });
  return instance!;
}

/** Waits until DescribeDBInstances no longer finds the instance. */
export async function waitForDbDeleted(
  rds: RDSClient,
  identifier: string,
  options: Omit<DbWaitOptions, "startIfStopped">,
): Promise<void> {
  await pollUntil<true>({
    what: t("aws.rds.waitDeleted", { identifier }),
    intervalMs: options.intervalMs,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    ...(options.onState ? { onState: options.onState } : {}),
    timeoutHint: t("aws.rds.waitDeleted.hint"),
    check: async () => {
      const current = await findDbInstance(rds, identifier);
      if (!current) return { done: true, state: "deleted", value: true };
      return { done: false, state: current.DBInstanceStatus ?? "unknown" };
    },
  });
}
