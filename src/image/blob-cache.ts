// Blobs by digest on disk, so a second build downloads nothing. Writes stream to a
// temp file while hashing, check the digest, then rename: a half-written or corrupt
// blob never appears under its digest.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { hexOf, newHash, sha256Digest } from "./digest.js";

export class DigestMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`downloaded content has digest ${actual}, expected ${expected}`);
    this.name = "DigestMismatchError";
  }
}

export class BlobCache {
  constructor(readonly dir: string) {}

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
    await mkdir(join(this.dir, "blobs", "sha256"), { recursive: true });
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, data);
    await rename(temp, target);
  }

  /** Streams `source` to disk, hashing on the way; rejects (and keeps nothing) when the digest differs. */
  async putStream(digest: string, source: Readable, onBytes?: (n: number) => void): Promise<number> {
    const target = this.path(digest);
    await mkdir(join(this.dir, "blobs", "sha256"), { recursive: true });
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
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
