// The EKS bearer token, made in-process as `aws eks get-token` does: a presigned
// STS GetCallerIdentity URL (60 s, header x-k8s-aws-id signed) in base64url,
// prefixed k8s-aws-v1. EKS accepts it for 15 minutes; msdemo renews it at 10.
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

export const TOKEN_PREFIX = "k8s-aws-v1.";
export const TOKEN_RENEW_MS = 10 * 60_000;

export interface TokenOptions {
  clusterName: string;
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Signing time (tests). */
  now?: Date;
  /** STS host override; default sts.<region>.amazonaws.com. */
  stsHost?: string;
}

export function stsRequest(options: Pick<TokenOptions, "clusterName" | "region" | "stsHost">): HttpRequest {
  const hostname = options.stsHost ?? `sts.${options.region}.amazonaws.com`;
  return new HttpRequest({
    method: "GET",
    protocol: "https:",
    hostname,
    path: "/",
    query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
    headers: { host: hostname, "x-k8s-aws-id": options.clusterName },
  });
}

export function signer(options: Pick<TokenOptions, "region" | "credentials">): SignatureV4 {
  return new SignatureV4({
    credentials: options.credentials,
    region: options.region,
    service: "sts",
    sha256: Hash.bind(null, "sha256"),
  });
}

export async function presignedUrl(options: TokenOptions): Promise<string> {
  const signed = await signer(options).presign(stsRequest(options), {
    expiresIn: 60,
    signingDate: options.now ?? new Date(),
  });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(signed.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value])
      if (v !== null && v !== undefined) query.append(key, v);
  }
  return `https://${signed.hostname}${signed.path}?${query.toString()}`;
}

export async function eksToken(options: TokenOptions): Promise<{ token: string; expiresAt: Date }> {
  const url = await presignedUrl(options);
  const issued = options.now ?? new Date();
  return {
    token: TOKEN_PREFIX + Buffer.from(url).toString("base64url"),
    expiresAt: new Date(issued.getTime() + TOKEN_RENEW_MS),
  };
}
