// Messages of one area, English and Spanish side by side; merged into the
// catalogues by ../en.ts and ../es.ts. The compiler checks both have the same keys.
// Here: prompt wording, and errors from Node or libraries put in the user's words.
export const en = {
  // prompts.ts
  "cliErrors.confirm.yes": "Yes",
  "cliErrors.confirm.no": "No",
  "cliErrors.confirm.defaultYes": "Y/n",
  "cliErrors.confirm.defaultNo": "y/N",
  "cliErrors.select.navigate": "navigate",
  "cliErrors.select.select": "select",
  // smoke: a call that got no HTTP answer
  "cliErrors.smoke.unreachable": "could not connect to {url}",
  "cliErrors.smoke.timeout": "no answer within {seconds} s",
  // local: the gateway's port
  "cliErrors.local.portInUse": "Port {port} is already in use.",
  "cliErrors.local.portInUse.hint": "Choose another with --port; --port 0 picks a free one.",
  "cliErrors.local.portDenied": "Port {port} cannot be used: permission denied.",
  "cliErrors.local.portDenied.hint": "Choose a port above 1023 with --port; --port 0 picks a free one.",
  // writing and reading files
  "cliErrors.fs.ENOENT": "the folder does not exist",
  "cliErrors.fs.EACCES": "permission denied",
  "cliErrors.fs.EISDIR": "it is a folder",
  "cliErrors.write.failed": "Cannot write {path}: {reason}.",
  "cliErrors.write.failed.hint":
    "Choose another path with --output, in a folder that exists and you may write to.",
  "cliErrors.kubeconfig.unreadable": "{file} is not a readable kubeconfig: {reason}",
  "cliErrors.kubeconfig.unreadable.hint":
    "Pass a kubeconfig file with --kubeconfig (or KUBECONFIG), or neither to use the stack's EKS cluster.",
  // Kubernetes API with no answer
  "cliErrors.kube.unreachable": "{doing}: the cluster's API cannot be reached ({host})",
  "cliErrors.kube.unreachableNoHost": "{doing}: the cluster's API cannot be reached",
} as const;

export const es: Record<keyof typeof en, string> = {
  "cliErrors.confirm.yes": "Sí",
  "cliErrors.confirm.no": "No",
  "cliErrors.confirm.defaultYes": "S/n",
  "cliErrors.confirm.defaultNo": "s/N",
  "cliErrors.select.navigate": "moverse",
  "cliErrors.select.select": "elegir",
  "cliErrors.smoke.unreachable": "no se pudo conectar con {url}",
  "cliErrors.smoke.timeout": "sin respuesta en {seconds} s",
  "cliErrors.local.portInUse": "El puerto {port} ya está en uso.",
  "cliErrors.local.portInUse.hint": "Elige otro con --port; --port 0 elige uno libre.",
  "cliErrors.local.portDenied": "No se puede usar el puerto {port}: permiso denegado.",
  "cliErrors.local.portDenied.hint": "Elige un puerto mayor que 1023 con --port; --port 0 elige uno libre.",
  "cliErrors.fs.ENOENT": "la carpeta no existe",
  "cliErrors.fs.EACCES": "permiso denegado",
  "cliErrors.fs.EISDIR": "es una carpeta",
  "cliErrors.write.failed": "No se puede escribir {path}: {reason}.",
  "cliErrors.write.failed.hint":
    "Elige otra ruta con --output, en una carpeta que exista y en la que puedas escribir.",
  "cliErrors.kubeconfig.unreadable": "{file} no es un kubeconfig legible: {reason}",
  "cliErrors.kubeconfig.unreadable.hint":
    "Indica un archivo kubeconfig con --kubeconfig (o KUBECONFIG), o ninguno para usar el clúster EKS de la pila.",
  "cliErrors.kube.unreachable": "{doing}: no se puede contactar con la API del clúster ({host})",
  "cliErrors.kube.unreachableNoHost": "{doing}: no se puede contactar con la API del clúster",
};
