// HTTP to one registry: bounded retries with backoff on 429, 5xx and dropped
// connections, and what a failed exchange means to the user. Knows nothing of
// auth or of the distribution API's paths.
import type { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { t } from "../i18n/index.js";
import { authError, parseDistributionError, RegistryError, repositoryMissingError } from "./errors.js";

export interface RetryPolicy {
  /** Tries in all, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * One try's whole exchange, body included. Generous: a base-image layer may be
   * tens of MB on a slow link; this only catches a registry that went silent.
   */
  requestTimeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  requestTimeoutMs: 5 * 60_000,
};

/** A request body; a stream for blobs read from the cache, so they never sit whole in memory. */
export type UploadBody = Uint8Array | Readable;
/** Makes a fresh body: a stream is spent by one try. */
export type BodyFactory = () => UploadBody;

/**
 * fetch's init as Node's fetch (undici) takes it: stream bodies need `duplex`.
 * The global RequestInit may be the DOM's (another package's types pull it in),
 * which knows neither, hence our own type.
 */
export interface FetchInit {
  method: string;
  headers?: Record<string, string>;
  body?: UploadBody;
  duplex?: "half";
  redirect: "manual" | "follow";
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Frees the connection of an answer whose body nobody will read. */
export async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/**
 * How long to wait before try `attempt + 1`: exponential, or the server's
 * Retry-After (seconds) when it gives one. `random` is in [0, 1).
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfter: string | null | undefined,
  random: number,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const seconds = Number(retryAfter);
  const wanted = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : exponential;
  // Jitter spreads out the three images' retries; the cap keeps a hostile Retry-After bounded.
  return Math.min(policy.maxDelayMs, wanted) * (0.75 + random * 0.5);
}

export class RegistryTransport {
  readonly retry: RetryPolicy;

  /** `host` names the registry in error messages. */
  constructor(
    readonly host: string,
    private readonly signal: AbortSignal | undefined,
    retry: Partial<RetryPolicy> | undefined,
  ) {
    this.retry = { ...DEFAULT_RETRY, ...retry };
  }

  /** One try; for callers that retry on their own terms (an upload that needs a fresh session). */
  once(url: URL, init: FetchInit): Promise<Response> {
    const timeout = AbortSignal.timeout(this.retry.requestTimeoutMs);
    const signal = this.signal ? AbortSignal.any([this.signal, timeout]) : timeout;
    return fetch(url, { ...init, signal } as unknown as RequestInit);
  }

  /**
   * Tries until an answer that is not 429/5xx or the policy's tries are spent; the
   * last answer is returned as it is, for the caller to word. Only a connection that
   * never answered throws (unreachable), or the caller's abort.
   */
  async withRetry(url: URL, init: FetchInit, what: string, body?: BodyFactory): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        // A stream body is spent by the first try; make a fresh one for each retry.
        const thisInit = attempt > 1 && body !== undefined ? { ...init, body: body() } : init;
        response = await this.once(url, thisInit);
      } catch (error) {
        if (this.isAbort(error)) throw error;
        if (attempt >= this.retry.attempts) throw this.unreachable(what, error, attempt);
        await this.backoff(attempt, undefined);
        continue;
      }
      if (!isRetryableStatus(response.status) || attempt >= this.retry.attempts) return response;
      await discard(response);
      await this.backoff(attempt, response);
    }
  }

  /** Waits before the next try; an abort ends the wait at once. */
  async backoff(attempt: number, response: Response | undefined): Promise<void> {
    const delay = retryDelayMs(this.retry, attempt, response?.headers.get("retry-after"), Math.random());
    await sleep(delay, undefined, { signal: this.signal });
  }

  /** True when the error is the caller's cancellation, which must never be retried. */
  isAbort(error: unknown): boolean {
    return this.signal?.aborted === true || (error instanceof Error && error.name === "AbortError");
  }

  /** The error for a registry that never answered, after `attempts` tries. */
  unreachable(what: string, error: unknown, attempts: number): RegistryError {
    return new RegistryError(
      "unreachable",
      t("image.registry.unreachable", { registry: this.host, what, cause: networkCause(error), attempts }),
      { cause: error, hint: t("image.registry.unreachable.hint") },
    );
  }

  /**
   * The error for an answer the caller did not expect, worded for the user.
   * `attempts` defaults to the policy's: a 429/5xx that withRetry handed back spent them all.
   */
  async failure(
    response: Response,
    what: string,
    repository: string,
    attempts = this.retry.attempts,
  ): Promise<RegistryError> {
    const text = await response.text().catch(() => "");
    const { code, message } = parseDistributionError(text);
    const status = response.status;
    if (status === 401 || status === 403) return authError(this.host, what, status);
    if (status === 404 && code === "NAME_UNKNOWN")
      return repositoryMissingError(this.host, repository, status);
    if (status === 404) {
      return new RegistryError("not-found", t("image.registry.notFound", { registry: this.host, what }), {
        status,
        code,
        hint: message,
      });
    }
    const detail = message !== undefined ? `: ${message}` : "";
    if (isRetryableStatus(status)) {
      return new RegistryError(
        "server",
        t("image.registry.server", { registry: this.host, status, what, tries: attempts, detail }),
        { status, code, hint: t("image.registry.server.hint") },
      );
    }
    return new RegistryError(
      "protocol",
      t("image.registry.unexpected", { registry: this.host, status, what, detail }),
      { status, code },
    );
  }
}

/** undici hides the socket's reason (ECONNREFUSED, …) in `cause`; that is what the user needs. */
function networkCause(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
