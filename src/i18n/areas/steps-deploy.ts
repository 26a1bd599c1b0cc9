// Messages of one area, English and Spanish side by side; merged into the
// catalogues by ../en.ts and ../es.ts. The compiler checks both have the same keys.
export const en = {
  // The service images step
  "images.console":
    "CloudShell: git clone the services, `aws ecr get-login-password | docker login`, then `docker build`, `docker tag` and `docker push` for auth-service-repo, orders-service-repo and products-service-repo; `docker system prune` when the disk fills up.",
  "images.deviation.inProcess":
    "Images are built in-process and pushed straight to ECR (no Docker daemon, nothing written to CloudShell's small disk); --builder docker keeps the walkthrough's way.",
  "images.deviation.digest":
    "Each image is tagged with its content digest as well as latest, and Kubernetes runs it by digest, so a rerun never deploys a stale `latest`.",
  "images.deviation.base":
    "The walkthrough's node:20-alpine reached end of life in April 2026; the images build on node:lts-alpine (the current Node.js LTS), pinned to the digest the first build found, so reruns build on the same bytes. --base-image chooses another.",
  "images.pushing": "{service}: pushing {done}/{total} blobs, {bytes} bytes ({skipped} already there)",
  "images.pushed": "{service}: pushed {bytes} bytes, {skipped} blobs already there",
  "images.bundling": "{service}: bundling",
  "images.readingBase": "{service}: reading the base image",
  "images.writingManifest": "{service}: writing the manifest",
  "images.plan.present": "the image of the current sources is there ({digest})",
  "images.plan.push": "built from the current sources and pushed (only the layers the repository lacks)",
  // The Kubernetes deployment step
  "deploy.console":
    "CloudShell: edit aws-auth-service.yaml, aws-orders-service.yaml and aws-products-service.yaml (account id, RDS endpoint, RDS password), `aws eks update-kubeconfig --name node-microservices-demo`, then `kubectl apply -f` each file and `kubectl get all` until the LoadBalancers have an external address.",
  "deploy.deviation.secret":
    "The DB password and JWT secret go into a Kubernetes Secret, read through secretKeyRef, never a plain value in the manifests.",
  "deploy.deviation.hardening":
    "Images run by digest; pods run as non-root with a read-only filesystem, probes on /readyz and /healthz, CPU and memory limits, and a HorizontalPodAutoscaler (2 to 4 pods at 70 % CPU).",
  "deploy.deviation.teardown":
    "Teardown deletes the LoadBalancer Services first and waits until AWS has removed their load balancers, so nothing keeps the VPC busy or costing money.",
  "deploy.plan.differs": "differs in {fields}; applied server-side",
  "deploy.plan.standIn": "compared with the cluster once the images and the database exist",
  "deploy.plan.terminating": "still being deleted by a teardown: waits until it is gone, then creates it",
  "deploy.noCluster": "No Kubernetes cluster to deploy to.",
  "deploy.noCluster.hint": "run msdemo up --steps cluster,nodes first, or pass --kubeconfig",
  "deploy.waiting": "waiting for the pods and the load balancers",
  "deploy.apiUnreachable":
    "the cluster's Kubernetes API does not answer; removing its load balancers through the ELB API instead",
  "deploy.inspect.unreachable":
    "The cluster's API did not answer: the load balancers below are as the ELB API lists them; the pods could not be checked.",
  "deploy.deletingLoadBalancer": "deleting load balancer {name}",
  // The API Gateway step
  "deploy.waitInService": "the load balancers to pass their health checks",
  "deploy.waitInService.hint":
    "Until they do, the API may answer 5xx; msdemo status shows them, and msdemo smoke retries while they warm up.",
  "deploy.inService": "load balancers, instances InService: {state} ({seconds} s)",
  "deploy.inspect.secretChanged":
    "{names}: the pods run with other secret values than AWS holds now (an RDS rotation?); msdemo up updates the Secret and rolls the pods",
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
  "gateway.plan.create": "{routes} routes, stage {stage}",
  "gateway.plan.noLoadBalancers": "routes checked once the load balancers exist",
  "gateway.plan.stageMissing": "stage {stage} to create",
  "gateway.plan.autoDeployOff": "auto-deploy to turn on",
  "gateway.plan.throttling": "rate limit to set: {limit}",
  "gateway.limit": "rate limit {rate} requests/s, burst {burst}",
  "gateway.settlingStage": "stage {stage}: auto-deploy on, {limit}",
  "gateway.creating": "Creating HTTP API {name}",
  "gateway.adopting": "Adopting HTTP API {name} ({id}): tagging it for stack {stack}",
  "gateway.route": "route {key} → {uri}",
  "gateway.removingRoute": "route {key}: not in msdemo's route table; removing it",
  "gateway.creatingStage": "stage {stage} with auto-deploy, {limit}",
  "gateway.deleting": "Deleting HTTP API {name} ({id})",
  "gateway.inspect.work": "{api}: {work} (msdemo up fixes it)",
  "gateway.duplicateDeleted":
    "HTTP API {name} ({id}) duplicates {kept} (a create answered twice or two runs at once): deleting it",
  "gateway.duplicateOthers": "Other HTTP APIs named {name}, not tagged for this stack, left alone: {ids}",
  "gateway.inspect.duplicates":
    "{count} HTTP APIs are named {name} ({ids}); msdemo up keeps the oldest of this stack and deletes the others",
} as const;

