// The state folder must be one msdemo can make and write into. Checked before a
// command reads or locks anything, so a bad --state-dir is bad input (exit 2)
// named as such, not a file-system error code from deep inside.
import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";

function refuse(dir: string, reason: string): never {
  throw new UsageError(t("validation.stateDir", { dir, reason }), t("validation.stateDir.hint"));
}

/** Throws a UsageError naming --state-dir unless `dir` exists as a writable folder or can be made. */
export function assertUsableStateDir(dir: string): void {
  // The folder itself, else its nearest existing parent, decides.
  let path = resolve(dir);
  for (;;) {
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      const parent = dirname(path);
      if (code === "ENOENT" && parent !== path) {
        path = parent;
        continue;
      }
      if (code === "ENOTDIR") refuse(dir, t("validation.stateDir.notFolder", { path: dirname(path) }));
      if (code === "EACCES" || code === "EPERM") refuse(dir, t("validation.stateDir.blocked", { path }));
      refuse(dir, t("validation.stateDir.other", { path, code }));
    }
    if (!isFolder) refuse(dir, t("validation.stateDir.notFolder", { path }));
    try {
      accessSync(path, constants.R_OK | constants.W_OK | constants.X_OK);
    } catch {
      refuse(dir, t("validation.stateDir.denied", { path }));
    }
    return;
  }
}
