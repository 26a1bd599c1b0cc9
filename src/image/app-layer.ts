// A service's app layer: its esbuild bundle packed as `/app/server.js` and
// `/app/package.json` in a deterministic tar+gzip.
import { type BundleOptions, bundleService } from "./bundle.js";
import { createLayer, type Layer } from "./layer.js";

export const APP_DIR = "/app";
export const SERVER_FILE = `${APP_DIR}/server.js`;

export interface AppLayerOptions extends BundleOptions {
  /** Seconds since the epoch for every entry; SOURCE_DATE_EPOCH's role. */
  mtimeSeconds: number;
}

export async function buildAppLayer(options: AppLayerOptions): Promise<Layer> {
  const bundle = await bundleService(options);
  // Owned by root and only readable by the `node` user: the app cannot rewrite itself.
  return createLayer(
    [
      { path: "app/package.json", content: bundle.packageJson },
      { path: "app/server.js", content: bundle.serverJs },
    ],
    { mtimeSeconds: options.mtimeSeconds, uid: 0, gid: 0 },
  );
}

/** SOURCE_DATE_EPOCH when set (reproducible-builds.org), else 0. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SOURCE_DATE_EPOCH);
  return Number.isInteger(value) && value >= 0 ? value : 0;
}