export const es: Record<keyof typeof en, string> = {
  "images.console":
    "CloudShell: clona los servicios con git clone, `aws ecr get-login-password | docker login`, luego `docker build`, `docker tag` y `docker push` para auth-service-repo, orders-service-repo y products-service-repo; `docker system prune` cuando el disco se llena.",
  "images.deviation.inProcess":
    "Las imágenes se construyen dentro del mismo proceso y se suben directo a ECR (sin daemon de Docker, sin escribir nada en el pequeño disco de CloudShell); --builder docker mantiene la forma de la guía.",
  "images.deviation.digest":
    "Cada imagen se etiqueta con el digest de su contenido además de latest, y Kubernetes la ejecuta por digest, así que repetir la ejecución nunca despliega un `latest` desactualizado.",
  "images.deviation.base":
    "El node:20-alpine de la guía llegó al fin de su vida en abril de 2026; las imágenes se construyen sobre node:lts-alpine (la versión LTS actual de Node.js), fijada al digest que encontró la primera construcción, para que cada repetición use los mismos bytes. --base-image elige otra.",
  "images.pushing": "{service}: subiendo {done}/{total} blobs, {bytes} bytes ({skipped} ya estaban)",
  "images.pushed": "{service}: {bytes} bytes subidos, {skipped} blobs ya estaban",
  "images.bundling": "{service}: empaquetando",
  "images.readingBase": "{service}: leyendo la imagen base",
  "images.writingManifest": "{service}: escribiendo el manifiesto",
  "images.plan.present": "la imagen de las fuentes actuales ya está ({digest})",
  "images.plan.push":
    "se construye con las fuentes actuales y se sube (solo las capas que le faltan al repositorio)",
  "deploy.console":
    "CloudShell: edita aws-auth-service.yaml, aws-orders-service.yaml y aws-products-service.yaml (id de la cuenta, endpoint de RDS, contraseña de RDS), `aws eks update-kubeconfig --name node-microservices-demo`, luego `kubectl apply -f` con cada archivo y `kubectl get all` hasta que los LoadBalancers tengan una dirección externa.",
  "deploy.deviation.secret":
    "La contraseña de la base de datos y el secreto JWT van en un Secret de Kubernetes, que se lee con secretKeyRef, nunca como un valor en texto plano en los manifiestos.",
  "deploy.deviation.hardening":
    "Las imágenes se ejecutan por digest; los pods corren sin root con un sistema de archivos de solo lectura, sondas en /readyz y /healthz, límites de CPU y memoria, y un HorizontalPodAutoscaler (de 2 a 4 pods al 70 % de CPU).",
  "deploy.deviation.teardown":
    "teardown elimina primero los Services LoadBalancer y espera a que AWS quite sus balanceadores de carga, así nada deja la VPC ocupada ni sigue costando dinero.",
  "deploy.plan.differs": "difiere en {fields}; se aplica del lado del servidor",
  "deploy.plan.standIn": "se compara con el clúster cuando existan las imágenes y la base de datos",
  "deploy.plan.terminating":
    "un teardown todavía lo está eliminando: se espera a que desaparezca y luego se crea",
  "deploy.noCluster": "No hay un clúster de Kubernetes donde desplegar.",
  "deploy.noCluster.hint": "ejecuta msdemo up --steps cluster,nodes primero, o usa --kubeconfig",
  "deploy.waiting": "esperando a los pods y a los balanceadores de carga",
  "deploy.apiUnreachable":
    "la API de Kubernetes del clúster no responde; se eliminan sus balanceadores de carga con la API de ELB",
  "deploy.inspect.unreachable":
    "La API del clúster no respondió: los balanceadores de carga de abajo son los que lista la API de ELB; no se pudieron revisar los pods.",
  "deploy.deletingLoadBalancer": "eliminando el balanceador de carga {name}",
  "deploy.waitInService": "que los balanceadores de carga pasen sus comprobaciones de estado",
  "deploy.waitInService.hint":
    "Hasta entonces la API puede responder 5xx; msdemo status los muestra y msdemo smoke reintenta mientras se preparan.",
  "deploy.inService": "balanceadores de carga, instancias InService: {state} ({seconds} s)",
  "deploy.inspect.secretChanged":
    "{names}: los pods usan otros valores secretos que los que AWS guarda ahora (¿una rotación de RDS?); msdemo up actualiza el Secret y reinicia los pods",
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
  "gateway.plan.create": "{routes} rutas, stage {stage}",
  "gateway.plan.noLoadBalancers": "las rutas se revisan cuando existan los balanceadores de carga",
  "gateway.plan.stageMissing": "stage {stage} por crear",
  "gateway.plan.autoDeployOff": "auto-deploy por activar",
  "gateway.plan.throttling": "límite de ritmo por fijar: {limit}",
  "gateway.limit": "límite de ritmo {rate} peticiones/s, ráfaga {burst}",
  "gateway.settlingStage": "stage {stage}: auto-deploy activado, {limit}",
  "gateway.creating": "Creando la HTTP API {name}",
  "gateway.adopting": "Adoptando la HTTP API {name} ({id}): se etiqueta para el stack {stack}",
  "gateway.route": "ruta {key} → {uri}",
  "gateway.removingRoute": "ruta {key}: no está en la tabla de rutas de msdemo; se quita",
  "gateway.creatingStage": "stage {stage} con auto-deploy, {limit}",
  "gateway.deleting": "Eliminando la HTTP API {name} ({id})",
  "gateway.inspect.work": "{api}: {work} (msdemo up lo corrige)",
  "gateway.duplicateDeleted":
    "La HTTP API {name} ({id}) duplica a {kept} (una creación respondida dos veces o dos ejecuciones a la vez): se elimina",
  "gateway.duplicateOthers":
    "Otras HTTP API llamadas {name}, sin la etiqueta de este stack, se dejan como están: {ids}",
  "gateway.inspect.duplicates":
    "Hay {count} HTTP API llamadas {name} ({ids}); msdemo up conserva la más antigua de este stack y elimina las demás",
};
