// Checks before `up` changes anything: who the caller is (this also proves the
// credentials work), Learner Lab limits, the IAM roles the cluster and node
// group will be created with, and whether the temporary credentials will
// outlive the run.

import { listRoles, pickRole } from "../aws/iam.js";
import {
  type AccountKind,
  credentialsExpireInMs,
  detectAccountKind,
  learnerLabViolations,
} from "../aws/learner-lab.js";
import { type Config, type StepId, WALKTHROUGH } from "../config.js";
import { criticalPathSeconds } from "../engine/estimate.js";
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import { TYPICAL_SECONDS } from "../steps/timings.js";
import { formatDuration } from "../ui/format.js";
import type { Runtime } from "./runtime.js";

export interface Preflight {
  account: AccountKind;
  warnings: string[];
  /** Roles found for steps that will create their resource; none when given by flag or not needed. */
  roles: Pick<Config, "clusterRoleArn" | "nodeRoleArn">;
}

/**
 * The roles a run will create the cluster and node group with, found now so
 * that a missing or ambiguous role stops the run (exit 2) before anything is
 * made. Steps already done keep their resource and need no role.
 */
async function findRoles(runtime: Runtime, toCreate: readonly StepId[]): Promise<Preflight["roles"]> {
  const { aws, config } = runtime;
  const needCluster = toCreate.includes("cluster") && !config.clusterRoleArn;
  const needNode = toCreate.includes("nodes") && !config.nodeRoleArn;
  if (!needCluster && !needNode) return {};
  const roles = await listRoles(aws.iam);
  return {
    ...(needCluster
      ? { clusterRoleArn: pickRole(roles, [WALKTHROUGH.cluster.roleNamePattern], "--cluster-role-arn").arn }
      : {}),
    ...(needNode
      ? { nodeRoleArn: pickRole(roles, [...WALKTHROUGH.nodes.roleNames], "--node-role-arn").arn }
      : {}),
  };
}

/** `toCreate`: the selected steps the state file does not record as done. */
export async function preflight(
  runtime: Runtime,
  selected: StepId[],
  toCreate: readonly StepId[] = selected,
): Promise<Preflight> {
  const { aws, config, steps } = runtime;
  const account = await detectAccountKind(aws.sts);
  if (account.learnerLab) {
    const problems = learnerLabViolations(config);
    if (problems.length > 0) {
      throw new UsageError(
        t("validation.learnerLab", { evidence: t("learnerLab.evidence"), problems: problems.join("\n  ") }),
      );
    }
  }
  const roles = await findRoles(runtime, toCreate);
  const warnings: string[] = [];
  const expiresInMs = await credentialsExpireInMs(aws.credentials());
  const neededMs = criticalPathSeconds(steps, selected, TYPICAL_SECONDS) * 1000;
  if (expiresInMs !== undefined && expiresInMs < neededMs) {
    warnings.push(
      t("warning.credentialsExpire", {
        left: formatDuration(Math.max(0, expiresInMs)),
        needed: formatDuration(neededMs),
      }),
    );
  }
  return { account, warnings, roles };
}
