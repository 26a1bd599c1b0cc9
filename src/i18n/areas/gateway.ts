// Messages of one area, English and Spanish side by side: only "gateway.*" keys.
// The gateway step (src/steps/gateway.ts): the API Gateway HTTP API.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  "gateway.console":
    "API Gateway → HTTP API → Create: name node-microservices-demo-api; one HTTP integration per route to each service's LoadBalancer on port 3000 (GET /auth, POST /api/register, POST /api/login, GET /orders, ANY /api/orders, GET /products, ANY /api/products); stage $default with auto-deploy.",
  "gateway.deviation.http":
    "Integrations use http://, not https://: the Kubernetes load balancer on port 3000 speaks plain HTTP and has no certificate for its AWS name, so the walkthrough's https:// integrations fail.",
  "gateway.deviation.proxy":
    "ANY /api/orders/{proxy+} and ANY /api/products/{proxy+} are added, so sub-paths reach the services too.",
  "gateway.noLoadBalancer": "No load balancer is known for {services}.",
  "gateway.noLoadBalancer.hint": "run msdemo up --steps deploy first",
  "gateway.work.create": "{count} routes to add",
  "gateway.work.retarget": "{count} to reconnect",
  "gateway.work.update": "{count} to repoint",
  "gateway.work.remove": "{count} to remove",
  "gateway.work.orphans": "{count} unused integrations to delete",
  "gateway.work.authorize": "{count} routes whose token check to set",
  "gateway.plan.create": "{routes} routes, stage {stage}",
  "gateway.plan.noLoadBalancers": "routes checked once the load balancers exist",
  "gateway.plan.autoDeployOff": "auto-deploy to turn on",
  "gateway.plan.throttling": "rate limit to set: {limit}",
  "gateway.plan.stage": "auto-deploy, {limit}",
  "gateway.plan.reconnect": "its integration is gone: a new one to {uri}",
  "gateway.plan.repoint": "{from} → {to}",
  "gateway.plan.extraRoute": "not in msdemo's route table",
  "gateway.plan.secondRoute": "a second route with this key (a create answered twice)",
  "gateway.plan.unused": "no route uses it",
  "gateway.plan.authorizer":
    "tokens from the Authorization header; issuer: the API's URL; audience: {audience}",
  "gateway.plan.tokenCheck": "check tokens with the JWT authorizer",
  "gateway.plan.noTokenCheck": "no token check (not in msdemo's table)",
  "gateway.authorizerMissing": "The JWT authorizer {name} is not there to put the routes behind.",
  "gateway.plan.duplicate": "{id} duplicates {kept} (a create answered twice or two runs at once)",
  "gateway.limit": "rate limit {rate} requests/s, burst {burst}",
  "gateway.deleting": "Deleting HTTP API {name} ({id})",
  "gateway.inspect.work": "{api}: {work} (msdemo up fixes it)",
  "gateway.duplicateDeleted":
    "HTTP API {name} ({id}) duplicates {kept} (a create answered twice or two runs at once): deleting it",
  "gateway.snapshotGone":
    "Something this run was changing in the HTTP API was deleted meanwhile (another run at once kept its twin): looking again",
  "gateway.duplicateOthers": "Other HTTP APIs named {name}, not tagged for this stack, left alone: {ids}",
  "gateway.inspect.duplicates":
    "{count} HTTP APIs are named {name} ({ids}); msdemo up keeps the oldest of this stack and deletes the others",
  "gateway.deviation.accessLog":
    "The $default stage writes a JSON access log (one line per request) to a CloudWatch Logs group kept 1 day by default; `msdemo logs --gateway` prints it and teardown deletes it.",
  "gateway.plan.logGroup": "the API's access log, tagged for the stack",
  "gateway.plan.retention": "keep lines {days} day(s)",
  "gateway.plan.accessLog": "access log to {group}",
  "gateway.logGroupMissing": "The access-log group {name} is not there to point the stage at.",
  "gateway.deletingLogGroup": "Deleting the access-log group {name}",
  // --private: the VPC link
  "gateway.plan.vpcLink": "into the cluster's subnets, so the API reaches the internal load balancers",
  "gateway.plan.vpcLinkPublic": "the services are public again (no --private): no integration uses it",
  "gateway.vpcLink.state": "VPC link {id}: {state} ({seconds} s)",
  "gateway.vpcLink.gone": "gone",
  "gateway.plan.vpcLinkDuplicate": "{id} duplicates {kept} (a create answered twice)",
  "gateway.vpcLink.duplicateDeleted":
    "VPC link {id} duplicates {kept} (a create answered twice): deleting it",
  "gateway.inspect.vpcLinkDuplicates":
    "{count} VPC links are named {name} ({ids}); msdemo up keeps the oldest and deletes the others",
  "gateway.vpcLink.waitAvailable": "the VPC link to become available",
  "gateway.vpcLink.waitGone": "AWS to delete the VPC link",
  "gateway.vpcLink.timeout.hint":
    "AWS is still making or removing the link's network interfaces; run the same command again to go on waiting.",
  "gateway.deletingVpcLink": "Deleting the VPC link {name} ({id})",
  "gateway.metrics.noData": "no data in the last hour",
  "gateway.metrics.p95": "{ms} ms over the last hour (target ≤ {target} ms: {verdict})",
  "gateway.metrics.errorRate":
    "{percent} % ({errors} of {requests} requests) over the last hour (target ≤ {target} %: {verdict})",
  "gateway.metrics.met": "met",
  "gateway.metrics.missed": "missed",
  "gateway.metrics.failed": "Could not read the API's CloudWatch metrics: {message}",
} as const;

