// A deterministic tar+gzip layer: sorted entries, one fixed mtime, fixed owner and
// modes, no user or group names, gzip at a fixed level with no name or time in its
// header. Same files in → same bytes out, whatever machine or path built them.
// Deflate is fflate's (pure JS, pinned by the lockfile): node:zlib's output depends
// on the zlib Node was built with (Chromium's fork, a distro's system zlib, s390x
// hardware deflate), so the same tar could get another digest on another machine.
import { gzipSync } from "fflate";
import { pack } from "tar-stream";
import { sha256Digest } from "./digest.js";

export interface LayerFile {
  /** Path inside the image, without a leading slash, e.g. `app/server.js`. */
  path: string;
  content: Uint8Array;
  mode?: number;
}

export interface LayerOptions {
  /** Seconds since the epoch stamped on every entry (SOURCE_DATE_EPOCH); default 0. */
  mtimeSeconds?: number;
  uid?: number;
  gid?: number;
}

export interface Layer {
  /** The gzip-compressed tar, as pushed. */
  blob: Buffer;
  /** sha256 of `blob`: the manifest's layer digest. */
  digest: string;
  /** sha256 of the uncompressed tar: the config's `rootfs.diff_ids` entry. */
  diffId: string;
  size: number;
  uncompressedSize: number;
}

export const GZIP_LEVEL = 9;
// fflate picks its memory level from the input size unless told; fixed, it is one less thing to vary.
const GZIP_MEMORY_LEVEL = 8;
const DIR_MODE = 0o755;
const FILE_MODE = 0o644;

interface TarEntry {
  name: string;
  type: "directory" | "file";
  mode: number;
  content?: Uint8Array;
}

/** Every parent directory of every file gets its own entry, as `docker build` would create. */
function tarEntries(files: LayerFile[]): TarEntry[] {
  const entries = new Map<string, TarEntry>();
  for (const file of files) {
    const path = file.path.replace(/^\/+/, "");
    if (path === "" || path.endsWith("/") || path.split("/").includes("..")) {
      throw new Error(`invalid layer path "${file.path}"`);
    }
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = `${parts.slice(0, i).join("/")}/`;
      entries.set(dir, { name: dir, type: "directory", mode: DIR_MODE });
    }
    entries.set(path, { name: path, type: "file", mode: file.mode ?? FILE_MODE, content: file.content });
  }
  // Byte order, not locale order, so every machine sorts the same way.
  return [...entries.values()].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
}

export async function tarBytes(files: LayerFile[], options: LayerOptions = {}): Promise<Buffer> {
  const mtime = new Date((options.mtimeSeconds ?? 0) * 1000);
  const uid = options.uid ?? 0;
  const gid = options.gid ?? 0;
  const tar = pack();
  // Read while writing: a large entry would otherwise wait on back-pressure forever.
  const collected = (async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of tar) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  })();
  for (const entry of tarEntries(files)) {
    const header = {
      name: entry.name,
      type: entry.type,
      mode: entry.mode,
      uid,
      gid,
      uname: "",
      gname: "",
      mtime,
    };
    await new Promise<void>((resolve, reject) => {
      const callback = (error?: Error | null) => (error ? reject(error) : resolve());
      if (entry.type === "directory") tar.entry(header, callback);
      else tar.entry({ ...header, size: entry.content!.byteLength }, Buffer.from(entry.content!), callback);
    });
  }
  tar.finalize();
  return collected;
}

/** gzip with a fixed level, mtime 0, no file name (fflate always writes OS byte 3, Unix). */
export function deterministicGzip(data: Uint8Array): Buffer {
  const out = gzipSync(data, { level: GZIP_LEVEL, mem: GZIP_MEMORY_LEVEL, mtime: 0 });
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

export async function createLayer(files: LayerFile[], options: LayerOptions = {}): Promise<Layer> {
  const tar = await tarBytes(files, options);
  const blob = deterministicGzip(tar);
  return {
    blob,
    digest: sha256Digest(blob),
    diffId: sha256Digest(tar),
    size: blob.byteLength,
    uncompressedSize: tar.byteLength,
  };
}
