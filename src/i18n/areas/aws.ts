// Messages of one area, English and Spanish side by side; merged into the
// catalogues by ../en.ts and ../es.ts. The compiler checks both have the same keys.
//
// The AWS wrappers (src/aws). A wait's `what` ("awsOps.*.wait*") is a fragment
// that goes into "awsOps.wait.*": in Spanish it starts with "que …", so that
// "esperando a {what}" reads as a sentence.
export const en = {
  // ec2.ts
  "awsOps.ec2.vpcMissing": "VPC {vpcId} does not exist in this region.",
  "awsOps.ec2.vpcMissing.hint":
    "Check --vpc-id and --region; `aws ec2 describe-vpcs` lists the VPCs of the region.",
  "awsOps.ec2.noDefaultVpc": "This region has no default VPC, and no --vpc-id was given.",
  "awsOps.ec2.noDefaultVpc.hint":
    "Pass --vpc-id vpc-… to use another VPC (it needs subnets in at least two availability zones for EKS), or recreate the default VPC: `aws ec2 create-default-vpc`.",
  "awsOps.ec2.noGroupId": "AWS created security group {name} but returned no id.",

  // ecr-auth.ts
  "awsOps.ecr.noToken": "ECR returned no authorization token.",

  // eks.ts
  "awsOps.eks.waitActive": "EKS cluster {name} to be ACTIVE",
  "awsOps.eks.waitActive.hint":
    "EKS is still creating it; run `msdemo up` again later: it resumes and waits.",
  "awsOps.eks.clusterFailed": "the cluster is {state}; delete it (msdemo teardown) and run up again",
  "awsOps.eks.waitSettled": "EKS cluster {name} to finish its current operation",
  "awsOps.eks.waitSettled.hint": "EKS is still working on it; run `msdemo teardown` again later.",
  "awsOps.eks.waitDeleted": "EKS cluster {name} to be deleted",
  "awsOps.eks.waitDeleted.hint": "EKS is still deleting it; run `msdemo teardown` again later.",
  "awsOps.eks.noDetails": "no details from EKS",
  "awsOps.eks.waitNodegroupActive": "node group {name} to be ACTIVE",
  "awsOps.eks.waitNodegroupActive.hint":
    "EKS is still starting the nodes; run `msdemo up` again later: it resumes and waits.",
  "awsOps.eks.waitNodegroupSettled": "node group {name} to finish its current operation",
  "awsOps.eks.waitNodegroupSettled.hint":
    "EKS is still working on the node group; run `msdemo teardown` again later.",
  "awsOps.eks.waitNodegroupDeleted": "node group {name} to be deleted",
  "awsOps.eks.waitNodegroupDeleted.hint":
    "EKS is still deleting the nodes; run `msdemo teardown` again later.",

  // iam.ts
  "awsOps.iam.severalRoles":
    "Several IAM roles match {fragment}, and msdemo will not guess which one to use: {names}.",
  "awsOps.iam.severalRoles.hint": "Choose one with {flag}, e.g. {flag} {arn}",
  "awsOps.iam.or": "or",
  "awsOps.iam.noRole": "No IAM role named like {fragments} was found in this account. {seen}",
  "awsOps.iam.relatedRoles": "Roles with Lab or EKS in their name: {names}.",
  "awsOps.iam.noRelatedRoles": "The account has {count} role(s), none with Lab or EKS in its name.",
  "awsOps.iam.noRole.hint":
    "Pass the role to use with {flag} arn:aws:iam::<account>:role/<name> (in an AWS Academy Learner Lab, start the lab first: its roles come with it).",

  // rds.ts: states an instance does not leave by itself, with what the user can do
  "awsOps.rds.failed.failed":
    "RDS could not create the instance. Check the RDS console's Events for the cause, then run `msdemo teardown` and `msdemo up` again.",
  "awsOps.rds.failed.incompatible-parameters":
    "Its parameter group holds values the instance class cannot use. Fix or reset the parameter group in the RDS console, or tear down and recreate.",
  "awsOps.rds.failed.incompatible-network":
    "RDS cannot place it in the VPC (the subnet group has no free addresses, or a subnet is gone). Tear down and recreate, or check the DB subnet group.",
  "awsOps.rds.failed.incompatible-option-group":
    "Its option group does not fit the instance. Fix the option group in the RDS console.",
  "awsOps.rds.failed.incompatible-restore": "A restore failed. Tear down and recreate the instance.",
  "awsOps.rds.failed.incompatible-credentials":
    "RDS cannot use the credentials it was given. Tear down and recreate the instance.",
  "awsOps.rds.failed.inaccessible-encryption-credentials":
    "RDS cannot reach the KMS key the storage is encrypted with. Check the key in KMS, or tear down and recreate.",
  "awsOps.rds.failed.inaccessible-encryption-credentials-recoverable":
    "RDS cannot reach the KMS key the storage is encrypted with. Re-enable the key in KMS, then start the instance.",
  "awsOps.rds.failed.restore-error": "A restore failed. Tear down and recreate the instance.",
  "awsOps.rds.failed.storage-full":
    "Its storage is full. Raise the allocated storage in the RDS console (Modify).",
  "awsOps.rds.waitAvailable": "RDS instance {identifier} to be available",
  "awsOps.rds.waitAvailable.hint":
    "RDS is still working on it (creating a PostgreSQL instance usually takes 5–15 minutes). Run `msdemo up` again later: it resumes and waits for it.",
  "awsOps.rds.disappeared": "it disappeared (deleted outside msdemo?)",
  "awsOps.rds.inState": 'RDS instance {identifier} is in state "{state}".',
  "awsOps.rds.waitDeleted": "RDS instance {identifier} to be deleted",
  "awsOps.rds.waitDeleted.hint":
    "RDS is still deleting it (this can take 10 minutes or more). Run the command again later: it resumes and waits.",

  // retry.ts
  "awsOps.retry.gaveUp":
    "Could not delete {what}: AWS still reports that something depends on it after {elapsed} ({attempts} attempts).",
  "awsOps.retry.gaveUp.hint":
    "Something still uses it (a load balancer or EKS network interface still going away, or a rule in another security group). Wait a few minutes and run the command again: it resumes.",

  // secrets.ts
  "awsOps.secrets.noString": "Secret {arn} has no string value.",
  "awsOps.secrets.noString.hint": "It was changed outside msdemo; delete it and run `msdemo up` again.",
  "awsOps.secrets.notCredentials":
    'Secret {arn} does not hold database credentials ({"username", "password"}).',
  "awsOps.secrets.notCredentials.hint":
    "It was changed outside msdemo; restore it, or delete it and run `msdemo up` again.",

  // subnets.ts
  "awsOps.subnets.usableNone":
    "EKS needs subnets in at least two availability zones; the VPC's usable subnets are in none.",
  "awsOps.subnets.usableOnly":
    "EKS needs subnets in at least two availability zones; the VPC's usable subnets are in only {zones}.",
  "awsOps.subnets.refusedNone":
    "EKS needs subnets in at least two availability zones; after leaving out the zones EKS refused, the subnets are in none.",
  "awsOps.subnets.refusedOnly":
    "EKS needs subnets in at least two availability zones; after leaving out the zones EKS refused, the subnets are in only {zones}.",
  "awsOps.subnets.tooFew.hint":
    "Use the default VPC (it has a default subnet per zone), or pass --vpc-id of a VPC with subnets in two or more zones that EKS supports.",

  // wait.ts
  "awsOps.wait.failed": "{what}: {failed}",
  "awsOps.wait.timeout": "Timed out after {duration} waiting for {what} (last state: {state}).",
} as const;

