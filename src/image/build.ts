// The image's config and manifest: the base's config with the app layer on top and
// the settings a Dockerfile would give (ENTRYPOINT, WORKDIR, USER, EXPOSE, ENV,
// LABEL). Everything is derived from inputs only, so the same inputs give the same
// digests on every machine.
import { t } from "../i18n/index.js";
import type { BaseImage } from "./base-image.js";
import { sha256Digest } from "./digest.js";
import type { Layer } from "./layer.js";
import { type Descriptor, formatMediaTypes, type ImageManifest } from "./media-types.js";

export interface ImageSettings {
  entrypoint: string[];
  workingDir: string;
  user: string;
  exposedPort: number;
  env: Record<string, string>;
  labels: Record<string, string>;
  /** Seconds since the epoch: the image's `created` and its new history entries. */
  createdSeconds: number;
  /** Words for the history entry of the app layer. */
  createdBy: string;
}

interface HistoryEntry {
  created?: string;
  created_by?: string;
  comment?: string;
  empty_layer?: boolean;
}

interface ContainerConfig {
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  User?: string;
  ExposedPorts?: Record<string, object>;
  Labels?: Record<string, string> | null;
  [key: string]: unknown;
}

export interface ImageConfig {
  architecture: string;
  os: string;
  created?: string;
  config?: ContainerConfig;
  rootfs: { type: "layers"; diff_ids: string[] };
  history?: HistoryEntry[];
  [key: string]: unknown;
}

export interface BuiltImage {
  configBytes: Buffer;
  configDigest: string;
  manifestBytes: Buffer;
  manifestDigest: string;
  mediaType: string;
  config: Descriptor;
  /** Base layers first, then the app layer: the order of the manifest. */
  layers: Descriptor[];
}

/** `KEY=value` entries with the new values replacing any of the same key, in the base's order. */
export function mergeEnv(base: string[] | undefined, added: Record<string, string>): string[] {
  const keys = new Set(Object.keys(added));
  const kept = (base ?? []).filter((entry) => !keys.has(entry.split("=", 1)[0]!));
  return [...kept, ...Object.entries(added).map(([k, v]) => `${k}=${v}`)];
}

/** History with one entry per base layer, so tools that pair history with layers stay aligned. */
function baseHistory(base: ImageConfig, baseLayerCount: number): HistoryEntry[] {
  const history = base.history ?? [];
  const nonEmpty = history.filter((h) => h.empty_layer !== true).length;
  if (nonEmpty === baseLayerCount) return history;
  return Array.from({ length: baseLayerCount }, () => ({ created_by: "base image layer" }));
}

export function buildConfig(base: BaseImage, app: Layer, settings: ImageSettings): ImageConfig {
  const baseConfig = JSON.parse(base.configBytes.toString("utf8")) as ImageConfig;
  if (baseConfig.rootfs?.diff_ids?.length !== base.manifest.layers.length) {
    throw new Error(t("image.build.layerCount"));
  }
  const created = new Date(settings.createdSeconds * 1000).toISOString().replace(/\.000Z$/, "Z");
  const container: ContainerConfig = {
    ...baseConfig.config,
    Env: mergeEnv(baseConfig.config?.Env, settings.env),
    Entrypoint: settings.entrypoint,
    // A base CMD (node's is ["node"]) would become arguments of our entrypoint.
    Cmd: null,
    WorkingDir: settings.workingDir,
    User: settings.user,
    ExposedPorts: { ...baseConfig.config?.ExposedPorts, [`${settings.exposedPort}/tcp`]: {} },
    Labels: { ...baseConfig.config?.Labels, ...settings.labels },
  };
  const history: HistoryEntry[] = [
    ...baseHistory(baseConfig, base.manifest.layers.length),
    { created, created_by: settings.createdBy, comment: "msdemo" },
    {
      created,
      created_by: `ENTRYPOINT ${JSON.stringify(settings.entrypoint)} WORKDIR ${settings.workingDir} USER ${settings.user}`,
      comment: "msdemo",
      empty_layer: true,
    },
  ];
  return {
    ...baseConfig,
    created,
    config: container,
    rootfs: { type: "layers", diff_ids: [...baseConfig.rootfs.diff_ids, app.diffId] },
    history,
  };
}

export function assembleImage(base: BaseImage, app: Layer, settings: ImageSettings): BuiltImage {
  const types = formatMediaTypes(base.format);
  const config = buildConfig(base, app, settings);
  const configBytes = Buffer.from(JSON.stringify(config));
  const configDigest = sha256Digest(configBytes);
  const layers: Descriptor[] = [
    ...base.manifest.layers,
    { mediaType: types.layer, digest: app.digest, size: app.size },
  ];
  const configDescriptor = { mediaType: types.config, digest: configDigest, size: configBytes.byteLength };
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: types.manifest,
    config: configDescriptor,
    layers,
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  return {
    configBytes,
    configDigest,
    manifestBytes,
    manifestDigest: sha256Digest(manifestBytes),
    mediaType: types.manifest,
    config: configDescriptor,
    layers,
  };
}
