// `up` bundles the three services before it loads the AWS SDK and the steps:
// esbuild's process then sits beside a small msdemo, not a full one, which
// keeps the peak memory of the whole run within CloudShell's means (npm run
// bench:rss). The images step reuses these bundles (bundle.ts keeps them while
// their files are unchanged).
import { join } from "node:path";
import { packageRoot } from "../package-root.js";
import { SERVICE_NAMES, type ServiceName } from "../routes.js";
import { bundleService } from "./bundle.js";

/** The entry point of a service's image. */
export const serviceEntry = (root: string, service: ServiceName): string =>
  join(root, "services", service, "server.ts");

/** Bundles every service now. A failure is left to the images step, which reports it in its place. */
export async function prebundleServices(): Promise<void> {
  const root = packageRoot();
  await Promise.all(
    SERVICE_NAMES.map((service) =>
      bundleService({ entry: serviceEntry(root, service), rootDir: root }).catch(() => undefined),
    ),
  );
}
