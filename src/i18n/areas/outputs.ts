// Messages of one area, English and Spanish side by side: only "outputs.*" keys.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

// What one step hands the next (src/steps/outputs.ts): missing or malformed.
export const en = {
  "outputs.missing": "The {step} step needs what the {need} step makes, and {need} has not completed.",
  "outputs.missing.hint": "Run `msdemo up` (it runs {need} first), or add it: --steps {need},{step}",
  "outputs.malformed":
    "The state file's record of the {step} step is not what msdemo expects: {field}: {reason}",
  "outputs.malformed.hint":
    "Run `msdemo up --steps {step}`: it finds the resources in AWS and records them again.",
} as const;

export const es: Spanish<typeof en> = {
  "outputs.missing": "El paso {step} necesita lo que crea el paso {need}, y {need} no se ha completado.",
  "outputs.missing.hint": "Ejecuta `msdemo up` (hace antes {need}), o agrégalo: --steps {need},{step}",
  "outputs.malformed":
    "Lo que el archivo de estado guarda del paso {step} no es lo que msdemo espera: {field}: {reason}",
  "outputs.malformed.hint":
    "Ejecuta `msdemo up --steps {step}`: encuentra los recursos en AWS y los vuelve a guardar.",
};
