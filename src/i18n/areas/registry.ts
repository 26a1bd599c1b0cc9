// Messages of one area, English and Spanish side by side: only "registry.*" keys.
// The registry step (src/steps/registry.ts): the three ECR repositories.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // What the walkthrough does by hand, and where msdemo differs (shown by `up --step`)
  "registry.console":
    'ECR → Private registry → Repositories → Create repository, three times: {repositories}; image tag mutability Mutable, encryption AES-256. Then "View push commands" shows how to log Docker in and push.',
  "registry.deviation.scan":
    "Scan on push is turned on, so ECR checks each pushed image for known vulnerabilities (free basic scanning); the walkthrough leaves it off.",
  "registry.deviation.teardown": "Teardown deletes the repositories with their images (force).",
  // Errors
  // Fixes to an existing repository, and plan details
  "registry.fix.scanOnPush": "turn on scan on push",
  "registry.fix.imageTagMutability": "make tags mutable",
  "registry.plan.create": "mutable tags, AES-256, scan on push",
  // Progress and warnings
  "registry.otherEncryption":
    "ECR repository {name} is encrypted with {encryption}, not AES-256; ECR cannot change that after creation, so msdemo leaves it.",
  "registry.deleting": "Deleting ECR repository {name} and its images",
} as const;

export const es: Spanish<typeof en> = {
  "registry.console":
    'ECR → Private registry → Repositories → Create repository, tres veces: {repositories}; mutabilidad de etiquetas (Image tag mutability) Mutable, cifrado (Encryption configuration) AES-256. Luego "View push commands" muestra cómo iniciar sesión con Docker y subir las imágenes.',
  "registry.deviation.scan":
    "El escaneo al subir (scan on push) está activado, así ECR revisa cada imagen que subes en busca de vulnerabilidades conocidas (escaneo básico, gratuito); la guía lo deja desactivado.",
  "registry.deviation.teardown": "teardown elimina los repositorios junto con sus imágenes (force).",
  "registry.fix.scanOnPush": "activar el escaneo al subir (scan on push)",
  "registry.fix.imageTagMutability": "hacer mutables las etiquetas",
  "registry.plan.create": "etiquetas mutables, AES-256, escaneo al subir",
  "registry.otherEncryption":
    "El repositorio ECR {name} está cifrado con {encryption}, no con AES-256; ECR no permite cambiarlo después de crearlo, así que msdemo lo deja así.",
  "registry.deleting": "Eliminando el repositorio ECR {name} y sus imágenes",
};
