// Messages of one area, English and Spanish side by side; merged into the
// catalogues by ../en.ts and ../es.ts. The compiler checks both have the same keys.
// Here: rate limits at the door and `smoke --load`'s SLO view.
export const en = {
  "load.help.load":
    "send this many requests (at most 10000) and report p50/p95/p99 and the error rate per route",
  "load.help.concurrency": "requests in flight at once during --load (default 16, at most 256)",
  "load.help.rateLimit": "requests per second the gateway lets through (default {rate})",
  "load.help.burstLimit": "requests the gateway lets through at once above that rate (default {burst})",
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

export const es: Record<keyof typeof en, string> = {
  "load.help.load":
    "envía esta cantidad de peticiones (como mucho 10000) e informa p50/p95/p99 y la tasa de errores por ruta",
  "load.help.concurrency": "peticiones en curso a la vez durante --load (16 por defecto, como mucho 256)",
  "load.help.rateLimit": "peticiones por segundo que deja pasar el gateway ({rate} por defecto)",
  "load.help.burstLimit":
    "peticiones que deja pasar el gateway a la vez por encima de ese ritmo ({burst} por defecto)",
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
