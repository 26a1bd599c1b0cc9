// Messages of one area, English and Spanish side by side; merged into the
// catalogues by ../en.ts and ../es.ts. The compiler checks both have the same keys.
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
  // The EKS node group step
  "nodes.console":
    "EKS → the cluster → Compute → Add node group: name ng-general, node IAM role LabRole, AMI Amazon Linux 2023 (x86_64), instance type t3.medium, disk 20 GiB, desired 2 / minimum 2 / maximum 4, default subnets.",
  "nodes.deviation.role":
    "LabEksNodeRole is preferred when the account has it (it is the Learner Lab role made for EKS nodes); LabRole otherwise, as in the walkthrough.",
  "nodes.deviation.metricsServer":
    "The EKS add-on metrics-server is installed: EKS has none, and without it the HorizontalPodAutoscalers show <unknown> and never scale.",
  "nodes.scaling": "desired {desired} / min {min} / max {max}",
  "nodes.plan.scaling": "scaling {from} → {to}",
  "nodes.creating": "Creating node group {name}: {instanceType}, {scaling}; this takes about 3 minutes",
  "nodes.alreadyExists": "Node group {name} already exists (a lost answer or another run made it): using it",
  "nodes.metricsServer.installing":
    "Installing the EKS add-on metrics-server on {cluster}, so the HorizontalPodAutoscalers can read CPU use",
  "nodes.metricsServer.failed":
    "metrics-server could not be installed ({reason}); the services run, but the HorizontalPodAutoscalers show <unknown> and do not scale. msdemo up tries again.",
  "nodes.plan.metricsServer": "so the HorizontalPodAutoscalers can read CPU use and scale",
  "nodes.metricsServer.unreadable":
    "metrics-server cannot be checked ({reason}), so msdemo leaves it as it is; without it the HorizontalPodAutoscalers show <unknown> and do not scale.",
  "nodes.degraded":
    "Node group {name} is DEGRADED ({issues}); its nodes still run, so msdemo goes on. See the node group's Health tab in the EKS console.",
  "nodes.adopting": "Adopting node group {name}: tagging it for stack {stack}",
  "nodes.rescaling": "node group {name}: scaling {from} → {to}",
  "nodes.deleting": "Deleting node group {name}; this takes a few minutes",
  "nodes.state": "node group {name}: {state}",
  "nodes.stateElapsed": "node group {name}: {state} ({seconds}s)",
} as const;

export const es: Record<keyof typeof en, string> = {
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
  "nodes.console":
    "EKS → tu clúster → Compute → Add node group: Name ng-general, Node IAM role LabRole, AMI type Amazon Linux 2023 (x86_64), Instance types t3.medium, Disk size 20 GiB, Desired size 2 / Minimum size 2 / Maximum size 4, subnets default.",
  "nodes.deviation.role":
    "Se prefiere LabEksNodeRole cuando la cuenta lo tiene (es el rol de Learner Lab hecho para los nodos de EKS); si no, LabRole, como en la guía.",
  "nodes.deviation.metricsServer":
    "Se instala el complemento de EKS metrics-server: EKS no trae ninguno, y sin él los HorizontalPodAutoscaler muestran <unknown> y nunca escalan.",
  "nodes.scaling": "deseado {desired} / mín. {min} / máx. {max}",
  "nodes.plan.scaling": "escalado {from} → {to}",
  "nodes.creating": "Creando el grupo de nodos {name}: {instanceType}, {scaling}; esto tarda unos 3 minutos",
  "nodes.alreadyExists":
    "El grupo de nodos {name} ya existe (lo creó una respuesta perdida u otra ejecución): se usa",
  "nodes.metricsServer.installing":
    "Instalando el complemento de EKS metrics-server en {cluster}, para que los HorizontalPodAutoscaler puedan leer el uso de CPU",
  "nodes.metricsServer.failed":
    "No se pudo instalar metrics-server ({reason}); los servicios funcionan, pero los HorizontalPodAutoscaler muestran <unknown> y no escalan. msdemo up lo vuelve a intentar.",
  "nodes.plan.metricsServer": "para que los HorizontalPodAutoscaler puedan leer el uso de CPU y escalar",
  "nodes.metricsServer.unreadable":
    "No se puede comprobar metrics-server ({reason}), así que msdemo lo deja como está; sin él los HorizontalPodAutoscaler muestran <unknown> y no escalan.",
  "nodes.degraded":
    "El grupo de nodos {name} está DEGRADED ({issues}); sus nodos siguen funcionando, así que msdemo continúa. Mira la pestaña Health del grupo de nodos en la consola de EKS.",
  "nodes.adopting": "Adoptando el grupo de nodos {name}: se etiqueta para el stack {stack}",
  "nodes.rescaling": "grupo de nodos {name}: escalado {from} → {to}",
  "nodes.deleting": "Eliminando el grupo de nodos {name}; esto tarda unos minutos",
  "nodes.state": "grupo de nodos {name}: {state}",
  "nodes.stateElapsed": "grupo de nodos {name}: {state} ({seconds}s)",
};
