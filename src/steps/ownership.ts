// The one ownership rule, for every step, over `ownership()` (src/aws/tags.ts):
// a resource with our name and no stack tag is adopted (tagged, then used);
// one tagged for another stack is refused on create and left alone on delete;
// ours is used and deleted. Here: the refusal, the plan's adopt detail, and the
// note when teardown leaves something alone.
import type { Owner } from "../aws/tags.js";
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
  if (owner.kind !== "other") return { ok: true };
  return { ok: false, note: t("ownership.leavingOther", { resource, name, stack: owner.stack }) };
}
