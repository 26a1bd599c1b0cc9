// Messages of one area, English and Spanish side by side: only "aws.*" keys.
// The AWS wrappers (src/aws) and AWS's errors in the user's words. A wait's `what`
// ("aws.*.wait*") is a fragment that goes into "aws.wait.*": in Spanish it starts
// with "que …", so that "esperando {what}" reads as a sentence.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // AWS errors
  "aws.noCredentials": "No AWS credentials were found.",
  "aws.noCredentials.hint":
    "In CloudShell they are already there. Elsewhere run `aws configure` (or set AWS_PROFILE), or copy the Learner Lab's AWS Details → AWS CLI credentials into ~/.aws/credentials.",
  "aws.expired": "Your AWS credentials have expired.",
  "aws.expired.hint":
    "Refresh your credentials (Learner Lab: AWS Details → Show → copy the new AWS CLI credentials), then run `msdemo up` again: it resumes where it stopped.",
  "aws.badCredentials": "AWS did not accept your credentials.",
  "aws.badCredentials.hint":
    "Check the access key and secret (or AWS_PROFILE); Learner Lab credentials change at every lab start.",
  "aws.denied": "AWS denied the request.",
  "aws.deniedAction": "AWS denied the request: {action}.",
  "aws.denied.hint":
    "Your role lacks a permission msdemo needs; run with --verbose to see the full AWS message.",
  "aws.deniedAction.hint":
    "Your role lacks {action}. In AWS Academy Learner Lab some actions are not allowed; check the region (us-east-1 or us-west-2) and the instance sizes.",
  "aws.throttled": "AWS kept throttling requests, even after retries.",
  "aws.throttled.hint": "Wait a minute and run the command again; it resumes.",
  "aws.unreachable": "Could not reach AWS in that region.",
  "aws.unreachable.hint":
    "Check --region (for example us-east-1) and your network; with --endpoint-url check that the endpoint is running.",
  "aws.refused": "Could not connect to the AWS endpoint.",
  "aws.refused.hint": "With --endpoint-url or AWS_ENDPOINT_URL, check that the emulator is running.",
  // ec2.ts
  "aws.ec2.vpcMissing": "VPC {vpcId} does not exist in this region.",
  "aws.ec2.vpcMissing.hint":
    "Check --vpc-id and --region; `aws ec2 describe-vpcs` lists the VPCs of the region.",
  "aws.ec2.noDefaultVpc": "This region has no default VPC, and no --vpc-id was given.",
  "aws.ec2.noDefaultVpc.hint":
    "Pass --vpc-id vpc-… to use another VPC (it needs subnets in at least two availability zones for EKS), or recreate the default VPC: `aws ec2 create-default-vpc`.",
  "aws.ec2.noGroupId": "AWS created security group {name} but returned no id.",
  // ecr-auth.ts
  "aws.ecr.noToken": "ECR returned no authorization token.",
  // eks.ts
  "aws.eks.waitActive": "EKS cluster {name} to be ACTIVE",
  "aws.eks.waitActive.hint": "EKS is still creating it; run `msdemo up` again later: it resumes and waits.",
  "aws.eks.clusterFailed": "the cluster is {state}; delete it (msdemo teardown) and run up again",
  "aws.eks.waitSettled": "EKS cluster {name} to finish its current operation",
  "aws.eks.waitSettled.hint": "EKS is still working on it; run `msdemo teardown` again later.",
  "aws.eks.waitDeleted": "EKS cluster {name} to be deleted",
  "aws.eks.waitDeleted.hint": "EKS is still deleting it; run `msdemo teardown` again later.",
  "aws.eks.noDetails": "no details from EKS",
  "aws.eks.waitNodegroupActive": "node group {name} to be ACTIVE",
  "aws.eks.waitNodegroupActive.hint":
    "EKS is still starting the nodes; run `msdemo up` again later: it resumes and waits.",
  "aws.eks.waitNodegroupSettled": "node group {name} to finish its current operation",
  "aws.eks.waitNodegroupSettled.hint":
    "EKS is still working on the node group; run `msdemo teardown` again later.",
  "aws.eks.waitNodegroupDeleted": "node group {name} to be deleted",
  "aws.eks.waitNodegroupDeleted.hint": "EKS is still deleting the nodes; run `msdemo teardown` again later.",
  // iam.ts
  "aws.iam.severalRoles":
    "Several IAM roles match {fragment}, and msdemo will not guess which one to use: {names}.",
  "aws.iam.severalRoles.hint": "Choose one with {flag}, e.g. {flag} {arn}",
  "aws.iam.or": "or",
  "aws.iam.noRole": "No IAM role named like {fragments} was found in this account. {seen}",
  "aws.iam.relatedRoles": "Roles with Lab or EKS in their name: {names}.",
  "aws.iam.noRelatedRoles": "The account has {count} role(s), none with Lab or EKS in its name.",
  "aws.iam.noRole.hint":
    "Pass the role to use with {flag} arn:aws:iam::<account>:role/<name> (in an AWS Academy Learner Lab, start the lab first: its roles come with it).",
  // rds.ts: states an instance does not leave by itself, with what the user can do
  "aws.rds.failed.failed":
    "RDS could not create the instance. Check the RDS console's Events for the cause, then run `msdemo teardown` and `msdemo up` again.",
  "aws.rds.failed.incompatible-parameters":
    "Its parameter group holds values the instance class cannot use. Fix or reset the parameter group in the RDS console, or tear down and recreate.",
  "aws.rds.failed.incompatible-network":
    "RDS cannot place it in the VPC (the subnet group has no free addresses, or a subnet is gone). Tear down and recreate, or check the DB subnet group.",
  "aws.rds.failed.incompatible-option-group":
    "Its option group does not fit the instance. Fix the option group in the RDS console.",
  "aws.rds.failed.incompatible-restore": "A restore failed. Tear down and recreate the instance.",
  "aws.rds.failed.incompatible-credentials":
    "RDS cannot use the credentials it was given. Tear down and recreate the instance.",
  "aws.rds.failed.inaccessible-encryption-credentials":
    "RDS cannot reach the KMS key the storage is encrypted with. Check the key in KMS, or tear down and recreate.",
  "aws.rds.failed.inaccessible-encryption-credentials-recoverable":
    "RDS cannot reach the KMS key the storage is encrypted with. Re-enable the key in KMS, then start the instance.",
  "aws.rds.failed.restore-error": "A restore failed. Tear down and recreate the instance.",
  "aws.rds.failed.storage-full":
    "Its storage is full. Raise the allocated storage in the RDS console (Modify).",
  "aws.rds.waitAvailable": "RDS instance {identifier} to be available",
  "aws.rds.waitAvailable.hint":
    "RDS is still working on it (creating a PostgreSQL instance usually takes 5–15 minutes). Run `msdemo up` again later: it resumes and waits for it.",
  "aws.rds.disappeared": "it disappeared (deleted outside msdemo?)",
  "aws.rds.inState": 'RDS instance {identifier} is in state "{state}".',
  "aws.rds.waitDeleted": "RDS instance {identifier} to be deleted",
  "aws.rds.waitDeleted.hint":
    "RDS is still deleting it (this can take 10 minutes or more). Run the command again later: it resumes and waits.",
  // retry.ts
  "aws.retry.gaveUp":
    "Could not delete {what}: AWS still reports that something depends on it after {elapsed} ({attempts} attempts).",
  "aws.retry.gaveUp.hint":
    "Something still uses it (a load balancer or EKS network interface still going away, or a rule in another security group). Wait a few minutes and run the command again: it resumes.",
  // secrets.ts
  "aws.secrets.noString": "Secret {arn} has no string value.",
  "aws.secrets.noString.hint": "It was changed outside msdemo; delete it and run `msdemo up` again.",
  "aws.secrets.notCredentials": 'Secret {arn} does not hold database credentials ({"username", "password"}).',
  "aws.secrets.notCredentials.hint":
    "It was changed outside msdemo; restore it, or delete it and run `msdemo up` again.",
  // subnets.ts
  "aws.subnets.usableNone":
    "EKS needs subnets in at least two availability zones; the VPC's usable subnets are in none.",
  "aws.subnets.usableOnly":
    "EKS needs subnets in at least two availability zones; the VPC's usable subnets are in only {zones}.",
  "aws.subnets.refusedNone":
    "EKS needs subnets in at least two availability zones; after leaving out the zones EKS refused, the subnets are in none.",
  "aws.subnets.refusedOnly":
    "EKS needs subnets in at least two availability zones; after leaving out the zones EKS refused, the subnets are in only {zones}.",
  "aws.subnets.tooFew.hint":
    "Use the default VPC (it has a default subnet per zone), or pass --vpc-id of a VPC with subnets in two or more zones that EKS supports.",
  // wait.ts
  "aws.wait.failed": "{what}: {failed}",
  "aws.wait.timeout": "Timed out after {duration} waiting for {what} (last state: {state}).",
  "aws.noAnswer": "AWS did not answer at {endpoint} (two attempts, {seconds} s of silence each).",
  "aws.noAnswer.hint":
    "Check the network, the region (--region) and --endpoint-url / AWS_ENDPOINT_URL if you set one, then run the command again.",
} as const;

