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

/** The API server's Status object: its message and, for 422 and 409, the fields at fault. */
interface KubeStatus {
  message?: string;
  reason?: string;
  details?: {
    kind?: string;
    name?: string;
    causes?: { reason?: string; message?: string; field?: string }[];
  };
}

function serverStatus(error: unknown): KubeStatus | undefined {
  const body = error instanceof ApiException ? (error.body as unknown) : undefined;
  const parsed = typeof body === "string" ? safeJson(body) : body;
  return parsed !== null && typeof parsed === "object" ? (parsed as KubeStatus) : undefined;
}

function serverMessage(error: unknown): string | undefined {
  const message = serverStatus(error)?.message;
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
 * `doing` is already in the user's language (a catalogue entry such as "kube.doing.*").
 */
export function explainKubeError(error: unknown, doing: string): MsdemoError {
  if (error instanceof MsdemoError) return error;
  if ((error as Error | null)?.name === "AbortError")
    return new MsdemoError(t("kube.errors.interrupted", { doing }), { cause: error });
  if (isUnreachable(error)) {
    const host = unreachableHost(error);
    return new MsdemoError(
      host ? t("error.kube.unreachable", { doing, host }) : t("error.kube.unreachableNoHost", { doing }),
      { cause: error, hint: t("kube.errors.unreachable.hint") },
    );
  }
  const code = statusCode(error);
  const refused = code === undefined ? undefined : refusal(code, serverStatus(error), doing);
  if (refused) return new MsdemoError(refused.message, { cause: error, hint: refused.hint });
  const detail = serverMessage(error);
  const what = `${doing}: ${code ? `HTTP ${code}` : errorText(error)}${detail ? ` — ${detail}` : ""}`;
  if (/certificate|self[- ]signed/i.test(errorText(error))) {
    return new MsdemoError(what, {
      cause: error,
      hint: t("kube.errors.certificate.hint"),
    });
  }
  return new MsdemoError(what, { cause: error });
}

/**
 * 401, 403, 422 and 409 in plain words: who was refused what, which field is
 * invalid or owned by another tool. Undefined for any other status.
 */
function refusal(
  code: number,
  status: KubeStatus | undefined,
  doing: string,
): { message: string; hint: string } | undefined {
  const message = status?.message ?? "";
  if (code === 401) {
    return {
      message: t("kube.errors.unauthorized", { doing }),
      hint: t("kube.errors.unauthorized.hint"),
    };
  }
  if (code === 403) {
    const terminating = /unable to create new content in namespace (\S+) because it is being terminated/.exec(
      message,
    );
    if (terminating) {
      return {
        message: t("kube.errors.terminating", { doing, namespace: terminating[1]! }),
        hint: t("kube.namespace.terminating.hint", { namespace: terminating[1]! }),
      };
    }
    const denied =
      /User "([^"]+)" cannot (\w+) resource "([^"]+)"(?: in API group "[^"]*")?(?: in the namespace "([^"]+)")?/.exec(
        message,
      );
    return {
      message: denied
        ? t(denied[4] ? "kube.errors.forbiddenIn" : "kube.errors.forbidden", {
            doing,
            user: denied[1]!,
            verb: denied[2]!,
            resource: denied[3]!,
            namespace: denied[4] ?? "",
          })
        : t("kube.errors.forbiddenOther", { doing, detail: message || "Forbidden" }),
      hint: t("kube.errors.forbidden.hint"),
    };
  }
  const causes = status?.details?.causes ?? [];
  const fields = causes.map((c) => `${c.field ?? "?"}: ${c.message ?? c.reason ?? ""}`.trim());
  if (code === 422) {
    const immutable = causes.some((c) => /immutable/.test(c.message ?? ""));
    return {
      message: t("kube.errors.invalid", {
        doing,
        fields: (fields.length > 0 ? fields : [message]).map((f) => `\n  - ${f}`).join(""),
      }),
      hint: immutable ? t("kube.errors.immutable.hint") : t("kube.errors.invalid.hint"),
    };
  }
  if (code === 409) {
    const owned = causes.filter((c) => c.reason === "FieldManagerConflict");
    if (owned.length > 0) {
      return {
        message: t("kube.errors.fieldConflict", {
          doing,
          fields: owned.map((c) => `\n  - ${c.field ?? "?"}: ${c.message ?? ""}`).join(""),
        }),
        hint: t("kube.errors.fieldConflict.hint"),
      };
    }
    return {
      message: t("kube.errors.conflict", { doing, detail: message || "Conflict" }),
      hint: t("kube.errors.conflict.hint"),
    };
  }
  return undefined;
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
