// Messages of one area, English and Spanish side by side: only "step.*" keys.
// The steps, as the walkthrough names them.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // Steps, as the walkthrough names them
  "step.network.title": "Security groups",
  "step.database.title": "RDS PostgreSQL database",
  "step.registry.title": "ECR repositories",
  "step.images.title": "Service images",
  "step.cluster.title": "EKS cluster",
  "step.nodes.title": "EKS node group",
  "step.deploy.title": "Kubernetes deployment",
  "step.gateway.title": "API Gateway",
  "step.site.title": "Web page (S3 + CloudFront)",
} as const;

export const es: Spanish<typeof en> = {
  "step.network.title": "Grupos de seguridad",
  "step.database.title": "Base de datos RDS PostgreSQL",
  "step.registry.title": "Repositorios ECR",
  "step.images.title": "Imágenes de los servicios",
  "step.cluster.title": "Clúster EKS",
  "step.nodes.title": "Grupo de nodos EKS",
  "step.deploy.title": "Despliegue en Kubernetes",
  "step.gateway.title": "API Gateway",
  "step.site.title": "Página web (S3 + CloudFront)",
};
