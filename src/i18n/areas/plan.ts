// Messages of one area, English and Spanish side by side: only "plan.*" keys.
// `msdemo plan`.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // Plan
  "plan.summary": "Plan: {create} to create, {update} to update, {adopt} to adopt, {none} unchanged.",
  "plan.couldNotPlan": "(could not plan)",
} as const;

export const es: Spanish<typeof en> = {
  "plan.summary":
    "Plan: {create} por crear, {update} por actualizar, {adopt} por adoptar, {none} sin cambios.",
  "plan.couldNotPlan": "(no se pudo planificar)",
};
