// msdemo's own state words (status, teardown, status --offline, the diagram) in
// the user's language. AWS's and Kubernetes' words (available, ACTIVE, CREATING,
// backing-up, …) are shown exactly as they report them.
import { type PlainMessageKey, wordFor } from "./index.js";

const OWN_WORDS: Record<string, PlainMessageKey> = {
  // The state file's word for a step (the diagram without --live), and the clients' box.
  planned: "diagram.state.planned",
  creating: "diagram.state.creating",
  created: "diagram.state.created",
  external: "diagram.state.external",
  exists: "ui.state.exists",
  missing: "ui.state.missing",
  ready: "ui.state.ready",
  progressing: "ui.state.progressing",
  active: "ui.state.active",
  pending: "ui.state.pending",
  pushed: "ui.state.pushed",
  ok: "ui.state.ok",
  extra: "ui.state.extra",
  "no integration": "ui.state.noIntegration",
  "auto-deploy": "ui.state.autoDeploy",
  "manual deploy": "ui.state.manualDeploy",
  deleted: "ui.state.deleted",
  "scheduled-for-deletion": "ui.state.scheduledForDeletion",
  done: "ui.state.done",
  partial: "ui.state.partial",
};

/** A state as shown: msdemo's own words translated, any other word unchanged. */
export function stateWord(state: string): string {
  return wordFor(OWN_WORDS, state);
}
