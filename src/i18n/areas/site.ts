// Messages of one area, English and Spanish side by side: only "site.*" keys.
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

// The site step (src/steps/site.ts): the web page in S3, served by CloudFront.
export const en = {
  // What one would do by hand, and where msdemo differs (shown by `up --step`)
  "site.console":
    "S3 → Create bucket (Block all public access on), upload the built page (dist/web). CloudFront → Create distribution: origin the bucket with Origin access control (and paste the bucket policy it offers), default root object index.html; add API Gateway as a second origin and a behaviour per API path ({patterns}) with caching disabled and all HTTP methods allowed.",
  "site.deviation.private":
    "The bucket is never public: only this distribution may read it (origin access control), and the page and the API share the CloudFront address, so the page needs no CORS.",
  "site.deviation.learnerLab":
    "In an AWS Academy Learner Lab the step is skipped: CloudFront is not among the Lab's services. Use `msdemo local` to see the page.",
  // Plan details
  "site.plan.bucket": "private: all public access blocked, tagged",
  "site.plan.file": "{size} bytes, Cache-Control: {cache}",
  "site.plan.stale": "no longer part of the built page",
  "site.plan.oac": "lets CloudFront (and only it) read the bucket, signing each request",
  "site.plan.distribution": "the page from S3; {patterns} to API Gateway, uncached, all methods",
  "site.plan.policy": "s3:GetObject for this CloudFront distribution only",
  "site.fix.blockPublic": "block all public access",
  "site.oacDescription": "msdemo stack {stack}: CloudFront reads the web page bucket",
  "site.drift.disabled": "enable it",
  "site.drift.origins": "set its origins (the bucket, API Gateway)",
  "site.drift.behaviours": "set the API's path behaviours",
  "site.drift.defaultBehaviour": "send everything else to the bucket",
  "site.drift.rootObject": "serve index.html at /",
  // Learner Lab
  "site.learnerLab":
    "Not publishing the web page: an AWS Academy Learner Lab does not offer CloudFront. The API works as before; `msdemo local` serves the page on your machine.",
  // Bucket names
  "site.bucketName.length": "it must be 3 to {max} characters long",
  "site.bucketName.charset":
    "it may hold only lowercase letters, digits, dots and hyphens, and must start and end with a letter or digit",
  "site.bucketName.reserved": "S3 reserves its prefix or suffix",
  "site.bucketName.invalid": "The web page's bucket name {name} is not a valid S3 bucket name: {problem}.",
  "site.bucketName.hint": "Choose a shorter or plainer --stack name (lowercase letters, digits, hyphens).",
  "site.notBuilt": "The web page is not built: {dir} has no index.html.",
  "site.notBuilt.hint": "Build it first: npm run build",
  // Waits (a fragment after "waiting for"; in Spanish it starts with "que …")
  "site.wait.deployed": "CloudFront distribution {id} to be deployed (usually about 5 minutes)",
  "site.wait.disabled": "CloudFront distribution {id} to finish disabling (usually about 5 minutes)",
  "site.wait.state": "Waiting for {what}: now {state}",
  "site.wait.gone": "the distribution {id} disappeared",
  "site.wait.hint":
    "CloudFront keeps going on its own; run the same command again later and msdemo picks up where it stopped.",
  // Teardown progress
  "site.disabling": "Disabling CloudFront distribution {id} (CloudFront deletes only disabled distributions)",
  "site.deletingDistribution": "Deleting CloudFront distribution {id}",
  "site.deletingOac": "Deleting CloudFront origin access control {name}",
  "site.deletingBucket": "Emptying and deleting S3 bucket {name}",
  // status
  "site.endpoint.pageUrl": "Web page",
  "site.summary.pageUrl": "Web page: {url} (the same origin as the API)",
  // diagram
  "site.diagram.cdn": "CloudFront distribution",
  "site.diagram.bucket": "S3 bucket (private)",
  "site.diagram.bucketPlanned": "<stack>-web-<account>-<region>",
  "site.diagram.bucketDetail": "the built web page",
  "site.diagram.edge.page": "page files (origin access control)",
  // cost (a note, not a line item: a demo's page costs next to nothing)
  "site.cost.freeTier":
    "Web page (S3 + CloudFront): not in the totals; a demo's traffic stays within CloudFront's always-free tier (1 TB out and 10 million requests a month), and the ~100 kB in S3 cost well under a cent a month.",
} as const;

