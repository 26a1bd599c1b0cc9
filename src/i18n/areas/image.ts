// Messages of one area, English and Spanish side by side: only "image.*" keys.
// The image builder (src/image). "image.what.*" are fragments naming what the
// registry client was doing; they go into "while {what}".
// How to add a message: see ../index.ts.
import type { Spanish } from "../types.js";

export const en = {
  // registry-api.ts: what was being done
  "image.what.pullManifest": "pulling manifest {repository}:{reference}",
  "image.what.lookUp": "looking up {repository}:{reference}",
  "image.what.pushManifest": "pushing manifest {repository}:{tag}",
  "image.what.checkBlob": "checking blob {digest} in {repository}",
  "image.what.pullBlob": "pulling blob {digest} from {repository}",
  "image.what.mountBlob": "mounting blob {digest} from {from} into {repository}",
  "image.what.startUpload": "starting an upload to {repository}",
  "image.what.pushBlob": "pushing blob {digest} to {repository}",
  "image.what.withToken": "{what} (getting a token from {host})",
  "image.what.getToken": "getting a token from {host}",
  // errors.ts
  "image.registry.auth": "Registry {registry} refused access (HTTP {status}) while {what}.",
  "image.registry.auth.hint":
    "Check the registry credentials. For ECR they come from GetAuthorizationToken and last 12 hours: run the command again to get a fresh token, and check that your AWS credentials may push to ECR.",
  "image.registry.repositoryMissing": "Repository {repository} does not exist on {registry}.",
  "image.registry.repositoryMissing.hint":
    "Create it with `msdemo up --steps registry`, then build the images again.",

  // registry-api.ts, registry-auth.ts, registry-transport.ts
  "image.registry.manifestMismatch":
    "Registry {registry} returned a manifest that does not match {reference}.",
  "image.registry.noUploadLocation": "Registry {registry} gave no upload location while {what}.",
  "image.registry.noToken": "The token server {host} returned no token.",
  "image.registry.unreachable": "Cannot reach registry {registry} while {what} ({cause}, {attempts} tries).",
  "image.registry.unreachable.hint": "Check the network connection and the registry address.",
  "image.registry.notFound": "Registry {registry} has no such content while {what}.",
  "image.registry.server":
    "Registry {registry} kept failing (HTTP {status}) while {what}, after {tries} tries{detail}.",
  "image.registry.server.hint": "The registry may be overloaded or down; try again in a few minutes.",
  "image.registry.unexpected": "Registry {registry} answered HTTP {status} while {what}{detail}.",
  // base-image.ts
  "image.base.notFound": "Base image {ref} was not found.",
  "image.base.notFound.hint": "Check the --base-image reference (registry, repository and tag).",
  "image.base.noPlatform": "Base image {ref} has no {platform} image.",
  "image.base.noPlatform.hint": "It offers: {offered}. Choose another base with --base-image.",
  "image.base.nothingUsable": "nothing usable",
  "image.base.unsupportedManifest": 'Base image {ref} has an unsupported manifest type "{mediaType}".',
  // blob-cache.ts
  "image.cache.digestMismatch": "downloaded content has digest {actual}, expected {expected}",
  // build.ts
  "image.build.layerCount": "the base image's config and manifest disagree on the number of layers",
  // bundle.ts
  "image.bundle.failed": "Bundling {entry} failed: {error}{where}",
  "image.bundle.failed.hint":
    "Check that the service's sources compile and its dependencies are installed (npm ci).",
  // docker-builder.ts
  "image.docker.notInstalled": "The docker CLI ({path}) is not installed.",
  "image.docker.notInstalled.hint":
    "Use the default builder, which needs no Docker: drop `--builder docker`.",
  "image.docker.notRunning": "The Docker daemon is not running or cannot be reached.",
  "image.docker.notRunning.hint":
    "Start Docker (or check DOCKER_HOST), or use the default builder, which needs no Docker: drop `--builder docker`. Docker said: {output}",
  "image.docker.badCredentials": "The registry credentials are not in the base64 user:password form.",
  "image.docker.buildFailed": "docker build of {service} failed.",
  "image.docker.loginFailed": "docker login to {registry} failed.",
  "image.docker.loginFailed.hint":
    "Check the registry credentials (for ECR: a fresh GetAuthorizationToken; it lasts 12 hours).",
  "image.docker.pushFailed": "docker push of {reference} failed.",
  "image.docker.noDigest": "docker push of {repository} did not report a digest.",
  // reference.ts
  "image.reference.badDigest": 'Image reference "{reference}" has an invalid digest.',
  "image.reference.badTag": 'Image reference "{reference}" has an invalid tag.',
  "image.reference.badRepository":
    'Image reference "{reference}" has an invalid repository name "{repository}".',
  "image.reference.badRepository.hint":
    "Repository names are lower-case letters, digits and . _ - separated by /.",
} as const;

