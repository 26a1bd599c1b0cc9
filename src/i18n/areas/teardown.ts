// Messages of one area, English and Spanish side by side: only "teardown.*" keys.
// `msdemo teardown`.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // Teardown
  "teardown.stillThere": "Still there:",
} as const;

export const es: Spanish<typeof en> = {
  "teardown.stillThere": "Todavía existe:",
};
