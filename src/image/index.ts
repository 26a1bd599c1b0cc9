// Public API of the image builder: build a service's image in-process and push it
// straight to its repository, as ko and Jib do — no Docker daemon, no local image
// store, nothing for CloudShell's small disk to fill up with.
import { buildAppLayer, SERVER_FILE, sourceDateEpoch } from "./app-layer.js";
import { DEFAULT_PLATFORM, resolveBaseImage } from "./base-image.js";
import { BlobCache } from "./blob-cache.js";
import { assembleImage, type ImageSettings } from "./build.js";
import { bundleService } from "./bundle.js";
import { hexOf } from "./digest.js";
import { pushImage } from "./push.js";
import { formatReference, parseReference, registryBaseUrl } from "./reference.js";
import { RegistryClient } from "./registry-api.js";
import { sourceTag } from "./source-tag.js";
import {
  type BuildAndPushOptions,
  CONTAINER_PORT,
  DEFAULT_BASE_IMAGE,
  type ImagePhase,
  type ImageProgress,
  type ImageResult,
} from "./types.js";

export { buildAndPushWithDocker, type DockerBuildOptions } from "./docker-builder.js";
export { RegistryError, type RegistryFailure } from "./errors.js";
export { parseReference, registryBaseUrl } from "./reference.js";
export type { BuildAndPushOptions, ImagePhase, ImageProgress, ImageResult } from "./types.js";

export { CONTAINER_PORT, DEFAULT_BASE_IMAGE } from "./types.js";

/** Splits `host/repo` or `http://host/repo` into the registry (scheme kept) and the repository. */
export function parseRepositoryUri(uri: string): { registry: string; repository: string; host: string } {
  const scheme = /^https?:\/\//.exec(uri)?.[0] ?? "";
  const ref = parseReference(uri.slice(scheme.length));
  return { registry: scheme + ref.registry, repository: ref.repository, host: ref.registry };
}

/** The image's content tag: the first 12 hex digits of its manifest digest. */
export function contentTag(manifestDigest: string): string {
  return hexOf(manifestDigest).slice(0, 12);
}

export function imageSettings(
  service: string,
  epoch: number,
  source: BuildAndPushOptions["source"],
): ImageSettings {
  const labels: Record<string, string> = { "org.opencontainers.image.title": `msdemo-${service}` };
  if (source?.url !== undefined) labels["org.opencontainers.image.source"] = source.url;
  if (source?.revision !== undefined) labels["org.opencontainers.image.revision"] = source.revision;
  return {
    entrypoint: ["node", SERVER_FILE],
    workingDir: "/app",
    user: "node",
    exposedPort: CONTAINER_PORT,
    env: { NODE_ENV: "production" },
    labels,
    createdSeconds: epoch,
    createdBy: "msdemo: COPY server.js package.json /app/ (esbuild bundle)",
  };
}

/**
 * The source tag (source-tag.ts) a build with these options pushes: bundles the
 * service, nothing else (no base image read, no registry call).
 */
export async function sourceTagFor(
  options: Pick<
    BuildAndPushOptions,
    "service" | "entry" | "rootDir" | "baseImage" | "source" | "sourceDateEpoch"
  >,
  builder: ImageResult["builder"],
): Promise<string> {
  const bundle = await bundleService({ entry: options.entry, rootDir: options.rootDir });
  const epoch = options.sourceDateEpoch ?? sourceDateEpoch();
  return sourceTag({
    bundle,
    baseImage: options.baseImage ?? DEFAULT_BASE_IMAGE,
    builder,
    settings: imageSettings(options.service, epoch, options.source),
  });
}

/** The digest `tag` names in the repository at `repositoryUri`; undefined when absent. Reads only. */
export async function taggedDigest(
  repositoryUri: string,
  tag: string,
  options: { credentials?: string; signal?: AbortSignal },
): Promise<string | undefined> {
  const target = parseRepositoryUri(repositoryUri);
  const client = new RegistryClient({ registry: target.registry, ...options });
  return client.headManifest(target.repository, tag);
}

export async function buildAndPushImage(options: BuildAndPushOptions): Promise<ImageResult> {
  const emit = (phase: ImagePhase, extra: Partial<ImageProgress> = {}) =>
    options.onProgress?.({
      service: options.service,
      phase,
      bytesPushed: 0,
      blobsDone: 0,
      blobsTotal: 0,
      blobsSkipped: 0,
      ...extra,
    });
  const epoch = options.sourceDateEpoch ?? sourceDateEpoch();
  const target = parseRepositoryUri(options.repositoryUri);
  const baseRef = parseReference(options.baseImage ?? DEFAULT_BASE_IMAGE);
  const sameRegistry = registryBaseUrl(baseRef.registry).host === registryBaseUrl(target.registry).host;
  const cache = new BlobCache(options.cacheDir);
  const targetClient = new RegistryClient({
    registry: target.registry,
    credentials: options.credentials,
    signal: options.signal,
    retry: options.retry,
  });
  const baseClient = sameRegistry
    ? targetClient
    : new RegistryClient({
        registry: baseRef.registry,
        credentials: options.baseCredentials,
        signal: options.signal,
        retry: options.retry,
      });

  emit("bundle");
  const app = await buildAppLayer({ entry: options.entry, rootDir: options.rootDir, mtimeSeconds: epoch });
  options.signal?.throwIfAborted();

  emit("base");
  const base = await resolveBaseImage(baseClient, cache, baseRef, options.platform ?? DEFAULT_PLATFORM);
  const image = assembleImage(base, app, imageSettings(options.service, epoch, options.source));
  const tags = [contentTag(image.manifestDigest), "latest", ...(options.extraTags ?? [])];

  const stats = await pushImage({
    target: targetClient,
    repository: target.repository,
    image,
    localBlobs: new Map([
      [app.digest, app.blob],
      [image.configDigest, image.configBytes],
    ]),
    base,
    baseClient,
    sameRegistry,
    cache,
    tags,
    onProgress: (p) =>
      emit(p.phase === "blobs" ? "push" : "manifest", {
        bytesPushed: p.bytesPushed,
        blobsDone: p.blobsDone,
        blobsTotal: p.blobsTotal,
        blobsSkipped: p.blobsSkipped,
      }),
  });
  const blobsTotal = image.layers.length + 1;
  emit("done", {
    bytesPushed: stats.bytesUploaded,
    blobsDone: blobsTotal,
    blobsTotal,
    blobsSkipped: stats.blobsSkipped + stats.blobsMounted,
  });
  return {
    service: options.service,
    reference: `${target.host}/${target.repository}@${image.manifestDigest}`,
    digest: image.manifestDigest,
    tags,
    appLayerBytes: app.size,
    bytesUploaded: stats.bytesUploaded,
    blobsSkipped: stats.blobsSkipped + stats.blobsMounted,
    blobsUploaded: stats.blobsUploaded,
    builder: "daemonless",
    basePinned: formatReference({ ...baseRef, tag: undefined, digest: base.manifestDigest }),
  };
}
