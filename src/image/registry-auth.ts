// How a request gets past a registry's door, in the two ways registries ask:
// Basic (e.g. ECR's GetAuthorizationToken value as-is) and Bearer tokens from a
// `WWW-Authenticate` realm (anonymous for public pulls). The HTTP itself, retries
// included, is the transport's.
import { t } from "../i18n/index.js";
import { authError, RegistryError } from "./errors.js";
import { type BodyFactory, discard, type FetchInit, type RegistryTransport } from "./registry-transport.js";

export interface AuthorizedRequest {
  method: string;
  url: URL;
  /** Token scopes this request needs, e.g. `repository:app:pull,push`. */
  scopes: string[];
  /** Words for error messages: "pushing blob sha256:… to app" (an "image.what.*" entry). */
  what: string;
  headers?: Record<string, string>;
  body?: BodyFactory;
  /** false: one try, for callers that retry on their own terms. */
  retry?: boolean;
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** A `WWW-Authenticate` header: lower-cased scheme, lower-cased param names, unquoted values. */
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

/** One registry's credentials and the tokens they bought; shared by all requests to it. */
export class RegistryAuth {
  private basic: boolean;
  private bearer: { realm: string; service: string | undefined } | undefined;
  // Promises, so concurrent requests needing the same scopes share one token request.
  private readonly tokens = new Map<string, Promise<string>>();

  /** `credentials`: base64 of `user:password`, exactly as ECR GetAuthorizationToken returns it. */
  constructor(
    private readonly transport: RegistryTransport,
    private readonly credentials: string | undefined,
  ) {
    // ECR and htpasswd registries want Basic; sending it up front saves a round trip.
    this.basic = credentials !== undefined;
  }

  /**
   * Sends with the authorization learnt so far; a 401 with a challenge we can answer
   * is answered and the request sent once more. Any other answer is the caller's.
   */
  async send(request: AuthorizedRequest): Promise<Response> {
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
          ? await this.transport.once(request.url, init)
          : await this.transport.withRetry(request.url, init, request.what, request.body);
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
    const response = await this.transport.withRetry(
      url,
      { method: "GET", headers, redirect: "follow" },
      what,
    );
    if (response.status === 401 || response.status === 403) {
      await discard(response);
      throw authError(
        this.transport.host,
        t("image.what.withToken", { what, host: url.host }),
        response.status,
      );
    }
    if (response.status !== 200)
      throw await this.transport.failure(response, t("image.what.getToken", { host: url.host }), "");
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (token === undefined)
      throw new RegistryError("protocol", t("image.registry.noToken", { host: url.host }));
    return token;
  }
}

function scopeKey(scopes: string[]): string {
  return [...scopes].sort().join(" ");
}
