// One word for every state AWS, Kubernetes or the state file can report, so
// each format colours a box the same way.
import type { Tone } from "./types.js";

const OK = /^(active|available|exists|created|deployed|ready|pushed|ok|in-use|auto-deploy)$/i;
const PENDING =
  /^(creating|progressing|updating|modifying|pending|starting|backing-up|configuring.*|rebooting|maintenance|upgrading|storage-optimization)$/i;
const BAD =
  /^(missing|failed|create_failed|delete_failed|degraded|deleting|stopped|stopping|incompatible.*|inaccessible.*|storage-full|scheduled-for-deletion)$/i;

export function toneOf(state: string): Tone {
  if (state === "planned") return "planned";
  if (state === "external") return "external";
  if (OK.test(state)) return "ok";
  if (PENDING.test(state)) return "pending";
  if (BAD.test(state)) return "bad";
  return "pending";
}

// One word list for every view: the diagram's own words live there too.
export { stateWord } from "../i18n/state-words.js";
