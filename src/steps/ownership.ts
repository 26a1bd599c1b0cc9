// The ownership rule (src/aws/tags.ts) turned into what a step says and does:
// the refusal for another stack's resource, the plan's adopt detail, and the
// note when teardown leaves something alone.
import { OWNERSHIP_POLICY, type Owner } from "../aws/tags.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";

export { type Owner, ownership } from "../aws/tags.js";

/** Throws for another stack's resource: msdemo never uses or changes it. */
export function claim(owner: Owner, resource: string, name: string): void {
  if (owner.kind === "other") {
    throw new MsdemoError(t("ownership.otherStack", { resource, name, stack: owner.stack }), {
      hint: t("ownership.otherStack.hint"),
    });
  }
}

/** The plan's detail for adopting an untagged resource found by name. */
export function adoptDetail(stack: string): string {
  return t("ownership.adopt", { stack });
}

/** Whether teardown may delete it; when not, the note it reports instead. */
export function deletable(
  owner: Owner,
  resource: string,
  name: string,
): { ok: true } | { ok: false; note: string } {
  if (OWNERSHIP_POLICY.mayDelete(owner)) return { ok: true };
  const stack = owner.kind === "other" ? owner.stack : "";
  return { ok: false, note: t("ownership.leavingOther", { resource, name, stack }) };
}