export const es: Spanish<typeof en> = {
  "site.console":
    "S3 → Create bucket (Block all public access activado), sube la página construida (dist/web). CloudFront → Create distribution: como origen el bucket con Origin access control (y pega la política de bucket que propone), objeto raíz por defecto (Default root object) index.html; añade API Gateway como segundo origen y un comportamiento (behavior) por cada ruta de la API ({patterns}) con la caché desactivada y todos los métodos HTTP permitidos.",
  "site.deviation.private":
    "El bucket nunca es público: solo esta distribución puede leerlo (origin access control), y la página y la API comparten la dirección de CloudFront, así que la página no necesita CORS.",
  "site.deviation.learnerLab":
    "En un Learner Lab de AWS Academy este paso se omite: CloudFront no está entre los servicios del Lab. Usa `msdemo local` para ver la página.",
  "site.plan.bucket": "privado: todo acceso público bloqueado, etiquetado",
  "site.plan.file": "{size} bytes, Cache-Control: {cache}",
  "site.plan.stale": "ya no forma parte de la página construida",
  "site.plan.oac": "permite a CloudFront (y solo a él) leer el bucket, firmando cada petición",
  "site.plan.distribution": "la página desde S3; {patterns} hacia API Gateway, sin caché, todos los métodos",
  "site.plan.policy": "s3:GetObject solo para esta distribución de CloudFront",
  "site.fix.blockPublic": "bloquear todo acceso público",
  "site.oacDescription": "stack de msdemo {stack}: CloudFront lee el bucket de la página web",
  "site.drift.disabled": "activarla",
  "site.drift.origins": "fijar sus orígenes (el bucket, API Gateway)",
  "site.drift.behaviours": "fijar los comportamientos de las rutas de la API",
  "site.drift.defaultBehaviour": "enviar todo lo demás al bucket",
  "site.drift.rootObject": "servir index.html en /",
  "site.learnerLab":
    "No se publica la página web: un Learner Lab de AWS Academy no ofrece CloudFront. La API funciona igual; `msdemo local` sirve la página en tu máquina.",
  "site.bucketName.length": "debe tener entre 3 y {max} caracteres",
  "site.bucketName.charset":
    "solo puede llevar minúsculas, dígitos, puntos y guiones, y debe empezar y terminar con una letra o un dígito",
  "site.bucketName.reserved": "S3 reserva su prefijo o sufijo",
  "site.bucketName.invalid":
    "El nombre del bucket de la página web, {name}, no es un nombre de bucket S3 válido: {problem}.",
  "site.bucketName.hint": "Elige un nombre de --stack más corto o más simple (minúsculas, dígitos, guiones).",
  "site.notBuilt": "La página web no está construida: {dir} no tiene index.html.",
  "site.notBuilt.hint": "Constrúyela primero: npm run build",
  "site.wait.deployed": "que la distribución CloudFront {id} esté desplegada (suele tardar unos 5 minutos)",
  "site.wait.disabled":
    "que la distribución CloudFront {id} termine de desactivarse (suele tardar unos 5 minutos)",
  "site.wait.state": "Esperando a {what}: ahora {state}",
  "site.wait.gone": "la distribución {id} desapareció",
  "site.wait.hint":
    "CloudFront sigue trabajando por su cuenta; vuelve a ejecutar el mismo comando más tarde y msdemo sigue donde lo dejó.",
  "site.disabling":
    "Desactivando la distribución CloudFront {id} (CloudFront solo elimina distribuciones desactivadas)",
  "site.deletingDistribution": "Eliminando la distribución CloudFront {id}",
  "site.deletingOac": "Eliminando el origin access control de CloudFront {name}",
  "site.deletingBucket": "Vaciando y eliminando el bucket S3 {name}",
  "site.endpoint.pageUrl": "Página web",
  "site.summary.pageUrl": "Página web: {url} (el mismo origen que la API)",
  "site.diagram.cdn": "Distribución CloudFront",
  "site.diagram.bucket": "Bucket S3 (privado)",
  "site.diagram.bucketPlanned": "<stack>-web-<cuenta>-<región>",
  "site.diagram.bucketDetail": "la página web construida",
  "site.diagram.edge.page": "archivos de la página (origin access control)",
  "site.cost.freeTier":
    "Página web (S3 + CloudFront): no está en los totales; el tráfico de una demo cabe en la capa siempre gratuita de CloudFront (1 TB de salida y 10 millones de solicitudes al mes), y los ~100 kB en S3 cuestan mucho menos de un céntimo al mes.",
};
