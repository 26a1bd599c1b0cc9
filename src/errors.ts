// Errors that reach the user: a message, a separate hint, and the exit code.
// The cause is kept for --verbose, never shown by default.
import { t } from "./i18n/index.js";

export class MsdemoError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(message: string, options: { hint?: string; cause?: unknown; exitCode?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = "MsdemoError";
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Bad input: exit code 2, raised before any AWS call. */
export class UsageError extends MsdemoError {
  constructor(message: string, hint?: string) {
    super(message, { hint, exitCode: 2 });
    this.name = "UsageError";
  }
}

/** The run was interrupted by SIGINT/SIGTERM: exit code 130, as shells expect. */
export class InterruptedError extends MsdemoError {
  constructor() {
    super(t("error.interrupted"), { exitCode: 130 });
    this.name = "InterruptedError";
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
