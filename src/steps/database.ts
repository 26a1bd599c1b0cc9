// Step 2 of the walkthrough: RDS PostgreSQL `pgdb-rds` (db.t3.micro, 20 GiB
// with storage autoscaling, single-AZ, not public, security group
// postgres-sg-rds, user postgres). This module is the instance; the master
// password's handling is database-password.ts, the services' JWT signing secret
// jwt-secret.ts, the DB subnet group outside the default VPC
// database-subnet-group.ts. The step composes them, so its plan lists every
// secret and group it makes. Outputs carry ARNs of secrets, never a secret value.

import type { DBInstance } from "@aws-sdk/client-rds";
import { isAwsErrorNamed } from "../aws/errors.js";
import { LEARNER_LAB_DB_STORAGE_MAX } from "../aws/learner-lab.js";
import {
  addDbSecurityGroup,
  createDbInstance,
  dbFailure,
  defaultEngineVersion,
  deleteDbInstance,
  deleteDbSubnetGroup,
  findDbInstance,
  tagDbInstance,
  waitForDbAvailable,
  waitForDbDeleted,
} from "../aws/rds.js";
import { deleteSecret, findSecret } from "../aws/secrets.js";
import { hasStackTag, stackTags } from "../aws/tags.js";
import { pollInterval } from "../aws/wait.js";
import { type Config, LONGEST_STEP_WAIT_MS, WALKTHROUGH } from "../config.js";
import {
  databaseSecretNames,
  dbInstanceSettings,
  dbSubnetGroupName,
  maxAllocatedStorage,
} from "../desired.js";
import type { Action, LiveResource } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { stateWord } from "../i18n/state-words.js";
import {
  fixPassword,
  initialPassword,
  observePasswordSecret,
  type PasswordPlan,
  passwordSource,
  planPassword,
} from "./database-password.js";
import { observeSubnetGroup, type SubnetGroupFound, subnetGroupAction } from "./database-subnet-group.js";
import type { AwsStep, AwsStepContext } from "./index.js";
import { findJwtSecret, type JwtSecret, jwtSecretActions } from "./jwt-secret.js";
import type { DatabaseOutputs, NetworkOutputs } from "./outputs.js";
import { adoptDetail, claim, deletable, ownership } from "./ownership.js";
import { SECRET, type StackSecret, secretArn } from "./stack-secret.js";

const DB = WALKTHROUGH.database;
const INSTANCE = "RDS DB instance";

const CREATE_TIMEOUT_MS = LONGEST_STEP_WAIT_MS;
const DELETE_TIMEOUT_MS = LONGEST_STEP_WAIT_MS;
const POLL_MS = 15_000;

interface EngineVersion {
  version: string;
  source: "flag" | "default" | "fallback";
}

/** What observe found. Runs write what they made back into it. */
interface Snapshot {
  id: string;
  /** The network step's outputs; undefined in a plan made before that step ran. */
  network: NetworkOutputs | undefined;
  jwt: JwtSecret;
  /** The instance by identifier, possibly still being deleted. */
  instance: DBInstance | undefined;
  /** The stack's generated-password secret, where it matters (database-password.ts). */
  password: StackSecret | undefined;
  /** For an instance to be created: its DB subnet group outside the default VPC. */
  subnetGroup: SubnetGroupFound | undefined;
  /** For an instance to be created: the PostgreSQL version. */
  version: EngineVersion | undefined;
}

type DatabaseAction = Action<AwsStepContext, Snapshot>;

/** The instance to keep: one being deleted is to be created anew. */
function liveInstance(instance: DBInstance | undefined): DBInstance | undefined {
  return instance?.DBInstanceStatus === "deleting" ? undefined : instance;
}

