// Messages of one area, English and Spanish side by side: only "warning.*" keys.
// Warnings printed before or during a run.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // Warnings
  "warning.line": "warning: {message}",
  "warning.credentialsExpire":
    "Your AWS credentials expire in {left}, and this run usually takes about {needed}. If they expire, refresh them (Learner Lab: AWS Details → Show → copy the new credentials) and run msdemo up again: it resumes.",
} as const;

export const es: Spanish<typeof en> = {
  "warning.line": "aviso: {message}",
  "warning.credentialsExpire":
    "Tus credenciales de AWS vencen en {left}, y esta ejecución suele tardar unos {needed}. Si vencen, renuévalas (Learner Lab: AWS Details → Show → copia las nuevas credenciales) y ejecuta msdemo up otra vez: continúa donde quedó.",
};
