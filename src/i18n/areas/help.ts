// Messages of one area, English and Spanish side by side: only "help.*" keys.
// The help text of every command and option (commander's --help).
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // Help: program and global options
  "help.program":
    "Builds the cloud course's microservices demo on AWS (security groups, RDS, ECR, EKS, API Gateway), step by step or in one go, and tears it down.",
  "help.version": "print the version",
  "help.helpCommand": "show help for msdemo or for one command",
  "help.help": "show help for a command",
  "help.region": "AWS region (env AWS_REGION)",
  "help.profile": "AWS profile (env AWS_PROFILE)",
  "help.stack": "stack name (env MSDEMO_STACK)",
  "help.stateDir": "where msdemo keeps its state (env MSDEMO_STATE_DIR, default ~/.msdemo)",
  "help.endpointUrl": "send every AWS call to this endpoint (env AWS_ENDPOINT_URL)",
  "help.yes": "do not ask; assume yes",
  "help.json": "machine-readable output",
  "help.noColor": "no colours (also NO_COLOR)",
  "help.verbose": "more detail, including the causes of errors",
  "help.lang": "language of messages: en or es (env MSDEMO_LANG, else LANG)",
  "help.afterError": "(run msdemo --help for usage)",
  "help.headings.usage": "Usage:",
  "help.headings.options": "Options:",
  "help.headings.commands": "Commands:",
  "help.headings.arguments": "Arguments:",
  "help.headings.globalOptions": "Global Options:",
  // Help: provisioning options
  "help.steps":
    "only these steps, comma-separated (network,database,registry,images,cluster,nodes,deploy,gateway,site)",
  "help.vpcId": "VPC to use (default: the account's default VPC)",
  "help.sshCidr": "open SSH (22) on node-sg-service to this CIDR only (default: closed)",
  "help.clusterRoleArn": "IAM role for the EKS cluster (default: detect LabEksClusterRole)",
  "help.nodeRoleArn": "IAM role for the nodes (default: detect LabEksNodeRole, else LabRole)",
  "help.instanceType": "node instance type (default t3.medium)",
  "help.nodes": "desired node count (default 2)",
  "help.minNodes": "minimum node count (default 2)",
  "help.maxNodes": "maximum node count (default 4)",
  "help.dbInstanceClass": "RDS instance class (default db.t3.micro)",
  "help.dbStorage": "RDS storage in GiB, 20-65536 (default 20)",
  "help.dbPasswordMode":
    "generated (msdemo keeps it in its own secret, default) or managed (RDS rotates it every 7 days; run up again after each rotation)",
  "help.k8sVersion": "Kubernetes version of the cluster",
  "help.registry": "push images to this registry instead of the stack's ECR",
  "help.baseImage":
    "base image for the services (default node:lts-alpine, pinned by digest at the first build)",
  "help.builder": "daemonless (default) or docker",
  "help.kubeconfig": "use this kubeconfig instead of the EKS cluster's (env KUBECONFIG)",
  // Help: commands
  "help.up": "create or resume the whole stack (find-or-create, safe to rerun)",
  "help.up.step": "teaching mode: pause before each step and show its console equivalent",
  "help.plan": "show what `up` would create, adopt or leave; changes nothing",
  "help.status": "show every resource of the stack, its live state, endpoints and cost",
  "help.status.offline": "read the state file only; make no AWS call",
  "help.teardown": "delete every resource of the stack (works without a state file)",
  "help.completion": "print a shell completion script (bash, zsh or fish)",
  "help.completion.shell": "bash, zsh or fish",
  "help.dbEngineVersion": "PostgreSQL version (default: RDS's current default minor of 17)",
  "help.forceUnlock": "remove the stack's lock first (when the msdemo that held it is gone)",
  // msdemo local
  "help.local":
    "run the three services and the gateway on this machine, with an embedded database (no AWS account)",
  "help.local.port": "port of the gateway (0 picks a free one)",
  "help.local.databaseUrl":
    "use this PostgreSQL (postgres://user:pass@host:port/db) instead of the embedded one",
  "help.local.ephemeral": "keep the embedded database in memory only",
  // msdemo smoke
  "help.smoke": "try the system as a user would: register, log in, list products, order, list orders",
  "help.smoke.url": "base URL (default: the stack's API URL, else the local gateway)",
  // msdemo kubeconfig / logs
  "help.kubeconfigCmd": "write a kubectl context for the stack's cluster (merged into ~/.kube/config)",
  "help.kubeconfigCmd.output": "write to this file instead of ~/.kube/config (or KUBECONFIG)",
  "help.logs":
    "show a service's pod logs, each line prefixed by its pod, or with --gateway the API's access log",
  "help.logs.service": "auth, orders or products",
  "help.logs.follow": "keep streaming new lines",
  "help.logs.since": "only lines newer than this (e.g. 30s, 10m, 2h)",
  // msdemo cost / diagram
  "help.cost": "estimate the stack's hourly and monthly cost (no AWS call)",
  "help.cost.requests": "API Gateway requests a month, added to the totals",
  "help.diagram": "draw the stack's architecture: real names, endpoints and states",
  "help.diagram.format": "text (default), mermaid or svg",
  "help.diagram.output": "write the diagram to a file",
  "help.diagram.live": "ask AWS for each resource's live state (needs credentials and a region)",
  "help.logs.serviceArg": "[service]",
  "help.completion.shellArg": "<shell>",
  // Help and errors
  "help.export":
    "write the stack as infrastructure as code: a CloudFormation template or the Kubernetes manifests (no AWS call)",
  "help.export.format": "cloudformation or kubernetes",
  "help.export.output":
    "write to this file (cloudformation) or folder (kubernetes) instead of standard output",
  "help.export.accountId":
    "AWS account id, for the ECR image addresses when the stack has no images yet (kubernetes)",
  "help.export.dbHost": "database host name, when the stack has no database yet (kubernetes)",
  "help.export.private":
    "export the private shape: a VPC link to internal load balancers (default: as the stack's last up chose)",
  "help.export.public": "export the public shape (the walkthrough's), whatever the stack has",
  "help.export.sourceCidrs":
    "with --private, the CIDRs of the cluster's subnets, comma-separated: the only sources the internal load balancers admit (kubernetes)",
  "help.load.load":
    "send this many requests (at most 10000) and report p50/p95/p99 and the error rate per route",
  "help.load.concurrency": "requests in flight at once during --load (default 16, at most 256)",
  "help.load.rateLimit": "requests per second the gateway lets through (default {rate})",
  "help.load.burstLimit": "requests the gateway lets through at once above that rate (default {burst})",
  "help.logRetentionDays":
    "days the gateway's access log is kept, one of CloudWatch Logs' retentions (default 1)",
  "help.private":
    "services behind internal load balancers that only the gateway reaches (a VPC link); remembered for later runs",
  "help.noPrivate": "services behind internet-facing load balancers again (the walkthrough's shape)",
  "help.diagram.private":
    "draw the private shape (internal load balancers behind a VPC link), whatever the stack has",
  "help.diagram.public": "draw the public shape (the walkthrough's), whatever the stack has",
  "help.cost.private": "price the private shape: internal network load balancers instead of classic ones",
  "help.cost.public": "price the public shape (classic load balancers), whatever the stack has",
  "help.logs.gateway": "the API Gateway's access log instead of a service's pods",
  "help.logs.lines": "only the last N lines",
} as const;