export const es: Record<keyof typeof en, string> = {
  "awsOps.ec2.vpcMissing": "La VPC {vpcId} no existe en esta región.",
  "awsOps.ec2.vpcMissing.hint":
    "Revisa --vpc-id y --region; `aws ec2 describe-vpcs` lista las VPC de la región.",
  "awsOps.ec2.noDefaultVpc": "Esta región no tiene una VPC por defecto, y no se indicó --vpc-id.",
  "awsOps.ec2.noDefaultVpc.hint":
    "Usa --vpc-id vpc-… para usar otra VPC (para EKS necesita subredes en al menos dos zonas de disponibilidad), o vuelve a crear la VPC por defecto: `aws ec2 create-default-vpc`.",
  "awsOps.ec2.noGroupId": "AWS creó el grupo de seguridad {name}, pero no devolvió su id.",

  "awsOps.ecr.noToken": "ECR no devolvió ningún token de autorización.",

  "awsOps.eks.waitActive": "que el clúster EKS {name} esté ACTIVE",
  "awsOps.eks.waitActive.hint":
    "EKS todavía lo está creando; ejecuta `msdemo up` otra vez más tarde: continúa donde quedó y espera.",
  "awsOps.eks.clusterFailed": "el clúster está {state}; elimínalo (msdemo teardown) y ejecuta up otra vez",
  "awsOps.eks.waitSettled": "que el clúster EKS {name} termine la operación en curso",
  "awsOps.eks.waitSettled.hint":
    "EKS todavía está trabajando en él; ejecuta `msdemo teardown` otra vez más tarde.",
  "awsOps.eks.waitDeleted": "que se elimine el clúster EKS {name}",
  "awsOps.eks.waitDeleted.hint":
    "EKS todavía lo está eliminando; ejecuta `msdemo teardown` otra vez más tarde.",
  "awsOps.eks.noDetails": "EKS no dio detalles",
  "awsOps.eks.waitNodegroupActive": "que el grupo de nodos {name} esté ACTIVE",
  "awsOps.eks.waitNodegroupActive.hint":
    "EKS todavía está iniciando los nodos; ejecuta `msdemo up` otra vez más tarde: continúa donde quedó y espera.",
  "awsOps.eks.waitNodegroupSettled": "que el grupo de nodos {name} termine la operación en curso",
  "awsOps.eks.waitNodegroupSettled.hint":
    "EKS todavía está trabajando en el grupo de nodos; ejecuta `msdemo teardown` otra vez más tarde.",
  "awsOps.eks.waitNodegroupDeleted": "que se elimine el grupo de nodos {name}",
  "awsOps.eks.waitNodegroupDeleted.hint":
    "EKS todavía está eliminando los nodos; ejecuta `msdemo teardown` otra vez más tarde.",

  "awsOps.iam.severalRoles":
    "Varios roles IAM coinciden con {fragment}, y msdemo no va a adivinar cuál usar: {names}.",
  "awsOps.iam.severalRoles.hint": "Elige uno con {flag}, por ejemplo {flag} {arn}",
  "awsOps.iam.or": "o",
  "awsOps.iam.noRole": "No se encontró en esta cuenta ningún rol IAM con un nombre como {fragments}. {seen}",
  "awsOps.iam.relatedRoles": "Roles con Lab o EKS en su nombre: {names}.",
  "awsOps.iam.noRelatedRoles": "La cuenta tiene {count} rol(es), ninguno con Lab o EKS en su nombre.",
  "awsOps.iam.noRole.hint":
    "Indica el rol a usar con {flag} arn:aws:iam::<cuenta>:role/<nombre> (en un AWS Academy Learner Lab, inicia primero el laboratorio: sus roles vienen con él).",

  "awsOps.rds.failed.failed":
    "RDS no pudo crear la instancia. Busca la causa en los eventos (Events) de la consola de RDS y luego ejecuta `msdemo teardown` y `msdemo up` otra vez.",
  "awsOps.rds.failed.incompatible-parameters":
    "Su grupo de parámetros tiene valores que la clase de instancia no puede usar. Corrige o restablece el grupo de parámetros en la consola de RDS, o elimina la instancia y vuelve a crearla.",
  "awsOps.rds.failed.incompatible-network":
    "RDS no puede ubicarla en la VPC (el grupo de subredes no tiene direcciones libres, o ya no existe una subred). Elimina la instancia y vuelve a crearla, o revisa el grupo de subredes de la base de datos (DB subnet group).",
  "awsOps.rds.failed.incompatible-option-group":
    "Su grupo de opciones no es compatible con la instancia. Corrige el grupo de opciones en la consola de RDS.",
  "awsOps.rds.failed.incompatible-restore":
    "Falló una restauración. Elimina la instancia y vuelve a crearla.",
  "awsOps.rds.failed.incompatible-credentials":
    "RDS no puede usar las credenciales que recibió. Elimina la instancia y vuelve a crearla.",
  "awsOps.rds.failed.inaccessible-encryption-credentials":
    "RDS no puede acceder a la clave de KMS con la que está cifrado el almacenamiento. Revisa la clave en KMS, o elimina la instancia y vuelve a crearla.",
  "awsOps.rds.failed.inaccessible-encryption-credentials-recoverable":
    "RDS no puede acceder a la clave de KMS con la que está cifrado el almacenamiento. Vuelve a habilitar la clave en KMS y luego inicia la instancia.",
  "awsOps.rds.failed.restore-error": "Falló una restauración. Elimina la instancia y vuelve a crearla.",
  "awsOps.rds.failed.storage-full":
    "Su almacenamiento está lleno. Aumenta el almacenamiento asignado en la consola de RDS (Modify).",
  "awsOps.rds.waitAvailable": "que la instancia RDS {identifier} esté disponible (available)",
  "awsOps.rds.waitAvailable.hint":
    "RDS todavía está trabajando en ella (crear una instancia PostgreSQL suele tardar de 5 a 15 minutos). Ejecuta `msdemo up` otra vez más tarde: continúa donde quedó y la espera.",
  "awsOps.rds.disappeared": "desapareció (¿se eliminó fuera de msdemo?)",
  "awsOps.rds.inState": 'La instancia RDS {identifier} está en el estado "{state}".',
  "awsOps.rds.waitDeleted": "que se elimine la instancia RDS {identifier}",
  "awsOps.rds.waitDeleted.hint":
    "RDS todavía la está eliminando (puede tardar 10 minutos o más). Ejecuta el comando otra vez más tarde: continúa donde quedó y espera.",

  "awsOps.retry.gaveUp":
    "No se pudo eliminar {what}: tras {elapsed} ({attempts} intentos), AWS sigue informando que algo depende de ese recurso.",
  "awsOps.retry.gaveUp.hint":
    "Algo todavía lo usa (un balanceador de carga o una interfaz de red de EKS que aún se está eliminando, o una regla en otro grupo de seguridad). Espera unos minutos y ejecuta el comando otra vez: continúa donde quedó.",

  "awsOps.secrets.noString": "El secreto {arn} no tiene un valor de texto.",
  "awsOps.secrets.noString.hint": "Se modificó fuera de msdemo; elimínalo y ejecuta `msdemo up` otra vez.",
  "awsOps.secrets.notCredentials":
    'El secreto {arn} no contiene credenciales de base de datos ({"username", "password"}).',
  "awsOps.secrets.notCredentials.hint":
    "Se modificó fuera de msdemo; restáuralo, o elimínalo y ejecuta `msdemo up` otra vez.",

  "awsOps.subnets.usableNone":
    "EKS necesita subredes en al menos dos zonas de disponibilidad; la VPC no tiene subredes utilizables en ninguna zona.",
  "awsOps.subnets.usableOnly":
    "EKS necesita subredes en al menos dos zonas de disponibilidad; las subredes utilizables de la VPC están solo en {zones}.",
  "awsOps.subnets.refusedNone":
    "EKS necesita subredes en al menos dos zonas de disponibilidad; tras excluir las zonas que EKS rechazó, no queda ninguna subred.",
  "awsOps.subnets.refusedOnly":
    "EKS necesita subredes en al menos dos zonas de disponibilidad; tras excluir las zonas que EKS rechazó, las subredes quedan solo en {zones}.",
  "awsOps.subnets.tooFew.hint":
    "Usa la VPC por defecto (tiene una subred por defecto en cada zona), o indica con --vpc-id una VPC con subredes en dos o más zonas que EKS admita.",

  "awsOps.wait.failed": "Esperando a {what}: {failed}",
  "awsOps.wait.timeout": "Se agotó el tiempo ({duration}) esperando a {what} (último estado: {state}).",
};
