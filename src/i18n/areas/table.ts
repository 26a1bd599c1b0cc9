// Messages of one area, English and Spanish side by side: only "table.*" keys.
// Column headings of msdemo's tables.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  "table.step": "STEP",
  "table.resource": "RESOURCE",
  "table.name": "NAME",
  "table.action": "ACTION",
  "table.type": "TYPE",
  "table.id": "ID",
  "table.state": "STATE",
  "table.status": "STATUS",
  "table.outputs": "OUTPUTS",
  "table.adopted": "adopted",
  "table.call": "CALL",
  "table.expected": "EXPECTED",
  "table.ms": "MS",
  "table.note": "NOTE",
} as const;

export const es: Spanish<typeof en> = {
  "table.step": "PASO",
  "table.resource": "RECURSO",
  "table.name": "NOMBRE",
  "table.action": "ACCIÓN",
  "table.type": "TIPO",
  "table.id": "ID",
  "table.state": "ESTADO",
  "table.status": "ESTADO",
  "table.outputs": "SALIDAS",
  "table.adopted": "adoptado",
  "table.call": "LLAMADA",
  "table.expected": "ESPERADO",
  "table.ms": "MS",
  "table.note": "NOTA",
};
