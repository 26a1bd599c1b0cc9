// Messages of one area, English and Spanish side by side: only "state.*" keys.
// The state file and its lock.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // State
  "state.locked": "Stack is in use by another msdemo (pid {pid} on {host}, `{command}`, since {since}).",
  "state.locked.hint":
    "Wait for it to finish, or stop it (kill {pid}); if it is no longer running, run again with --force-unlock. Lock file: {path}",
  "state.lockedElsewhere.hint":
    "It runs on another machine ({host}). If that machine is gone (a CloudShell session that ended), run again with --force-unlock; msdemo also takes such a lock over by itself once it is {minutes} minutes old. Lock file: {path}",
  "state.cannotCreateDir": "Cannot create the state folder {dir} ({code}).",
  "state.cannotCreateDir.hint":
    "Choose a folder you can write to with --state-dir or MSDEMO_STATE_DIR (the default is ~/.msdemo).",
  "state.lockFailed": "Could not take the lock {path}.",
  "state.lockFailed.hint": "Remove it if no msdemo is running.",
  "state.corrupt": "The state file {path} is unreadable ({reason}); msdemo will not overwrite it.",
  "state.corrupt.hint":
    "Move it aside (mv {path} {path}.bad) and run again: msdemo rebuilds its state by discovering the stack's tagged resources.",
  "state.notJson": "not valid JSON",
  "state.newer": "The state file {path} was written by a newer msdemo (schema {version}).",
  "state.newer.hint": "Upgrade msdemo, or use another --state-dir.",
  "state.secret": "Refusing to store {path} in the state file: it looks like a secret.",
  // Which stack a state file belongs to
  "state.otherRegion":
    "The state of stack {stack} in {path} belongs to region {stateRegion} (account {stateAccount}), not {region}.",
  "state.otherRegion.hint":
    "Use --region {stateRegion} to work on that stack; for a stack in {region} use another --stack or --state-dir (one state per stack per region).",
  "state.otherAccount":
    "The state of stack {stack} in {path} belongs to account {stateAccount} (region {stateRegion}); these credentials are account {account}.",
  "state.otherAccount.hint":
    "Use the credentials (--profile) of account {stateAccount}; for a stack in account {account} use another --stack or --state-dir.",
  "state.unknownAccount": "unknown",
  "state.setAside":
    "{reason} Teardown goes on without it, finding the stack's resources by name and tag; the file is kept as {aside}.",
} as const;

export const es: Spanish<typeof en> = {
  "state.locked": "Otro msdemo está usando el stack (pid {pid} en {host}, `{command}`, desde {since}).",
  "state.locked.hint":
    "Espera a que termine, o detenlo (kill {pid}); si ya no está en marcha, ejecuta de nuevo con --force-unlock. Archivo de bloqueo: {path}",
  "state.lockedElsewhere.hint":
    "Se ejecuta en otra máquina ({host}). Si esa máquina ya no existe (una sesión de CloudShell que terminó), ejecuta de nuevo con --force-unlock; msdemo también toma ese bloqueo por sí mismo cuando tiene {minutes} minutos. Archivo de bloqueo: {path}",
  "state.cannotCreateDir": "No se puede crear la carpeta de estado {dir} ({code}).",
  "state.cannotCreateDir.hint":
    "Elige una carpeta en la que puedas escribir con --state-dir o MSDEMO_STATE_DIR (por defecto es ~/.msdemo).",
  "state.lockFailed": "No se pudo tomar el bloqueo {path}.",
  "state.lockFailed.hint": "Elimínalo si no hay ningún msdemo en ejecución.",
  "state.corrupt": "El archivo de estado {path} no se puede leer ({reason}); msdemo no lo sobrescribirá.",
  "state.corrupt.hint":
    "Apártalo (mv {path} {path}.bad) y ejecuta otra vez: msdemo reconstruye su estado descubriendo los recursos etiquetados del stack.",
  "state.notJson": "no es JSON válido",
  "state.newer": "El archivo de estado {path} lo escribió un msdemo más nuevo (esquema {version}).",
  "state.newer.hint": "Actualiza msdemo, o usa otro --state-dir.",
  "state.secret": "Se rechaza guardar {path} en el archivo de estado: parece un secreto.",
  "state.otherRegion":
    "El estado del stack {stack} en {path} pertenece a la región {stateRegion} (cuenta {stateAccount}), no a {region}.",
  "state.otherRegion.hint":
    "Usa --region {stateRegion} para trabajar con ese stack; para un stack en {region} usa otro --stack u otro --state-dir (un estado por stack y región).",
  "state.otherAccount":
    "El estado del stack {stack} en {path} pertenece a la cuenta {stateAccount} (región {stateRegion}); estas credenciales son de la cuenta {account}.",
  "state.otherAccount.hint":
    "Usa las credenciales (--profile) de la cuenta {stateAccount}; para un stack en la cuenta {account} usa otro --stack u otro --state-dir.",
  "state.unknownAccount": "desconocida",
  "state.setAside":
    "{reason} El teardown sigue sin él y encuentra los recursos del stack por nombre y etiqueta; el archivo se guarda como {aside}.",
};
