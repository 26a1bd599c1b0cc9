// Messages of one area, English and Spanish side by side: only "cluster.*" keys.
// The cluster step (src/steps/cluster.ts): the EKS cluster.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // The EKS cluster step
  "cluster.console":
    "EKS → Clusters → Create: custom configuration, EKS Auto Mode off, name node-microservices-demo, cluster IAM role LabEksClusterRole, EKS API, default VPC and subnets, additional security group node-sg-service, endpoint access public and private.",
  "cluster.deviation.clusterGroup":
    "The database's security group also admits PostgreSQL from the cluster security group that EKS creates: managed nodes carry that group, not node-sg-service, so the walkthrough's rule alone never lets the pods reach RDS.",
  "cluster.deviation.zones":
    "Subnets in availability zones EKS does not support (use1-az3, usw1-az2, cac1-az3) are left out, so creation does not fail in those accounts; if EKS still refuses a zone (UnsupportedAvailabilityZoneException), msdemo retries once without it.",
  "cluster.deviation.role":
    "The cluster role is found by name (any role whose name contains LabEksClusterRole, as Learner Lab accounts may add a prefix or suffix); --cluster-role-arn overrides it.",
  "cluster.deviation.vpc":
    "With --vpc-id of a VPC that has no default subnets, all of its subnets (in zones EKS supports) are used.",
  "cluster.deviation.standardSupport":
    "The cluster is created with standard support only (upgrade policy STANDARD): when its Kubernetes version leaves standard support, EKS upgrades it rather than billing extended support at $0.60 an hour instead of $0.10.",
  "cluster.creating": "Creating EKS cluster {name} (Kubernetes {version}); this takes about 10 minutes",
  "cluster.alreadyExists":
    "EKS cluster {name} already exists (a lost answer or another run made it): using it",
  "cluster.zoneRefused": "EKS refused {refused}; retrying with the subnets in {valid}",
  "cluster.aZone": "a zone",
  "cluster.otherZones": "the other zones",
  "cluster.allowingDb": "{dbGroup}: allowing TCP {port} from the cluster security group {clusterGroup}",
  "cluster.failed": "EKS cluster {name} is FAILED.",
  "cluster.failed.hint": "Delete it with msdemo teardown, then run msdemo up again.",
  "cluster.beingDeleted": "EKS cluster {name} is being deleted; waiting before creating it again",
  "cluster.state": "cluster: {state}",
  "cluster.stateOf": "cluster {name}: {state}",
  "cluster.stateElapsed": "cluster {name}: {state} ({seconds}s)",
  "cluster.plan.create": "Kubernetes {version}, about 10 minutes",
  "cluster.plan.dbRule": "admit TCP {port} from the cluster security group {groupId}",
  "cluster.plan.dbRuleNewGroup":
    "admit TCP {port} from the cluster security group EKS makes with the cluster",
  "cluster.plan.dbRuleInPlace": "admits TCP {port} from the cluster security group {groupId}",
  "cluster.adopting": "Adopting EKS cluster {name}: tagging it for stack {stack}",
  "cluster.otherVersion":
    "EKS cluster {name} runs Kubernetes {running}, not {wanted}; msdemo does not upgrade clusters (the EKS console or `aws eks update-cluster-version` does).",
  "cluster.noClusterGroup":
    "EKS reported no cluster security group for {name}; the pods may not reach the database until {dbGroup} admits TCP {port} from the nodes' group.",
  "cluster.revoked": "{dbGroup}: revoked TCP {port} from {clusterGroup}",
  "cluster.deleting": "Deleting EKS cluster {name}; this takes a few minutes",
  "cluster.nodegroupLeft": "EKS cluster {name} still has node group {group}; deleting it first",
  "cluster.inspect.noClusterGroup":
    "EKS reports no cluster security group for {name}: check that {dbGroup} admits TCP {port} from the nodes",
  "cluster.inspect.dbRuleMissing":
    "{dbGroup} does not admit TCP {port} from the cluster security group {groupId}; msdemo up adds it",
} as const;