export const es: Spanish<typeof en> = {
  "gateway.console":
    "API Gateway → HTTP API → Create: API name node-microservices-demo-api; una integración HTTP (Integrations) por ruta (Configure routes) hacia el LoadBalancer de cada servicio en el puerto 3000 (GET /auth, POST /api/register, POST /api/login, GET /orders, ANY /api/orders, GET /products, ANY /api/products); stage $default con auto-deploy.",
  "gateway.deviation.http":
    "Las integraciones usan http://, no https://: el balanceador de carga de Kubernetes en el puerto 3000 habla HTTP simple y no tiene certificado para su nombre de AWS, así que las integraciones https:// de la guía fallan.",
  "gateway.deviation.proxy":
    "Se agregan ANY /api/orders/{proxy+} y ANY /api/products/{proxy+}, para que las subrutas también lleguen a los servicios.",
  "gateway.noLoadBalancer": "No se conoce ningún balanceador de carga para {services}.",
  "gateway.noLoadBalancer.hint": "ejecuta msdemo up --steps deploy primero",
  "gateway.work.create": "{count} rutas por agregar",
  "gateway.work.retarget": "{count} por reconectar",
  "gateway.work.update": "{count} por redirigir",
  "gateway.work.remove": "{count} por quitar",
  "gateway.work.orphans": "{count} integraciones sin uso por eliminar",
  "gateway.work.authorize": "{count} rutas con la comprobación de token por ajustar",
  "gateway.plan.create": "{routes} rutas, stage {stage}",
  "gateway.plan.noLoadBalancers": "las rutas se revisan cuando existan los balanceadores de carga",
  "gateway.plan.autoDeployOff": "auto-deploy por activar",
  "gateway.plan.throttling": "límite de ritmo por fijar: {limit}",
  "gateway.plan.stage": "auto-deploy, {limit}",
  "gateway.plan.reconnect": "su integración ya no existe: una nueva hacia {uri}",
  "gateway.plan.repoint": "{from} → {to}",
  "gateway.plan.extraRoute": "no está en la tabla de rutas de msdemo",
  "gateway.plan.secondRoute": "una segunda ruta con esta clave (una creación respondida dos veces)",
  "gateway.plan.unused": "ninguna ruta la usa",
  "gateway.plan.authorizer":
    "tokens de la cabecera Authorization; emisor: la URL de la API; audiencia: {audience}",
  "gateway.plan.tokenCheck": "comprobar los tokens con el autorizador JWT",
  "gateway.plan.noTokenCheck": "sin comprobación de token (no está en la tabla de msdemo)",
  "gateway.authorizerMissing": "El autorizador JWT {name} no existe para poner las rutas detrás de él.",
  "gateway.plan.duplicate":
    "{id} duplica a {kept} (una creación respondida dos veces o dos ejecuciones a la vez)",
  "gateway.limit": "límite de ritmo {rate} peticiones/s, ráfaga {burst}",
  "gateway.deleting": "Eliminando la HTTP API {name} ({id})",
  "gateway.inspect.work": "{api}: {work} (msdemo up lo corrige)",
  "gateway.duplicateDeleted":
    "La HTTP API {name} ({id}) duplica a {kept} (una creación respondida dos veces o dos ejecuciones a la vez): se elimina",
  "gateway.snapshotGone":
    "Algo que esta ejecución cambiaba en la HTTP API se eliminó mientras tanto (otra ejecución a la vez conservó su gemela): se vuelve a mirar",
  "gateway.duplicateOthers":
    "Otras HTTP API llamadas {name}, sin la etiqueta de este stack, se dejan como están: {ids}",
  "gateway.inspect.duplicates":
    "Hay {count} HTTP API llamadas {name} ({ids}); msdemo up conserva la más antigua de este stack y elimina las demás",
  "gateway.deviation.accessLog":
    "La etapa $default escribe un log de acceso JSON (una línea por petición) en un grupo de CloudWatch Logs que se guarda 1 día por defecto; `msdemo logs --gateway` lo imprime y teardown lo elimina.",
  "gateway.plan.logGroup": "el log de acceso de la API, etiquetado para el stack",
  "gateway.plan.retention": "guardar las líneas {days} día(s)",
  "gateway.plan.accessLog": "log de acceso hacia {group}",
  "gateway.logGroupMissing": "El grupo del log de acceso {name} no existe para apuntar el stage a él.",
  "gateway.deletingLogGroup": "Eliminando el grupo del log de acceso {name}",
  // --private: el VPC link
  "gateway.plan.vpcLink": "en las subredes del clúster, para que la API llegue a los balanceadores internos",
  "gateway.plan.vpcLinkPublic":
    "los servicios vuelven a ser públicos (sin --private): ninguna integración lo usa",
  "gateway.vpcLink.state": "VPC link {id}: {state} ({seconds} s)",
  "gateway.vpcLink.gone": "eliminado",
  "gateway.plan.vpcLinkDuplicate": "{id} duplica a {kept} (una creación respondida dos veces)",
  "gateway.vpcLink.duplicateDeleted":
    "El VPC link {id} duplica a {kept} (una creación respondida dos veces): se elimina",
  "gateway.inspect.vpcLinkDuplicates":
    "{count} VPC links se llaman {name} ({ids}); msdemo up conserva el más antiguo y elimina los demás",
  "gateway.vpcLink.waitAvailable": "que el VPC link esté disponible",
  "gateway.vpcLink.waitGone": "que AWS elimine el VPC link",
  "gateway.vpcLink.timeout.hint":
    "AWS aún está creando o quitando las interfaces de red del link; vuelve a ejecutar el mismo comando para seguir esperando.",
  "gateway.deletingVpcLink": "Eliminando el VPC link {name} ({id})",
  "gateway.metrics.noData": "sin datos en la última hora",
  "gateway.metrics.p95": "{ms} ms en la última hora (objetivo ≤ {target} ms: {verdict})",
  "gateway.metrics.errorRate":
    "{percent} % ({errors} de {requests} peticiones) en la última hora (objetivo ≤ {target} %: {verdict})",
  "gateway.metrics.met": "cumplido",
  "gateway.metrics.missed": "no cumplido",
  "gateway.metrics.failed": "No se pudieron leer las métricas de CloudWatch de la API: {message}",
};