export const databaseStep: AwsStep<Snapshot> = {
  id: "database",
  get title() {
    return t("database.title");
  },
  needs: ["network"],
  get console() {
    return t("database.console", {
      identifier: DB.identifier,
      masterUser: DB.masterUser,
      instanceClass: DB.instanceClass,
      storage: DB.storageGiB,
      dbGroup: WALKTHROUGH.network.dbGroupName,
    });
  },
  get deviations() {
    return [
      t("database.deviation.password"),
      t("database.deviation.engine", {
        version: DB.majorVersion,
        days: DB.backupRetentionDays,
        maxStorage: DB.maxStorageGiB,
      }),
      t("database.deviation.jwt"),
      t("database.deviation.teardown"),
    ];
  },

  async observe(ctx) {
    const { config } = ctx;
    const network = ctx.find("network");
    const id = config.names.dbInstance;
    const jwt = await findJwtSecret(ctx);
    const instance = await findDbInstance(ctx.aws.rds, id);
    const live = liveInstance(instance);
    const creating = live === undefined;
    return {
      id,
      network,
      jwt,
      instance,
      password: await observePasswordSecret(ctx, live),
      subnetGroup: creating ? await observeSubnetGroup(ctx, network?.vpcId ?? config.vpcId) : undefined,
      version: creating ? await engineVersion(ctx) : undefined,
    };
  },

  diff(snapshot, ctx) {
    const { config } = ctx;
    const live = liveInstance(snapshot.instance);
    if (live) claim(ownership(live.TagList, config.names.stack), INSTANCE, snapshot.id);
    const password = planPassword<Snapshot>(live, snapshot.password, config);
    const actions: DatabaseAction[] = jwtSecretActions(snapshot.jwt, config);
    if (password.secretAction) actions.push(password.secretAction);
    if (live) {
      actions.push(instanceAction(live, snapshot, password, config));
      return actions;
    }
    if (snapshot.subnetGroup) actions.push(subnetGroupAction<Snapshot>(snapshot.subnetGroup, config));
    actions.push(createAction(snapshot, config));
    return actions;
  },

  async outputs(snapshot, ctx) {
    const id = snapshot.id;
    const instance = await untilAvailable(ctx, snapshot.instance!, { start: false });
    const { mode, arn } = passwordSource(instance, snapshot.password);
    const endpoint = instance.Endpoint?.Address;
    if (!endpoint) {
      throw new MsdemoError(t("database.noEndpoint", { id }), { hint: t("database.noEndpoint.hint") });
    }
    return {
      dbInstanceId: id,
      endpoint,
      port: instance.Endpoint?.Port ?? DB.port,
      dbName: DB.databaseName,
      masterUsername: instance.MasterUsername ?? DB.masterUser,
      passwordSecretArn: arn,
      jwtSecretArn: secretArn(snapshot.jwt)!,
      passwordMode: mode,
    } satisfies DatabaseOutputs;
  },

  async destroy(ctx) {
    const { config } = ctx;
    const { rds, secrets } = ctx.aws;
    const stack = config.names.stack;
    const recorded = ctx.previous?.dbInstanceId;
    const ids = new Set([config.names.dbInstance, ...(typeof recorded === "string" ? [recorded] : [])]);
    for (const id of ids) {
      const instance = await findDbInstance(rds, id);
      if (!instance) continue;
      const verdict = deletable(ownership(instance.TagList, stack), INSTANCE, id);
      if (!verdict.ok) {
        ctx.warn(verdict.note);
        continue;
      }
      if (instance.DBInstanceStatus !== "deleting") {
        ctx.progress(t("database.deleting", { id }));
        await deleteDbInstance(rds, id);
      }
      await waitForDbDeleted(rds, id, waitOptions(ctx, DELETE_TIMEOUT_MS));
    }
    if (await deleteDbSubnetGroup(rds, dbSubnetGroupName(config))) {
      ctx.progress(t("database.deletedSubnetGroup", { name: dbSubnetGroupName(config) }));
    }
    // The RDS-managed secret goes with the instance; the stack's own secrets go now.
    const names = databaseSecretNames(config);
    const secretIds = new Set<string>([names.db, names.jwt]);
    for (const key of ["passwordSecretArn", "jwtSecretArn"]) {
      const arn = ctx.previous?.[key];
      if (typeof arn === "string" && !arn.includes(":secret:rds!")) secretIds.add(arn);
    }
    const seen = new Set<string>();
    for (const secretId of secretIds) {
      const found = await findSecret(secrets, secretId);
      if (!found || seen.has(found.arn)) continue;
      seen.add(found.arn);
      const verdict = deletable(ownership(found.tags, stack), SECRET, found.name);
      if (!verdict.ok) {
        ctx.warn(verdict.note);
        continue;
      }
      const deleted = await deleteSecret(secrets, secretId);
      if (deleted) ctx.progress(t("database.deletedSecret", { id: deleted.name }));
    }
  },

  async inspect(ctx) {
    const { config } = ctx;
    const { rds, secrets } = ctx.aws;
    const stack = config.names.stack;
    const id = config.names.dbInstance;
    const resources: LiveResource[] = [];
    const warnings: string[] = [];
    const instance = await findDbInstance(rds, id);
    if (!instance) {
      resources.push({ step: "database", type: INSTANCE, name: id, state: "missing", managed: false });
    } else {
      const state = instance.DBInstanceStatus ?? "unknown";
      resources.push({
        step: "database",
        type: INSTANCE,
        name: id,
        id: instance.DbiResourceId ?? id,
        state,
        managed: hasStackTag(instance.TagList, stack),
        ...(instance.InstanceCreateTime ? { createdAt: instance.InstanceCreateTime.toISOString() } : {}),
      });
      const failure = dbFailure(state);
      if (failure) warnings.push(t("database.failedState", { id, state, hint: failure.hint }));
      const managedSecret = instance.MasterUserSecret;
      if (managedSecret?.SecretArn) {
        resources.push({
          step: "database",
          type: `${SECRET} (RDS-managed)`,
          name: managedSecret.SecretArn.split(":").pop() ?? managedSecret.SecretArn,
          id: managedSecret.SecretArn,
          state: managedSecret.SecretStatus ?? "exists",
          managed: hasStackTag(instance.TagList, stack),
        });
      }
    }
    const names = databaseSecretNames(config);
    for (const name of [names.db, names.jwt]) {
      const secret = await findSecret(secrets, name);
      if (
        !secret &&
        name === names.db &&
        (instance?.MasterUserSecret || config.dbPasswordMode === "managed")
      ) {
        continue; // Not used in managed mode.
      }
      resources.push({
        step: "database",
        type: SECRET,
        name,
        ...(secret ? { id: secret.arn } : {}),
        state: !secret ? "missing" : secret.deleted ? "scheduled-for-deletion" : "exists",
        managed: secret ? hasStackTag(secret.tags, stack) : false,
      });
    }
    const host = instance?.Endpoint?.Address;
    return {
      resources,
      ...(host ? { endpoints: { database: `${host}:${instance?.Endpoint?.Port ?? DB.port}` } } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  },
};

// ---------------------------------------------------------------------------
// A new instance

/** Creates the instance (after one of that name being deleted has gone), records its id, waits until available. */
function createAction(snapshot: Snapshot, config: Config): DatabaseAction {
  const { id } = snapshot;
  const version = snapshot.version!;
  const storage = storageOf(config);
  const managed = config.dbPasswordMode === "managed";
  const detail =
    t("database.plan.instance", {
      version: describeVersion(version),
      instanceClass: config.dbInstanceClass,
      storage: config.dbStorage,
      maxStorage: storage.max,
      storageType: storage.type,
      group: snapshot.network?.dbSecurityGroupId ?? config.names.dbSecurityGroup,
      password: t(managed ? "database.plan.managedByRds" : "database.plan.generatedByMsdemo"),
    }) +
    (managed ? `; ${t("database.plan.rotation")}` : "") +
    (snapshot.instance ? ` ${t("database.plan.afterDeletion")}` : "");
  return {
    change: {
      action: "create",
      resource: INSTANCE,
      name: id,
      detail,
      ...(version.source === "fallback" ? { warning: describeVersion(version) } : {}),
    },
    async run(ctx, snap) {
      const network = ctx.require("network");
      const { rds } = ctx.aws;
      if (snap.instance) {
        ctx.progress(t("database.waitingForDeletion", { id }));
        await waitForDbDeleted(rds, id, waitOptions(ctx, DELETE_TIMEOUT_MS));
      }
      const password = await initialPassword(ctx, snap.password);
      ctx.progress(
        t("database.creating", { id, version: version.version, instanceClass: config.dbInstanceClass }),
      );
      let instance: DBInstance;
      try {
        instance = await createDbInstance(rds, {
          ...dbInstanceSettings(config),
          // Resolved by observe (RDS's current default minor), and gp2 capped at 100 GiB in a Learner Lab.
          EngineVersion: version.version,
          MaxAllocatedStorage: storage.max,
          StorageType: storage.type,
          VpcSecurityGroupIds: [network.dbSecurityGroupId],
          ...(snap.subnetGroup ? { DBSubnetGroupName: snap.subnetGroup.name } : {}),
          ...(password === undefined ? { ManageMasterUserPassword: true } : { MasterUserPassword: password }),
          Tags: stackTags(config.names.stack, "database", id),
        });
      } catch (error) {
        // A concurrent run (or a kill right after the call) created it already.
        if (!isAwsErrorNamed(error, "DBInstanceAlreadyExists", "DBInstanceAlreadyExistsFault")) throw error;
        const existing = await findDbInstance(rds, id);
        if (!existing) throw error;
        instance = existing;
      }
      await ctx.record({ dbInstanceId: id });
      snap.instance = await untilAvailable(ctx, instance, { start: true });
    },
  };
}

// ---------------------------------------------------------------------------
// An existing instance

/** Settings of an existing instance that differ from the configuration and that msdemo does not change. */
function drift(instance: DBInstance, config: Config): string[] {
  const notes: string[] = [];
  if (instance.DBInstanceClass && instance.DBInstanceClass !== config.dbInstanceClass) {
    notes.push(
      t("database.drift.class", { actual: instance.DBInstanceClass, wanted: config.dbInstanceClass }),
    );
  }
  if ((instance.AllocatedStorage ?? 0) < config.dbStorage) {
    notes.push(
      t("database.drift.storage", { actual: String(instance.AllocatedStorage), wanted: config.dbStorage }),
    );
  }
  if (instance.PubliclyAccessible) notes.push(t("database.drift.public"));
  return notes;
}

function hasSecurityGroup(instance: DBInstance, groupId: string): boolean {
  return (instance.VpcSecurityGroups ?? []).some((g) => g.VpcSecurityGroupId === groupId);
}

/**
 * What an existing instance needs: adopt it (tag), start it, add the stack's
 * security group, make its password readable; in that order, in one change.
 */
function instanceAction(
  instance: DBInstance,
  snapshot: Snapshot,
  password: PasswordPlan<Snapshot>,
  config: Config,
): DatabaseAction {
  const { id } = snapshot;
  const stack = config.names.stack;
  const untagged = ownership(instance.TagList, stack).kind === "untagged";
  const state = instance.DBInstanceStatus ?? "unknown";
  const start = state === "stopped" || state === "stopping";
  const group = snapshot.network?.dbSecurityGroupId;
  const addGroup = group !== undefined && !hasSecurityGroup(instance, group) ? group : undefined;
  const work = [
    ...(start ? [t("database.plan.start", { state })] : []),
    ...(addGroup ? [t("database.plan.addGroup", { group: addGroup })] : []),
    ...(password.fix ? password.details : []),
  ];
  const failure = dbFailure(state);
  const notes = [
    ...(untagged ? [adoptDetail(stack)] : []),
    ...(state === "available" || start ? [] : [t("database.plan.state", { state })]),
    ...work,
    ...(password.fix ? [] : password.details),
  ];
  const warnings = [
    ...(failure ? [t("database.failedState", { id, state, hint: failure.hint })] : []),
    ...drift(instance, config).map((note) => t("database.drift", { id, note })),
    ...password.warnings,
  ];
  const change = {
    resource: INSTANCE,
    name: id,
    ...(notes.length > 0 ? { detail: notes.join("; ") } : {}),
    ...(warnings.length > 0 ? { warning: warnings.join(" ") } : {}),
  };
  if (!untagged && work.length === 0) return { change: { ...change, action: "none" } };
  return {
    change: { ...change, action: untagged ? "adopt" : "update" },
    async run(ctx, snap) {
      const { rds } = ctx.aws;
      if (untagged) {
        ctx.progress(t("database.adopting", { id }));
        await tagDbInstance(rds, instance.DBInstanceArn!, stackTags(stack, "database"));
      }
      await ctx.record({ dbInstanceId: id });
      if (work.length === 0) return;
      // Fails at once on a state the instance will not leave by itself.
      let current = await untilAvailable(ctx, instance, { start: true });
      if (addGroup) {
        ctx.progress(t("database.addingGroup", { group: addGroup, id }));
        await addDbSecurityGroup(rds, current, addGroup);
        current = await untilAvailable(ctx, { ...current, DBInstanceStatus: "modifying" }, { start: false });
      }
      if (password.fix) {
        await fixPassword(ctx, password.fix, snap.password);
        current = await untilAvailable(ctx, { ...current, DBInstanceStatus: "modifying" }, { start: false });
      }
      snap.instance = current;
    },
  };
}

// ---------------------------------------------------------------------------
// Waits and settings

function waitOptions(ctx: AwsStepContext, normalTimeoutMs: number) {
  return {
    signal: ctx.signal,
    intervalMs: pollInterval(POLL_MS),
    timeoutMs: pollInterval(normalTimeoutMs),
    onState: (state: string, elapsedMs: number) =>
      ctx.progress(
        t("database.waiting", {
          id: ctx.config.names.dbInstance,
          state: stateWord(state),
          seconds: Math.round(elapsedMs / 1000),
        }),
      ),
  };
}

/**
 * Waits until the instance is available; a failed state is a clear error at
 * once. `start`: start it if it is stopped (a write: only inside a planned change).
 */
async function untilAvailable(
  ctx: AwsStepContext,
  instance: DBInstance,
  options: { start: boolean },
): Promise<DBInstance> {
  const state = instance.DBInstanceStatus;
  if (state === "available") return instance;
  const id = ctx.config.names.dbInstance;
  const failure = dbFailure(state);
  if (failure) {
    throw new MsdemoError(t("database.badState", { id, state: String(state) }), { hint: failure.hint });
  }
  return waitForDbAvailable(ctx.aws.rds, id, {
    ...waitOptions(ctx, CREATE_TIMEOUT_MS),
    startIfStopped: options.start,
  });
}

/**
 * gp3 with autoscaling storage; in a Learner Lab, whose RDS policy allows only
 * General Purpose SSD (gp2) up to 100 GB, gp2 with the ceiling capped there.
 */
function storageOf(config: Config): { type: "gp2" | "gp3"; max: number } {
  const max = maxAllocatedStorage(config.dbStorage);
  return config.learnerLab
    ? { type: "gp2", max: Math.min(max, LEARNER_LAB_DB_STORAGE_MAX) }
    : { type: "gp3", max };
}

/** The version to create: --db-engine-version, else RDS's default minor of the major version. */
async function engineVersion(ctx: AwsStepContext): Promise<EngineVersion> {
  if (ctx.config.dbEngineVersion) return { version: ctx.config.dbEngineVersion, source: "flag" };
  const found = await defaultEngineVersion(ctx.aws.rds, DB.engine, DB.majorVersion);
  return found ? { version: found, source: "default" } : { version: DB.engineVersion, source: "fallback" };
}

function describeVersion(v: EngineVersion): string {
  return t(`database.version.${v.source}`, { version: v.version, major: DB.majorVersion });
}
