// Blobs by digest on disk, so a second build downloads nothing. Writes stream to a
// temp file while hashing, check the digest, then rename: a half-written or corrupt
// blob never appears under its digest.
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { t } from "../i18n/index.js";
import { ensureDir } from "../state/ensure-dir.js";
import { hexOf, newHash, sha256Digest } from "./digest.js";

export class DigestMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(t("image.cache.digestMismatch", { actual, expected }));
    this.name = "DigestMismatchError";
  }
}

// Unique per write: concurrent builds in one process may write the same blob in the same millisecond.
function tempName(target: string): string {
  return `${target}.${randomUUID()}.tmp`;
}

// Downloads under way in this process, by cache path: the three services share one
// base image, and building them at once should fetch each base blob once.
const downloading = new Map<string, Promise<number>>();

export class BlobCache {
  constructor(readonly dir: string) {}

  /**
   * Makes sure the blob is cached, downloading it with `open` unless it is there
   * already or another build in this process is fetching it. Returns the bytes
   * this call downloaded (0 when it downloaded nothing).
   */
  async ensure(digest: string, open: () => Promise<Readable>): Promise<number> {
    if (await this.has(digest)) return 0;
    const path = this.path(digest);
    const running = downloading.get(path);
    if (running !== undefined) {
      await running;
      return 0;
    }
    const download = open().then((stream) => this.putStream(digest, stream));
    downloading.set(path, download);
    try {
      return await download;
    } finally {
      downloading.delete(path);
    }
  }

  path(digest: string): string {
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) throw new Error(`not a sha256 digest: ${digest}`);
    return join(this.dir, "blobs", "sha256", hexOf(digest));
  }

  async size(digest: string): Promise<number | undefined> {
    try {
      return (await stat(this.path(digest))).size;
    } catch {
      return undefined;
    }
  }

  async has(digest: string): Promise<boolean> {
    return (await this.size(digest)) !== undefined;
  }

  async read(digest: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.path(digest));
    } catch {
      return undefined;
    }
  }

  openRead(digest: string): Readable {
    return createReadStream(this.path(digest));
  }

  async putBytes(digest: string, data: Uint8Array): Promise<void> {
    const actual = sha256Digest(data);
    if (actual !== digest) throw new DigestMismatchError(digest, actual);
    const target = this.path(digest);
    ensureDir(join(this.dir, "blobs", "sha256"));
    const temp = tempName(target);
    await writeFile(temp, data);
    await rename(temp, target);
  }

  /** Streams `source` to disk, hashing on the way; rejects (and keeps nothing) when the digest differs. */
  async putStream(digest: string, source: Readable, onBytes?: (n: number) => void): Promise<number> {
    const target = this.path(digest);
    ensureDir(join(this.dir, "blobs", "sha256"));
    const temp = tempName(target);
    const hash = newHash();
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.byteLength;
        onBytes?.(chunk.byteLength);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, tap, createWriteStream(temp, { mode: 0o644 }));
      const actual = `sha256:${hash.digest("hex")}`;
      if (actual !== digest) throw new DigestMismatchError(digest, actual);
      await rename(temp, target);
      return size;
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
