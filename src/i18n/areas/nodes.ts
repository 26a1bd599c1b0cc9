// Messages of one area, English and Spanish side by side: only "nodes.*" keys.
// The nodes step (src/steps/nodes.ts): the EKS node group.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
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

export const es: Spanish<typeof en> = {
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
