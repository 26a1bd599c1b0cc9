import { describe, expect, it } from "vitest";
import { parseRepositoryUri } from "../../src/image/index.js";
import { parseReference, registryBaseUrl } from "../../src/image/reference.js";

describe("parseReference", () => {
  it("applies Docker Hub's defaults to a bare name", () => {
    expect(parseReference("node")).toEqual({
      registry: "docker.io",
      repository: "library/node",
      tag: "latest",
      digest: undefined,
    });
  });

  it("reads the registry host, a nested repository and a tag", () => {
    expect(parseReference("public.ecr.aws/docker/library/node:20-alpine")).toEqual({
      registry: "public.ecr.aws",
      repository: "docker/library/node",
      tag: "20-alpine",
      digest: undefined,
    });
  });

  it("tells a port from a tag", () => {
    const ref = parseReference("127.0.0.1:5000/auth-service-repo");
    expect(ref.registry).toBe("127.0.0.1:5000");
    expect(ref.repository).toBe("auth-service-repo");
    expect(ref.tag).toBe("latest");
  });

  it("keeps a digest and leaves the tag unset when only a digest is given", () => {
    const digest = `sha256:${"a".repeat(64)}`;
    const ref = parseReference(`localhost:5000/app@${digest}`);
    expect(ref).toEqual({ registry: "localhost:5000", repository: "app", tag: undefined, digest });
  });

  it("rejects upper-case repositories and malformed digests", () => {
    expect(() => parseReference("example.com/App:1")).toThrow(/invalid repository/);
    expect(() => parseReference("example.com/app@sha256:xyz")).toThrow(/invalid digest/);
  });
});

describe("registryBaseUrl", () => {
  it("speaks plain HTTP only to loopback", () => {
    expect(registryBaseUrl("127.0.0.1:5000").protocol).toBe("http:");
    expect(registryBaseUrl("127.1.2.3:80").protocol).toBe("http:");
    expect(registryBaseUrl("localhost:5000").protocol).toBe("http:");
    expect(registryBaseUrl("[::1]:5000").protocol).toBe("http:");
    expect(registryBaseUrl("123456789012.dkr.ecr.us-east-1.amazonaws.com").protocol).toBe("https:");
    expect(registryBaseUrl("128.0.0.1:5000").protocol).toBe("https:");
  });

  it("sends docker.io to its API host and keeps an explicit scheme", () => {
    expect(registryBaseUrl("docker.io").host).toBe("registry-1.docker.io");
    expect(registryBaseUrl("http://registry.internal:5000").toString()).toBe(
      "http://registry.internal:5000/",
    );
  });
});

describe("parseRepositoryUri", () => {
  it("splits an ECR repository URI", () => {
    expect(parseRepositoryUri("123456789012.dkr.ecr.us-east-1.amazonaws.com/products-service-repo")).toEqual({
      registry: "123456789012.dkr.ecr.us-east-1.amazonaws.com",
      host: "123456789012.dkr.ecr.us-east-1.amazonaws.com",
      repository: "products-service-repo",
    });
  });

  it("keeps a forced scheme on the registry but not on the host", () => {
    expect(parseRepositoryUri("http://registry.internal:5000/team/app")).toEqual({
      registry: "http://registry.internal:5000",
      host: "registry.internal:5000",
      repository: "team/app",
    });
  });
});
