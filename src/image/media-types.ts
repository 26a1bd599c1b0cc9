// The manifest, config and layer media types of the two formats a registry speaks.

export const MEDIA = {
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  ociLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
} as const;

export type ManifestFormat = "docker" | "oci";

/** What the image format calls its config and its gzip layer. */
export function formatMediaTypes(format: ManifestFormat): {
  manifest: string;
  config: string;
  layer: string;
} {
  return format === "oci"
    ? { manifest: MEDIA.ociManifest, config: MEDIA.ociConfig, layer: MEDIA.ociLayerGzip }
    : { manifest: MEDIA.dockerManifest, config: MEDIA.dockerConfig, layer: MEDIA.dockerLayerGzip };
}

export const MANIFEST_ACCEPT = [
  MEDIA.ociIndex,
  MEDIA.dockerManifestList,
  MEDIA.ociManifest,
  MEDIA.dockerManifest,
].join(", ");

export function isIndex(mediaType: string): boolean {
  return mediaType === MEDIA.ociIndex || mediaType === MEDIA.dockerManifestList;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
  annotations?: Record<string, string>;
  urls?: string[];
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
}
