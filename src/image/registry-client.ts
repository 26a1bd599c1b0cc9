// A client for the OCI distribution API: manifests and blobs, with the two ways
// registries authenticate (Basic, e.g. ECR's GetAuthorizationToken value as-is;
// Bearer tokens from a `WWW-Authenticate` realm, anonymous for public pulls) and
// bounded retries with backoff on 429, 5xx and dropped connections.
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { setTimeout as sleep } from "node:timers/promises";
import { t } from "../i18n/index.js";
import { sha256Digest } from "./digest.js";
import { authError, parseDistributionError, RegistryError, repositoryMissingError } from "./errors.js";
import { MANIFEST_ACCEPT } from "./media-types.js";
import { registryBaseUrl, registryHost } from "./reference.js";

export interface RetryPolicy {
  /** Tries in all, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 8_000 };

export interface RegistryClientOptions {
  /** `host`, `host:port`, or a URL (`http://…` to force the scheme). */
  registry: string;
  /** base64 of `user:password`, exactly as ECR GetAuthorizationToken returns it. */
  credentials?: string;
  signal?: AbortSignal;
  retry?: Partial<RetryPolicy>;
}

export interface FetchedManifest {
  bytes: Buffer;
  mediaType: string;
  digest: string;
}

export type MountResult = { mounted: true } | { mounted: false; uploadUrl: URL };

/** A request body; a stream for blobs read from the cache, so they never sit whole in memory. */
export type UploadBody = Uint8Array | Readable;
type BodyFactory = () => UploadBody;

/**
 * fetch's init as Node's fetch (undici) takes it: stream bodies need `duplex`.
 * The global RequestInit may be the DOM's (another package's types pull it in),
 * which knows neither, hence our own type.
 */
interface FetchInit {
  method: string;
  headers?: Record<string, string>;
  body?: UploadBody;
  duplex?: "half";
  redirect: "manual" | "follow";
}

