// Messages of one area, English and Spanish side by side: only "notes.*" keys.
// The notes that keep a person from a blank screen (CloudShell, slow AWS, resume).
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  "notes.cloudShell":
    "CloudShell ends a session after 20–30 minutes without typing, even while msdemo works. If that happens, open CloudShell again and run msdemo up: it resumes where it stopped.",
  "notes.alreadyDone": "Already done before this run, checked and kept: {steps}.",
  "notes.contactingAws": "contacting AWS ({region})…",
  "notes.interrupted": "Interrupted. What was made so far is recorded: run {command} again to carry on.",
  "notes.stepInterrupted": "{step}: interrupted",
} as const;

export const es: Spanish<typeof en> = {
  "notes.cloudShell":
    "CloudShell cierra la sesión tras 20–30 minutos sin escribir, aunque msdemo siga trabajando. Si pasa, abre CloudShell de nuevo y ejecuta msdemo up: continúa donde quedó.",
  "notes.alreadyDone": "Ya hecho antes de esta ejecución, comprobado y conservado: {steps}.",
  "notes.contactingAws": "contactando con AWS ({region})…",
  "notes.interrupted":
    "Interrumpido. Lo creado hasta ahora está registrado: ejecuta {command} de nuevo para continuar.",
  "notes.stepInterrupted": "{step}: interrumpido",
};
