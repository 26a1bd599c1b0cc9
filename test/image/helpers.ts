// Reading an image back from a registry the way a container runtime would: the
// manifest, the config, and the layers unpacked in order into a root directory.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { createGunzip } from "node:zlib";
import { extract } from "tar-stream";
import type { ImageConfig } from "../../src/image/build.js";
import type { ImageManifest } from "../../src/image/media-types.js";

export interface PulledImage {
  manifest: ImageManifest;
  manifestContentType: string | null;
  manifestDigestHeader: string | null;
  config: ImageConfig;
}

export async function pullImage(registryUrl: string, repo: string, reference: string): Promise<PulledImage> {
  const response = await fetch(`${registryUrl}/v2/${repo}/manifests/${reference}`, {
    headers: {
      accept:
        "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json",
    },
  });
  if (response.status !== 200) throw new Error(`GET manifest ${repo}:${reference}: ${response.status}`);
  const manifest = (await response.json()) as ImageManifest;
  const config = (await (
    await fetch(`${registryUrl}/v2/${repo}/blobs/${manifest.config.digest}`)
  ).json()) as ImageConfig;
  return {
    manifest,
    manifestContentType: response.headers.get("content-type"),
    manifestDigestHeader: response.headers.get("docker-content-digest"),
    config,
  };
}

export interface ExtractedEntry {
  name: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
}

/** Unpacks one gzip tar layer under `root`; returns its entries' headers in archive order. */
export async function unpackLayer(blob: Buffer, root: string): Promise<ExtractedEntry[]> {
  const entries: ExtractedEntry[] = [];
  const unpack = extract();
  const done = new Promise<void>((resolve, reject) => {
    unpack.on("entry", (header, stream, next) => {
      entries.push({
        name: header.name,
        type: header.type ?? "file",
        mode: header.mode ?? 0,
        uid: header.uid ?? -1,
        gid: header.gid ?? -1,
        uname: header.uname ?? "",
        gname: header.gname ?? "",
        mtime: header.mtime?.getTime() ?? -1,
      });
      const target = join(root, header.name);
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: unknown) => {
        chunks.push(chunk as Buffer);
      });
      stream.on("end", () => {
        const write =
          header.type === "directory"
            ? mkdir(target, { recursive: true })
            : mkdir(dirname(target), { recursive: true }).then(() =>
                writeFile(target, Buffer.concat(chunks)),
              );
        write.then(() => next(), next);
      });
    });
    unpack.on("finish", resolve);
    unpack.on("error", reject);
  });
  const gunzip = createGunzip();
  gunzip.pipe(unpack);
  gunzip.end(blob);
  await done;
  return entries;
}

export async function fetchBlob(registryUrl: string, repo: string, digest: string): Promise<Buffer> {
  const response = await fetch(`${registryUrl}/v2/${repo}/blobs/${digest}`);
  if (response.status !== 200) throw new Error(`GET blob ${digest}: ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/** Every layer of the image unpacked in order into `root`, as a runtime builds its rootfs. */
export async function unpackImage(registryUrl: string, repo: string, manifest: ImageManifest, root: string) {
  for (const layer of manifest.layers)
    await unpackLayer(await fetchBlob(registryUrl, repo, layer.digest), root);
}