export const es: Spanish<typeof en> = {
  "aws.noCredentials": "No se encontraron credenciales de AWS.",
  "aws.noCredentials.hint":
    "En CloudShell ya están. En otro lugar ejecuta `aws configure` (o define AWS_PROFILE), o copia las credenciales de AWS Details → AWS CLI del Learner Lab en ~/.aws/credentials.",
  "aws.expired": "Tus credenciales de AWS vencieron.",
  "aws.expired.hint":
    "Renueva tus credenciales (Learner Lab: AWS Details → Show → copia las nuevas credenciales de AWS CLI) y ejecuta `msdemo up` otra vez: continúa donde quedó.",
  "aws.badCredentials": "AWS no aceptó tus credenciales.",
  "aws.badCredentials.hint":
    "Revisa la clave de acceso y el secreto (o AWS_PROFILE); las credenciales del Learner Lab cambian en cada inicio del laboratorio.",
  "aws.denied": "AWS rechazó la solicitud.",
  "aws.deniedAction": "AWS rechazó la solicitud: {action}.",
  "aws.denied.hint":
    "A tu rol le falta un permiso que msdemo necesita; ejecuta con --verbose para ver el mensaje completo de AWS.",
  "aws.deniedAction.hint":
    "A tu rol le falta {action}. En AWS Academy Learner Lab algunas acciones no están permitidas; revisa la región (us-east-1 o us-west-2) y los tamaños de instancia.",
  "aws.throttled": "AWS siguió limitando las solicitudes, incluso tras reintentar.",
  "aws.throttled.hint": "Espera un minuto y ejecuta el comando otra vez; continúa donde quedó.",
  "aws.unreachable": "No se pudo llegar a AWS en esa región.",
  "aws.unreachable.hint":
    "Revisa --region (por ejemplo us-east-1) y tu red; con --endpoint-url revisa que el endpoint esté funcionando.",
  "aws.refused": "No se pudo conectar con el endpoint de AWS.",
  "aws.refused.hint": "Con --endpoint-url o AWS_ENDPOINT_URL, revisa que el emulador esté funcionando.",
  "aws.ec2.vpcMissing": "La VPC {vpcId} no existe en esta región.",
  "aws.ec2.vpcMissing.hint":
    "Revisa --vpc-id y --region; `aws ec2 describe-vpcs` lista las VPC de la región.",
  "aws.ec2.noDefaultVpc": "Esta región no tiene una VPC por defecto, y no se indicó --vpc-id.",
  "aws.ec2.noDefaultVpc.hint":
    "Usa --vpc-id vpc-… para usar otra VPC (para EKS necesita subredes en al menos dos zonas de disponibilidad), o vuelve a crear la VPC por defecto: `aws ec2 create-default-vpc`.",
  "aws.ec2.noGroupId": "AWS creó el grupo de seguridad {name}, pero no devolvió su id.",
  "aws.ecr.noToken": "ECR no devolvió ningún token de autorización.",
  "aws.eks.waitActive": "que el clúster EKS {name} esté ACTIVE",
  "aws.eks.waitActive.hint":
    "EKS todavía lo está creando; ejecuta `msdemo up` otra vez más tarde: continúa donde quedó y espera.",
  "aws.eks.clusterFailed": "el clúster está {state}; elimínalo (msdemo teardown) y ejecuta up otra vez",
  "aws.eks.waitSettled": "que el clúster EKS {name} termine la operación en curso",
  "aws.eks.waitSettled.hint":
    "EKS todavía está trabajando en él; ejecuta `msdemo teardown` otra vez más tarde.",
  "aws.eks.waitDeleted": "que se elimine el clúster EKS {name}",
  "aws.eks.waitDeleted.hint": "EKS todavía lo está eliminando; ejecuta `msdemo teardown` otra vez más tarde.",
  "aws.eks.noDetails": "EKS no dio detalles",
  "aws.eks.waitNodegroupActive": "que el grupo de nodos {name} esté ACTIVE",
  "aws.eks.waitNodegroupActive.hint":
    "EKS todavía está iniciando los nodos; ejecuta `msdemo up` otra vez más tarde: continúa donde quedó y espera.",
  "aws.eks.waitNodegroupSettled": "que el grupo de nodos {name} termine la operación en curso",
  "aws.eks.waitNodegroupSettled.hint":
    "EKS todavía está trabajando en el grupo de nodos; ejecuta `msdemo teardown` otra vez más tarde.",
  "aws.eks.waitNodegroupDeleted": "que se elimine el grupo de nodos {name}",
  "aws.eks.waitNodegroupDeleted.hint":
    "EKS todavía está eliminando los nodos; ejecuta `msdemo teardown` otra vez más tarde.",
  "aws.iam.severalRoles":
    "Varios roles IAM coinciden con {fragment}, y msdemo no va a adivinar cuál usar: {names}.",
  "aws.iam.severalRoles.hint": "Elige uno con {flag}, por ejemplo {flag} {arn}",
  "aws.iam.or": "o",
  "aws.iam.noRole": "No se encontró en esta cuenta ningún rol IAM con un nombre como {fragments}. {seen}",
  "aws.iam.relatedRoles": "Roles con Lab o EKS en su nombre: {names}.",
  "aws.iam.noRelatedRoles": "La cuenta tiene {count} rol(es), ninguno con Lab o EKS en su nombre.",
  "aws.iam.noRole.hint":
    "Indica el rol a usar con {flag} arn:aws:iam::<cuenta>:role/<nombre> (en un AWS Academy Learner Lab, inicia primero el laboratorio: sus roles vienen con él).",
  "aws.rds.failed.failed":
    "RDS no pudo crear la instancia. Busca la causa en los eventos (Events) de la consola de RDS y luego ejecuta `msdemo teardown` y `msdemo up` otra vez.",
  "aws.rds.failed.incompatible-parameters":
    "Su grupo de parámetros tiene valores que la clase de instancia no puede usar. Corrige o restablece el grupo de parámetros en la consola de RDS, o elimina la instancia y vuelve a crearla.",
  "aws.rds.failed.incompatible-network":
    "RDS no puede ubicarla en la VPC (el grupo de subredes no tiene direcciones libres, o ya no existe una subred). Elimina la instancia y vuelve a crearla, o revisa el grupo de subredes de la base de datos (DB subnet group).",
  "aws.rds.failed.incompatible-option-group":
    "Su grupo de opciones no es compatible con la instancia. Corrige el grupo de opciones en la consola de RDS.",
  "aws.rds.failed.incompatible-restore": "Falló una restauración. Elimina la instancia y vuelve a crearla.",
  "aws.rds.failed.incompatible-credentials":
    "RDS no puede usar las credenciales que recibió. Elimina la instancia y vuelve a crearla.",
  "aws.rds.failed.inaccessible-encryption-credentials":
    "RDS no puede acceder a la clave de KMS con la que está cifrado el almacenamiento. Revisa la clave en KMS, o elimina la instancia y vuelve a crearla.",
  "aws.rds.failed.inaccessible-encryption-credentials-recoverable":
    "RDS no puede acceder a la clave de KMS con la que está cifrado el almacenamiento. Vuelve a habilitar la clave en KMS y luego inicia la instancia.",
  "aws.rds.failed.restore-error": "Falló una restauración. Elimina la instancia y vuelve a crearla.",
  "aws.rds.failed.storage-full":
    "Su almacenamiento está lleno. Aumenta el almacenamiento asignado en la consola de RDS (Modify).",
  "aws.rds.waitAvailable": "que la instancia RDS {identifier} esté disponible (available)",
  "aws.rds.waitAvailable.hint":
    "RDS todavía está trabajando en ella (crear una instancia PostgreSQL suele tardar de 5 a 15 minutos). Ejecuta `msdemo up` otra vez más tarde: continúa donde quedó y la espera.",
  "aws.rds.disappeared": "desapareció (¿se eliminó fuera de msdemo?)",
  "aws.rds.inState": 'La instancia RDS {identifier} está en el estado "{state}".',
  "aws.rds.waitDeleted": "que se elimine la instancia RDS {identifier}",
  "aws.rds.waitDeleted.hint":
    "RDS todavía la está eliminando (puede tardar 10 minutos o más). Ejecuta el comando otra vez más tarde: continúa donde quedó y espera.",
  "aws.retry.gaveUp":
    "No se pudo eliminar {what}: tras {elapsed} ({attempts} intentos), AWS sigue informando que algo depende de ese recurso.",
  "aws.retry.gaveUp.hint":
    "Algo todavía lo usa (un balanceador de carga o una interfaz de red de EKS que aún se está eliminando, o una regla en otro grupo de seguridad). Espera unos minutos y ejecuta el comando otra vez: continúa donde quedó.",
  "aws.secrets.noString": "El secreto {arn} no tiene un valor de texto.",
  "aws.secrets.noString.hint": "Se modificó fuera de msdemo; elimínalo y ejecuta `msdemo up` otra vez.",
  "aws.secrets.notCredentials":
    'El secreto {arn} no contiene credenciales de base de datos ({"username", "password"}).',
  "aws.secrets.notCredentials.hint":
    "Se modificó fuera de msdemo; restáuralo, o elimínalo y ejecuta `msdemo up` otra vez.",
  "aws.subnets.usableNone":
    "EKS necesita subredes en al menos dos zonas de disponibilidad; la VPC no tiene subredes utilizables en ninguna zona.",
  "aws.subnets.usableOnly":
    "EKS necesita subredes en al menos dos zonas de disponibilidad; las subredes utilizables de la VPC están solo en {zones}.",
  "aws.subnets.refusedNone":
    "EKS necesita subredes en al menos dos zonas de disponibilidad; tras excluir las zonas que EKS rechazó, no queda ninguna subred.",
  "aws.subnets.refusedOnly":
    "EKS necesita subredes en al menos dos zonas de disponibilidad; tras excluir las zonas que EKS rechazó, las subredes quedan solo en {zones}.",
  "aws.subnets.tooFew.hint":
    "Usa la VPC por defecto (tiene una subred por defecto en cada zona), o indica con --vpc-id una VPC con subredes en dos o más zonas que EKS admita.",
  "aws.wait.failed": "Esperando a {what}: {failed}",
  "aws.wait.timeout": "Se agotó el tiempo ({duration}) esperando a {what} (último estado: {state}).",
  "aws.noAnswer": "AWS no respondió en {endpoint} (dos intentos, {seconds} s de silencio cada uno).",
  "aws.noAnswer.hint":
    "Revisa la red, la región (--region) y --endpoint-url / AWS_ENDPOINT_URL si los indicaste, y ejecuta el comando otra vez.",
};
