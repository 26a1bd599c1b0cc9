// Checks before `up` changes anything: who the caller is (this also proves the
// credentials work), Learner Lab limits, and whether the temporary credentials
// will outlive the run.
import {
  type AccountKind,
  credentialsExpireInMs,
  detectAccountKind,
  learnerLabViolations,
} from "../aws/learner-lab.js";
import type { StepId } from "../config.js";
import { criticalPathSeconds } from "../engine/estimate.js";
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import { formatDuration } from "../ui/format.js";
import type { Runtime } from "./runtime.js";

export interface Preflight {
  account: AccountKind;
  warnings: string[];
}

export async function preflight(runtime: Runtime, selected: StepId[]): Promise<Preflight> {
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
  const warnings: string[] = [];
  const expiresInMs = await credentialsExpireInMs(aws.credentials());
  const neededMs = criticalPathSeconds(steps, selected) * 1000;
  if (expiresInMs !== undefined && expiresInMs < neededMs) {
    warnings.push(
      t("warning.credentialsExpire", {
        left: formatDuration(Math.max(0, expiresInMs)),
        needed: formatDuration(neededMs),
      }),
    );
  }
  return { account, warnings };
}
