// Messages of one area, English and Spanish side by side: only "prompt.*" keys.
// Questions msdemo asks, and the words of its prompts.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // Prompts
  "prompt.region": "AWS region?",
  "prompt.goAhead": "Go ahead?",
  "prompt.typeStack": "Type the stack name ({stack}) to delete everything in it:",
  "prompt.namesDiffer": "Names differ: nothing was deleted.",
  "prompt.whatNow": "What now?",
  "prompt.continue": "Continue: do this step",
  "prompt.skip": "Skip it this time",
  "prompt.quit": "Quit (msdemo up resumes later)",
  // prompts.ts
  "prompt.confirm.yes": "Yes",
  "prompt.confirm.no": "No",
  "prompt.confirm.defaultYes": "Y/n",
  "prompt.confirm.defaultNo": "y/N",
  "prompt.select.navigate": "navigate",
  "prompt.select.select": "select",
} as const;

export const es: Spanish<typeof en> = {
  "prompt.region": "¿Región de AWS?",
  "prompt.goAhead": "¿Continuar?",
  "prompt.typeStack": "Escribe el nombre del stack ({stack}) para eliminar todo lo que contiene:",
  "prompt.namesDiffer": "Los nombres no coinciden: no se eliminó nada.",
  "prompt.whatNow": "¿Y ahora?",
  "prompt.continue": "Continuar: hacer este paso",
  "prompt.skip": "Saltarlo esta vez",
  "prompt.quit": "Salir (msdemo up continúa más tarde)",
  "prompt.confirm.yes": "Sí",
  "prompt.confirm.no": "No",
  "prompt.confirm.defaultYes": "S/n",
  "prompt.confirm.defaultNo": "s/N",
  "prompt.select.navigate": "moverse",
  "prompt.select.select": "elegir",
};
