// Finding the IAM roles msdemo uses. AWS Academy Learner Lab accounts cannot
// create roles; they come with pre-made ones whose names contain
// LabEksClusterRole, LabEksNodeRole or LabRole, sometimes with a prefix or
// suffix, so roles are found by pattern rather than by exact name.
import { type IAMClient, paginateListRoles } from "@aws-sdk/client-iam";
import { UsageError } from "../errors.js";

export interface RoleRef {
  name: string;
  arn: string;
}

export async function listRoles(iam: IAMClient): Promise<RoleRef[]> {
  const roles: RoleRef[] = [];
  for await (const page of paginateListRoles({ client: iam }, {})) {
    for (const role of page.Roles ?? [])
      if (role.RoleName && role.Arn) roles.push({ name: role.RoleName, arn: role.Arn });
  }
  return roles;
}

/**
 * The one role whose name contains `fragment` (whole word, any prefix or suffix
 * joined by - or _). The first fragment with any match wins, so a preference
 * order works: ["LabEksNodeRole", "LabRole"]. None or several: a UsageError
 * that lists what was found and names the flag.
 */
export function pickRole(roles: RoleRef[], fragments: string[], flag: string): RoleRef {
  for (const fragment of fragments) {
    const pattern = new RegExp(`(^|[-_.])${fragment}($|[-_.])`);
    const matches = roles.filter((r) => pattern.test(r.name));
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw new UsageError(
        `Several IAM roles match ${fragment}: ${matches.map((m) => m.name).join(", ")}`,
        `choose one with ${flag} <arn>, e.g. ${flag} ${matches[0]!.arn}`,
      );
    }
  }
  throw new UsageError(
    `No IAM role named like ${fragments.join(" or ")} in this account`,
    `create one (outside Learner Lab) or pass ${flag} arn:aws:iam::<account>:role/<name>`,
  );
}
