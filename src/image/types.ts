// The shapes shared by both builders (daemonless and docker).
import type { Platform } from "./base-image.js";
import type { RetryPolicy } from "./registry-transport.js";

/**
 * The current Node.js LTS on Alpine (Node 20 left support in April 2026 and
 * scan-on-push flags it). The tag moves with each LTS; the images step pins the
 * digest it resolved at the first build (see steps/images.ts).
 */
export const DEFAULT_BASE_IMAGE = "public.ecr.aws/docker/library/node:lts-alpine";
export const CONTAINER_PORT = 3000;

export type ImagePhase = "bundle" | "base" | "push" | "manifest" | "done";

export interface ImageProgress {
  service: string;
  phase: ImagePhase;
  bytesPushed: number;
  blobsDone: number;
  blobsTotal: number;
  blobsSkipped: number;
}

export interface BuildAndPushOptions {
  /** Service name (auth, orders, products): for events and the image title label. */
  service: string;
  /** The service's entry file, e.g. `<root>/services/products/server.ts`. */
  entry: string;
  /** Project root: the bundle's embedded paths are relative to it. */
  rootDir: string;
  /** `<registry>/<repository>` without tag, e.g. an ECR repository URI; `http://host:port/repo` forces HTTP. */
  repositoryUri: string;
  /** base64 `user:password` for the target registry (ECR GetAuthorizationToken's value, as-is). */
  credentials?: string;
  /** Default `public.ecr.aws/docker/library/node:lts-alpine`. */
  baseImage?: string;
  /** Credentials for the base image's registry; the target's are reused when both are the same registry. */
  baseCredentials?: string;
  /** Blob cache (under the state dir): base blobs are downloaded once. */
  cacheDir: string;
  signal?: AbortSignal;
  onProgress?: (progress: ImageProgress) => void;
  /** OCI labels `org.opencontainers.image.source` / `.revision`. */
  source?: { url?: string; revision?: string };
  /** Seconds since the epoch for file times and `created`; default SOURCE_DATE_EPOCH or 0. */
  sourceDateEpoch?: number;
  platform?: Platform;
  /** More tags to push after the built-in ones (the images step's source tag, pushed last as its marker). */
  extraTags?: string[];
  retry?: Partial<RetryPolicy>;
}

export interface ImageResult {
  service: string;
  /** `<registry>/<repository>@sha256:…`: what a Deployment should run. */
  reference: string;
  digest: string;
  /** Content tag first, then `latest`, then the extra tags. */
  tags: string[];
  appLayerBytes: number;
  /** null when the builder cannot tell (docker). */
  bytesUploaded: number | null;
  blobsSkipped: number;
  blobsUploaded: number;
  builder: "daemonless" | "docker";
  /** The base image by the digest this build used (`<registry>/<repo>@sha256:…`); daemonless only. */
  basePinned?: string;
}
