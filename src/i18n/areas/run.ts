// Messages of one area, English and Spanish side by side: only "run.*" keys.
// The progress lines of `up` and `teardown`, and why a step was skipped.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // Run output
  "run.stackIn": "Stack {stack} in {region}",
  "run.apiUrl": "API: {url}",
  "run.running": "running: {steps}",
  "run.deleting": "deleting: {steps}",
  "run.nothing": "(nothing)",
  "run.started": "{step}: started ({title})",
  "run.startedDelete": "{step}: deleting ({title})",
  "run.progress": "{step}: {message}",
  "run.warning": "{step}: warning: {message}",
  "run.done": "{step}: done in {elapsed}",
  // A step that waited on AWS (a poll, a retry's pause) for a second or more.
  "run.doneWaited": "{step}: done in {elapsed} ({waited} waiting on AWS)",
  "run.timeWaited": "{elapsed}, {waited} waiting on AWS",
  "run.failed": "{step}: FAILED: {message}",
  "run.failedHint": "{step}: FAILED: {message} (hint: {hint})",
  "run.skipped": "{step}: skipped ({reason})",
  "run.finished": "finished after {elapsed}",
  "run.interrupted": "interrupted after {elapsed}",
  "run.runFailed": "failed after {elapsed}",
  "run.waiting": "{title} (waiting)",
  "run.reason.skippedByYou": "skipped by you",
  "run.reason.interrupted": "interrupted",
  "run.reason.youQuit": "you quit",
  "run.reason.afterFailure": "not started after a failure",
} as const;

export const es: Spanish<typeof en> = {
  "run.stackIn": "Stack {stack} en {region}",
  "run.apiUrl": "API: {url}",
  "run.running": "ejecutando: {steps}",
  "run.deleting": "eliminando: {steps}",
  "run.nothing": "(nada)",
  "run.started": "{step}: iniciado ({title})",
  "run.startedDelete": "{step}: eliminando ({title})",
  "run.progress": "{step}: {message}",
  "run.warning": "{step}: aviso: {message}",
  "run.done": "{step}: listo en {elapsed}",
  "run.doneWaited": "{step}: listo en {elapsed} ({waited} esperando a AWS)",
  "run.timeWaited": "{elapsed}, {waited} esperando a AWS",
  "run.failed": "{step}: FALLÓ: {message}",
  "run.failedHint": "{step}: FALLÓ: {message} (sugerencia: {hint})",
  "run.skipped": "{step}: omitido ({reason})",
  "run.finished": "terminado en {elapsed}",
  "run.interrupted": "interrumpido tras {elapsed}",
  "run.runFailed": "falló tras {elapsed}",
  "run.waiting": "{title} (esperando)",
  "run.reason.skippedByYou": "lo saltaste",
  "run.reason.interrupted": "interrumpido",
  "run.reason.youQuit": "saliste",
  "run.reason.afterFailure": "no iniciado tras un fallo",
};
