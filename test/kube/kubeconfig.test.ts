// Reaching the cluster: a KubeConfig from kubeconfig files (--kubeconfig,
// KUBECONFIG lists) or built in code for EKS (CA data checked, a fresh EKS
// token per request, renewed), against the FAKE API server over HTTPS: it
// records every bearer token it is sent, which is what these tests check and a
// real API server does not show; and the kubeconfig document `msdemo
// kubeconfig` merges into a user's file.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { applyObjects } from "../../src/kube/apply.js";
import { kubeConfigFor, kubeconfigOverride } from "../../src/kube/kubeconfig.js";
import {
  defaultKubeconfigPath,
  eksKubeconfig,
  mergeKubeconfig,
  updateKubeconfigFile,
} from "../../src/kube/kubeconfig-file.js";
import { renderStack } from "../../src/kube/render.js";
import { decodeEksToken } from "../../src/kube/token.js";
import { startFakeKubeApi } from "../support/fake-kube-api.js";
import { missingTool, tempDir } from "../support/process.js";
import { STACK } from "./fixtures.js";
import { fakeCluster } from "./helpers.js";

const ARN = "arn:aws:eks:us-east-1:123456789012:cluster/node-microservices-demo";
const SPEC = {
  clusterName: "node-microservices-demo",
  clusterArn: ARN,
  endpoint: "https://ABC123.gr7.us-east-1.eks.amazonaws.com",
  caData: Buffer.from("-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n").toString("base64"),
  region: "us-east-1",
};
const OTHER = `apiVersion: v1
kind: Config
preferences: {colors: true}
clusters:
- name: other
  cluster: {server: "https://other.example:6443"}
users:
- name: other
  user: {token: other-token}
contexts:
- name: other
  context: {cluster: other, user: other}
current-context: other
`;

describe("eksKubeconfig + mergeKubeconfig", () => {
  it("writes an exec-auth context into an empty file, as aws eks update-kubeconfig does", () => {
    const config = new KubeConfig();
    config.loadFromString(mergeKubeconfig("", eksKubeconfig({ ...SPEC, namespace: "msdemo" })));
    expect(config.getCurrentContext()).toBe(ARN);
    expect(config.getContextObject(ARN)).toMatchObject({ cluster: ARN, user: ARN, namespace: "msdemo" });
    expect(config.getCurrentCluster()).toMatchObject({ server: SPEC.endpoint, caData: SPEC.caData });
    expect(config.getCurrentUser()?.exec).toEqual({
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: [
        "--region",
        "us-east-1",
        "eks",
        "get-token",
        "--cluster-name",
        "node-microservices-demo",
        "--output",
        "json",
      ],
      interactiveMode: "Never",
    });
  });

  it("passes a profile to aws through AWS_PROFILE", () => {
    const doc = eksKubeconfig({ ...SPEC, profile: "course" });
    expect(doc.users[0]).toMatchObject({
      user: { exec: { env: [{ name: "AWS_PROFILE", value: "course" }] } },
    });
  });

  it("merges into a file with other contexts: keeps them, replaces its own, sets current-context", () => {
    const once = mergeKubeconfig(OTHER, eksKubeconfig(SPEC));
    const moved = eksKubeconfig({ ...SPEC, endpoint: "https://NEW.gr7.us-east-1.eks.amazonaws.com" });
    const twice = mergeKubeconfig(once, moved);
    const doc = parse(twice) as {
      contexts: { name: string }[];
      clusters: { name: string }[];
      users: { name: string }[];
      "current-context": string;
      preferences: unknown;
    };
    expect(doc.contexts.map((c) => c.name)).toEqual(["other", ARN]);
    expect(doc.clusters.map((c) => c.name)).toEqual(["other", ARN]);
    expect(doc.users.map((c) => c.name)).toEqual(["other", ARN]);
    expect(doc["current-context"]).toBe(ARN);
    expect(doc.preferences).toEqual({ colors: true });
    const config = new KubeConfig();
    config.loadFromString(twice);
    expect(config.getContexts()).toHaveLength(2);
    expect(config.getCurrentCluster()?.server).toBe("https://NEW.gr7.us-east-1.eks.amazonaws.com");
    expect(config.getCluster("other")?.server).toBe("https://other.example:6443");
    expect(config.getUser("other")?.token).toBe("other-token");
  });

  it("refuses a file that is not a kubeconfig", () => {
    expect(() => mergeKubeconfig("- a\n- b\n", eksKubeconfig(SPEC), "~/.kube/config")).toThrow(
      /~\/\.kube\/config is not a kubeconfig/,
    );
    expect(() => mergeKubeconfig("clusters: 3\n", eksKubeconfig(SPEC))).toThrow(/clusters is not a list/);
    expect(() => mergeKubeconfig("a: [\n", eksKubeconfig(SPEC))).toThrow(/not valid YAML/);
  });
});