export const es: Spanish<typeof en> = {
  "cluster.console":
    "EKS → Clusters → Create: Custom configuration, EKS Auto Mode desmarcado, Name node-microservices-demo, Cluster IAM role LabEksClusterRole, EKS API, VPC y subnets default, Additional security groups node-sg-service, Cluster endpoint access Public and private.",
  "cluster.deviation.clusterGroup":
    "El grupo de seguridad de la base de datos también admite PostgreSQL desde el grupo de seguridad del clúster que crea EKS: los nodos administrados llevan ese grupo, no node-sg-service, así que la regla de la guía por sí sola nunca deja que los pods lleguen a RDS.",
  "cluster.deviation.zones":
    "Se dejan fuera las subnets de zonas de disponibilidad que EKS no admite (use1-az3, usw1-az2, cac1-az3), para que la creación no falle en esas cuentas; si EKS aun así rechaza una zona (UnsupportedAvailabilityZoneException), msdemo reintenta una vez sin ella.",
  "cluster.deviation.role":
    "El rol del clúster se busca por nombre (cualquier rol cuyo nombre contenga LabEksClusterRole, ya que las cuentas de Learner Lab pueden agregarle un prefijo o un sufijo); --cluster-role-arn lo reemplaza.",
  "cluster.deviation.vpc":
    "Con --vpc-id de una VPC que no tiene subnets por defecto, se usan todas sus subnets (en las zonas que EKS admite).",
  "cluster.deviation.standardSupport":
    "El clúster se crea solo con soporte estándar (política de actualización STANDARD): cuando su versión de Kubernetes sale del soporte estándar, EKS lo actualiza en vez de cobrar el soporte extendido, a $0.60 la hora en lugar de $0.10.",
  "cluster.creating": "Creando el clúster EKS {name} (Kubernetes {version}); esto tarda unos 10 minutos",
  "cluster.alreadyExists":
    "El clúster EKS {name} ya existe (lo creó una respuesta perdida u otra ejecución): se usa",
  "cluster.zoneRefused": "EKS rechazó {refused}; se reintenta con las subnets de {valid}",
  "cluster.aZone": "una zona",
  "cluster.otherZones": "las otras zonas",
  "cluster.allowingDb":
    "{dbGroup}: se permite TCP {port} desde el grupo de seguridad del clúster {clusterGroup}",
  "cluster.failed": "El clúster EKS {name} está en estado FAILED.",
  "cluster.failed.hint": "Elimínalo con msdemo teardown y luego ejecuta msdemo up otra vez.",
  "cluster.beingDeleted": "El clúster EKS {name} se está eliminando; se espera antes de crearlo de nuevo",
  "cluster.state": "clúster: {state}",
  "cluster.stateOf": "clúster {name}: {state}",
  "cluster.stateElapsed": "clúster {name}: {state} ({seconds}s)",
  "cluster.plan.create": "Kubernetes {version}, unos 10 minutos",
  "cluster.plan.dbRule": "admitir TCP {port} desde el grupo de seguridad del clúster {groupId}",
  "cluster.plan.dbRuleNewGroup":
    "admitir TCP {port} desde el grupo de seguridad del clúster que EKS crea con él",
  "cluster.plan.dbRuleInPlace": "admite TCP {port} desde el grupo de seguridad del clúster {groupId}",
  "cluster.adopting": "Adoptando el clúster EKS {name}: se etiqueta para el stack {stack}",
  "cluster.otherVersion":
    "El clúster EKS {name} ejecuta Kubernetes {running}, no {wanted}; msdemo no actualiza clústeres (lo hace la consola de EKS o `aws eks update-cluster-version`).",
  "cluster.noClusterGroup":
    "EKS no informó ningún grupo de seguridad del clúster para {name}; puede que los pods no lleguen a la base de datos hasta que {dbGroup} admita TCP {port} desde el grupo de los nodos.",
  "cluster.revoked": "{dbGroup}: se revocó TCP {port} desde {clusterGroup}",
  "cluster.deleting": "Eliminando el clúster EKS {name}; esto tarda unos minutos",
  "cluster.nodegroupLeft":
    "El clúster EKS {name} todavía tiene el grupo de nodos {group}; se elimina primero",
  "cluster.inspect.noClusterGroup":
    "EKS no informa ningún grupo de seguridad del clúster para {name}: revisa que {dbGroup} admita TCP {port} desde los nodos",
  "cluster.inspect.dbRuleMissing":
    "{dbGroup} no admite TCP {port} desde el grupo de seguridad del clúster {groupId}; msdemo up lo agrega",
};
