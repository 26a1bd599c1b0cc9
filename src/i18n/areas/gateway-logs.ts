// Messages of one area, English and Spanish side by side; merged into the
// catalogues by ../en.ts and ../es.ts. The compiler checks both have the same keys.
// Here: the gateway's access log (its group, `msdemo logs --gateway`) and the
// API's CloudWatch metrics that `status` shows beside the SLO targets.
export const en = {
  "help.logRetentionDays":
    "days the gateway's access log is kept, one of CloudWatch Logs' retentions (default 1)",
  "gateway.deviation.accessLog":
    "The $default stage writes a JSON access log (one line per request) to a CloudWatch Logs group kept 1 day by default; `msdemo logs --gateway` prints it and teardown deletes it.",
  "gateway.plan.logGroup": "the API's access log, tagged for the stack",
  "gateway.plan.retention": "keep lines {days} day(s)",
  "gateway.plan.accessLog": "access log to {group}",
  "gateway.logGroupMissing": "The access-log group {name} is not there to point the stage at.",
  "gateway.deletingLogGroup": "Deleting the access-log group {name}",
  "gateway.metrics.noData": "no data in the last hour",
  "gateway.metrics.p95": "{ms} ms over the last hour (target ≤ {target} ms: {verdict})",
  "gateway.metrics.errorRate":
    "{percent} % ({errors} of {requests} requests) over the last hour (target ≤ {target} %: {verdict})",
  "gateway.metrics.met": "met",
  "gateway.metrics.missed": "missed",
  "gateway.metrics.failed": "Could not read the API's CloudWatch metrics: {message}",
  "ui.endpoint.latencyP95": "p95 latency",
  "ui.endpoint.errorRate5xx": "5xx rate",
  "help.logs.gateway": "the API Gateway's access log instead of a service's pods",
  "help.logs.lines": "only the last N lines",
  "logs.serviceOrGateway": "Name a service ({services}) or use --gateway.",
  "logs.gatewayWithService": "--gateway reads the API's access log: leave out the service ({service}).",
  "logs.gatewayFollow": "--follow is for a service's pods; --gateway prints the recent lines once.",
  "logs.badLines": "--lines must be a whole number from 1 to 10000, got {value}.",
  "logs.linesGatewayOnly": "--lines is for --gateway; a service's logs take --since.",
  "logs.gateway.none": "No access-log lines in {group} for that window.",
  "logs.gateway.line": "{time}  {method} {route}  {status}  {latency} ms",
} as const;

export const es: Record<keyof typeof en, string> = {
  "help.logRetentionDays":
    "días que se guarda el log de acceso del gateway, una de las retenciones de CloudWatch Logs (por defecto 1)",
  "gateway.deviation.accessLog":
    "La etapa $default escribe un log de acceso JSON (una línea por petición) en un grupo de CloudWatch Logs que se guarda 1 día por defecto; `msdemo logs --gateway` lo imprime y teardown lo elimina.",
  "gateway.plan.logGroup": "el log de acceso de la API, etiquetado para el stack",
  "gateway.plan.retention": "guardar las líneas {days} día(s)",
  "gateway.plan.accessLog": "log de acceso hacia {group}",
  "gateway.logGroupMissing": "El grupo del log de acceso {name} no existe para apuntar el stage a él.",
  "gateway.deletingLogGroup": "Eliminando el grupo del log de acceso {name}",
  "gateway.metrics.noData": "sin datos en la última hora",
  "gateway.metrics.p95": "{ms} ms en la última hora (objetivo ≤ {target} ms: {verdict})",
  "gateway.metrics.errorRate":
    "{percent} % ({errors} de {requests} peticiones) en la última hora (objetivo ≤ {target} %: {verdict})",
  "gateway.metrics.met": "cumplido",
  "gateway.metrics.missed": "no cumplido",
  "gateway.metrics.failed": "No se pudieron leer las métricas de CloudWatch de la API: {message}",
  "ui.endpoint.latencyP95": "latencia p95",
  "ui.endpoint.errorRate5xx": "tasa de 5xx",
  "help.logs.gateway": "el log de acceso del API Gateway en lugar de los pods de un servicio",
  "help.logs.lines": "solo las últimas N líneas",
  "logs.serviceOrGateway": "Indica un servicio ({services}) o usa --gateway.",
  "logs.gatewayWithService": "--gateway lee el log de acceso de la API: quita el servicio ({service}).",
  "logs.gatewayFollow":
    "--follow es para los pods de un servicio; --gateway imprime las líneas recientes una vez.",
  "logs.badLines": "--lines debe ser un número entero de 1 a 10000; se recibió {value}.",
  "logs.linesGatewayOnly": "--lines es para --gateway; los logs de un servicio usan --since.",
  "logs.gateway.none": "No hay líneas del log de acceso en {group} para ese intervalo.",
  "logs.gateway.line": "{time}  {method} {route}  {status}  {latency} ms",
} as const;
