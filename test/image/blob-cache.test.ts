import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BlobCache, DigestMismatchError } from "../../src/image/blob-cache.js";
import { sha256Digest } from "../../src/image/digest.js";
import { tempDir } from "../support/process.js";

const chunks = (data: Buffer) => Readable.from([data.subarray(0, 3), data.subarray(3)]);

describe("BlobCache", () => {
  it("stores a streamed blob under its digest after checking it", async () => {
    const cache = new BlobCache(tempDir("cache"));
    const data = Buffer.from("layer bytes");
    const digest = sha256Digest(data);
    expect(await cache.putStream(digest, chunks(data))).toBe(data.byteLength);
    expect(await cache.read(digest)).toEqual(data);
    expect(await cache.size(digest)).toBe(data.byteLength);
  });

  it("keeps nothing, not even a temp file, when the content does not match the digest", async () => {
    const dir = tempDir("cache");
    const cache = new BlobCache(dir);
    const claimed = sha256Digest("what the manifest said");
    await expect(cache.putStream(claimed, chunks(Buffer.from("what arrived")))).rejects.toBeInstanceOf(
      DigestMismatchError,
    );
    expect(await cache.has(claimed)).toBe(false);
    expect(readdirSync(join(dir, "blobs/sha256"))).toEqual([]);
  });

  it("downloads a blob once when several builds ask for it at the same time", async () => {
    const cache = new BlobCache(tempDir("cache"));
    const data = Buffer.alloc(100_000, 7);
    const digest = sha256Digest(data);
    let opened = 0;
    const open = async () => {
      opened++;
      return chunks(data);
    };
    const downloaded = await Promise.all([cache.ensure(digest, open), cache.ensure(digest, open)]);
    expect(opened).toBe(1);
    expect(downloaded.sort((a, b) => a - b)).toEqual([0, data.byteLength]);
    expect(await cache.ensure(digest, open)).toBe(0);
    expect(opened).toBe(1);
    expect(existsSync(cache.path(digest))).toBe(true);
  });

  it("refuses a path for anything but a sha256 digest", () => {
    expect(() => new BlobCache("/tmp").path("sha256:../../etc/passwd")).toThrow(/not a sha256 digest/);
  });
});
