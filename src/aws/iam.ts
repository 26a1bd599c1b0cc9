// Finding the IAM roles msdemo uses. AWS Academy Learner Lab accounts cannot
// create roles; they come with pre-made ones whose names contain
// LabEksClusterRole, LabEksNodeRole or LabRole, sometimes with a prefix or
// suffix (c123456a1234567-LabEksClusterRole-AbCd), so roles are found by
// pattern rather than by exact name.
import { type IAMClient, paginateListRoles } from "@aws-sdk/client-iam";
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";

export interface RoleRef {
  name: string;
  arn: string;
}

/** Every role of the account (all pages). */
export async function listRoles(iam: IAMClient): Promise<RoleRef[]> {
  const roles: RoleRef[] = [];
  for await (const page of paginateListRoles({ client: iam }, {})) {
    for (const role of page.Roles ?? [])
      if (role.RoleName && role.Arn) roles.push({ name: role.RoleName, arn: role.Arn });
  }
  return roles;
}

/**
 * Whether a role name contains `fragment` as a word: any prefix or suffix, as
 * long as no letter touches it (so LabRole does not match MyLabRoles, but
 * c123-LabRole-AbCd and LabRole do).
 */
export function roleNameMatches(name: string, fragment: string): boolean {
  return new RegExp(`(^|[^A-Za-z])${fragment}($|[^A-Za-z])`).test(name);
}

/** Names of roles that look related (Lab or EKS in the name), for the error when none matches. */
function relatedNames(roles: RoleRef[]): string[] {
  return roles
    .map((r) => r.name)
    .filter((n) => /lab|eks/i.test(n))
    .sort();
}

/**
 * The one role whose name matches `fragments`; the first fragment with any
 * match wins, so a preference order works: ["LabEksNodeRole", "LabRole"].
 * None or several: a UsageError (exit code 2: the remedy is a flag) that
 * lists the candidates and names the flag.
 */
export function pickRole(roles: RoleRef[], fragments: readonly string[], flag: string): RoleRef {
  for (const fragment of fragments) {
    const matches = roles.filter((r) => roleNameMatches(r.name, fragment));
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      const names = matches.map((m) => m.name).sort();
      throw new UsageError(
        t("aws.iam.severalRoles", { fragment, names: names.join(", ") }),
        t("aws.iam.severalRoles.hint", { flag, arn: matches[0]!.arn }),
      );
    }
  }
  const related = relatedNames(roles);
  const seen = related.length
    ? t("aws.iam.relatedRoles", {
        names: `${related.slice(0, 15).join(", ")}${related.length > 15 ? ", …" : ""}`,
      })
    : t("aws.iam.noRelatedRoles", { count: roles.length });
  throw new UsageError(
    t("aws.iam.noRole", { fragments: fragments.join(` ${t("aws.iam.or")} `), seen }),
    t("aws.iam.noRole.hint", { flag }),
  );
}
