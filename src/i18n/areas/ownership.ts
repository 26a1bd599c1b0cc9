// Messages of one area, English and Spanish side by side: only "ownership.*" keys.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

// The one ownership rule every step follows (src/aws/tags.ts `ownership`).
export const en = {
  "ownership.otherStack": '{resource} {name} belongs to msdemo stack "{stack}", not to this one.',
  "ownership.otherStack.hint":
    "Use another --stack name (every resource name is then prefixed), or tear that stack down first.",
  "ownership.adopt": "tag it for stack {stack}",
  "ownership.leavingOther": "Leaving {resource} {name} alone: it belongs to stack {stack}.",
} as const;

export const es: Spanish<typeof en> = {
  "ownership.otherStack": '{resource} {name} pertenece al stack de msdemo "{stack}", no a este.',
  "ownership.otherStack.hint":
    "Usa otro nombre con --stack (todos los nombres de recursos llevan ese prefijo), o elimina antes ese stack.",
  "ownership.adopt": "etiquetarlo para el stack {stack}",
  "ownership.leavingOther": "No se toca {resource} {name}: pertenece al stack {stack}.",
};
