// The base image for one platform: its manifest (picked from an index or manifest
// list when the tag names several platforms) and its config. Both are cached by
// digest, so a second build only asks the registry which digest the tag names now.
import { t } from "../i18n/index.js";
import type { BlobCache } from "./blob-cache.js";
import { RegistryError } from "./errors.js";
import {
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
  isIndex,
  type ManifestFormat,
  MEDIA,
} from "./media-types.js";
import { formatReference, type ImageReference, manifestReference } from "./reference.js";
import type { RegistryClient } from "./registry-api.js";

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export const DEFAULT_PLATFORM: Platform = { os: "linux", architecture: "amd64" };

export interface BaseImage {
  ref: ImageReference;
  /** Digest of the platform's image manifest (not of the index). */
  manifestDigest: string;
  manifest: ImageManifest;
  format: ManifestFormat;
  configBytes: Buffer;
}

interface ManifestBytes {
  bytes: Buffer;
  digest: string;
  mediaType: string;
}

function mediaTypeOf(bytes: Buffer, fallback: string): string {
  const parsed = JSON.parse(bytes.toString("utf8")) as { mediaType?: string; manifests?: unknown };
  if (parsed.mediaType !== undefined) return parsed.mediaType;
  // An OCI index may omit mediaType; its `manifests` array gives it away.
  return Array.isArray(parsed.manifests) ? MEDIA.ociIndex : fallback;
}

/** A manifest by digest from the cache, else from the registry (then cached). */
async function manifestByDigest(
  client: RegistryClient,
  cache: BlobCache,
  repository: string,
  digest: string,
): Promise<ManifestBytes> {
  const cached = await cache.read(digest);
  if (cached !== undefined)
    return { bytes: cached, digest, mediaType: mediaTypeOf(cached, MEDIA.ociManifest) };
  const fetched = await client.getManifest(repository, digest);
  await cache.putBytes(digest, fetched.bytes);
  return fetched;
}

async function manifestByReference(
  client: RegistryClient,
  cache: BlobCache,
  ref: ImageReference,
): Promise<ManifestBytes> {
  const reference = manifestReference(ref);
  const digest = ref.digest ?? (await client.headManifest(ref.repository, reference));
  if (digest !== undefined) return manifestByDigest(client, cache, ref.repository, digest);
  // Some registries answer HEAD without a digest header: fall back to a GET.
  const fetched = await client.getManifest(ref.repository, reference);
  await cache.putBytes(fetched.digest, fetched.bytes);
  return fetched;
}

export function choosePlatform(index: ImageIndex, platform: Platform): Descriptor | undefined {
  return index.manifests.find(
    (m) =>
      m.platform?.os === platform.os &&
      m.platform.architecture === platform.architecture &&
      (platform.variant === undefined || m.platform.variant === platform.variant),
  );
}

function platformName(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join("/");
}

/** A missing base is the user's choice of --base-image, not a repository msdemo should create. */
async function baseManifest(
  client: RegistryClient,
  cache: BlobCache,
  ref: ImageReference,
): Promise<ManifestBytes> {
  try {
    return await manifestByReference(client, cache, ref);
  } catch (error) {
    if (
      error instanceof RegistryError &&
      (error.failure === "not-found" || error.failure === "repository-missing")
    ) {
      throw new RegistryError("not-found", t("image.base.notFound", { ref: formatReference(ref) }), {
        status: error.status,
        code: error.code,
        cause: error,
        hint: t("image.base.notFound.hint"),
      });
    }
    throw error;
  }
}

export async function resolveBaseImage(
  client: RegistryClient,
  cache: BlobCache,
  ref: ImageReference,
  platform: Platform = DEFAULT_PLATFORM,
): Promise<BaseImage> {
  let top = await baseManifest(client, cache, ref);
  if (isIndex(top.mediaType)) {
    const index = JSON.parse(top.bytes.toString("utf8")) as ImageIndex;
    const entry = choosePlatform(index, platform);
    if (entry === undefined) {
      const offered = index.manifests
        .map((m) => (m.platform ? platformName(m.platform) : "?"))
        .filter((p) => !p.startsWith("unknown"))
        .join(", ");
      throw new RegistryError(
        "not-found",
        t("image.base.noPlatform", { ref: formatReference(ref), platform: platformName(platform) }),
        { hint: t("image.base.noPlatform.hint", { offered: offered || t("image.base.nothingUsable") }) },
      );
    }
    top = await manifestByDigest(client, cache, ref.repository, entry.digest);
  }
  const format: ManifestFormat | undefined =
    top.mediaType === MEDIA.ociManifest
      ? "oci"
      : top.mediaType === MEDIA.dockerManifest
        ? "docker"
        : undefined;
  if (format === undefined) {
    throw new RegistryError(
      "protocol",
      t("image.base.unsupportedManifest", { ref: formatReference(ref), mediaType: top.mediaType }),
    );
  }
  const manifest = JSON.parse(top.bytes.toString("utf8")) as ImageManifest;
  await cache.ensure(manifest.config.digest, () => client.openBlob(ref.repository, manifest.config.digest));
  const configBytes = (await cache.read(manifest.config.digest))!;
  return { ref, manifestDigest: top.digest, manifest, format, configBytes };
}
