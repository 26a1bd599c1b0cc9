// The tag that names what an image is built from: the service's bundle, the
// base image asked for, the image settings and the builder. Pushed last, after
// the content tag and latest, it marks "this repository holds the image of these
// sources": a plan finds it with one HEAD request, without building or pushing.
import type { Bundle } from "./bundle.js";
import { hexOf, sha256Digest } from "./digest.js";

export interface SourceInputs {
  bundle: Bundle;
  /** The base image as asked (its tag, not the digest a build pinned), so a pin never changes the tag. */
  baseImage: string;
  builder: string;
  /** Whatever else shapes the image (entrypoint, labels, epoch…), as plain data. */
  settings: unknown;
}

export function sourceTag(inputs: SourceInputs): string {
  const named = JSON.stringify([
    inputs.builder,
    inputs.baseImage,
    sha256Digest(inputs.bundle.serverJs),
    sha256Digest(inputs.bundle.packageJson),
    inputs.settings,
  ]);
  return `src-${hexOf(sha256Digest(named)).slice(0, 12)}`;
}
