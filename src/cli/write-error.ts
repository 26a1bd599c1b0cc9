// A file msdemo was asked to write (diagram -o, kubeconfig --output) that cannot
// be written: the reason in the user's words, not Node's error code.
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";

/** The error to show for a failed write of `path`; errors without a file-system code pass through. */
export function writeError(path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (!code) return error;
  const reason =
    code === "ENOENT" || code === "ENOTDIR"
      ? t("error.fs.ENOENT")
      : code === "EACCES" || code === "EPERM" || code === "EROFS"
        ? t("error.fs.EACCES")
        : code === "EISDIR"
          ? t("error.fs.EISDIR")
          : code;
  return new MsdemoError(t("error.write.failed", { path, reason }), {
    hint: t("error.write.failed.hint"),
    cause: error,
  });
}
