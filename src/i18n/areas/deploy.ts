// Messages of one area, English and Spanish side by side: only "deploy.*" keys.
// The deploy step (src/steps/deploy.ts): the Kubernetes manifests.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // The Kubernetes deployment step
  "deploy.console":
    "CloudShell: edit aws-auth-service.yaml, aws-orders-service.yaml and aws-products-service.yaml (account id, RDS endpoint, RDS password), `aws eks update-kubeconfig --name node-microservices-demo`, then `kubectl apply -f` each file and `kubectl get all` until the LoadBalancers have an external address.",
  "deploy.deviation.secret":
    "The DB password and JWT secret go into a Kubernetes Secret, read through secretKeyRef, never a plain value in the manifests.",
  "deploy.deviation.hardening":
    "Images run by digest; pods run as non-root with a read-only filesystem, probes on /readyz and /healthz, CPU and memory limits, and a HorizontalPodAutoscaler (2 to 4 pods at 70 % CPU).",
  "deploy.deviation.teardown":
    "Teardown deletes the LoadBalancer Services first and waits until AWS has removed their load balancers, so nothing keeps the VPC busy or costing money.",
  "deploy.noCluster": "No Kubernetes cluster to deploy to.",
  "deploy.plan.differs": "differs in {fields}; applied server-side",
  "deploy.plan.standIn": "compared with the cluster once the images and the database exist",
  "deploy.plan.terminating": "still being deleted by a teardown: waits until it is gone, then creates it",
  "deploy.waiting": "waiting for the pods and the load balancers",
  "deploy.noCluster.hint": "run msdemo up --steps cluster,nodes first, or pass --kubeconfig",
  "deploy.apiUnreachable":
    "the cluster's Kubernetes API does not answer; removing its load balancers through the ELB API instead",
  "deploy.inspect.unreachable":
    "The cluster's API did not answer: the load balancers below are as the ELB API lists them; the pods could not be checked.",
  "deploy.deletingLoadBalancer": "deleting load balancer {name}",
  // The API Gateway step
  "deploy.waitInService": "the load balancers to pass their health checks",
  "deploy.waitInService.hint":
    "Until they do, the API may answer 5xx; msdemo status shows them, and msdemo smoke retries while they warm up.",
  "deploy.inService": "load balancers, instances InService: {state} ({seconds} s)",
  "deploy.waitListeners": "AWS to list the internal load balancers' listeners",
  "deploy.waitListeners.hint":
    "The Services have their hostnames but ELB does not list their NLBs yet; msdemo status shows them, and msdemo up resumes here.",
  "deploy.listeners": "internal load balancers with a listener: {state} ({seconds} s)",
  "deploy.plan.replaceService":
    "its load balancer changes between public and private (--private): the Service is deleted, its load balancer with it, and made again",
  "deploy.inspect.secretChanged":
    "{names}: the pods run with other secret values than AWS holds now (an RDS rotation?); msdemo up updates the Secret and rolls the pods",
} as const;

export const es: Spanish<typeof en> = {
  "deploy.console":
    "CloudShell: edita aws-auth-service.yaml, aws-orders-service.yaml y aws-products-service.yaml (id de la cuenta, endpoint de RDS, contraseña de RDS), `aws eks update-kubeconfig --name node-microservices-demo`, luego `kubectl apply -f` con cada archivo y `kubectl get all` hasta que los LoadBalancers tengan una dirección externa.",
  "deploy.deviation.secret":
    "La contraseña de la base de datos y el secreto JWT van en un Secret de Kubernetes, que se lee con secretKeyRef, nunca como un valor en texto plano en los manifiestos.",
  "deploy.deviation.hardening":
    "Las imágenes se ejecutan por digest; los pods corren sin root con un sistema de archivos de solo lectura, sondas en /readyz y /healthz, límites de CPU y memoria, y un HorizontalPodAutoscaler (de 2 a 4 pods al 70 % de CPU).",
  "deploy.deviation.teardown":
    "teardown elimina primero los Services LoadBalancer y espera a que AWS quite sus balanceadores de carga, así nada deja la VPC ocupada ni sigue costando dinero.",
  "deploy.noCluster": "No hay un clúster de Kubernetes donde desplegar.",
  "deploy.plan.differs": "difiere en {fields}; se aplica del lado del servidor",
  "deploy.plan.standIn": "se compara con el clúster cuando existan las imágenes y la base de datos",
  "deploy.plan.terminating":
    "un teardown todavía lo está eliminando: se espera a que desaparezca y luego se crea",
  "deploy.waiting": "esperando a los pods y a los balanceadores de carga",
  "deploy.noCluster.hint": "ejecuta msdemo up --steps cluster,nodes primero, o usa --kubeconfig",
  "deploy.apiUnreachable":
    "la API de Kubernetes del clúster no responde; se eliminan sus balanceadores de carga con la API de ELB",
  "deploy.inspect.unreachable":
    "La API del clúster no respondió: los balanceadores de carga de abajo son los que lista la API de ELB; no se pudieron revisar los pods.",
  "deploy.deletingLoadBalancer": "eliminando el balanceador de carga {name}",
  "deploy.waitInService": "que los balanceadores de carga pasen sus comprobaciones de estado",
  "deploy.waitInService.hint":
    "Hasta entonces la API puede responder 5xx; msdemo status los muestra y msdemo smoke reintenta mientras se preparan.",
  "deploy.inService": "balanceadores de carga, instancias InService: {state} ({seconds} s)",
  "deploy.waitListeners": "que AWS liste los listeners de los balanceadores internos",
  "deploy.waitListeners.hint":
    "Los Services ya tienen su hostname pero ELB aún no lista sus NLB; msdemo status los muestra y msdemo up continúa desde aquí.",
  "deploy.listeners": "balanceadores internos con listener: {state} ({seconds} s)",
  "deploy.plan.replaceService":
    "su balanceador cambia entre público y privado (--private): se elimina el Service, con él su balanceador, y se crea de nuevo",
  "deploy.inspect.secretChanged":
    "{names}: los pods usan otros valores secretos que los que AWS guarda ahora (¿una rotación de RDS?); msdemo up actualiza el Secret y reinicia los pods",
};
