// Step 4: build the three services into images and push them to their ECR
// repositories, in-process (no Docker daemon), as Google's ko and Jib do.
// The walkthrough runs `docker build`, `docker tag`, `docker push` in
// CloudShell and prunes Docker again and again because the disk fills up.
import { join } from "node:path";
import { ecrAuthorization } from "../aws/ecr-auth.js";
import type { Change, LiveResource, Outputs } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import {
  buildAndPushImage,
  buildAndPushWithDocker,
  DEFAULT_BASE_IMAGE,
  type ImageProgress,
  type ImageResult,
} from "../image/index.js";
import { packageRoot } from "../package-root.js";
import { SERVICE_NAMES, type ServiceName } from "../routes.js";
import type { AwsStep, AwsStepContext } from "./index.js";

interface RegistryOutputs extends Outputs {
  repositories: { [service: string]: { name: string; uri: string } };
}

export interface ImagesOutputs extends Outputs {
  /** `<registry>/<repo>@sha256:…` per service: what the Deployments run. */
  images: { [service: string]: string };
  tags: { [service: string]: string };
}

/** The base image asked for (by tag) and the digest the first build resolved it to. */
interface PinnedBase {
  baseImage?: string;
  baseImagePinned?: string;
}

/**
 * The base image to build on: the one asked for (--base-image, else the
 * current Node.js LTS on Alpine), by the digest an earlier build resolved it
 * to while the same one is asked, so a moving tag never rebuilds the images
 * behind the student's back. A new --base-image re-pins.
 */
function baseImageFor(ctx: AwsStepContext): string {
  const asked = ctx.config.baseImage ?? DEFAULT_BASE_IMAGE;
  const previous = ctx.previous as PinnedBase | undefined;
  return previous?.baseImage === asked && previous.baseImagePinned ? previous.baseImagePinned : asked;
}

/** Where each service is pushed: the stack's ECR repository, or --registry with the same name. */
function targets(ctx: AwsStepContext): Record<ServiceName, string> {
  const registry = ctx.outputsOf<RegistryOutputs>("registry");
  const result = {} as Record<ServiceName, string>;
  for (const service of SERVICE_NAMES) {
    const name = ctx.config.names.repositories[service];
    if (ctx.config.registry) {
      result[service] = `${ctx.config.registry.replace(/\/+$/, "")}/${name}`;
    } else {
      const uri = registry?.repositories?.[service]?.uri;
      if (!uri) throw new MsdemoError(t("images.noRepository", { service }));
      result[service] = uri;
    }
  }
  return result;
}

/** Credentials for the push: ECR's token, or MSDEMO_REGISTRY_CREDENTIALS (user:password) for --registry. */
async function credentials(ctx: AwsStepContext): Promise<string | undefined> {
  if (ctx.config.registry) {
    const plain = process.env.MSDEMO_REGISTRY_CREDENTIALS;
    return plain ? Buffer.from(plain).toString("base64") : undefined;
  }
  return (await ecrAuthorization(ctx.aws.ecr)).token;
}

function describeProgress(p: ImageProgress): string {
  const counts = {
    service: p.service,
    done: p.blobsDone,
    total: p.blobsTotal,
    bytes: p.bytesPushed,
    skipped: p.blobsSkipped,
  };
  if (p.phase === "push") return t("images.pushing", counts);
  if (p.phase === "done") return t("images.pushed", counts);
  const service = { service: p.service };
  if (p.phase === "bundle") return t("images.bundling", service);
  if (p.phase === "base") return t("images.readingBase", service);
  return t("images.writingManifest", service);
}

async function buildOne(
  ctx: AwsStepContext,
  service: ServiceName,
  repositoryUri: string,
  auth: string | undefined,
): Promise<ImageResult> {
  const root = packageRoot();
  const options = {
    service,
    entry: join(root, "services", service, "server.ts"),
    rootDir: root,
    repositoryUri,
    ...(auth ? { credentials: auth } : {}),
    baseImage: baseImageFor(ctx),
    cacheDir: join(ctx.config.stateDir, "cache", "blobs"),
    signal: ctx.signal,
    onProgress: (p: ImageProgress) => {
      if (p.phase !== "push" || p.blobsDone === p.blobsTotal) ctx.progress(describeProgress(p));
    },
    source: { url: "https://www.npmjs.com/package/msdemo" },
  };
  return ctx.config.builder === "docker" ? buildAndPushWithDocker(options) : buildAndPushImage(options);
}

export const imagesStep: AwsStep = {
  id: "images",
  get title() {
    return t("step.images.title");
  },
  get console() {
    return t("images.console");
  },
  get deviations() {
    return [t("images.deviation.inProcess"), t("images.deviation.digest"), t("images.deviation.base")];
  },
  needs: ["registry"],

  async plan(ctx): Promise<Change[]> {
    const previous = ctx.previous as ImagesOutputs | undefined;
    return SERVICE_NAMES.map((service) => {
      const built = previous?.images?.[service];
      return built
        ? {
            action: "none",
            resource: "image",
            name: built,
            detail: t("images.plan.rebuilt"),
          }
        : { action: "create", resource: "image", name: `${ctx.config.names.repositories[service]}:latest` };
    });
  },

  async apply(ctx): Promise<ImagesOutputs> {
    const where = targets(ctx);
    const auth = await credentials(ctx);
    const results = await Promise.all(
      SERVICE_NAMES.map((service) => buildOne(ctx, service, where[service], auth)),
    );
    const images: Record<string, string> = {};
    const tags: Record<string, string> = {};
    for (const r of results) {
      images[r.service] = r.reference;
      tags[r.service] = r.tags[0] ?? "latest";
    }
    const pinned = results[0]?.basePinned;
    return {
      images,
      tags,
      ...(pinned ? { baseImage: ctx.config.baseImage ?? DEFAULT_BASE_IMAGE, baseImagePinned: pinned } : {}),
    };
  },

  // The images go with their repositories (the registry step deletes them with force).
  async destroy() {},

  // Images live in their repositories; what msdemo knows of them is the digests it pushed.
  async inspect(ctx) {
    const previous = ctx.previous as ImagesOutputs | undefined;
    const resources: LiveResource[] = Object.entries(previous?.images ?? {}).map(([service, reference]) => ({
      step: "images",
      type: "container image",
      name: `${service}: ${reference}`,
      state: "pushed",
      managed: true,
    }));
    return { resources };
  },
};