describe("updateKubeconfigFile", () => {
  it("creates the file (mode 0600, parent folders made), then merges into it", async () => {
    const path = join(tempDir("kubecfg"), "nested", ".kube", "config");
    expect(await updateKubeconfigFile(path, eksKubeconfig(SPEC))).toEqual({
      path,
      context: ARN,
      created: true,
    });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeFileSync(path, mergeKubeconfig(readFileSync(path, "utf8"), parse(OTHER)));
    const again = await updateKubeconfigFile(path, eksKubeconfig(SPEC));
    expect(again.created).toBe(false);
    const config = new KubeConfig();
    config.loadFromFile(path);
    expect(
      config
        .getContexts()
        .map((c) => c.name)
        .sort(),
    ).toEqual([ARN, "other"].sort());
    expect(config.getCurrentContext()).toBe(ARN);
  });

  it("finds the file kubectl uses", () => {
    expect(defaultKubeconfigPath({ KUBECONFIG: `/a/one${delimiter}/b/two` }, "/home/me")).toBe("/a/one");
    expect(defaultKubeconfigPath({}, "/home/me")).toBe("/home/me/.kube/config");
  });
});

describe("kubeConfigFor a kubeconfig file", () => {
  it("takes --kubeconfig over KUBECONFIG, and KUBECONFIG over the EKS cluster", () => {
    expect(kubeconfigOverride("/flag", { KUBECONFIG: "/env" })).toBe("/flag");
    expect(kubeconfigOverride(undefined, { KUBECONFIG: "/env" })).toBe("/env");
    expect(kubeconfigOverride(undefined, { KUBECONFIG: " " })).toBeUndefined();
    expect(kubeconfigOverride(undefined, {})).toBeUndefined();
  });

  it("reaches the API server with the file's token", async () => {
    const { fake, config } = await fakeCluster({}, "file-token");
    await applyObjects(config, renderStack(STACK, []));
    expect(fake.get("Namespace", "msdemo")).toBeDefined();
    expect(new Set(fake.tokens)).toEqual(new Set(["file-token"]));
  });

  it("loads a KUBECONFIG list, the first file's context winning, or a named context", async () => {
    const { fake, kubeconfigPath } = await fakeCluster();
    const second = join(tempDir("kubecfg"), "other");
    writeFileSync(second, OTHER);
    const merged = kubeConfigFor({ kind: "file", path: `${kubeconfigPath}${delimiter}${second}` });
    expect(merged.getCurrentCluster()?.server).toBe(fake.url);
    expect(
      merged
        .getContexts()
        .map((c) => c.name)
        .sort(),
    ).toEqual(["fake", "other"]);
    const named = kubeConfigFor({
      kind: "file",
      path: `${kubeconfigPath}${delimiter}${second}`,
      context: "other",
    });
    expect(named.getCurrentCluster()?.server).toBe("https://other.example:6443");
  });

  it("says so when the file is missing", () => {
    expect(() => kubeConfigFor({ kind: "file", path: "/nonexistent/kubeconfig" })).toThrow(
      expect.objectContaining({
        message: "The kubeconfig file /nonexistent/kubeconfig does not exist.",
        exitCode: 2,
      }),
    );
  });
});

/** A self-signed certificate for 127.0.0.1, made with openssl. */
function selfSigned(): { key: string; cert: string } {
  const dir = tempDir("tls");
  const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
      ],
      { stdio: "pipe" },
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw missingTool("openssl");
    throw error;
  }
  return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
}

describe("kubeConfigFor an EKS cluster", () => {
  const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

  /** An EKS-like API server: HTTPS, and only tokens presigned for this cluster's STS call. */
  async function eksLike() {
    const tls = selfSigned();
    const fake = await startFakeKubeApi({
      tls,
      acceptToken: (token) => {
        try {
          const url = decodeEksToken(token);
          return (
            url.host === "sts.us-east-1.amazonaws.com" &&
            url.searchParams.get("X-Amz-SignedHeaders") === "host;x-k8s-aws-id"
          );
        } catch {
          return false;
        }
      },
    });
    return { fake, caData: Buffer.from(tls.cert).toString("base64") };
  }

  it("verifies the API server with the cluster's CA and sends an EKS token, renewed after 10 minutes", async () => {
    const { fake, caData } = await eksLike();
    try {
      let now = Date.now();
      const config = kubeConfigFor(
        {
          kind: "eks",
          clusterName: "node-microservices-demo",
          endpoint: fake.url,
          caData,
          region: "us-east-1",
          credentials,
        },
        () => new Date(now),
      );
      await applyObjects(config, renderStack(STACK, []));
      expect(fake.get("Namespace", "msdemo")).toBeDefined();
      const firstTokens = new Set(fake.tokens);
      expect(firstTokens.size).toBe(1);
      now += 11 * 60_000;
      await applyObjects(config, renderStack(STACK, []));
      const later = fake.tokens.slice(-1)[0]!;
      expect(firstTokens.has(later)).toBe(false);
      expect(decodeEksToken(later).searchParams.get("X-Amz-Credential")).toMatch(/^AKIDEXAMPLE\//);
    } finally {
      await fake.stop();
    }
  });

  it("refuses an API server whose certificate the CA data does not vouch for", async () => {
    const { fake } = await eksLike();
    try {
      const stranger = Buffer.from(selfSigned().cert).toString("base64");
      const config = kubeConfigFor({
        kind: "eks",
        clusterName: "node-microservices-demo",
        endpoint: fake.url,
        caData: stranger,
        region: "us-east-1",
        credentials,
      });
      await expect(applyObjects(config, renderStack(STACK, []))).rejects.toMatchObject({
        message: expect.stringMatching(/^Applying Namespace msdemo: /),
        hint: expect.stringMatching(/certificate does not match the cluster's CA data/),
      });
      expect(fake.requests).toEqual([]);
    } finally {
      await fake.stop();
    }
  });
});
