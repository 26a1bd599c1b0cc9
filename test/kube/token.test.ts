// The EKS token: its format, the presigned URL's fields, and a signature that
// verifies by hand with node:crypto (the SigV4 algorithm STS applies), not with
// the SignatureV4 calls the code itself makes.
import { createHash, createHmac } from "node:crypto";
import type { AwsCredentialIdentity } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { decodeEksToken, eksToken, eksTokenSource, TOKEN_PREFIX } from "../../src/kube/token.js";

const CREDENTIALS: AwsCredentialIdentity = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  sessionToken: "session/token+with=odd&chars",
};
const CLUSTER = "node-microservices-demo";
const NOW = new Date("2026-11-28T10:00:00Z");

const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();
const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");

/** SigV4 query-string verification as STS does it, from the URL and the cluster header alone. */
function handSignature(url: URL, cluster: string, secret: string): string {
  const params = [...url.searchParams].filter(([k]) => k !== "X-Amz-Signature");
  const query = params
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonical = [
    "GET",
    "/",
    query,
    `host:${url.host}`,
    `x-k8s-aws-id:${cluster}`,
    "",
    "host;x-k8s-aws-id",
    sha256(""),
  ].join("\n");
  const date = url.searchParams.get("X-Amz-Date")!;
  const scope = url.searchParams.get("X-Amz-Credential")!.split("/").slice(1).join("/");
  const [day, region, service] = scope.split("/");
  const toSign = ["AWS4-HMAC-SHA256", date, scope, sha256(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day!), region!), service!), "aws4_request");
  return createHmac("sha256", key).update(toSign).digest("hex");
}

describe("eksToken", () => {
  it("is k8s-aws-v1. + unpadded base64url of a presigned STS GetCallerIdentity URL", async () => {
    const { token } = await eksToken({
      clusterName: CLUSTER,
      region: "us-east-1",
      credentials: CREDENTIALS,
      now: NOW,
    });
    expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(token.slice(TOKEN_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    const url = decodeEksToken(token);
    expect(url.protocol).toBe("https:");
    expect(url.host).toBe("sts.us-east-1.amazonaws.com");
    expect(url.pathname).toBe("/");
    expect(url.searchParams.get("Action")).toBe("GetCallerIdentity");
    expect(url.searchParams.get("Version")).toBe("2011-06-15");
    expect(url.searchParams.get("X-Amz-Algorithm")).toBe("AWS4-HMAC-SHA256");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("60");
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("host;x-k8s-aws-id");
    expect(url.searchParams.get("X-Amz-Date")).toBe("20261128T100000Z");
    expect(url.searchParams.get("X-Amz-Credential")).toBe("AKIDEXAMPLE/20261128/us-east-1/sts/aws4_request");
    expect(url.searchParams.get("X-Amz-Security-Token")).toBe(CREDENTIALS.sessionToken);
  });

  for (const region of ["us-east-1", "eu-west-1"]) {
    it(`carries a signature that verifies by hand, and only for its cluster and secret key (${region})`, async () => {
      const { token } = await eksToken({ clusterName: CLUSTER, region, credentials: CREDENTIALS, now: NOW });
      const url = decodeEksToken(token);
      expect(url.host).toBe(`sts.${region}.amazonaws.com`);
      const signature = url.searchParams.get("X-Amz-Signature");
      expect(signature).toMatch(/^[0-9a-f]{64}$/);
      expect(handSignature(url, CLUSTER, CREDENTIALS.secretAccessKey)).toBe(signature);
      expect(handSignature(url, "another-cluster", CREDENTIALS.secretAccessKey)).not.toBe(signature);
      expect(handSignature(url, CLUSTER, "wrong-secret")).not.toBe(signature);
    });
  }

  it("uses an STS endpoint override, and the China partition's domain", async () => {
    const custom = await eksToken({
      clusterName: CLUSTER,
      region: "us-east-1",
      credentials: CREDENTIALS,
      stsEndpoint: "https://sts.example.test:8443",
      now: NOW,
    });
    const url = decodeEksToken(custom.token);
    expect(url.host).toBe("sts.example.test:8443");
    expect(handSignature(url, CLUSTER, CREDENTIALS.secretAccessKey)).toBe(
      url.searchParams.get("X-Amz-Signature"),
    );
    const china = await eksToken({
      clusterName: CLUSTER,
      region: "cn-north-1",
      credentials: CREDENTIALS,
      now: NOW,
    });
    expect(decodeEksToken(china.token).host).toBe("sts.cn-north-1.amazonaws.com.cn");
  });

  it("asks a credential provider for the credentials", async () => {
    let asked = 0;
    const provider = async () => {
      asked += 1;
      return CREDENTIALS;
    };
    const { token } = await eksToken({
      clusterName: CLUSTER,
      region: "us-east-1",
      credentials: provider,
      now: NOW,
    });
    expect(asked).toBeGreaterThan(0);
    expect(decodeEksToken(token).searchParams.get("X-Amz-Credential")).toMatch(/^AKIDEXAMPLE\//);
  });

  it("rejects what is not an EKS token", () => {
    expect(() => decodeEksToken("Bearer abc")).toThrow(/not an EKS token/);
  });
});

describe("eksTokenSource", () => {
  it("reuses a token until its renewal time (before 14 minutes), then signs a new one", async () => {
    let now = NOW.getTime();
    const source = eksTokenSource(
      { clusterName: CLUSTER, region: "us-east-1", credentials: CREDENTIALS },
      () => new Date(now),
    );
    const first = await source();
    now += 9 * 60_000;
    expect(await source()).toBe(first);
    now += 60_000; // 10 minutes after signing
    const second = await source();
    expect(second).not.toBe(first);
    expect(decodeEksToken(second).searchParams.get("X-Amz-Date")).toBe("20261128T101000Z");
    now += 3 * 60_000;
    expect(await source()).toBe(second);
  });

  it("signs once for concurrent callers", async () => {
    let signings = 0;
    const provider = async () => {
      signings += 1;
      return CREDENTIALS;
    };
    const source = eksTokenSource({ clusterName: CLUSTER, region: "us-east-1", credentials: provider });
    const tokens = await Promise.all([source(), source(), source()]);
    expect(new Set(tokens).size).toBe(1);
    expect(signings).toBe(1);
  });
});
