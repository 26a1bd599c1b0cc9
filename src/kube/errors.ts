// Kubernetes API errors in a student's words. The client's own error message
// carries the response headers and body; msdemo keeps only the status code and
// the API server's message, so nothing it sent (a Secret's data) can leak.
import { ApiException } from "@kubernetes/client-node";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";

function statusCode(error: unknown): number | undefined {
  if (error instanceof ApiException) return error.code;
  const e = error as { code?: unknown; statusCode?: unknown } | null;
  if (typeof e?.code === "number") return e.code;
  return typeof e?.statusCode === "number" ? e.statusCode : undefined;
}

function serverMessage(error: unknown): string | undefined {
  const body = error instanceof ApiException ? (error.body as unknown) : undefined;
  const parsed = typeof body === "string" ? safeJson(body) : body;
  const message = (parsed as { message?: unknown } | undefined)?.message;
  return typeof message === "string" ? message : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isNotFound(error: unknown): boolean {
  return statusCode(error) === 404;
}

/** Runs a call where "not found" is an answer, not a failure. */
export async function unlessNotFound<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The API server could not be reached at all (no answer, not an HTTP error). */
export function isUnreachable(error: unknown): boolean {
  const text = `${errorText(error)} ${errorText((error as { cause?: unknown } | null)?.cause ?? "")}`;
  return (
    statusCode(error) === undefined && /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|fetch failed/.test(text)
  );
}

/**
 * Wraps any Kubernetes client error into an MsdemoError saying what failed and what to do.
 * `doing` is already in the user's language (a catalogue entry such as "kubeOps.doing.*").
 */
export function explainKubeError(error: unknown, doing: string): MsdemoError {
  if (error instanceof MsdemoError) return error;
  if ((error as Error | null)?.name === "AbortError")
    return new MsdemoError(t("kubeOps.errors.interrupted", { doing }), { cause: error });
  if (isUnreachable(error)) {
    const host = unreachableHost(error);
    return new MsdemoError(
      host
        ? t("cliErrors.kube.unreachable", { doing, host })
        : t("cliErrors.kube.unreachableNoHost", { doing }),
      { cause: error, hint: t("kubeOps.errors.unreachable.hint") },
    );
  }
  const code = statusCode(error);
  const detail = serverMessage(error);
  const what = `${doing}: ${code ? `HTTP ${code}` : errorText(error)}${detail ? ` — ${detail}` : ""}`;
  if (code === 401) {
    return new MsdemoError(what, {
      cause: error,
      hint: t("kubeOps.errors.unauthorized.hint"),
    });
  }
  if (code === 403) {
    return new MsdemoError(what, {
      cause: error,
      hint: t("kubeOps.errors.forbidden.hint"),
    });
  }
  if (/certificate|self[- ]signed/i.test(errorText(error))) {
    return new MsdemoError(what, {
      cause: error,
      hint: t("kubeOps.errors.certificate.hint"),
    });
  }
  return new MsdemoError(what, { cause: error });
}

/** The API server's host, from the request's URL or the network error. */
function unreachableHost(error: unknown): string | undefined {
  const text = errorText(error);
  const url = /request to (\S+) failed/.exec(text)?.[1];
  if (url && URL.canParse(url)) return new URL(url).host;
  for (const e of [error, (error as { cause?: unknown } | null)?.cause]) {
    const net = e as { hostname?: unknown; address?: unknown; port?: unknown } | null | undefined;
    if (typeof net?.hostname === "string") return net.hostname;
    if (typeof net?.address === "string")
      return typeof net.port === "number" ? `${net.address}:${net.port}` : net.address;
  }
  return /(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT) (\S+)/.exec(text)?.[1];
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The client puts headers and the whole body into its message: keep the first line.
  return message.split("\n")[0] ?? message;
}
