// Kubernetes API errors in a student's words. The client's own error message
// carries the response headers and body; msdemo keeps only the status code and
// the API server's message, so nothing it sent (a Secret's data) can leak.
import { ApiException } from "@kubernetes/client-node";
import { MsdemoError } from "../errors.js";

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

/** Wraps any Kubernetes client error into an MsdemoError saying what failed and what to do. */
export function explainKubeError(error: unknown, doing: string): MsdemoError {
  if (error instanceof MsdemoError) return error;
  if ((error as Error | null)?.name === "AbortError")
    return new MsdemoError(`${doing}: interrupted.`, { cause: error });
  const code = statusCode(error);
  const detail = serverMessage(error);
  const what = `${doing}: ${code ? `HTTP ${code}` : errorText(error)}${detail ? ` — ${detail}` : ""}`;
  if (code === 401) {
    return new MsdemoError(what, {
      cause: error,
      hint: "The cluster did not accept msdemo's token: check that your AWS credentials are current and belong to the identity that created the cluster (or one with an EKS access entry).",
    });
  }
  if (code === 403) {
    return new MsdemoError(what, {
      cause: error,
      hint: "Your identity reached the cluster but may not change it: give it an EKS access entry with the AmazonEKSClusterAdminPolicy.",
    });
  }
  if (/certificate|self[- ]signed/i.test(errorText(error))) {
    return new MsdemoError(what, {
      cause: error,
      hint: "The API server's certificate does not match the cluster's CA data: check --kubeconfig, or that the EKS cluster is the one msdemo made.",
    });
  }
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN/.test(errorText(error))) {
    return new MsdemoError(what, {
      cause: error,
      hint: "The Kubernetes API server cannot be reached: is the cluster ACTIVE, and its endpoint public?",
    });
  }
  return new MsdemoError(what, { cause: error });
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The client puts headers and the whole body into its message: keep the first line.
  return message.split("\n")[0] ?? message;
}
