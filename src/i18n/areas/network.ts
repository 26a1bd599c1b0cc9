// Messages of one area, English and Spanish side by side: only "network.*" keys.
// The network step (src/steps/network.ts): the two security groups; and their
// teardown with the load balancers' leftovers (src/steps/security-group-teardown.ts).
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // What the walkthrough does by hand, and where msdemo differs (shown by `up --step`)
  "network.console":
    'EC2 → Security Groups → Create security group, twice, in the default VPC: "{nodeGroup}" (description "{nodeDescription}") with inbound SSH 22 from 0.0.0.0/0 and HTTP 80 from {dbGroup}; "{dbGroup}" (description "{dbDescription}") with inbound PostgreSQL 5432 from {nodeGroup}. Outbound: all traffic to 0.0.0.0/0 (the default).',
  "network.deviation.ssh":
    "SSH (port 22) stays closed unless you pass --ssh-cidr; then it is open to exactly that range. The walkthrough opens SSH to 0.0.0.0/0 (the whole Internet), and nothing in this deployment needs SSH.",
  "network.deviation.clusterGroup":
    "{dbGroup} also admits PostgreSQL from the EKS cluster security group (added by the cluster step once the cluster exists): the EKS nodes carry that group, not {nodeGroup}, so the walkthrough's rule alone does not let the services reach the database.",
  "network.deviation.tags":
    "Both groups carry the tags msdemo:stack and msdemo:step, so teardown finds them without a state file; teardown also removes the k8s-elb-* security groups Kubernetes left behind for the stack's load balancers.",
  // Errors
  "network.stillInUse.hint":
    "Something still uses {name}: usually the network interfaces of the EKS cluster or of a load balancer that AWS is still removing. Wait a few minutes and run `msdemo teardown --stack {stack}` again; in the console, EC2 → Network Interfaces filtered by {id} shows what holds it.",
  // Inbound rules and changes, as the plan shows them
  "network.rule.fromGroup": "TCP {port} from {group}",
  "network.rule.ssh": "SSH (TCP {port}) from {cidr}",
  "network.change.add": "add {rule}",
  "network.change.removeSsh": "remove SSH from {cidr}",
  "network.plan.create": "in {vpc}",
  // Progress and warnings
  "network.creating": "Creating security group {name}",
  "network.alreadyExists":
    "Security group {name} already exists ({id}): a lost answer or another run made it; using it",
  "network.adopting": "Adopting existing security group {name} ({id})",
  "network.allowing": "{group}: allowing {rule}",
  "network.closingSsh":
    "{group} admits SSH from {cidr}, which the configuration does not ask for; msdemo removes that rule (pass --ssh-cidr to open SSH to a range you choose).",
  "network.nothingToDelete": "No security group of this stack was found; nothing to delete",
  "network.revoked": "Revoked {count} rule(s) referring to the groups being deleted",
  "network.foreignReferences":
    "Security groups outside this stack refer to its groups and may block their deletion: {groups}. Remove those rules if teardown keeps waiting.",
  "network.what": "security group {name} ({id})",
  "network.deleting": "Deleting {what}",
  "network.retrying": "{what} is still in use; retrying (attempt {attempt})",
  "network.admitsSsh": "{name} admits SSH from {cidr}.",
} as const;

export const es: Spanish<typeof en> = {
  "network.console":
    'EC2 → Security Groups → Create security group, dos veces, en la VPC por defecto: "{nodeGroup}" (descripción "{nodeDescription}") con las reglas de entrada (Inbound rules) SSH 22 desde 0.0.0.0/0 y HTTP 80 desde {dbGroup}; "{dbGroup}" (descripción "{dbDescription}") con la regla de entrada PostgreSQL 5432 desde {nodeGroup}. Reglas de salida (Outbound rules): All traffic hacia 0.0.0.0/0 (la regla por defecto).',
  "network.deviation.ssh":
    "SSH (puerto 22) queda cerrado a menos que uses --ssh-cidr; en ese caso se abre solo a ese rango. La guía abre SSH a 0.0.0.0/0 (todo Internet), y nada en este despliegue necesita SSH.",
  "network.deviation.clusterGroup":
    "{dbGroup} también admite PostgreSQL desde el grupo de seguridad del clúster EKS (lo agrega el paso cluster en cuanto el clúster existe): los nodos EKS llevan ese grupo, no {nodeGroup}, así que la regla de la guía por sí sola no deja que los servicios lleguen a la base de datos.",
  "network.deviation.tags":
    "Ambos grupos llevan las etiquetas msdemo:stack y msdemo:step, así teardown los encuentra sin archivo de estado; teardown también elimina los grupos de seguridad k8s-elb-* que Kubernetes dejó para los balanceadores de carga del stack.",
  "network.stillInUse.hint":
    "Algo todavía usa {name}: normalmente las interfaces de red del clúster EKS o de un balanceador de carga que AWS aún está eliminando. Espera unos minutos y ejecuta `msdemo teardown --stack {stack}` otra vez; en la consola, EC2 → Network Interfaces filtrado por {id} muestra qué lo retiene.",
  "network.rule.fromGroup": "TCP {port} desde {group}",
  "network.rule.ssh": "SSH (TCP {port}) desde {cidr}",
  "network.change.add": "agregar {rule}",
  "network.change.removeSsh": "quitar SSH desde {cidr}",
  "network.plan.create": "en {vpc}",
  "network.creating": "Creando el grupo de seguridad {name}",
  "network.alreadyExists":
    "El grupo de seguridad {name} ya existe ({id}): lo creó una respuesta perdida u otra ejecución; se usa",
  "network.adopting": "Adoptando el grupo de seguridad existente {name} ({id})",
  "network.allowing": "{group}: permitiendo {rule}",
  "network.closingSsh":
    "{group} admite SSH desde {cidr}, que la configuración no pide; msdemo quita esa regla (usa --ssh-cidr para abrir SSH a un rango que tú elijas).",
  "network.nothingToDelete":
    "No se encontró ningún grupo de seguridad de este stack; no hay nada que eliminar",
  "network.revoked":
    "Se revocaron {count} regla(s) que hacen referencia a los grupos que se están eliminando",
  "network.foreignReferences":
    "Hay grupos de seguridad fuera de este stack que hacen referencia a sus grupos y pueden impedir que se eliminen: {groups}. Quita esas reglas si teardown sigue esperando.",
  "network.what": "el grupo de seguridad {name} ({id})",
  "network.deleting": "Eliminando {what}",
  "network.retrying": "{what} sigue en uso; reintentando (intento {attempt})",
  "network.admitsSsh": "{name} admite SSH desde {cidr}.",
};
