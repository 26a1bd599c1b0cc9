// Messages of one area, English and Spanish side by side: only "error.*" keys.
// How errors are shown, and errors from Node or libraries put in the user's words.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // Errors and their labels
  "error.prefix": "msdemo: {message}",
  "error.hint": "  hint: {hint}",
  "error.cause": "  cause: {cause}",
  "error.unexpected": "msdemo: unexpected error: {message}",
  "error.wholeNumber": '{flag} takes a whole number (got "{value}")',
  "error.completionShell": 'completion takes one of {shells} (got "{shell}")',
  "error.notBuilt": "msdemo is not built yet: run `npm install` (or `npm run build`) in its folder first.",
  "error.interrupted": "Interrupted. State is saved: run the same command again to resume.",
  // smoke: a call that got no HTTP answer
  "error.smoke.unreachable": "could not connect to {url}",
  "error.smoke.timeout": "no answer within {seconds} s",
  // local: the gateway's port
  "error.local.portInUse": "Port {port} is already in use.",
  "error.local.portInUse.hint": "Choose another with --port; --port 0 picks a free one.",
  "error.local.portDenied": "Port {port} cannot be used: permission denied.",
  "error.local.portDenied.hint": "Choose a port above 1023 with --port; --port 0 picks a free one.",
  // writing and reading files
  "error.fs.ENOENT": "the folder does not exist",
  "error.fs.EACCES": "permission denied",
  "error.fs.EISDIR": "it is a folder",
  "error.write.failed": "Cannot write {path}: {reason}.",
  "error.write.failed.hint":
    "Choose another path with --output, in a folder that exists and you may write to.",
  "error.kubeconfig.unreadable": "{file} is not a readable kubeconfig: {reason}",
  "error.kubeconfig.unreadable.hint":
    "Pass a kubeconfig file with --kubeconfig (or KUBECONFIG), or neither to use the stack's EKS cluster.",
  // Kubernetes API with no answer
  "error.kube.unreachable": "{doing}: the cluster's API cannot be reached ({host})",
  "error.kube.unreachableNoHost": "{doing}: the cluster's API cannot be reached",
} as const;

export const es: Spanish<typeof en> = {
  "error.prefix": "msdemo: {message}",
  "error.hint": "  sugerencia: {hint}",
  "error.cause": "  causa: {cause}",
  "error.unexpected": "msdemo: error inesperado: {message}",
  "error.wholeNumber": '{flag} necesita un número entero (se recibió "{value}")',
  "error.completionShell": 'completion acepta uno de {shells} (se recibió "{shell}")',
  "error.notBuilt": "msdemo aún no está compilado: ejecuta `npm install` (o `npm run build`) en su carpeta.",
  "error.interrupted":
    "Interrumpido. El estado está guardado: ejecuta el mismo comando otra vez para continuar.",
  "error.smoke.unreachable": "no se pudo conectar con {url}",
  "error.smoke.timeout": "sin respuesta en {seconds} s",
  "error.local.portInUse": "El puerto {port} ya está en uso.",
  "error.local.portInUse.hint": "Elige otro con --port; --port 0 elige uno libre.",
  "error.local.portDenied": "No se puede usar el puerto {port}: permiso denegado.",
  "error.local.portDenied.hint": "Elige un puerto mayor que 1023 con --port; --port 0 elige uno libre.",
  "error.fs.ENOENT": "la carpeta no existe",
  "error.fs.EACCES": "permiso denegado",
  "error.fs.EISDIR": "es una carpeta",
  "error.write.failed": "No se puede escribir {path}: {reason}.",
  "error.write.failed.hint":
    "Elige otra ruta con --output, en una carpeta que exista y en la que puedas escribir.",
  "error.kubeconfig.unreadable": "{file} no es un kubeconfig legible: {reason}",
  "error.kubeconfig.unreadable.hint":
    "Indica un archivo kubeconfig con --kubeconfig (o KUBECONFIG), o ninguno para usar el clúster EKS de la pila.",
  "error.kube.unreachable": "{doing}: no se puede contactar con la API del clúster ({host})",
  "error.kube.unreachableNoHost": "{doing}: no se puede contactar con la API del clúster",
};
