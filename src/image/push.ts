// Pushes a built image: every blob the repository lacks (HEAD first, then a
// cross-repository mount when the base lives on the same registry, then a
// monolithic upload), then the manifest under each tag that does not already
// point at it. Nothing the registry has is sent twice. Each write (mount,
// upload, manifest PUT) is checked against the read-only guard first: a push
// during a step's observe or outputs is a bug.
import { Transform } from "node:stream";
import { assertMayWrite } from "../engine/read-only.js";
import type { BaseImage } from "./base-image.js";
import type { BlobCache } from "./blob-cache.js";
import type { BuiltImage } from "./build.js";
import type { Descriptor } from "./media-types.js";
import type { RegistryClient } from "./registry-api.js";

export interface PushInput {
  target: RegistryClient;
  repository: string;
  image: BuiltImage;
  /** Bytes of blobs built here (app layer, config), by digest. */
  localBlobs: Map<string, Buffer>;
  base: BaseImage;
  /** Where base blobs come from when the target lacks them. */
  baseClient: RegistryClient;
  /** True when base and target are the same registry, so a mount may work. */
  sameRegistry: boolean;
  cache: BlobCache;
  tags: string[];
  onProgress?: (progress: PushProgress) => void;
}

export interface PushProgress {
  phase: "blobs" | "manifest";
  bytesPushed: number;
  blobsDone: number;
  blobsTotal: number;
  blobsSkipped: number;
}

export interface PushStats {
  bytesUploaded: number;
  bytesDownloaded: number;
  blobsUploaded: number;
  blobsSkipped: number;
  blobsMounted: number;
  tagsUpdated: string[];
}

// Three at a time: enough to fill a CloudShell uplink, few enough not to draw 429s.
const BLOB_CONCURRENCY = 3;
const PROGRESS_STEP_BYTES = 1 << 20;

async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function pushImage(input: PushInput): Promise<PushStats> {
  const { target, repository, image, cache } = input;
  const stats: PushStats = {
    bytesUploaded: 0,
    bytesDownloaded: 0,
    blobsUploaded: 0,
    blobsSkipped: 0,
    blobsMounted: 0,
    tagsUpdated: [],
  };
  const blobs: Descriptor[] = [...image.layers, { ...image.config }];
  let blobsDone = 0;
  // Bytes sent so far of the uploads under way, by digest (a retry starts its blob at 0).
  const inFlight = new Map<string, number>();
  let lastReported = 0;
  const bytesPushed = () => stats.bytesUploaded + [...inFlight.values()].reduce((a, b) => a + b, 0);
  const report = (phase: PushProgress["phase"]) =>
    input.onProgress?.({
      phase,
      bytesPushed: bytesPushed(),
      blobsDone,
      blobsTotal: blobs.length,
      blobsSkipped: stats.blobsSkipped + stats.blobsMounted,
    });
  const counted = (digest: string): Transform => {
    inFlight.set(digest, 0);
    return new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        inFlight.set(digest, (inFlight.get(digest) ?? 0) + chunk.byteLength);
        if (bytesPushed() - lastReported >= PROGRESS_STEP_BYTES) {
          lastReported = bytesPushed();
          report("blobs");
        }
        callback(null, chunk);
      },
    });
  };

  const baseDigests = new Set(input.base.manifest.layers.map((l) => l.digest));
  const pushOne = async (blob: Descriptor): Promise<void> => {
    if ((await target.blobSize(repository, blob.digest, true)) !== undefined) {
      stats.blobsSkipped++;
      return;
    }
    let session: URL | undefined;
    const fromBase = baseDigests.has(blob.digest);
    if (fromBase && input.sameRegistry && input.base.ref.repository !== repository) {
      assertMayWrite(`mount blob ${blob.digest} into ${repository}`);
      const mount = await target.mountBlob(repository, blob.digest, input.base.ref.repository);
      if (mount.mounted) {
        stats.blobsMounted++;
        return;
      }
      session = mount.uploadUrl;
    }
    const local = input.localBlobs.get(blob.digest);
    assertMayWrite(`upload blob ${blob.digest} to ${repository}`);
    if (local !== undefined) {
      await target.uploadBlob(repository, blob.digest, local.byteLength, () => local, session);
    } else {
      stats.bytesDownloaded += await cache.ensure(blob.digest, () =>
        input.baseClient.openBlob(input.base.ref.repository, blob.digest),
      );
      const size = (await cache.size(blob.digest))!;
      await target.uploadBlob(
        repository,
        blob.digest,
        size,
        () => cache.openRead(blob.digest).pipe(counted(blob.digest)),
        session,
      );
    }
    inFlight.delete(blob.digest);
    stats.bytesUploaded += blob.size;
    stats.blobsUploaded++;
  };

  report("blobs");
  await forEachLimited(blobs, BLOB_CONCURRENCY, async (blob) => {
    await pushOne(blob);
    blobsDone++;
    report("blobs");
  });

  report("manifest");
  for (const tag of input.tags) {
    // A tag already naming this digest needs no write: a rerun changes nothing.
    if ((await target.headManifest(repository, tag, true)) === image.manifestDigest) continue;
    assertMayWrite(`put manifest ${repository}:${tag}`);
    await target.putManifest(repository, tag, image.manifestBytes, image.mediaType);
    stats.tagsUpdated.push(tag);
  }
  return stats;
}
