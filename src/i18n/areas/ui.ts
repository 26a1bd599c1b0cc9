// Messages of one area, English and Spanish side by side: only "ui.*" keys.
// Words shown in several views: plan actions, msdemo's own state words, the
// endpoint labels of `status`, and the closing lines of `up` and `teardown`.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // Plan actions (the ACTION column of the plan table).
  "ui.action.create": "create",
  "ui.action.update": "update",
  "ui.action.adopt": "adopt",
  "ui.action.none": "none",
  "ui.action.delete": "delete",
  // msdemo's own state words (status, teardown, diagram). AWS's words are shown as AWS reports them.
  "ui.state.exists": "exists",
  "ui.state.missing": "missing",
  "ui.state.ready": "ready",
  "ui.state.progressing": "progressing",
  "ui.state.active": "active",
  "ui.state.pending": "pending",
  "ui.state.pushed": "pushed",
  "ui.state.ok": "ok",
  "ui.state.extra": "extra",
  "ui.state.noIntegration": "no integration",
  "ui.state.autoDeploy": "auto-deploy",
  "ui.state.manualDeploy": "manual deploy",
  "ui.state.deleted": "deleted",
  "ui.state.scheduledForDeletion": "scheduled-for-deletion",
  "ui.state.done": "done",
  "ui.state.partial": "partial",
  // A step stopped by Ctrl-C.
  // The last line of a run the user stopped at a prompt of `up --step`.
  "ui.run.stopped": "stopped after {elapsed}: msdemo up continues later",
  // Labels of the endpoints `status` prints.
  "ui.endpoint.apiUrl": "API URL",
  "ui.endpoint.kubernetesApi": "Kubernetes API",
  "ui.endpoint.database": "database",
  "ui.endpoint.rateLimit": "API Gateway",
  // The closing lines of `up` and `teardown`: what the student needs next.
  "ui.summary.done": "Done in {elapsed}.",
  "ui.summary.smoke": "Try it:  msdemo smoke",
  "ui.summary.cost": "Cost from now on: about {hourly} an hour ({monthly} a month) while it runs.",
  "ui.summary.teardown": "When you are done:  msdemo teardown  (removes everything, so the billing stops)",
  "ui.teardown.removed": "Removed {count} resources of {stack}: {items}.",
  "ui.teardown.removedNone": "Nothing of {stack} was there to remove.",
  "ui.teardown.billingStopped": "Nothing of {stack} is left, so it no longer costs anything.",
  "ui.endpoint.latencyP95": "p95 latency",
  "ui.endpoint.errorRate5xx": "5xx rate",
} as const;

export const es: Spanish<typeof en> = {
  "ui.action.create": "crear",
  "ui.action.update": "actualizar",
  "ui.action.adopt": "adoptar",
  "ui.action.none": "ninguna",
  "ui.action.delete": "eliminar",
  "ui.state.exists": "existe",
  "ui.state.missing": "no existe",
  "ui.state.ready": "listo",
  "ui.state.progressing": "en progreso",
  "ui.state.active": "activo",
  "ui.state.pending": "pendiente",
  "ui.state.pushed": "subida",
  "ui.state.ok": "correcto",
  "ui.state.extra": "sobrante",
  "ui.state.noIntegration": "sin integración",
  "ui.state.autoDeploy": "despliegue automático",
  "ui.state.manualDeploy": "despliegue manual",
  "ui.state.deleted": "eliminado",
  "ui.state.scheduledForDeletion": "programado para eliminarse",
  "ui.state.done": "hecho",
  "ui.state.partial": "parcial",
  "ui.run.stopped": "detenido tras {elapsed}: msdemo up continúa más tarde",
  "ui.endpoint.apiUrl": "URL de la API",
  "ui.endpoint.kubernetesApi": "API de Kubernetes",
  "ui.endpoint.database": "base de datos",
  "ui.endpoint.rateLimit": "API Gateway",
  "ui.summary.done": "Terminado en {elapsed}.",
  "ui.summary.smoke": "Pruébalo:  msdemo smoke",
  "ui.summary.cost": "Costo desde ahora: unos {hourly} por hora ({monthly} al mes) mientras exista.",
  "ui.summary.teardown": "Cuando termines:  msdemo teardown  (elimina todo, así deja de facturarse)",
  "ui.teardown.removed": "Se eliminaron {count} recursos de {stack}: {items}.",
  "ui.teardown.removedNone": "No había nada de {stack} que eliminar.",
  "ui.teardown.billingStopped": "No queda nada de {stack}, así que ya no cuesta nada.",
  "ui.endpoint.latencyP95": "latencia p95",
  "ui.endpoint.errorRate5xx": "tasa de 5xx",
};
