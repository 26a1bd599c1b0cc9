// Messages of one area, English and Spanish side by side: only "kube.*" keys.
// The Kubernetes work (src/kube), `msdemo kubeconfig` and `msdemo logs`.
// "kube.doing.*" are fragments that go into explainKubeError's "<doing>: HTTP 403 — …".
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  "kube.noCluster": "The stack has no EKS cluster to connect to.",
  "kube.noCluster.hint": "run msdemo up first, or pass --kubeconfig",
  "kube.kubeconfig.written": "Context {context} written to {path}. Try: kubectl get pods -n {namespace}",
  "kube.logs.badService": '<service> must be one of {services} (got "{service}")',
  "kube.logs.badSince": '--since takes a duration such as 30s, 10m or 2h (got "{value}")',
  "kube.logs.noPods": "No pods of {app} in namespace {namespace}.",
  // What was being done when the API server failed (errors.ts prefixes them)
  "kube.doing.applying": "Applying {object}",
  "kube.doing.reading": "Reading {object}",
  "kube.doing.readNamespace": "Reading namespace {namespace}",
  "kube.doing.listServices": "Listing Services in {namespace}",
  "kube.doing.deleteService": "Deleting Service {namespace}/{name}",
  "kube.doing.readService": "Reading Service {namespace}/{name}",
  "kube.doing.deleteNamespace": "Deleting namespace {namespace}",
  "kube.doing.readDeployment": "Reading Deployment {namespace}/{name}",
  "kube.doing.listingPods": "listing pods",
  "kube.doing.readLog": "Reading the log of pod {pod}",
  "kube.doing.listPods": "Listing the pods of {app}",
  // errors.ts
  "kube.errors.interrupted": "{doing}: interrupted.",
  "kube.errors.unauthorized": "{doing}: the cluster did not accept msdemo's credentials (HTTP 401).",
  "kube.errors.forbiddenIn":
    "{doing}: not allowed (HTTP 403): the cluster says user {user} may not {verb} {resource} in namespace {namespace}.",
  "kube.errors.forbidden":
    "{doing}: not allowed (HTTP 403): the cluster says user {user} may not {verb} {resource}.",
  "kube.errors.forbiddenOther": "{doing}: not allowed (HTTP 403): {detail}",
  "kube.errors.terminating":
    "{doing}: namespace {namespace} is still being deleted, so Kubernetes takes nothing new in it (HTTP 403).",
  "kube.errors.invalid": "{doing}: Kubernetes rejected it as invalid (HTTP 422):{fields}",
  "kube.errors.invalid.hint":
    "A field above has a value Kubernetes does not accept: check the value msdemo was given for it (or the template, if you edited it).",
  "kube.errors.immutable.hint":
    "That field cannot change on an existing object: run msdemo teardown (or delete the object), then msdemo up again.",
  "kube.errors.fieldConflict":
    "{doing}: another tool manages these fields, so Kubernetes refused the change (HTTP 409):{fields}",
  "kube.errors.fieldConflict.hint":
    "Someone changed them with another tool (kubectl edit, a controller); msdemo takes them back when it applies with force, as msdemo up does.",
  "kube.errors.conflict": "{doing}: conflict (HTTP 409): {detail}",
  "kube.errors.conflict.hint": "The object changed meanwhile; run the command again.",
  "kube.errors.unauthorized.hint":
    "The cluster did not accept msdemo's token: check that your AWS credentials are current and belong to the identity that created the cluster (or one with an EKS access entry).",
  "kube.errors.forbidden.hint":
    "Your identity reached the cluster but may not change it: give it an EKS access entry with the AmazonEKSClusterAdminPolicy.",
  "kube.errors.certificate.hint":
    "The API server's certificate does not match the cluster's CA data: check --kubeconfig, or that the EKS cluster is the one msdemo made.",
  "kube.errors.unreachable.hint":
    "The Kubernetes API server cannot be reached: is the cluster ACTIVE, and its endpoint public?",
  // diagnose.ts: why pods are not ready
  "kube.diagnose.imagePull":
    "{pod}: {reason} — the node cannot pull the image{detail}; check that the image exists in ECR and the node role may read it",
  "kube.diagnose.crashLoop": "{pod}: CrashLoopBackOff — the container keeps exiting; last log lines:\n{log}",
  "kube.diagnose.crashLoopExit":
    "{pod}: CrashLoopBackOff — the container keeps exiting (exit code {code}); last log lines:\n{log}",
  "kube.diagnose.noLog": "(no log output)",
  "kube.diagnose.notReadyEvent": "{pod}: {phase} but not ready — {event}",
  "kube.diagnose.notReadyProbe":
    "{pod}: {phase} but not ready (its readiness probe /readyz fails: is the database reachable?)",
  "kube.diagnose.noPods": "no pod exists yet (are the nodes of the node group Ready?)",
  "kube.diagnose.catchingUp": "the pods are ready, but the Deployment has not caught up yet",
  // kubeconfig-file.ts
  "kube.kubeconfig.theFile": "the file",
  "kube.kubeconfig.notList": "{source} is not a kubeconfig: its {field} is not a list of named entries.",
  "kube.kubeconfig.notYaml": "{source} is not valid YAML: {error}",
  "kube.kubeconfig.notYaml.hint": "Fix or move it, then run msdemo kubeconfig again.",
  "kube.kubeconfig.notKubeconfig": "{source} is not a kubeconfig.",
  // kubeconfig.ts
  "kube.kubeconfig.missingFile": "The kubeconfig file {file} does not exist.",
  "kube.kubeconfig.missingFile.hint":
    "Check --kubeconfig / KUBECONFIG, or leave both unset to use the stack's EKS cluster.",
  "kube.kubeconfig.noContext": "The kubeconfig {paths} has no current context with a cluster.",
  "kube.kubeconfig.noContext.hint": "Set current-context in it (kubectl config use-context NAME).",
  // logs.ts
  "kube.logs.noCluster": "The kubeconfig has no current cluster.",
  "kube.logs.readFailed": "Reading the log of pod {pod}: HTTP {status}{detail}",
  // remove.ts
  "kube.remove.timeout": "Timed out after {duration} waiting for {what}.",
  "kube.remove.timeout.hint":
    "AWS is still deleting it; run msdemo teardown again in a few minutes: it resumes.",
  "kube.remove.deletingService": "deleting Service {name} (and its load balancer)",
  "kube.remove.waitService": "Service {name} to be deleted",
  "kube.remove.serviceDeleted": "Service {name} deleted",
  "kube.remove.waitLoadBalancer": "AWS to delete load balancer {hostname}",
  "kube.remove.loadBalancerDeleted": "load balancer {hostname} deleted",
  "kube.remove.waitingLoadBalancer": "waiting for AWS to delete load balancer {hostname}",
  "kube.remove.deletingNamespace": "deleting namespace {namespace}",
  "kube.remove.waitNamespace": "namespace {namespace} to be deleted",
  "kube.remove.namespaceDeleted": "namespace {namespace} deleted",
  "kube.remove.heldByFinalizer":
    "Service {name} stays until AWS has deleted its load balancer (finalizer service.kubernetes.io/load-balancer-cleanup)",
  // namespace.ts
  "kube.namespace.terminating":
    "namespace {namespace} is still being deleted (a teardown ran just before): waiting until it is gone to create it again",
  "kube.namespace.terminating.hint":
    "Kubernetes is still removing what was in namespace {namespace}; run msdemo up again in a minute: it resumes.",
  // render.ts
  "kube.render.template": "Template {file}: {message}",
  "kube.render.template.hint": "The templates ship with msdemo; reinstall it if you did not edit them.",
  "kube.render.noValue": "{{ {name} }} has no value (unknown placeholder).",
  "kube.render.mapping": "a mapping where a value was expected: write placeholders inside quotes.",
  "kube.render.notYaml": "not valid YAML: {error}",
  "kube.render.unquoted": 'write {{ {name} }} inside a quoted string ("{{ {name} }}").',
  "kube.render.unused": "no placeholder for {names} (missing placeholder).",
  "kube.render.empty": "holds no document.",
  "kube.render.notObject": "document {index} is not a Kubernetes object.",
  "kube.render.notPinned": "The image for {service} is not pinned by digest ({image}).",
  "kube.render.noImage": "none",
  "kube.render.notPinned.hint":
    "Run msdemo up --steps images: it records each image as <repository>@sha256:<digest>.",
  // stack.ts: each applied object
  "kube.applied.created": "{kind} {name} created",
  "kube.applied.changed": "{kind} {name} changed",
  "kube.applied.unchanged": "{kind} {name} unchanged",
  // wait.ts
  "kube.wait.podsUnreadable": "its pods could not be read ({error})",
  "kube.wait.fix.hint":
    "Fix the cause above, then run msdemo up again (it resumes); `msdemo logs <service>` shows the pods' logs.",
  "kube.wait.podsReady": "{name}: {ready}/{desired} pods ready",
  "kube.wait.stuck": "{name} cannot roll out: its pods are stuck.",
  "kube.wait.rolloutTimeout": "Timed out after {duration} waiting for {names} to roll out.",
  "kube.wait.loadBalancer": "{name}: load balancer {host}",
  "kube.wait.noEvent": "no event from the cloud provider yet",
  "kube.wait.loadBalancerTimeout":
    "Timed out after {duration} waiting for load balancers for {names}.\n{reasons}",
  "kube.wait.loadBalancerTimeout.hint":
    "AWS may be slow, or the account may be out of load balancers; run msdemo up again later: it resumes.",
} as const;

