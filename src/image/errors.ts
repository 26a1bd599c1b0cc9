// Registry failures as the user should read them: which registry, what went wrong,
// and what to do. Credentials never appear in a message or hint.
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";

export type RegistryFailure =
  | "auth"
  | "repository-missing"
  | "not-found"
  | "server"
  | "unreachable"
  | "protocol";

export class RegistryError extends MsdemoError {
  constructor(
    readonly failure: RegistryFailure,
    message: string,
    options: { hint?: string; cause?: unknown; status?: number; code?: string } = {},
  ) {
    super(message, { hint: options.hint, cause: options.cause });
    this.name = "RegistryError";
    this.status = options.status;
    this.code = options.code;
  }
  readonly status: number | undefined;
  readonly code: string | undefined;
}

/** The first `{errors: [{code, message}]}` entry of a distribution error body, if any. */
export function parseDistributionError(body: string): { code?: string; message?: string } {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && "errors" in parsed && Array.isArray(parsed.errors)) {
      const first: unknown = parsed.errors[0];
      if (typeof first === "object" && first !== null) {
        const code = "code" in first && typeof first.code === "string" ? first.code : undefined;
        const message = "message" in first && typeof first.message === "string" ? first.message : undefined;
        return { code, message };
      }
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): nothing to add.
  }
  return {};
}

/** `what`: what was being done, a catalogue fragment ("image.what.*") in the user's language. */
export function authError(registry: string, what: string, status: number): RegistryError {
  return new RegistryError("auth", t("image.registry.auth", { registry, status, what }), {
    status,
    hint: t("image.registry.auth.hint"),
  });
}

export function repositoryMissingError(registry: string, repository: string, status: number): RegistryError {
  return new RegistryError(
    "repository-missing",
    t("image.registry.repositoryMissing", { repository, registry }),
    {
      status,
      code: "NAME_UNKNOWN",
      hint: t("image.registry.repositoryMissing.hint"),
    },
  );
}
