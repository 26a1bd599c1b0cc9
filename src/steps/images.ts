// Step 4: build the three services into images and push them to their ECR
// repositories, in-process (no Docker daemon), as Google's ko and Jib do.
// The walkthrough runs `docker build`, `docker tag`, `docker push` in
// CloudShell and prunes Docker again and again because the disk fills up.
//
// observe bundles each service (local work, no write) into its source tag and
// asks each repository whether that tag is there; diff pushes only the images
// a repository lacks, each in a change of its own.
import { join } from "node:path";
import { ecrAuthorization } from "../aws/ecr-auth.js";
import type { Action, LiveResource } from "../engine/types.js";
import { t } from "../i18n/index.js";
import {
  buildAndPushImage,
  buildAndPushWithDocker,
  DEFAULT_BASE_IMAGE,
  type ImageProgress,
  type ImageResult,
  parseRepositoryUri,
  sourceTagFor,
  taggedDigest,
} from "../image/index.js";
import { serviceEntry } from "../image/prebundle.js";
import { packageRoot } from "../package-root.js";
import { SERVICE_NAMES, type ServiceName } from "../routes.js";
import type { AwsStep, AwsStepContext } from "./index.js";
import type { ImagesOutputs, RegistryOutputs } from "./outputs.js";

const RESOURCE = "image";

/** One service's image: the tag naming its sources, and what its repository holds under that tag. */
interface Found {
  service: ServiceName;
  sourceTag: string;
  /** Where it goes; undefined while the registry step has not run (a plan before it). */
  repositoryUri: string | undefined;
  /** The digest the repository's source tag names, once there (found, or pushed by the run). */
  digest: string | undefined;
  /** What the run's build and push made. */
  built?: ImageResult;
}

interface Snapshot {
  found: Found[];
}

/** The base image asked for: --base-image, else the current Node.js LTS on Alpine. */
function askedBase(ctx: AwsStepContext): string {
  return ctx.config.baseImage ?? DEFAULT_BASE_IMAGE;
}

/**
 * The base image to build on: the one asked for, by the digest an earlier build
 * resolved it to while the same one is asked, so a moving tag never rebuilds
 * the images behind the student's back. A new --base-image re-pins.
 */
function baseImageFor(ctx: AwsStepContext): string {
  const previous = ctx.previous as Partial<ImagesOutputs> | undefined;
  return previous?.baseImage === askedBase(ctx) && previous.baseImagePinned
    ? previous.baseImagePinned
    : askedBase(ctx);
}

/** Where each service is pushed: --registry with the repository's name, else the stack's ECR repository. */
function repositoryUri(
  ctx: AwsStepContext,
  service: ServiceName,
  registry: RegistryOutputs | undefined,
): string | undefined {
  const name = ctx.config.names.repositories[service];
  if (ctx.config.registry) return `${ctx.config.registry.replace(/\/+$/, "")}/${name}`;
  return registry?.repositories[service].uri;
}

/** Credentials for the registry: ECR's token, or MSDEMO_REGISTRY_CREDENTIALS (user:password) for --registry. */
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

/** What a build of `service` is made from; the source tag is derived from the same. */
function buildInputs(ctx: AwsStepContext, service: ServiceName) {
  const root = packageRoot();
  return {
    service,
    entry: serviceEntry(root, service),
    rootDir: root,
    baseImage: askedBase(ctx),
    source: { url: "https://www.npmjs.com/package/msdemo" },
  };
}

async function buildAndPush(
  ctx: AwsStepContext,
  found: Found,
  uri: string,
  auth: string | undefined,
): Promise<ImageResult> {
  const options = {
    ...buildInputs(ctx, found.service),
    repositoryUri: uri,
    ...(auth ? { credentials: auth } : {}),
    baseImage: baseImageFor(ctx),
    // Pushed after the content tag and latest: the marker observe looks for.
    extraTags: [found.sourceTag],
    cacheDir: join(ctx.config.stateDir, "cache", "blobs"),
    signal: ctx.signal,
    onProgress: (p: ImageProgress) => {
      if (p.phase !== "push" || p.blobsDone === p.blobsTotal) ctx.progress(describeProgress(p));
    },
  };
  return ctx.config.builder === "docker" ? buildAndPushWithDocker(options) : buildAndPushImage(options);
}

function imageAction(found: Found, ctx: AwsStepContext): Action<AwsStepContext, Snapshot> {
  const name = `${ctx.config.names.repositories[found.service]}:${found.sourceTag}`;
  if (found.digest) {
    return {
      change: {
        action: "none",
        resource: RESOURCE,
        name,
        detail: t("images.plan.present", { digest: found.digest }),
      },
    };
  }
  return {
    change: { action: "create", resource: RESOURCE, name, detail: t("images.plan.push") },
    async run(ctx) {
      const uri = repositoryUri(
        ctx,
        found.service,
        ctx.config.registry ? undefined : ctx.require("registry"),
      );
      const built = await buildAndPush(ctx, found, uri!, await credentials(ctx));
      found.repositoryUri = uri;
      found.built = built;
      found.digest = built.digest;
    },
  };
}

export const imagesStep: AwsStep<Snapshot> = {
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

  async observe(ctx) {
    const registry = ctx.config.registry ? undefined : ctx.find("registry");
    const reachable = ctx.config.registry !== undefined || registry !== undefined;
    const auth = reachable ? await credentials(ctx) : undefined;
    const builder = ctx.config.builder === "docker" ? "docker" : "daemonless";
    const found = await Promise.all(
      SERVICE_NAMES.map(async (service): Promise<Found> => {
        const tag = await sourceTagFor(buildInputs(ctx, service), builder);
        const uri = repositoryUri(ctx, service, registry);
        const digest = uri
          ? await taggedDigest(uri, tag, { ...(auth ? { credentials: auth } : {}), signal: ctx.signal })
          : undefined;
        return { service, sourceTag: tag, repositoryUri: uri, digest };
      }),
    );
    return { found };
  },

  diff(snapshot, ctx) {
    return snapshot.found.map((found) => imageAction(found, ctx));
  },

  async outputs(snapshot, ctx) {
    const previous = ctx.previous as Partial<ImagesOutputs> | undefined;
    const images: Record<string, string> = {};
    const tags: Record<string, string> = {};
    for (const found of snapshot.found) {
      const target = parseRepositoryUri(found.repositoryUri!);
      const reference = found.built?.reference ?? `${target.host}/${target.repository}@${found.digest!}`;
      images[found.service] = reference;
      tags[found.service] =
        found.built?.tags[0] ??
        (previous?.images?.[found.service] === reference ? previous.tags?.[found.service] : undefined) ??
        found.sourceTag;
    }
    const asked = askedBase(ctx);
    const pinned =
      snapshot.found.find((f) => f.built?.basePinned)?.built?.basePinned ??
      (previous?.baseImage === asked ? previous.baseImagePinned : undefined);
    return {
      images,
      tags,
      ...(pinned ? { baseImage: asked, baseImagePinned: pinned } : {}),
    } satisfies ImagesOutputs;
  },

  // The images go with their repositories (the registry step deletes them with force).
  async destroy() {},

  // Images live in their repositories; what msdemo knows of them is the digests it pushed.
  async inspect(ctx) {
    const previous = ctx.previous as Partial<ImagesOutputs> | undefined;
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
