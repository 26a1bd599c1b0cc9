// Messages of one area, English and Spanish side by side: only "teach.*" keys.
// Teaching mode (`up --step`).
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // Teaching mode
  "teach.heading": "── {title} ({step}) ──",
  "teach.console": "In the console: {text}",
  "teach.differs": "msdemo differs: {text}",
} as const;

export const es: Spanish<typeof en> = {
  "teach.heading": "── {title} ({step}) ──",
  "teach.console": "En la consola: {text}",
  "teach.differs": "msdemo lo hace distinto: {text}",
};
