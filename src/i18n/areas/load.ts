// Messages of one area, English and Spanish side by side: only "load.*" keys.
// Rate limits at the door and `smoke --load`'s SLO view.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  "load.badRange": "{flag} must be a whole number from {min} to {max} (got {value})",
  "load.noLogin": "--load needs a user: logging in at {url} answered {status}.",
  "load.noLogin.hint": "Check that the system is up with msdemo smoke (without --load) first.",
  "load.heading": "Load against {url}: {requests} requests, {concurrency} at a time.",
  "load.targets": "Targets per route: p95 ≤ {p95} ms, errors ≤ {errors}.",
  "load.unsent": "{count} requests were not sent: the run stops after {seconds} s.",
  "load.throttledNote": "{count} answers were 429: the gateway's rate limit turned them away.",
  "load.passed": "Every route meets its targets.",
  "load.failed": "{count} of {total} routes miss their targets.",
  "load.table.route": "ROUTE",
  "load.table.calls": "CALLS",
  "load.table.errors": "ERRORS",
  "load.table.throttled": "429",
} as const;

export const es: Spanish<typeof en> = {
  "load.badRange": "{flag} debe ser un número entero de {min} a {max} (se recibió {value})",
  "load.noLogin": "--load necesita un usuario: iniciar sesión en {url} respondió {status}.",
  "load.noLogin.hint": "Comprueba primero que el sistema funciona con msdemo smoke (sin --load).",
  "load.heading": "Carga contra {url}: {requests} peticiones, {concurrency} a la vez.",
  "load.targets": "Objetivos por ruta: p95 ≤ {p95} ms, errores ≤ {errors}.",
  "load.unsent": "{count} peticiones no se enviaron: la prueba se detiene a los {seconds} s.",
  "load.throttledNote": "{count} respuestas fueron 429: el límite de ritmo del gateway las rechazó.",
  "load.passed": "Todas las rutas cumplen sus objetivos.",
  "load.failed": "{count} de {total} rutas no cumplen sus objetivos.",
  "load.table.route": "RUTA",
  "load.table.calls": "LLAMADAS",
  "load.table.errors": "ERRORES",
  "load.table.throttled": "429",
};