export const es: Spanish<typeof en> = {
  "image.what.pullManifest": "descargar el manifiesto {repository}:{reference}",
  "image.what.lookUp": "buscar {repository}:{reference}",
  "image.what.pushManifest": "subir el manifiesto {repository}:{tag}",
  "image.what.checkBlob": "revisar el blob {digest} en {repository}",
  "image.what.pullBlob": "descargar el blob {digest} de {repository}",
  "image.what.mountBlob": "montar el blob {digest} de {from} en {repository}",
  "image.what.startUpload": "iniciar una subida a {repository}",
  "image.what.pushBlob": "subir el blob {digest} a {repository}",
  "image.what.withToken": "{what} (obteniendo un token de {host})",
  "image.what.getToken": "obtener un token de {host}",
  "image.registry.auth": "El registro {registry} negó el acceso (HTTP {status}) al {what}.",
  "image.registry.auth.hint":
    "Revisa las credenciales del registro. En ECR vienen de GetAuthorizationToken y duran 12 horas: ejecuta el comando otra vez para obtener un token nuevo, y revisa que tus credenciales de AWS tengan permiso para subir imágenes a ECR.",
  "image.registry.repositoryMissing": "El repositorio {repository} no existe en {registry}.",
  "image.registry.repositoryMissing.hint":
    "Créalo con `msdemo up --steps registry` y luego construye las imágenes otra vez.",
  "image.registry.manifestMismatch":
    "El registro {registry} devolvió un manifiesto que no coincide con {reference}.",
  "image.registry.noUploadLocation": "El registro {registry} no indicó una ubicación de subida al {what}.",
  "image.registry.noToken": "El servidor de tokens {host} no devolvió ningún token.",
  "image.registry.unreachable":
    "No se puede contactar al registro {registry} al {what} ({cause}, {attempts} intentos).",
  "image.registry.unreachable.hint": "Revisa la conexión de red y la dirección del registro.",
  "image.registry.notFound": "El registro {registry} no encontró ese contenido al {what}.",
  "image.registry.server":
    "El registro {registry} siguió fallando (HTTP {status}) al {what}, tras {tries} intentos{detail}.",
  "image.registry.server.hint":
    "Puede que el registro esté sobrecargado o caído; inténtalo otra vez en unos minutos.",
  "image.registry.unexpected": "El registro {registry} respondió HTTP {status} al {what}{detail}.",
  "image.base.notFound": "No se encontró la imagen base {ref}.",
  "image.base.notFound.hint": "Revisa la referencia de --base-image (registro, repositorio y tag).",
  "image.base.noPlatform": "La imagen base {ref} no tiene una imagen para {platform}.",
  "image.base.noPlatform.hint": "Ofrece: {offered}. Elige otra base con --base-image.",
  "image.base.nothingUsable": "nada utilizable",
  "image.base.unsupportedManifest":
    'La imagen base {ref} tiene un tipo de manifiesto no compatible: "{mediaType}".',
  "image.cache.digestMismatch": "el contenido descargado tiene el digest {actual}, se esperaba {expected}",
  "image.build.layerCount":
    "la configuración y el manifiesto de la imagen base no coinciden en el número de capas",
  "image.bundle.failed": "Falló el empaquetado de {entry}: {error}{where}",
  "image.bundle.failed.hint":
    "Revisa que el código del servicio compile y que sus dependencias estén instaladas (npm ci).",
  "image.docker.notInstalled": "El CLI de docker ({path}) no está instalado.",
  "image.docker.notInstalled.hint":
    "Usa el builder por defecto, que no necesita Docker: quita `--builder docker`.",
  "image.docker.notRunning": "El daemon de Docker no está en ejecución o no se puede contactar.",
  "image.docker.notRunning.hint":
    "Inicia Docker (o revisa DOCKER_HOST), o usa el builder por defecto, que no necesita Docker: quita `--builder docker`. Docker dijo: {output}",
  "image.docker.badCredentials": "Las credenciales del registro no tienen la forma base64 user:password.",
  "image.docker.buildFailed": "Falló docker build de {service}.",
  "image.docker.loginFailed": "Falló docker login en {registry}.",
  "image.docker.loginFailed.hint":
    "Revisa las credenciales del registro (para ECR: un GetAuthorizationToken nuevo; dura 12 horas).",
  "image.docker.pushFailed": "Falló docker push de {reference}.",
  "image.docker.noDigest": "docker push de {repository} no informó ningún digest.",
  "image.reference.badDigest": 'La referencia de imagen "{reference}" tiene un digest no válido.',
  "image.reference.badTag": 'La referencia de imagen "{reference}" tiene un tag no válido.',
  "image.reference.badRepository":
    'La referencia de imagen "{reference}" tiene un nombre de repositorio no válido: "{repository}".',
  "image.reference.badRepository.hint":
    "Los nombres de repositorio usan letras minúsculas, dígitos y . _ - separados por /.",
};