interface SendRequest {
  method: string;
  url: URL;
  /** Token scopes this request needs, e.g. `repository:app:pull,push`. */
  scopes: string[];
  /** Words for error messages: "pushing blob sha256:… to app" (an "image.what.*" entry). */
  what: string;
  headers?: Record<string, string>;
  body?: BodyFactory;
  retry?: boolean;
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const MAX_REDIRECTS = 5;

export function parseChallenge(header: string): Challenge {
  const space = header.indexOf(" ");
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  const rest = space < 0 ? "" : header.slice(space + 1);
  for (const match of rest.matchAll(/([A-Za-z_]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[match[1]!.toLowerCase()] = (match[2] ?? match[3] ?? "").replace(/\\(.)/g, "$1");
  }
  return { scheme, params };
}

export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

export function pushScope(repository: string): string {
  return `repository:${repository}:pull,push`;
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** `node:stream` wants the web stream type from `node:stream/web`; fetch hands out the global one. */
function toNodeStream(body: ReadableStream<Uint8Array>): Readable {
  return Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>);
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === "AbortError");
}

function networkCause(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

export class RegistryClient {
  readonly host: string;
  readonly baseUrl: URL;
  private readonly credentials: string | undefined;
  private readonly signal: AbortSignal | undefined;
  private readonly retry: RetryPolicy;
  private basic: boolean;
  private bearer: { realm: string; service: string | undefined } | undefined;
  // Promises, so concurrent requests needing the same scopes share one token request.
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(options: RegistryClientOptions) {
    this.host = registryHost(options.registry);
    this.baseUrl = registryBaseUrl(options.registry);
    this.credentials = options.credentials;
    this.signal = options.signal;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    // ECR and htpasswd registries want Basic; sending it up front saves a round trip.
    this.basic = options.credentials !== undefined;
  }

  url(path: string): URL {
    return new URL(path, this.baseUrl);
  }

  // ---- manifests ----

  async getManifest(repository: string, reference: string): Promise<FetchedManifest> {
    const what = t("image.what.pullManifest", { repository, reference });
    const response = await this.send({
      method: "GET",
      url: this.url(`/v2/${repository}/manifests/${reference}`),
      scopes: [pullScope(repository)],
      headers: { accept: MANIFEST_ACCEPT },
      what,
    });
    if (response.status !== 200) throw await this.failure(response, what, repository);
    const bytes = Buffer.from(await response.arrayBuffer());
    const digest = sha256Digest(bytes);
    if (reference.startsWith("sha256:") && digest !== reference) {
      throw new RegistryError(
        "protocol",
        t("image.registry.manifestMismatch", { registry: this.host, reference }),
      );
    }
    const declared = (JSON.parse(bytes.toString("utf8")) as { mediaType?: string }).mediaType;
    const contentType = response.headers.get("content-type")?.split(";")[0]?.trim();
    return { bytes, mediaType: declared ?? contentType ?? "", digest };
  }

  /** The digest a tag points at, without downloading the manifest; undefined when absent. */
  async headManifest(repository: string, reference: string, push = false): Promise<string | undefined> {
    const what = t("image.what.lookUp", { repository, reference });
    const response = await this.send({
      method: "HEAD",
      url: this.url(`/v2/${repository}/manifests/${reference}`),
      scopes: [push ? pushScope(repository) : pullScope(repository)],
      headers: { accept: MANIFEST_ACCEPT },
      what,
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw await this.failure(response, what, repository);
    return response.headers.get("docker-content-digest") ?? undefined;
  }

  async putManifest(repository: string, tag: string, bytes: Buffer, mediaType: string): Promise<string> {
    const what = t("image.what.pushManifest", { repository, tag });
    const response = await this.send({
      method: "PUT",
      url: this.url(`/v2/${repository}/manifests/${tag}`),
      scopes: [pushScope(repository)],
      headers: { "content-type": mediaType },
      body: () => bytes,
      what,
    });
    if (response.status !== 201 && response.status !== 200)
      throw await this.failure(response, what, repository);
    await discard(response);
    return sha256Digest(bytes);
  }

  // ---- blobs ----

  /** The blob's size when the repository has it, undefined when not. */
  async blobSize(repository: string, digest: string, push = false): Promise<number | undefined> {
    const what = t("image.what.checkBlob", { digest, repository });
    const response = await this.send({
      method: "HEAD",
      url: this.url(`/v2/${repository}/blobs/${digest}`),
      scopes: [push ? pushScope(repository) : pullScope(repository)],
      what,
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw await this.failure(response, what, repository);
    return Number(response.headers.get("content-length") ?? "0");
  }

  /** Streams a blob; a redirect to storage elsewhere (S3, a CDN) is followed without our credentials. */
  async openBlob(repository: string, digest: string): Promise<Readable> {
    const what = t("image.what.pullBlob", { digest, repository });
    let response = await this.send({
      method: "GET",
      url: this.url(`/v2/${repository}/blobs/${digest}`),
      scopes: [pullScope(repository)],
      what,
    });
    for (let hop = 0; hop < MAX_REDIRECTS && response.status >= 300 && response.status < 400; hop++) {
      const location = response.headers.get("location");
      await discard(response);
      if (location === null) break;
      const target = new URL(location, response.url || this.baseUrl);
      response =
        target.origin === this.baseUrl.origin
          ? await this.send({ method: "GET", url: target, scopes: [pullScope(repository)], what })
          : await this.fetchWithRetry(target, { method: "GET", redirect: "follow" }, what);
    }
    if (response.status !== 200 || response.body === null)
      throw await this.failure(response, what, repository);
    return toNodeStream(response.body);
  }

  /**
   * Asks the registry to link a blob it already holds in `from` into `repository`.
   * A registry that cannot (another registry, ECR without blob mounting) answers 202
   * and opens an ordinary upload, which is returned for the caller to use.
   */
  async mountBlob(repository: string, digest: string, from: string): Promise<MountResult> {
    const url = this.url(`/v2/${repository}/blobs/uploads/`);
    url.searchParams.set("mount", digest);
    url.searchParams.set("from", from);
    const what = t("image.what.mountBlob", { digest, from, repository });
    const response = await this.send({
      method: "POST",
      url,
      scopes: [pushScope(repository), pullScope(from)],
      what,
    });
    if (response.status === 201) {
      await discard(response);
      return { mounted: true };
    }
    if (response.status === 202)
      return { mounted: false, uploadUrl: await this.uploadLocation(response, what) };
    throw await this.failure(response, what, repository);
  }

  async startUpload(repository: string): Promise<URL> {
    const what = t("image.what.startUpload", { repository });
    const response = await this.send({
      method: "POST",
      url: this.url(`/v2/${repository}/blobs/uploads/`),
      scopes: [pushScope(repository)],
      what,
    });
    if (response.status !== 202) throw await this.failure(response, what, repository);
    return this.uploadLocation(response, what);
  }

  /**
   * Uploads a whole blob with one `PUT ?digest=` (monolithic: ECR's chunked PATCH
   * has been seen to keep only the first chunk). A failed PUT starts a fresh upload,
   * since the registry may have dropped the session; `body` is called once per try.
   */
  async uploadBlob(
    repository: string,
    digest: string,
    size: number,
    body: BodyFactory,
    session?: URL,
  ): Promise<void> {
    const what = t("image.what.pushBlob", { digest, repository });
    let uploadUrl = session;
    for (let attempt = 1; ; attempt++) {
      uploadUrl ??= await this.startUpload(repository);
      const url = new URL(uploadUrl);
      url.searchParams.set("digest", digest);
      let response: Response | undefined;
      let networkError: unknown;
      try {
        response = await this.send({
          method: "PUT",
          url,
          scopes: [pushScope(repository)],
          headers: { "content-type": "application/octet-stream", "content-length": String(size) },
          body,
          what,
          retry: false,
        });
      } catch (error) {
        if (isAbort(error, this.signal) || error instanceof RegistryError) throw error;
        networkError = error;
      }
      if (response?.status === 201 || response?.status === 204) {
        await discard(response);
        return;
      }
      const retryable = response === undefined || isRetryableStatus(response.status);
      if (!retryable || attempt >= this.retry.attempts) {
        if (response !== undefined) throw await this.failure(response, what, repository, attempt);
        throw this.unreachable(what, networkError, attempt);
      }
      if (response !== undefined) await discard(response);
      await this.backoff(attempt, response);
      uploadUrl = undefined;
    }
  }

  private async uploadLocation(response: Response, what: string): Promise<URL> {
    const location = response.headers.get("location");
    await discard(response);
    if (location === null) {
      throw new RegistryError(
        "protocol",
        t("image.registry.noUploadLocation", { registry: this.host, what }),
      );
    }
    // Relative (`/v2/…/uploads/<id>?_state=…`) or absolute; its query is kept.
    return new URL(location, this.baseUrl);
  }

  // ---- transport: auth and retries ----

  private async send(request: SendRequest): Promise<Response> {
    let challenged = false;
    for (;;) {
      const headers: Record<string, string> = { ...request.headers };
      const authorization = await this.authorization(request.scopes, request.what);
      if (authorization !== undefined) headers.authorization = authorization;
      const init: FetchInit = { method: request.method, headers, redirect: "manual" };
      if (request.body !== undefined) {
        init.body = request.body();
        init.duplex = "half";
      }
      const response =
        request.retry === false
          ? await this.fetchOnce(request.url, init)
          : await this.fetchWithRetry(request.url, init, request.what, request.body);
      if (response.status !== 401 || challenged) return response;
      challenged = true;
      const header = response.headers.get("www-authenticate");
      if (
        header === null ||
        !(await this.answerChallenge(parseChallenge(header), request.scopes, request.what))
      ) {
        return response;
      }
      await discard(response);
    }
  }

  /** Learns how the registry wants to be spoken to; false when there is nothing new to try. */
  private async answerChallenge(challenge: Challenge, scopes: string[], what: string): Promise<boolean> {
    if (challenge.scheme === "bearer" && challenge.params.realm !== undefined) {
      this.bearer = { realm: challenge.params.realm, service: challenge.params.service };
      const wanted = new Set([...scopes, ...(challenge.params.scope?.split(" ").filter(Boolean) ?? [])]);
      const key = scopeKey(scopes);
      const token = this.fetchToken([...wanted], what);
      this.tokens.set(key, token);
      token.catch(() => this.tokens.delete(key));
      await token;
      return true;
    }
    if (challenge.scheme === "basic" && this.credentials !== undefined && !this.basic) {
      this.basic = true;
      return true;
    }
    return false;
  }

  private async authorization(scopes: string[], what: string): Promise<string | undefined> {
    if (this.bearer !== undefined) {
      const key = scopeKey(scopes);
      let token = this.tokens.get(key);
      if (token === undefined) {
        token = this.fetchToken(scopes, what);
        this.tokens.set(key, token);
        // A refused token request must not be remembered: the next request asks again.
        token.catch(() => this.tokens.delete(key));
      }
      return `Bearer ${await token}`;
    }
    return this.basic && this.credentials !== undefined ? `Basic ${this.credentials}` : undefined;
  }

  /** A token from the realm: with our credentials when we have some, anonymous otherwise. */
  private async fetchToken(scopes: string[], what: string): Promise<string> {
    const { realm, service } = this.bearer!;
    const url = new URL(realm);
    if (service !== undefined) url.searchParams.set("service", service);
    for (const scope of scopes) url.searchParams.append("scope", scope);
    const headers: Record<string, string> = {};
    if (this.credentials !== undefined) headers.authorization = `Basic ${this.credentials}`;
    const response = await this.fetchWithRetry(url, { method: "GET", headers, redirect: "follow" }, what);
    if (response.status === 401 || response.status === 403) {
      await discard(response);
      throw authError(this.host, t("image.what.withToken", { what, host: url.host }), response.status);
    }
    if (response.status !== 200)
      throw await this.failure(response, t("image.what.getToken", { host: url.host }), "");
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (token === undefined)
      throw new RegistryError("protocol", t("image.registry.noToken", { host: url.host }));
    return token;
  }

  private fetchOnce(url: URL, init: FetchInit): Promise<Response> {
    return fetch(url, { ...init, signal: this.signal } as unknown as RequestInit);
  }

  private async fetchWithRetry(
    url: URL,
    init: FetchInit,
    what: string,
    body?: BodyFactory,
  ): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      let response: Response | undefined;
      try {
        // A stream body is spent by the first try; make a fresh one for each retry.
        const thisInit = attempt > 1 && body !== undefined ? { ...init, body: body() } : init;
        response = await this.fetchOnce(url, thisInit);
      } catch (error) {
        if (isAbort(error, this.signal)) throw error;
        if (attempt >= this.retry.attempts) throw this.unreachable(what, error, attempt);
        await this.backoff(attempt, undefined);
        continue;
      }
      if (!isRetryableStatus(response.status) || attempt >= this.retry.attempts) return response;
      await discard(response);
      await this.backoff(attempt, response);
    }
  }

  private async backoff(attempt: number, response: Response | undefined): Promise<void> {
    const exponential = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    const retryAfter = Number(response?.headers.get("retry-after"));
    const wanted = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : exponential;
    // Jitter spreads out the three images' retries; the cap keeps a hostile Retry-After bounded.
    const delay = Math.min(this.retry.maxDelayMs, wanted) * (0.75 + Math.random() * 0.5);
    await sleep(delay, undefined, { signal: this.signal });
  }

  private unreachable(what: string, error: unknown, attempts: number): RegistryError {
    return new RegistryError(
      "unreachable",
      t("image.registry.unreachable", { registry: this.host, what, cause: networkCause(error), attempts }),
      { cause: error, hint: t("image.registry.unreachable.hint") },
    );
  }

  /** The error for an unexpected answer, worded for the user. */
  private async failure(
    response: Response,
    what: string,
    repository: string,
    attempts = 0,
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
      const tries = attempts > 0 ? attempts : this.retry.attempts;
      return new RegistryError(
        "server",
        t("image.registry.server", { registry: this.host, status, what, tries, detail }),
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

function scopeKey(scopes: string[]): string {
  return [...scopes].sort().join(" ");
}
