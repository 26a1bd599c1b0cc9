// Messages of one area, English and Spanish side by side: only "learnerLab.*" keys.
// AWS Academy Learner Lab: what its accounts allow.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  "learnerLab.region": "--region {region}: Learner Lab works only in {regions}",
  "learnerLab.instanceType": "--instance-type {type}: Learner Lab allows instance sizes up to {largest}",
  "learnerLab.dbClass":
    "--db-instance-class {dbClass}: Learner Lab allows {families} classes up to {largest}",
  "learnerLab.evidence": "assumed role voclabs",
  // Learner Lab caps
  "learnerLab.nodes":
    "{flag} {count}: a Learner Lab terminates running instances beyond {max} (and at 20 disables the account); ask for {max} or fewer",
  "learnerLab.vcpus":
    "{flag} {count}: {count} × {instanceType} ({vcpus} vCPUs each) could pass the Learner Lab's {max} vCPUs; ask for {fit} or fewer",
  "learnerLab.dbStorage": "--db-storage {storage}: a Learner Lab allows RDS storage (gp2) up to {max} GB",
  "learnerLab.caps":
    "Learner Lab: at most {instances} running instances and {vcpus} vCPUs (nodes up to {maxNodes} here); RDS storage gp2 up to {storage} GB",
} as const;

export const es: Spanish<typeof en> = {
  "learnerLab.region": "--region {region}: Learner Lab solo funciona en {regions}",
  "learnerLab.instanceType":
    "--instance-type {type}: Learner Lab permite tamaños de instancia hasta {largest}",
  "learnerLab.dbClass":
    "--db-instance-class {dbClass}: Learner Lab permite clases {families} hasta {largest}",
  "learnerLab.evidence": "rol asumido voclabs",
  "learnerLab.nodes":
    "{flag} {count}: un Learner Lab termina las instancias en ejecución a partir de {max} (y con 20 desactiva la cuenta); pide {max} o menos",
  "learnerLab.vcpus":
    "{flag} {count}: {count} × {instanceType} ({vcpus} vCPU cada una) podría superar las {max} vCPU del Learner Lab; pide {fit} o menos",
  "learnerLab.dbStorage":
    "--db-storage {storage}: un Learner Lab permite almacenamiento RDS (gp2) de hasta {max} GB",
  "learnerLab.caps":
    "Learner Lab: como máximo {instances} instancias en ejecución y {vcpus} vCPU (aquí, hasta {maxNodes} nodos); almacenamiento RDS gp2 de hasta {storage} GB",
};
