// Messages of one area, English and Spanish side by side: only "status.*" keys.
// `msdemo status`.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // Status
  "status.noState": "Stack {stack}: no state file at {path}.",
  "status.stateOnly": "Stack {stack} in {region} (state file only)",
  "status.endpoint": "{name}: {url}",
  "status.driftGone": "drift: {type} {name} is in the state file but gone from AWS",
  "status.driftUntracked": "drift: {type} {name} exists but is not in the state file",
  "status.couldNotCheck": "could not check {step}: {message}",
} as const;

export const es: Spanish<typeof en> = {
  "status.noState": "Stack {stack}: no hay archivo de estado en {path}.",
  "status.stateOnly": "Stack {stack} en {region} (solo archivo de estado)",
  "status.endpoint": "{name}: {url}",
  "status.driftGone": "deriva: {type} {name} está en el archivo de estado pero ya no existe en AWS",
  "status.driftUntracked": "deriva: {type} {name} existe pero no está en el archivo de estado",
  "status.couldNotCheck": "no se pudo revisar {step}: {message}",
};
