// Image references (`host/repo:tag`, `host/repo@sha256:…`), Docker Hub's defaults,
// and the scheme a registry is spoken to with: plain HTTP on loopback, as Docker does.
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";

export interface ImageReference {
  /** Host (and port) as written, e.g. `public.ecr.aws`, `127.0.0.1:5000`; Docker Hub is `docker.io`. */
  registry: string;
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

const DOCKER_HUB = "docker.io";
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** A first path component is a registry host when it has a dot, a colon, or is `localhost` (Docker's rule). */
function looksLikeHost(component: string): boolean {
  return component.includes(".") || component.includes(":") || component === "localhost";
}

export function parseReference(text: string): ImageReference {
  let rest = text.trim();
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new UsageError(t("image.reference.badDigest", { reference: text }));
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new UsageError(t("image.reference.badTag", { reference: text }));
  }
  const slash = rest.indexOf("/");
  let registry = DOCKER_HUB;
  let repository = rest;
  if (slash > 0 && looksLikeHost(rest.slice(0, slash))) {
    registry = rest.slice(0, slash);
    repository = rest.slice(slash + 1);
  }
  if (registry === DOCKER_HUB && !repository.includes("/")) repository = `library/${repository}`;
  if (!REPOSITORY.test(repository)) {
    throw new UsageError(
      t("image.reference.badRepository", { reference: text, repository }),
      t("image.reference.badRepository.hint"),
    );
  }
  if (tag === undefined && digest === undefined) tag = "latest";
  return { registry, repository, tag, digest };
}

export function formatReference(ref: ImageReference): string {
  const base = `${ref.registry}/${ref.repository}`;
  if (ref.digest !== undefined) return `${base}@${ref.digest}`;
  return `${base}:${ref.tag ?? "latest"}`;
}

/** The `tag` or `digest` part used in `/v2/<repo>/manifests/<ref>`. */
export function manifestReference(ref: ImageReference): string {
  return ref.digest ?? ref.tag ?? "latest";
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The base URL (`https://host` or, for loopback, `http://host`) of a registry.
 * An explicit `http://` or `https://` prefix (from `--registry URL`) is kept as given.
 */
export function registryBaseUrl(registry: string): URL {
  if (/^https?:\/\//.test(registry)) return new URL(registry.replace(/\/+$/, ""));
  const host = registry === DOCKER_HUB ? "registry-1.docker.io" : registry;
  const url = new URL(`https://${host}`);
  if (isLoopbackHost(url.hostname)) url.protocol = "http:";
  return url;
}

/** The host part of a registry given as `host`, `host:port` or a URL. */
export function registryHost(registry: string): string {
  return /^https?:\/\//.test(registry) ? new URL(registry).host : registry;
}
