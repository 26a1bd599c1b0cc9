// Messages of one area, English and Spanish side by side: only "export.*" keys.
// `msdemo export` (its errors, and the comments inside the exported files).
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  "export.noFormat": "--format is needed: one of {formats}",
  "export.badFormat": "--format must be one of {formats} (got {format})",
  "export.badAccountId": "--account-id must be 12 digits (got {value})",
  "export.badDbHost": "--db-host must be a host name (got {value})",
  "export.badSourceCidr":
    "--source-cidrs must be IPv4 CIDRs such as 172.31.0.0/20, comma-separated (got {value})",
  "export.sourceCidrsUnused":
    "--source-cidrs is only for --format kubernetes with --private: the sources the internal load balancers admit",
  "export.needsImages":
    "The Kubernetes manifests need the images' addresses, and stack {stack} has no images recorded.",
  "export.needsImages.hint":
    "Run msdemo up first (the images are then pinned by digest), or give --account-id (ECR in {region}) or --registry.",
  "export.needsDbHost":
    "The Kubernetes manifests need the database host, and stack {stack} has no database recorded.",
  "export.needsDbHost.hint":
    "Run msdemo up first, or give --db-host (the DatabaseEndpoint output of the CloudFormation export).",
  "export.wrote.cloudformation": "Wrote the CloudFormation template of stack {stack} to {path}",
  "export.wrote.kubernetes": "Wrote the Kubernetes manifests of stack {stack} to {path}: {files}",
  // Comments in the exported files
  "export.stepHeading": "Walkthrough step {number}: {title}",
  "export.stepReference": "step {number} ({title})",
  "export.cfn.header":
    "msdemo export: stack {stack} as one CloudFormation template, the AWS side of what msdemo up makes with the same options.",
  "export.cfn.deploy":
    'Deploy it (in a Learner Lab, with the lab\'s roles):\n  aws cloudformation deploy --stack-name {stack} --template-file template.yaml --parameter-overrides VpcId=vpc-... SubnetIds=subnet-...,subnet-... ClusterRoleArn=arn:aws:iam::...:role/{clusterRole} NodeRoleArn=arn:aws:iam::...:role/{nodeRole} JwtPrivateKey="$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048)"\nThen build and push the images, apply the Kubernetes manifests ({kubeExport}), and deploy again with {auth}, {orders} and {products}: only then is the HTTP API made, as msdemo up makes it last.',
  "export.cfn.notHere":
    "Not in this template: {images}, because CloudFormation builds no images, and {deploy}, because Kubernetes objects are not AWS resources. Nor does CloudFormation wait for the pods or the load balancers, or fix what it finds half-made the way msdemo up does.",
  "export.cfn.parameters":
    "What differs from one AWS account to another. A Learner Lab cannot create IAM roles, so the cluster and node roles are parameters.",
  "export.cfn.network":
    "{nodeGroup} and {dbGroup}, as in the console. Each rule is a resource of its own, because each group's rule names the other group. SSH is open only with --ssh-cidr, never to 0.0.0.0/0.",
  "export.cfn.database.managed":
    "{instance} with its password kept by RDS in Secrets Manager (--db-password-mode managed): no password appears anywhere. The services' token signing key {jwt} is the RSA key you pass as JwtPrivateKey (a NoEcho parameter: never shown, never in the template).",
  "export.cfn.database.generated":
    "{instance} with a password Secrets Manager generates into {db} (--db-password-mode generated); the instance reads it through a dynamic reference, so no password is written here. The services' token signing key {jwt} is the RSA key you pass as JwtPrivateKey (a NoEcho parameter: never shown, never in the template).",
  "export.cfn.subnetGroup":
    "Only outside the default VPC (VpcIsDefault=false): in the default VPC, RDS uses its default DB subnet group, as the walkthrough does.",
  "export.cfn.registry": "{repositories}: {settings}.",
  "export.cfn.cluster":
    "The cluster {name} with the role given as ClusterRoleArn, public and private endpoint, {nodeGroup} as an additional security group, on a Kubernetes version in standard support.",
  "export.cfn.clusterRule":
    "The rule the walkthrough misses: PostgreSQL from the cluster security group, which is the group the managed nodes really carry.",
  "export.cfn.nodes": "{name} with the role given as NodeRoleArn: AMI type {ami}, {disk} GiB disks.",
  "export.cfn.gateway":
    "The HTTP API, one HTTP_PROXY integration per route of msdemo's route table, stage $default with auto-deploy and its JSON access log, a JWT authorizer on the orders routes whose issuer is the API's own URL (each integration tells the services so in a header). Made only when the three load balancer hostnames are given. Plain http to port 3000: the walkthrough's https:// fails against a load balancer with no certificate.",
  "export.cfn.gateway.private":
    "The HTTP API with --private: the services sit behind internal network load balancers that only the gateway reaches. One HTTP_PROXY integration per route of msdemo's route table, each through the VPC link {link} to its service's load balancer listener; a listener ARN has no path, so overwrite:path gives the route's path on the service, as msdemo up sets it. Stage $default with auto-deploy and its JSON access log, a JWT authorizer on the orders routes whose issuer is the API's own URL (each integration tells the services so in a header). Made only when the three listener ARNs are given: aws elbv2 describe-listeners --load-balancer-arn with the ARN of the load balancer whose DNS name kubectl get service -n {namespace} shows.",
  "export.cfn.vpcLink":
    "The VPC link {name}, made before the routes that go through it, as msdemo up makes it: in the stack's subnets, with {nodeGroup}, which lets everything out (the link only sends), so the link needs no security group of its own. AWS takes a few minutes to make its network interfaces.",
  "export.cfn.outputs":
    "What the next steps need: the API's URL, the cluster's name, the database host and the secrets.",
  "export.kube.header":
    "msdemo export: {file} of stack {stack}, rendered from msdemo's template the way msdemo up applies it.",
  "export.kube.apply":
    "Apply (after aws eks update-kubeconfig --name {cluster}): kubectl apply -f namespace.yaml, then the three services.",
  "export.kube.pinned": "Images pinned by digest, as msdemo up pushed them.",
  "export.kube.latest":
    "Images by the tag latest, which msdemo up pushes with every build; msdemo up itself runs them pinned by digest. Export again after msdemo up to pin them.",
  "export.kube.secret":
    "The services read DB_PASS and JWT_SECRET from the Secret {secret}, which is not in this export: msdemo fills it at deploy time and never writes it to disk. To make it from Secrets Manager yourself:",
  "export.kube.secret.managedArn": "The database secret is the one RDS manages; its ARN:",
  "export.kube.private":
    "--private: the Service asks the AWS load balancer provider for an internal network load balancer, which only the API's VPC link reaches, as msdemo up applies it.",
  "export.kube.private.sources":
    "Its loadBalancerSourceRanges ({sources}, the cluster's subnets, where the VPC link sits) are the only sources its NodePort admits on the nodes.",
  "export.kube.private.noSources":
    "ADD spec.loadBalancerSourceRanges before applying: the CIDRs of the cluster's subnets (aws ec2 describe-subnets), where the VPC link sits, or export again with --source-cidrs. msdemo up asks EC2 for them; this export makes no AWS call. Without them the provider opens the Service's NodePort on the nodes' security group to 0.0.0.0/0.",
} as const;

