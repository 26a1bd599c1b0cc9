// Messages of one area, English and Spanish side by side; merged into the
// catalogues by ../en.ts and ../es.ts. The compiler checks both have the same keys.
//
// The Kubernetes work (src/kube). "kubeOps.doing.*" are fragments that go into
// explainKubeError's "<doing>: HTTP 403 — …"; "kubeOps.remove.wait*" go into
// "kubeOps.remove.timeout" and, in Spanish, start with "que …".
export const en = {
  // What was being done when the API server failed (errors.ts prefixes them)
  "kubeOps.doing.applying": "Applying {object}",
  "kubeOps.doing.reading": "Reading {object}",
  "kubeOps.doing.readNamespace": "Reading namespace {namespace}",
  "kubeOps.doing.listServices": "Listing Services in {namespace}",
  "kubeOps.doing.deleteService": "Deleting Service {namespace}/{name}",
  "kubeOps.doing.readService": "Reading Service {namespace}/{name}",
  "kubeOps.doing.deleteNamespace": "Deleting namespace {namespace}",
  "kubeOps.doing.readDeployment": "Reading Deployment {namespace}/{name}",
  "kubeOps.doing.listingPods": "listing pods",
  "kubeOps.doing.readLog": "Reading the log of pod {pod}",
  "kubeOps.doing.listPods": "Listing the pods of {app}",

  // errors.ts
  "kubeOps.errors.interrupted": "{doing}: interrupted.",
  "kubeOps.errors.unauthorized": "{doing}: the cluster did not accept msdemo's credentials (HTTP 401).",
  "kubeOps.errors.forbiddenIn":
    "{doing}: not allowed (HTTP 403): the cluster says user {user} may not {verb} {resource} in namespace {namespace}.",
  "kubeOps.errors.forbidden":
    "{doing}: not allowed (HTTP 403): the cluster says user {user} may not {verb} {resource}.",
  "kubeOps.errors.forbiddenOther": "{doing}: not allowed (HTTP 403): {detail}",
  "kubeOps.errors.terminating":
    "{doing}: namespace {namespace} is still being deleted, so Kubernetes takes nothing new in it (HTTP 403).",
  "kubeOps.errors.invalid": "{doing}: Kubernetes rejected it as invalid (HTTP 422):{fields}",
  "kubeOps.errors.invalid.hint":
    "A field above has a value Kubernetes does not accept: check the value msdemo was given for it (or the template, if you edited it).",
  "kubeOps.errors.immutable.hint":
    "That field cannot change on an existing object: run msdemo teardown (or delete the object), then msdemo up again.",
  "kubeOps.errors.fieldConflict":
    "{doing}: another tool manages these fields, so Kubernetes refused the change (HTTP 409):{fields}",
  "kubeOps.errors.fieldConflict.hint":
    "Someone changed them with another tool (kubectl edit, a controller); msdemo takes them back when it applies with force, as msdemo up does.",
  "kubeOps.errors.conflict": "{doing}: conflict (HTTP 409): {detail}",
  "kubeOps.errors.conflict.hint": "The object changed meanwhile; run the command again.",
  "kubeOps.errors.unauthorized.hint":
    "The cluster did not accept msdemo's token: check that your AWS credentials are current and belong to the identity that created the cluster (or one with an EKS access entry).",
  "kubeOps.errors.forbidden.hint":
    "Your identity reached the cluster but may not change it: give it an EKS access entry with the AmazonEKSClusterAdminPolicy.",
  "kubeOps.errors.certificate.hint":
    "The API server's certificate does not match the cluster's CA data: check --kubeconfig, or that the EKS cluster is the one msdemo made.",
  "kubeOps.errors.unreachable.hint":
    "The Kubernetes API server cannot be reached: is the cluster ACTIVE, and its endpoint public?",

  // diagnose.ts: why pods are not ready
  "kubeOps.diagnose.imagePull":
    "{pod}: {reason} — the node cannot pull the image{detail}; check that the image exists in ECR and the node role may read it",
  "kubeOps.diagnose.crashLoop":
    "{pod}: CrashLoopBackOff — the container keeps exiting; last log lines:\n{log}",
  "kubeOps.diagnose.crashLoopExit":
    "{pod}: CrashLoopBackOff — the container keeps exiting (exit code {code}); last log lines:\n{log}",
  "kubeOps.diagnose.noLog": "(no log output)",
  "kubeOps.diagnose.notReadyEvent": "{pod}: {phase} but not ready — {event}",
  "kubeOps.diagnose.notReadyProbe":
    "{pod}: {phase} but not ready (its readiness probe /readyz fails: is the database reachable?)",
  "kubeOps.diagnose.noPods": "no pod exists yet (are the nodes of the node group Ready?)",
  "kubeOps.diagnose.catchingUp": "the pods are ready, but the Deployment has not caught up yet",

  // kubeconfig-file.ts
  "kubeOps.kubeconfig.theFile": "the file",
  "kubeOps.kubeconfig.notList": "{source} is not a kubeconfig: its {field} is not a list of named entries.",
  "kubeOps.kubeconfig.notYaml": "{source} is not valid YAML: {error}",
  "kubeOps.kubeconfig.notYaml.hint": "Fix or move it, then run msdemo kubeconfig again.",
  "kubeOps.kubeconfig.notKubeconfig": "{source} is not a kubeconfig.",

  // kubeconfig.ts
  "kubeOps.kubeconfig.missingFile": "The kubeconfig file {file} does not exist.",
  "kubeOps.kubeconfig.missingFile.hint":
    "Check --kubeconfig / KUBECONFIG, or leave both unset to use the stack's EKS cluster.",
  "kubeOps.kubeconfig.noContext": "The kubeconfig {paths} has no current context with a cluster.",
  "kubeOps.kubeconfig.noContext.hint": "Set current-context in it (kubectl config use-context NAME).",

  // logs.ts
  "kubeOps.logs.noCluster": "The kubeconfig has no current cluster.",
  "kubeOps.logs.readFailed": "Reading the log of pod {pod}: HTTP {status}{detail}",

  // remove.ts
  "kubeOps.remove.timeout": "Timed out after {duration} waiting for {what}.",
  "kubeOps.remove.timeout.hint":
    "AWS is still deleting it; run msdemo teardown again in a few minutes: it resumes.",
  "kubeOps.remove.deletingService": "deleting Service {name} (and its load balancer)",
  "kubeOps.remove.waitService": "Service {name} to be deleted",
  "kubeOps.remove.serviceDeleted": "Service {name} deleted",
  "kubeOps.remove.waitLoadBalancer": "AWS to delete load balancer {hostname}",
  "kubeOps.remove.loadBalancerDeleted": "load balancer {hostname} deleted",
  "kubeOps.remove.waitingLoadBalancer": "waiting for AWS to delete load balancer {hostname}",
  "kubeOps.remove.deletingNamespace": "deleting namespace {namespace}",
  "kubeOps.remove.waitNamespace": "namespace {namespace} to be deleted",
  "kubeOps.remove.namespaceDeleted": "namespace {namespace} deleted",
  "kubeOps.remove.heldByFinalizer":
    "Service {name} stays until AWS has deleted its load balancer (finalizer service.kubernetes.io/load-balancer-cleanup)",

  // namespace.ts
  "kubeOps.namespace.terminating":
    "namespace {namespace} is still being deleted (a teardown ran just before): waiting until it is gone to create it again",
  "kubeOps.namespace.terminating.hint":
    "Kubernetes is still removing what was in namespace {namespace}; run msdemo up again in a minute: it resumes.",

  // render.ts
  "kubeOps.render.template": "Template {file}: {message}",
  "kubeOps.render.template.hint": "The templates ship with msdemo; reinstall it if you did not edit them.",
  "kubeOps.render.noValue": "{{ {name} }} has no value (unknown placeholder).",
  "kubeOps.render.mapping": "a mapping where a value was expected: write placeholders inside quotes.",
  "kubeOps.render.notYaml": "not valid YAML: {error}",
  "kubeOps.render.unquoted": 'write {{ {name} }} inside a quoted string ("{{ {name} }}").',
  "kubeOps.render.unused": "no placeholder for {names} (missing placeholder).",
  "kubeOps.render.empty": "holds no document.",
  "kubeOps.render.notObject": "document {index} is not a Kubernetes object.",
  "kubeOps.render.notPinned": "The image for {service} is not pinned by digest ({image}).",
  "kubeOps.render.noImage": "none",
  "kubeOps.render.notPinned.hint":
    "Run msdemo up --steps images: it records each image as <repository>@sha256:<digest>.",

  // stack.ts: each applied object
  "kubeOps.applied.created": "{kind} {name} created",
  "kubeOps.applied.changed": "{kind} {name} changed",
  "kubeOps.applied.unchanged": "{kind} {name} unchanged",

  // wait.ts
  "kubeOps.wait.podsUnreadable": "its pods could not be read ({error})",
  "kubeOps.wait.fix.hint":
    "Fix the cause above, then run msdemo up again (it resumes); `msdemo logs <service>` shows the pods' logs.",
  "kubeOps.wait.podsReady": "{name}: {ready}/{desired} pods ready",
  "kubeOps.wait.stuck": "{name} cannot roll out: its pods are stuck.",
  "kubeOps.wait.rolloutTimeout": "Timed out after {duration} waiting for {names} to roll out.",
  "kubeOps.wait.loadBalancer": "{name}: load balancer {host}",
  "kubeOps.wait.noEvent": "no event from the cloud provider yet",
  "kubeOps.wait.loadBalancerTimeout":
    "Timed out after {duration} waiting for load balancers for {names}.\n{reasons}",
  "kubeOps.wait.loadBalancerTimeout.hint":
    "AWS may be slow, or the account may be out of load balancers; run msdemo up again later: it resumes.",
} as const;

