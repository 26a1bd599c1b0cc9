// A state file belongs to one stack in one account and one region. Acting on
// it from elsewhere would report a running stack as gone, or mix two stacks'
// outputs in one file, so every command compares before it acts.
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { StackState } from "./store.js";

export interface Place {
  stack: string;
  region: string;
  /** The caller's account; undefined when not asked yet (the region is compared without a call). */
  account?: string;
}

/** An exit-2 error naming where the state belongs and the flag to use; undefined when it is here. */
export function wrongPlace(state: StackState, path: string, here: Place): UsageError | undefined {
  const names = {
    stack: here.stack,
    path,
    stateRegion: state.region,
    stateAccount: state.account ?? t("state.unknownAccount"),
    region: here.region,
    account: here.account ?? "",
  };
  if (state.region !== here.region)
    return new UsageError(t("state.otherRegion", names), t("state.otherRegion.hint", names));
  if (state.account && here.account && state.account !== here.account)
    return new UsageError(t("state.otherAccount", names), t("state.otherAccount.hint", names));
  return undefined;
}
