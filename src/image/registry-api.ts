// The registry API calls msdemo makes (OCI distribution): manifests, blobs and
// uploads. Auth is registry-auth.ts's job and HTTP with retries registry-transport.ts's.
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { t } from "../i18n/index.js";
import { sha256Digest } from "./digest.js";
import { RegistryError } from "./errors.js";
import { MANIFEST_ACCEPT } from "./media-types.js";
import { registryBaseUrl, registryHost } from "./reference.js";
import { pullScope, pushScope, RegistryAuth } from "./registry-auth.js";
import {
  type BodyFactory,
  discard,
  isRetryableStatus,
  RegistryTransport,
  type RetryPolicy,
} from "./registry-transport.js";

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

const MAX_REDIRECTS = 5;

export class RegistryClient {
  readonly host: string;
  readonly baseUrl: URL;
  private readonly transport: RegistryTransport;
  private readonly auth: RegistryAuth;

  constructor(options: RegistryClientOptions) {
    this.host = registryHost(options.registry);
    this.baseUrl = registryBaseUrl(options.registry);
    this.transport = new RegistryTransport(this.host, options.signal, options.retry);
    this.auth = new RegistryAuth(this.transport, options.credentials);
  }

  url(path: string): URL {
    return new URL(path, this.baseUrl);
  }

  // ---- manifests ----

  async getManifest(repository: string, reference: string): Promise<FetchedManifest> {
    const what = t("image.what.pullManifest", { repository, reference });
    const response = await this.auth.send({
      method: "GET",
      url: this.url(`/v2/${repository}/manifests/${reference}`),
      scopes: [pullScope(repository)],
      headers: { accept: MANIFEST_ACCEPT },
      what,
    });
    if (response.status !== 200) throw await this.transport.failure(response, what, repository);
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
    const response = await this.auth.send({
      method: "HEAD",
      url: this.url(`/v2/${repository}/manifests/${reference}`),
      scopes: [push ? pushScope(repository) : pullScope(repository)],
      headers: { accept: MANIFEST_ACCEPT },
      what,
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw await this.transport.failure(response, what, repository);
    return response.headers.get("docker-content-digest") ?? undefined;
  }

  async putManifest(repository: string, tag: string, bytes: Buffer, mediaType: string): Promise<string> {
    const what = t("image.what.pushManifest", { repository, tag });
    const response = await this.auth.send({
      method: "PUT",
      url: this.url(`/v2/${repository}/manifests/${tag}`),
      scopes: [pushScope(repository)],
      headers: { "content-type": mediaType },
      body: () => bytes,
      what,
    });
    if (response.status !== 201 && response.status !== 200)
      throw await this.transport.failure(response, what, repository);
    await discard(response);
    return sha256Digest(bytes);
  }

  // ---- blobs ----

  /** The blob's size when the repository has it, undefined when not. */
  async blobSize(repository: string, digest: string, push = false): Promise<number | undefined> {
    const what = t("image.what.checkBlob", { digest, repository });
    const response = await this.auth.send({
      method: "HEAD",
      url: this.url(`/v2/${repository}/blobs/${digest}`),
      scopes: [push ? pushScope(repository) : pullScope(repository)],
      what,
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw await this.transport.failure(response, what, repository);
    return Number(response.headers.get("content-length") ?? "0");
  }

  /** Streams a blob; a redirect to storage elsewhere (S3, a CDN) is followed without our credentials. */
  async openBlob(repository: string, digest: string): Promise<Readable> {
    const what = t("image.what.pullBlob", { digest, repository });
    let response = await this.auth.send({
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
          ? await this.auth.send({ method: "GET", url: target, scopes: [pullScope(repository)], what })
          : await this.transport.withRetry(target, { method: "GET", redirect: "follow" }, what);
    }
    if (response.status !== 200 || response.body === null)
      throw await this.transport.failure(response, what, repository);
    // node:stream wants the web stream type from node:stream/web; fetch hands out the global one.
    return Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
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
    const response = await this.auth.send({
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
    throw await this.transport.failure(response, what, repository);
  }

  async startUpload(repository: string): Promise<URL> {
    const what = t("image.what.startUpload", { repository });
    const response = await this.auth.send({
      method: "POST",
      url: this.url(`/v2/${repository}/blobs/uploads/`),
      scopes: [pushScope(repository)],
      what,
    });
    if (response.status !== 202) throw await this.transport.failure(response, what, repository);
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
        response = await this.auth.send({
          method: "PUT",
          url,
          scopes: [pushScope(repository)],
          headers: { "content-type": "application/octet-stream", "content-length": String(size) },
          body,
          what,
          retry: false,
        });
      } catch (error) {
        if (this.transport.isAbort(error) || error instanceof RegistryError) throw error;
        networkError = error;
      }
      if (response?.status === 201 || response?.status === 204) {
        await discard(response);
        return;
      }
      const retryable = response === undefined || isRetryableStatus(response.status);
      if (!retryable || attempt >= this.transport.retry.attempts) {
        if (response !== undefined) throw await this.transport.failure(response, what, repository, attempt);
        throw this.transport.unreachable(what, networkError, attempt);
      }
      if (response !== undefined) await discard(response);
      await this.transport.backoff(attempt, response);
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
}