export const es: Record<keyof typeof en, string> = {
  "kubeOps.doing.applying": "Aplicando {object}",
  "kubeOps.doing.reading": "Leyendo {object}",
  "kubeOps.doing.readNamespace": "Leyendo el namespace {namespace}",
  "kubeOps.doing.listServices": "Listando los Services de {namespace}",
  "kubeOps.doing.deleteService": "Eliminando el Service {namespace}/{name}",
  "kubeOps.doing.readService": "Leyendo el Service {namespace}/{name}",
  "kubeOps.doing.deleteNamespace": "Eliminando el namespace {namespace}",
  "kubeOps.doing.readDeployment": "Leyendo el Deployment {namespace}/{name}",
  "kubeOps.doing.listingPods": "listando los pods",
  "kubeOps.doing.readLog": "Leyendo el log del pod {pod}",
  "kubeOps.doing.listPods": "Listando los pods de {app}",

  "kubeOps.errors.interrupted": "{doing}: interrumpido.",
  "kubeOps.errors.unauthorized": "{doing}: el clúster no aceptó las credenciales de msdemo (HTTP 401).",
  "kubeOps.errors.forbiddenIn":
    "{doing}: no permitido (HTTP 403): según el clúster, el usuario {user} no puede hacer {verb} sobre {resource} en el namespace {namespace}.",
  "kubeOps.errors.forbidden":
    "{doing}: no permitido (HTTP 403): según el clúster, el usuario {user} no puede hacer {verb} sobre {resource}.",
  "kubeOps.errors.forbiddenOther": "{doing}: no permitido (HTTP 403): {detail}",
  "kubeOps.errors.terminating":
    "{doing}: el namespace {namespace} todavía se está eliminando, así que Kubernetes no admite nada nuevo en él (HTTP 403).",
  "kubeOps.errors.invalid": "{doing}: Kubernetes lo rechazó por no ser válido (HTTP 422):{fields}",
  "kubeOps.errors.invalid.hint":
    "Un campo de arriba tiene un valor que Kubernetes no acepta: revisa el valor que recibió msdemo para él (o la plantilla, si la editaste).",
  "kubeOps.errors.immutable.hint":
    "Ese campo no puede cambiar en un objeto que ya existe: ejecuta msdemo teardown (o elimina el objeto) y luego msdemo up otra vez.",
  "kubeOps.errors.fieldConflict":
    "{doing}: otra herramienta gestiona estos campos, así que Kubernetes rechazó el cambio (HTTP 409):{fields}",
  "kubeOps.errors.fieldConflict.hint":
    "Alguien los cambió con otra herramienta (kubectl edit, un controlador); msdemo los recupera cuando aplica con force, como hace msdemo up.",
  "kubeOps.errors.conflict": "{doing}: conflicto (HTTP 409): {detail}",
  "kubeOps.errors.conflict.hint": "El objeto cambió mientras tanto; ejecuta el comando otra vez.",
  "kubeOps.errors.unauthorized.hint":
    "El clúster no aceptó el token de msdemo: revisa que tus credenciales de AWS estén vigentes y pertenezcan a la identidad que creó el clúster (o a una con una entrada de acceso de EKS, access entry).",
  "kubeOps.errors.forbidden.hint":
    "Tu identidad llegó al clúster, pero no tiene permiso para modificarlo: dale una entrada de acceso de EKS (access entry) con la política AmazonEKSClusterAdminPolicy.",
  "kubeOps.errors.certificate.hint":
    "El certificado del servidor de API no coincide con los datos de CA del clúster: revisa --kubeconfig, o que el clúster EKS sea el que creó msdemo.",
  "kubeOps.errors.unreachable.hint":
    "No se puede contactar al servidor de API de Kubernetes: ¿el clúster está ACTIVE y su endpoint es público?",

  "kubeOps.diagnose.imagePull":
    "{pod}: {reason} — el nodo no puede descargar la imagen{detail}; revisa que la imagen exista en ECR y que el rol de los nodos pueda leerla",
  "kubeOps.diagnose.crashLoop":
    "{pod}: CrashLoopBackOff — el contenedor termina una y otra vez; últimas líneas del log:\n{log}",
  "kubeOps.diagnose.crashLoopExit":
    "{pod}: CrashLoopBackOff — el contenedor termina una y otra vez (código de salida {code}); últimas líneas del log:\n{log}",
  "kubeOps.diagnose.noLog": "(el log está vacío)",
  "kubeOps.diagnose.notReadyEvent": "{pod}: {phase}, pero no está listo — {event}",
  "kubeOps.diagnose.notReadyProbe":
    "{pod}: {phase}, pero no está listo (su readiness probe /readyz falla: ¿se puede llegar a la base de datos?)",
  "kubeOps.diagnose.noPods": "todavía no existe ningún pod (¿los nodos del grupo de nodos están Ready?)",
  "kubeOps.diagnose.catchingUp": "los pods están listos, pero el Deployment todavía no se pone al día",

  "kubeOps.kubeconfig.theFile": "el archivo",
  "kubeOps.kubeconfig.notList":
    "{source} no es un kubeconfig: su campo {field} no es una lista de entradas con nombre.",
  "kubeOps.kubeconfig.notYaml": "{source} no es YAML válido: {error}",
  "kubeOps.kubeconfig.notYaml.hint": "Corrígelo o muévelo, y luego ejecuta msdemo kubeconfig otra vez.",
  "kubeOps.kubeconfig.notKubeconfig": "{source} no es un kubeconfig.",

  "kubeOps.kubeconfig.missingFile": "El archivo kubeconfig {file} no existe.",
  "kubeOps.kubeconfig.missingFile.hint":
    "Revisa --kubeconfig / KUBECONFIG, o deja ambos sin definir para usar el clúster EKS del stack.",
  "kubeOps.kubeconfig.noContext": "El kubeconfig {paths} no tiene un contexto actual con un clúster.",
  "kubeOps.kubeconfig.noContext.hint": "Define current-context en él (kubectl config use-context NOMBRE).",

  "kubeOps.logs.noCluster": "El kubeconfig no tiene un clúster actual.",
  "kubeOps.logs.readFailed": "Leyendo el log del pod {pod}: HTTP {status}{detail}",

  "kubeOps.remove.timeout": "Se agotó el tiempo ({duration}) esperando a {what}.",
  "kubeOps.remove.timeout.hint":
    "AWS todavía lo está eliminando; ejecuta msdemo teardown otra vez en unos minutos: continúa donde quedó.",
  "kubeOps.remove.deletingService": "eliminando el Service {name} (y su balanceador de carga)",
  "kubeOps.remove.waitService": "que se elimine el Service {name}",
  "kubeOps.remove.serviceDeleted": "Service {name} eliminado",
  "kubeOps.remove.waitLoadBalancer": "que AWS elimine el balanceador de carga {hostname}",
  "kubeOps.remove.loadBalancerDeleted": "balanceador de carga {hostname} eliminado",
  "kubeOps.remove.waitingLoadBalancer": "esperando a que AWS elimine el balanceador de carga {hostname}",
  "kubeOps.remove.deletingNamespace": "eliminando el namespace {namespace}",
  "kubeOps.remove.waitNamespace": "que se elimine el namespace {namespace}",
  "kubeOps.remove.namespaceDeleted": "namespace {namespace} eliminado",
  "kubeOps.remove.heldByFinalizer":
    "el Service {name} sigue hasta que AWS elimine su balanceador de carga (finalizer service.kubernetes.io/load-balancer-cleanup)",

  "kubeOps.namespace.terminating":
    "el namespace {namespace} todavía se está eliminando (se acaba de ejecutar un teardown): se espera a que desaparezca para crearlo de nuevo",
  "kubeOps.namespace.terminating.hint":
    "Kubernetes todavía está quitando lo que había en el namespace {namespace}; ejecuta msdemo up otra vez en un minuto: continúa donde quedó.",

  "kubeOps.render.template": "Plantilla {file}: {message}",
  "kubeOps.render.template.hint": "Las plantillas vienen con msdemo; reinstálalo si no las editaste.",
  "kubeOps.render.noValue": "{{ {name} }} no tiene valor (marcador desconocido).",
  "kubeOps.render.mapping": "hay un mapeo donde se esperaba un valor: escribe los marcadores entre comillas.",
  "kubeOps.render.notYaml": "no es YAML válido: {error}",
  "kubeOps.render.unquoted": 'escribe {{ {name} }} dentro de un texto entre comillas ("{{ {name} }}").',
  "kubeOps.render.unused": "no hay marcador para {names} (falta el marcador).",
  "kubeOps.render.empty": "no contiene ningún documento.",
  "kubeOps.render.notObject": "el documento {index} no es un objeto de Kubernetes.",
  "kubeOps.render.notPinned": "La imagen de {service} no está fijada por digest ({image}).",
  "kubeOps.render.noImage": "ninguna",
  "kubeOps.render.notPinned.hint":
    "Ejecuta msdemo up --steps images: registra cada imagen como <repositorio>@sha256:<digest>.",

  "kubeOps.applied.created": "{kind} {name} creado",
  "kubeOps.applied.changed": "{kind} {name} modificado",
  "kubeOps.applied.unchanged": "{kind} {name} sin cambios",

  "kubeOps.wait.podsUnreadable": "no se pudieron leer sus pods ({error})",
  "kubeOps.wait.fix.hint":
    "Corrige la causa indicada arriba y ejecuta msdemo up otra vez (continúa donde quedó); `msdemo logs <service>` muestra los logs de los pods.",
  "kubeOps.wait.podsReady": "{name}: {ready}/{desired} pods listos",
  "kubeOps.wait.stuck": "{name} no puede desplegarse: sus pods están atascados.",
  "kubeOps.wait.rolloutTimeout": "Se agotó el tiempo ({duration}) esperando el despliegue de {names}.",
  "kubeOps.wait.loadBalancer": "{name}: balanceador de carga {host}",
  "kubeOps.wait.noEvent": "todavía no hay eventos del proveedor de nube",
  "kubeOps.wait.loadBalancerTimeout":
    "Se agotó el tiempo ({duration}) esperando los balanceadores de carga de {names}.\n{reasons}",
  "kubeOps.wait.loadBalancerTimeout.hint":
    "AWS puede estar lento, o la cuenta se quedó sin balanceadores de carga disponibles; ejecuta msdemo up otra vez más tarde: continúa donde quedó.",
};
