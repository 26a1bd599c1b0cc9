// sha256 digests in the registry's `sha256:<hex>` form.
import { createHash, type Hash } from "node:crypto";

export function sha256Digest(data: Uint8Array | string): string {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

export function newHash(): Hash {
  return createHash("sha256");
}

export function hexOf(digest: string): string {
  return digest.slice(digest.indexOf(":") + 1);
}
