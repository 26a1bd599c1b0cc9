// The EKS bearer token, made in-process as `aws eks get-token` does: an STS
// GetCallerIdentity URL presigned for 60 s with the header `x-k8s-aws-id:
// <cluster>` signed, base64url without padding, prefixed `k8s-aws-v1.`. EKS
// accepts it for 15 minutes after signing; msdemo renews it well before that.
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  HttpRequest as SignedRequest,
} from "@smithy/types";

export const TOKEN_PREFIX = "k8s-aws-v1.";
/** The presigned URL's own lifetime, as `aws eks get-token` signs it. */
export const PRESIGN_EXPIRES_SECONDS = 60;
/** A token is reused this long, then made anew: under the 14 minutes `aws eks get-token` promises. */
export const TOKEN_REUSE_MS = 10 * 60_000;
export const CLUSTER_ID_HEADER = "x-k8s-aws-id";

export interface EksTokenOptions {
  clusterName: string;
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** STS endpoint override (a URL); default https://sts.<region>.amazonaws.com. */
  stsEndpoint?: string;
  /** The signing time; now by default (tests pass a fixed one). */
  now?: Date;
}

export interface EksToken {
  token: string;
  /** When msdemo stops reusing it (before EKS would reject it). */
  renewAt: Date;
}

function defaultStsEndpoint(region: string): string {
  const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return `https://sts.${region}.${suffix}`;
}

/** The unsigned GetCallerIdentity request the token presigns. */
export function stsRequest(
  options: Pick<EksTokenOptions, "clusterName" | "region" | "stsEndpoint">,
): HttpRequest {
  const endpoint = new URL(options.stsEndpoint ?? defaultStsEndpoint(options.region));
  return new HttpRequest({
    method: "GET",
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    ...(endpoint.port ? { port: Number(endpoint.port) } : {}),
    path: "/",
    query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
    headers: { host: endpoint.host, [CLUSTER_ID_HEADER]: options.clusterName },
  });
}

function signer(options: Pick<EksTokenOptions, "region" | "credentials">): SignatureV4 {
  return new SignatureV4({
    credentials: options.credentials,
    region: options.region,
    service: "sts",
    sha256: Hash.bind(null, "sha256"),
  });
}

function toUrl(request: SignedRequest): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) if (v != null) query.append(key, v);
  }
  const port = request.port ? `:${request.port}` : "";
  return `${request.protocol}//${request.hostname}${port}${request.path}?${query.toString()}`;
}

/** The presigned STS URL inside a token. */
export async function presignedStsUrl(options: EksTokenOptions): Promise<string> {
  const signed = await signer(options).presign(stsRequest(options), {
    expiresIn: PRESIGN_EXPIRES_SECONDS,
    signingDate: options.now ?? new Date(),
  });
  return toUrl(signed);
}

export async function eksToken(options: EksTokenOptions): Promise<EksToken> {
  const issued = options.now ?? new Date();
  const url = await presignedStsUrl({ ...options, now: issued });
  return {
    token: TOKEN_PREFIX + Buffer.from(url).toString("base64url"),
    renewAt: new Date(issued.getTime() + TOKEN_REUSE_MS),
  };
}

/** The presigned URL a token carries (for tests and diagnostics). */
export function decodeEksToken(token: string): URL {
  if (!token.startsWith(TOKEN_PREFIX)) throw new Error(`not an EKS token: missing ${TOKEN_PREFIX}`);
  return new URL(Buffer.from(token.slice(TOKEN_PREFIX.length), "base64url").toString("utf8"));
}

/**
 * A token getter that reuses one token until its renewal time, and shares one
 * signing among concurrent callers. `clock` is for tests.
 */
export function eksTokenSource(
  options: Omit<EksTokenOptions, "now">,
  clock: () => Date = () => new Date(),
): () => Promise<string> {
  let current: EksToken | undefined;
  let pending: Promise<EksToken> | undefined;
  return async () => {
    if (current && clock() < current.renewAt) return current.token;
    pending ??= eksToken({ ...options, now: clock() }).finally(() => {
      pending = undefined;
    });
    current = await pending;
    return current.token;
  };
}