export const es: Spanish<typeof en> = {
  "export.noFormat": "falta --format: uno de {formats}",
  "export.badFormat": "--format debe ser uno de {formats} (se recibió {format})",
  "export.badAccountId": "--account-id debe tener 12 dígitos (se recibió {value})",
  "export.badDbHost": "--db-host debe ser un nombre de host (se recibió {value})",
  "export.badSourceCidr":
    "--source-cidrs deben ser CIDR IPv4 como 172.31.0.0/20, separados por comas (se recibió {value})",
  "export.sourceCidrsUnused":
    "--source-cidrs es solo para --format kubernetes con --private: los orígenes que admiten los balanceadores internos",
  "export.needsImages":
    "Los manifiestos de Kubernetes necesitan las direcciones de las imágenes, y el stack {stack} no tiene imágenes registradas.",
  "export.needsImages.hint":
    "Ejecuta primero msdemo up (así las imágenes quedan fijadas por digest), o indica --account-id (ECR en {region}) o --registry.",
  "export.needsDbHost":
    "Los manifiestos de Kubernetes necesitan el host de la base de datos, y el stack {stack} no tiene base de datos registrada.",
  "export.needsDbHost.hint":
    "Ejecuta primero msdemo up, o indica --db-host (la salida DatabaseEndpoint de la exportación de CloudFormation).",
  "export.wrote.cloudformation": "Plantilla de CloudFormation del stack {stack} escrita en {path}",
  "export.wrote.kubernetes": "Manifiestos de Kubernetes del stack {stack} escritos en {path}: {files}",
  "export.stepHeading": "Paso {number} de la guía: {title}",
  "export.stepReference": "el paso {number} ({title})",
  "export.cfn.header":
    "msdemo export: el stack {stack} como una plantilla de CloudFormation, la parte de AWS de lo que msdemo up crea con las mismas opciones.",
  "export.cfn.deploy":
    'Despliégala (en un Learner Lab, con los roles del laboratorio):\n  aws cloudformation deploy --stack-name {stack} --template-file template.yaml --parameter-overrides VpcId=vpc-... SubnetIds=subnet-...,subnet-... ClusterRoleArn=arn:aws:iam::...:role/{clusterRole} NodeRoleArn=arn:aws:iam::...:role/{nodeRole} JwtPrivateKey="$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048)"\nLuego construye y sube las imágenes, aplica los manifiestos de Kubernetes ({kubeExport}) y despliega otra vez con {auth}, {orders} y {products}: solo entonces se crea la API HTTP, igual que msdemo up la crea al final.',
  "export.cfn.notHere":
    "No están en esta plantilla {images}, porque CloudFormation no construye imágenes, ni {deploy}, porque los objetos de Kubernetes no son recursos de AWS. CloudFormation tampoco espera a los pods ni a los balanceadores, ni arregla lo que encuentra a medio hacer como lo hace msdemo up.",
  "export.cfn.parameters":
    "Lo que cambia de una cuenta de AWS a otra. Un Learner Lab no puede crear roles de IAM, así que los roles del clúster y de los nodos son parámetros.",
  "export.cfn.network":
    "{nodeGroup} y {dbGroup}, como en la consola. Cada regla es un recurso aparte, porque la regla de cada grupo nombra al otro grupo. SSH solo se abre con --ssh-cidr, nunca a 0.0.0.0/0.",
  "export.cfn.database.managed":
    "{instance} con su contraseña guardada por RDS en Secrets Manager (--db-password-mode managed): la contraseña no aparece en ninguna parte. La clave de firma de los tokens de los servicios, {jwt}, es la clave RSA que pasas como JwtPrivateKey (un parámetro NoEcho: nunca se muestra ni queda en la plantilla).",
  "export.cfn.database.generated":
    "{instance} con una contraseña que Secrets Manager genera en {db} (--db-password-mode generated); la instancia la lee mediante una referencia dinámica, así que aquí no se escribe ninguna contraseña. La clave de firma de los tokens de los servicios, {jwt}, es la clave RSA que pasas como JwtPrivateKey (un parámetro NoEcho: nunca se muestra ni queda en la plantilla).",
  "export.cfn.subnetGroup":
    "Solo fuera de la VPC predeterminada (VpcIsDefault=false): en la VPC predeterminada, RDS usa su grupo de subredes predeterminado, como hace la guía.",
  "export.cfn.registry": "{repositories}: {settings}.",
  "export.cfn.cluster":
    "El clúster {name} con el rol indicado en ClusterRoleArn, endpoint público y privado, {nodeGroup} como grupo de seguridad adicional, en una versión de Kubernetes con soporte estándar.",
  "export.cfn.clusterRule":
    "La regla que le falta a la guía: PostgreSQL desde el grupo de seguridad del clúster, que es el grupo que de verdad llevan los nodos administrados.",
  "export.cfn.nodes": "{name} con el rol indicado en NodeRoleArn: tipo de AMI {ami}, discos de {disk} GiB.",
  "export.cfn.gateway":
    "La API HTTP, una integración HTTP_PROXY por cada ruta de la tabla de rutas de msdemo, etapa $default con despliegue automático y su log de acceso en JSON, un autorizador JWT en las rutas de orders cuyo emisor es la propia URL de la API (cada integración se lo dice a los servicios en una cabecera). Solo se crea cuando se indican los tres nombres de host de los balanceadores. http simple al puerto 3000: el https:// de la guía falla contra un balanceador sin certificado.",
  "export.cfn.gateway.private":
    "La API HTTP con --private: los servicios están detrás de balanceadores de red internos a los que solo llega el gateway. Una integración HTTP_PROXY por cada ruta de la tabla de rutas de msdemo, cada una a través del VPC link {link} hasta el listener del balanceador de su servicio; el ARN de un listener no tiene ruta, así que overwrite:path indica la ruta en el servicio, como lo configura msdemo up. Etapa $default con despliegue automático y su log de acceso en JSON, un autorizador JWT en las rutas de orders cuyo emisor es la propia URL de la API (cada integración se lo dice a los servicios en una cabecera). Solo se crea cuando se indican los tres ARN de listener: aws elbv2 describe-listeners --load-balancer-arn con el ARN del balanceador cuyo nombre DNS muestra kubectl get service -n {namespace}.",
  "export.cfn.vpcLink":
    "El VPC link {name}, creado antes de las rutas que pasan por él, como lo crea msdemo up: en las subredes del stack, con {nodeGroup}, que deja salir todo (el link solo envía), así que el link no necesita un grupo de seguridad propio. AWS tarda unos minutos en crear sus interfaces de red.",
  "export.cfn.outputs":
    "Lo que necesitan los pasos siguientes: la URL de la API, el nombre del clúster, el host de la base de datos y los secretos.",
  "export.kube.header":
    "msdemo export: {file} del stack {stack}, generado desde la plantilla de msdemo tal como lo aplica msdemo up.",
  "export.kube.apply":
    "Aplícalo (después de aws eks update-kubeconfig --name {cluster}): kubectl apply -f namespace.yaml, y luego los tres servicios.",
  "export.kube.pinned": "Imágenes fijadas por digest, tal como las subió msdemo up.",
  "export.kube.latest":
    "Imágenes con la etiqueta latest, que msdemo up sube en cada construcción; msdemo up las ejecuta fijadas por digest. Exporta de nuevo después de msdemo up para fijarlas.",
  "export.kube.secret":
    "Los servicios leen DB_PASS y JWT_SECRET del Secret {secret}, que no está en esta exportación: msdemo lo llena al desplegar y nunca lo escribe en disco. Para crearlo tú desde Secrets Manager:",
  "export.kube.secret.managedArn": "El secreto de la base de datos es el que administra RDS; su ARN:",
  "export.kube.private":
    "--private: el Service pide al proveedor de balanceadores de AWS un balanceador de red interno, al que solo llega el VPC link de la API, tal como lo aplica msdemo up.",
  "export.kube.private.sources":
    "Sus loadBalancerSourceRanges ({sources}, las subredes del clúster, donde está el VPC link) son los únicos orígenes que su NodePort admite en los nodos.",
  "export.kube.private.noSources":
    "AÑADE spec.loadBalancerSourceRanges antes de aplicarlo: los CIDR de las subredes del clúster (aws ec2 describe-subnets), donde está el VPC link, o exporta de nuevo con --source-cidrs. msdemo up se los pide a EC2; esta exportación no llama a AWS. Sin ellos, el proveedor abre el NodePort del Service en el grupo de seguridad de los nodos a 0.0.0.0/0.",
};
