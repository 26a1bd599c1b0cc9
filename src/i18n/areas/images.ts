// Messages of one area, English and Spanish side by side: only "images.*" keys.
// The images step (src/steps/images.ts): building and pushing the service images.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // The service images step
  "images.console":
    "CloudShell: git clone the services, `aws ecr get-login-password | docker login`, then `docker build`, `docker tag` and `docker push` for auth-service-repo, orders-service-repo and products-service-repo; `docker system prune` when the disk fills up.",
  "images.deviation.inProcess":
    "Images are built in-process and pushed straight to ECR (no Docker daemon, nothing written to CloudShell's small disk); --builder docker keeps the walkthrough's way.",
  "images.deviation.digest":
    "Each image is tagged with its content digest as well as latest, and Kubernetes runs it by digest, so a rerun never deploys a stale `latest`.",
  "images.deviation.base":
    "The walkthrough's node:20-alpine reached end of life in April 2026; the images build on node:lts-alpine (the current Node.js LTS), pinned to the digest the first build found, so reruns build on the same bytes. --base-image chooses another.",
  "images.pushing": "{service}: pushing {done}/{total} blobs, {bytes} bytes ({skipped} already there)",
  "images.pushed": "{service}: pushed {bytes} bytes, {skipped} blobs already there",
  "images.bundling": "{service}: bundling",
  "images.readingBase": "{service}: reading the base image",
  "images.writingManifest": "{service}: writing the manifest",
  "images.plan.present": "the image of the current sources is there ({digest})",
  "images.plan.push": "built from the current sources and pushed (only the layers the repository lacks)",
} as const;

export const es: Spanish<typeof en> = {
  "images.console":
    "CloudShell: clona los servicios con git clone, `aws ecr get-login-password | docker login`, luego `docker build`, `docker tag` y `docker push` para auth-service-repo, orders-service-repo y products-service-repo; `docker system prune` cuando el disco se llena.",
  "images.deviation.inProcess":
    "Las imágenes se construyen dentro del mismo proceso y se suben directo a ECR (sin daemon de Docker, sin escribir nada en el pequeño disco de CloudShell); --builder docker mantiene la forma de la guía.",
  "images.deviation.digest":
    "Cada imagen se etiqueta con el digest de su contenido además de latest, y Kubernetes la ejecuta por digest, así que repetir la ejecución nunca despliega un `latest` desactualizado.",
  "images.deviation.base":
    "El node:20-alpine de la guía llegó al fin de su vida en abril de 2026; las imágenes se construyen sobre node:lts-alpine (la versión LTS actual de Node.js), fijada al digest que encontró la primera construcción, para que cada repetición use los mismos bytes. --base-image elige otra.",
  "images.pushing": "{service}: subiendo {done}/{total} blobs, {bytes} bytes ({skipped} ya estaban)",
  "images.pushed": "{service}: {bytes} bytes subidos, {skipped} blobs ya estaban",
  "images.bundling": "{service}: empaquetando",
  "images.readingBase": "{service}: leyendo la imagen base",
  "images.writingManifest": "{service}: escribiendo el manifiesto",
  "images.plan.present": "la imagen de las fuentes actuales ya está ({digest})",
  "images.plan.push":
    "se construye con las fuentes actuales y se sube (solo las capas que le faltan al repositorio)",
};