export const es: Spanish<typeof en> = {
  "kube.noCluster": "El stack no tiene un clúster EKS al cual conectarse.",
  "kube.noCluster.hint": "ejecuta msdemo up primero, o usa --kubeconfig",
  "kube.kubeconfig.written": "Contexto {context} escrito en {path}. Prueba: kubectl get pods -n {namespace}",
  "kube.logs.badService": '<servicio> debe ser uno de {services} (se recibió "{service}")',
  "kube.logs.badSince": '--since necesita una duración como 30s, 10m o 2h (se recibió "{value}")',
  "kube.logs.noPods": "No hay pods de {app} en el namespace {namespace}.",
  "kube.doing.applying": "Aplicando {object}",
  "kube.doing.reading": "Leyendo {object}",
  "kube.doing.readNamespace": "Leyendo el namespace {namespace}",
  "kube.doing.listServices": "Listando los Services de {namespace}",
  "kube.doing.deleteService": "Eliminando el Service {namespace}/{name}",
  "kube.doing.readService": "Leyendo el Service {namespace}/{name}",
  "kube.doing.deleteNamespace": "Eliminando el namespace {namespace}",
  "kube.doing.readDeployment": "Leyendo el Deployment {namespace}/{name}",
  "kube.doing.listingPods": "listando los pods",
  "kube.doing.readLog": "Leyendo el log del pod {pod}",
  "kube.doing.listPods": "Listando los pods de {app}",
  "kube.errors.interrupted": "{doing}: interrumpido.",
  "kube.errors.unauthorized": "{doing}: el clúster no aceptó las credenciales de msdemo (HTTP 401).",
  "kube.errors.forbiddenIn":
    "{doing}: no permitido (HTTP 403): según el clúster, el usuario {user} no puede hacer {verb} sobre {resource} en el namespace {namespace}.",
  "kube.errors.forbidden":
    "{doing}: no permitido (HTTP 403): según el clúster, el usuario {user} no puede hacer {verb} sobre {resource}.",
  "kube.errors.forbiddenOther": "{doing}: no permitido (HTTP 403): {detail}",
  "kube.errors.terminating":
    "{doing}: el namespace {namespace} todavía se está eliminando, así que Kubernetes no admite nada nuevo en él (HTTP 403).",
  "kube.errors.invalid": "{doing}: Kubernetes lo rechazó por no ser válido (HTTP 422):{fields}",
  "kube.errors.invalid.hint":
    "Un campo de arriba tiene un valor que Kubernetes no acepta: revisa el valor que recibió msdemo para él (o la plantilla, si la editaste).",
  "kube.errors.immutable.hint":
    "Ese campo no puede cambiar en un objeto que ya existe: ejecuta msdemo teardown (o elimina el objeto) y luego msdemo up otra vez.",
  "kube.errors.fieldConflict":
    "{doing}: otra herramienta gestiona estos campos, así que Kubernetes rechazó el cambio (HTTP 409):{fields}",
  "kube.errors.fieldConflict.hint":
    "Alguien los cambió con otra herramienta (kubectl edit, un controlador); msdemo los recupera cuando aplica con force, como hace msdemo up.",
  "kube.errors.conflict": "{doing}: conflicto (HTTP 409): {detail}",
  "kube.errors.conflict.hint": "El objeto cambió mientras tanto; ejecuta el comando otra vez.",
  "kube.errors.unauthorized.hint":
    "El clúster no aceptó el token de msdemo: revisa que tus credenciales de AWS estén vigentes y pertenezcan a la identidad que creó el clúster (o a una con una entrada de acceso de EKS, access entry).",
  "kube.errors.forbidden.hint":
    "Tu identidad llegó al clúster, pero no tiene permiso para modificarlo: dale una entrada de acceso de EKS (access entry) con la política AmazonEKSClusterAdminPolicy.",
  "kube.errors.certificate.hint":
    "El certificado del servidor de API no coincide con los datos de CA del clúster: revisa --kubeconfig, o que el clúster EKS sea el que creó msdemo.",
  "kube.errors.unreachable.hint":
    "No se puede contactar al servidor de API de Kubernetes: ¿el clúster está ACTIVE y su endpoint es público?",
  "kube.diagnose.imagePull":
    "{pod}: {reason} — el nodo no puede descargar la imagen{detail}; revisa que la imagen exista en ECR y que el rol de los nodos pueda leerla",
  "kube.diagnose.crashLoop":
    "{pod}: CrashLoopBackOff — el contenedor termina una y otra vez; últimas líneas del log:\n{log}",
  "kube.diagnose.crashLoopExit":
    "{pod}: CrashLoopBackOff — el contenedor termina una y otra vez (código de salida {code}); últimas líneas del log:\n{log}",
  "kube.diagnose.noLog": "(el log está vacío)",
  "kube.diagnose.notReadyEvent": "{pod}: {phase}, pero no está listo — {event}",
  "kube.diagnose.notReadyProbe":
    "{pod}: {phase}, pero no está listo (su readiness probe /readyz falla: ¿se puede llegar a la base de datos?)",
  "kube.diagnose.noPods": "todavía no existe ningún pod (¿los nodos del grupo de nodos están Ready?)",
  "kube.diagnose.catchingUp": "los pods están listos, pero el Deployment todavía no se pone al día",
  "kube.kubeconfig.theFile": "el archivo",
  "kube.kubeconfig.notList":
    "{source} no es un kubeconfig: su campo {field} no es una lista de entradas con nombre.",
  "kube.kubeconfig.notYaml": "{source} no es YAML válido: {error}",
  "kube.kubeconfig.notYaml.hint": "Corrígelo o muévelo, y luego ejecuta msdemo kubeconfig otra vez.",
  "kube.kubeconfig.notKubeconfig": "{source} no es un kubeconfig.",
  "kube.kubeconfig.missingFile": "El archivo kubeconfig {file} no existe.",
  "kube.kubeconfig.missingFile.hint":
    "Revisa --kubeconfig / KUBECONFIG, o deja ambos sin definir para usar el clúster EKS del stack.",
  "kube.kubeconfig.noContext": "El kubeconfig {paths} no tiene un contexto actual con un clúster.",
  "kube.kubeconfig.noContext.hint": "Define current-context en él (kubectl config use-context NOMBRE).",
  "kube.logs.noCluster": "El kubeconfig no tiene un clúster actual.",
  "kube.logs.readFailed": "Leyendo el log del pod {pod}: HTTP {status}{detail}",
  "kube.remove.timeout": "Se agotó el tiempo ({duration}) esperando a {what}.",
  "kube.remove.timeout.hint":
    "AWS todavía lo está eliminando; ejecuta msdemo teardown otra vez en unos minutos: continúa donde quedó.",
  "kube.remove.deletingService": "eliminando el Service {name} (y su balanceador de carga)",
  "kube.remove.waitService": "que se elimine el Service {name}",
  "kube.remove.serviceDeleted": "Service {name} eliminado",
  "kube.remove.waitLoadBalancer": "que AWS elimine el balanceador de carga {hostname}",
  "kube.remove.loadBalancerDeleted": "balanceador de carga {hostname} eliminado",
  "kube.remove.waitingLoadBalancer": "esperando a que AWS elimine el balanceador de carga {hostname}",
  "kube.remove.deletingNamespace": "eliminando el namespace {namespace}",
  "kube.remove.waitNamespace": "que se elimine el namespace {namespace}",
  "kube.remove.namespaceDeleted": "namespace {namespace} eliminado",
  "kube.remove.heldByFinalizer":
    "el Service {name} sigue hasta que AWS elimine su balanceador de carga (finalizer service.kubernetes.io/load-balancer-cleanup)",
  "kube.namespace.terminating":
    "el namespace {namespace} todavía se está eliminando (se acaba de ejecutar un teardown): se espera a que desaparezca para crearlo de nuevo",
  "kube.namespace.terminating.hint":
    "Kubernetes todavía está quitando lo que había en el namespace {namespace}; ejecuta msdemo up otra vez en un minuto: continúa donde quedó.",
  "kube.render.template": "Plantilla {file}: {message}",
  "kube.render.template.hint": "Las plantillas vienen con msdemo; reinstálalo si no las editaste.",
  "kube.render.noValue": "{{ {name} }} no tiene valor (marcador desconocido).",
  "kube.render.mapping": "hay un mapeo donde se esperaba un valor: escribe los marcadores entre comillas.",
  "kube.render.notYaml": "no es YAML válido: {error}",
  "kube.render.unquoted": 'escribe {{ {name} }} dentro de un texto entre comillas ("{{ {name} }}").',
  "kube.render.unused": "no hay marcador para {names} (falta el marcador).",
  "kube.render.empty": "no contiene ningún documento.",
  "kube.render.notObject": "el documento {index} no es un objeto de Kubernetes.",
  "kube.render.notPinned": "La imagen de {service} no está fijada por digest ({image}).",
  "kube.render.noImage": "ninguna",
  "kube.render.notPinned.hint":
    "Ejecuta msdemo up --steps images: registra cada imagen como <repositorio>@sha256:<digest>.",
  "kube.applied.created": "{kind} {name} creado",
  "kube.applied.changed": "{kind} {name} modificado",
  "kube.applied.unchanged": "{kind} {name} sin cambios",
  "kube.wait.podsUnreadable": "no se pudieron leer sus pods ({error})",
  "kube.wait.fix.hint":
    "Corrige la causa indicada arriba y ejecuta msdemo up otra vez (continúa donde quedó); `msdemo logs <service>` muestra los logs de los pods.",
  "kube.wait.podsReady": "{name}: {ready}/{desired} pods listos",
  "kube.wait.stuck": "{name} no puede desplegarse: sus pods están atascados.",
  "kube.wait.rolloutTimeout": "Se agotó el tiempo ({duration}) esperando el despliegue de {names}.",
  "kube.wait.loadBalancer": "{name}: balanceador de carga {host}",
  "kube.wait.noEvent": "todavía no hay eventos del proveedor de nube",
  "kube.wait.loadBalancerTimeout":
    "Se agotó el tiempo ({duration}) esperando los balanceadores de carga de {names}.\n{reasons}",
  "kube.wait.loadBalancerTimeout.hint":
    "AWS puede estar lento, o la cuenta se quedó sin balanceadores de carga disponibles; ejecuta msdemo up otra vez más tarde: continúa donde quedó.",
};