export const es: Spanish<typeof en> = {
  "help.program":
    "Construye en AWS la demo de microservicios del curso (grupos de seguridad, RDS, ECR, EKS, API Gateway), paso a paso o de una vez, y la elimina.",
  "help.version": "muestra la versión",
  "help.helpCommand": "muestra la ayuda de msdemo o de un comando",
  "help.help": "muestra la ayuda de un comando",
  "help.region": "región de AWS (env AWS_REGION)",
  "help.profile": "perfil de AWS (env AWS_PROFILE)",
  "help.stack": "nombre del stack (env MSDEMO_STACK)",
  "help.stateDir": "dónde guarda msdemo su estado (env MSDEMO_STATE_DIR, por defecto ~/.msdemo)",
  "help.endpointUrl": "envía cada llamada a AWS a este endpoint (env AWS_ENDPOINT_URL)",
  "help.yes": "no preguntar; responder que sí",
  "help.json": "salida legible por máquinas",
  "help.noColor": "sin colores (también NO_COLOR)",
  "help.verbose": "más detalle, incluidas las causas de los errores",
  "help.lang": "idioma de los mensajes: en o es (env MSDEMO_LANG, si no LANG)",
  "help.afterError": "(ejecuta msdemo --help para ver el uso)",
  "help.headings.usage": "Uso:",
  "help.headings.options": "Opciones:",
  "help.headings.commands": "Comandos:",
  "help.headings.arguments": "Argumentos:",
  "help.headings.globalOptions": "Opciones globales:",
  "help.steps":
    "solo estos pasos, separados por comas (network,database,registry,images,cluster,nodes,deploy,gateway,site)",
  "help.vpcId": "VPC a usar (por defecto: la VPC por defecto de la cuenta)",
  "help.sshCidr": "abre SSH (22) en node-sg-service solo a este CIDR (por defecto: cerrado)",
  "help.clusterRoleArn": "rol IAM del clúster EKS (por defecto: detecta LabEksClusterRole)",
  "help.nodeRoleArn": "rol IAM de los nodos (por defecto: detecta LabEksNodeRole, si no LabRole)",
  "help.instanceType": "tipo de instancia de los nodos (por defecto t3.medium)",
  "help.nodes": "número deseado de nodos (por defecto 2)",
  "help.minNodes": "número mínimo de nodos (por defecto 2)",
  "help.maxNodes": "número máximo de nodos (por defecto 4)",
  "help.dbInstanceClass": "clase de instancia RDS (por defecto db.t3.micro)",
  "help.dbStorage": "almacenamiento RDS en GiB, 20-65536 (por defecto 20)",
  "help.dbPasswordMode":
    "generated (msdemo la guarda en su propio secreto, por defecto) o managed (RDS la rota cada 7 días; ejecuta up otra vez tras cada rotación)",
  "help.k8sVersion": "versión de Kubernetes del clúster",
  "help.registry": "sube las imágenes a este registro en lugar del ECR del stack",
  "help.baseImage":
    "imagen base de los servicios (por defecto node:lts-alpine, fijada por digest en la primera construcción)",
  "help.builder": "daemonless (por defecto) o docker",
  "help.kubeconfig": "usa este kubeconfig en lugar del del clúster EKS (env KUBECONFIG)",
  "help.up": "crea o retoma todo el stack (busca o crea; se puede repetir sin riesgo)",
  "help.up.step": "modo aprendizaje: se detiene antes de cada paso y muestra su equivalente en la consola",
  "help.plan": "muestra qué crearía, adoptaría o dejaría `up`; no cambia nada",
  "help.status": "muestra cada recurso del stack, su estado real, los endpoints y el costo",
  "help.status.offline": "lee solo el archivo de estado; ninguna llamada a AWS",
  "help.teardown": "elimina todos los recursos del stack (funciona sin archivo de estado)",
  "help.completion": "imprime un script de autocompletado (bash, zsh o fish)",
  "help.completion.shell": "bash, zsh o fish",
  "help.dbEngineVersion": "versión de PostgreSQL (por defecto: la versión menor por defecto de RDS para 17)",
  "help.forceUnlock": "quitar primero el bloqueo del stack (cuando el msdemo que lo tenía ya no existe)",
  "help.local":
    "ejecuta los tres servicios y el gateway en esta máquina, con una base de datos integrada (sin cuenta de AWS)",
  "help.local.port": "puerto del gateway (0 elige uno libre)",
  "help.local.databaseUrl":
    "usa este PostgreSQL (postgres://usuario:clave@host:puerto/bd) en lugar del integrado",
  "help.local.ephemeral": "mantiene la base de datos integrada solo en memoria",
  "help.smoke":
    "prueba el sistema como lo haría un usuario: registrarse, iniciar sesión, listar productos, pedir, listar pedidos",
  "help.smoke.url": "URL base (por defecto: la URL de la API del stack, si no el gateway local)",
  "help.kubeconfigCmd":
    "escribe un contexto de kubectl para el clúster del stack (combinado en ~/.kube/config)",
  "help.kubeconfigCmd.output": "escribe en este archivo en lugar de ~/.kube/config (o KUBECONFIG)",
  "help.logs":
    "muestra los logs de los pods de un servicio, cada línea con su pod, o con --gateway el log de acceso de la API",
  "help.logs.service": "auth, orders o products",
  "help.logs.follow": "sigue mostrando las líneas nuevas",
  "help.logs.since": "solo líneas más nuevas que esto (p. ej. 30s, 10m, 2h)",
  "help.cost": "estima el costo por hora y por mes del stack (sin llamar a AWS)",
  "help.cost.requests": "solicitudes a API Gateway por mes, sumadas al total",
  "help.diagram": "dibuja la arquitectura del stack: nombres reales, endpoints y estados",
  "help.diagram.format": "text (por defecto), mermaid o svg",
  "help.diagram.output": "escribe el diagrama en un archivo",
  "help.diagram.live": "pregunta a AWS el estado real de cada recurso (necesita credenciales y región)",
  "help.logs.serviceArg": "[servicio]",
  "help.completion.shellArg": "<intérprete>",
  "help.export":
    "escribe el stack como infraestructura como código: una plantilla de CloudFormation o los manifiestos de Kubernetes (sin llamar a AWS)",
  "help.export.format": "cloudformation o kubernetes",
  "help.export.output":
    "escribir en este archivo (cloudformation) o carpeta (kubernetes) en vez de la salida estándar",
  "help.export.accountId":
    "id de la cuenta de AWS, para las direcciones ECR de las imágenes cuando el stack aún no tiene imágenes (kubernetes)",
  "help.export.dbHost": "nombre de host de la base de datos, cuando el stack aún no la tiene (kubernetes)",
  "help.export.private":
    "exporta la forma privada: un VPC link hacia balanceadores internos (por defecto, la que eligió el último up del stack)",
  "help.export.public": "exporta la forma pública (la del tutorial), tenga el stack la que tenga",
  "help.export.sourceCidrs":
    "con --private, los CIDR de las subredes del clúster, separados por comas: los únicos orígenes que admiten los balanceadores internos (kubernetes)",
  "help.load.load":
    "envía esta cantidad de peticiones (como mucho 10000) e informa p50/p95/p99 y la tasa de errores por ruta",
  "help.load.concurrency": "peticiones en curso a la vez durante --load (16 por defecto, como mucho 256)",
  "help.load.rateLimit": "peticiones por segundo que deja pasar el gateway ({rate} por defecto)",
  "help.load.burstLimit":
    "peticiones que deja pasar el gateway a la vez por encima de ese ritmo ({burst} por defecto)",
  "help.logRetentionDays":
    "días que se guarda el log de acceso del gateway, una de las retenciones de CloudWatch Logs (por defecto 1)",
  "help.private":
    "servicios detrás de balanceadores internos a los que solo llega el gateway (un VPC link); se recuerda en las siguientes ejecuciones",
  "help.noPrivate":
    "servicios de nuevo detrás de balanceadores accesibles desde internet (la forma del tutorial)",
  "help.diagram.private":
    "dibuja la forma privada (balanceadores internos detrás de un VPC link), tenga el stack la que tenga",
  "help.diagram.public": "dibuja la forma pública (la del tutorial), tenga el stack la que tenga",
  "help.cost.private":
    "calcula el precio de la forma privada: balanceadores de red internos en lugar de clásicos",
  "help.cost.public":
    "calcula el precio de la forma pública (balanceadores clásicos), tenga el stack la que tenga",
  "help.logs.gateway": "el log de acceso del API Gateway en lugar de los pods de un servicio",
  "help.logs.lines": "solo las últimas N líneas",
};
