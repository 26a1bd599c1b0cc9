// The `--builder docker` path. Only the docker client exists here (no daemon), so
// these tests cover what can be checked without one: the generated Dockerfile and
// the clear errors for a missing CLI and an unreachable daemon.

import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { MsdemoError } from "../../src/errors.js";
import { buildAndPushWithDocker, checkDocker, dockerfile } from "../../src/image/docker-builder.js";
import { IN_CI, missingTool, tempDir } from "../support/process.js";

const ROOT = resolve(import.meta.dirname, "../..");

function dockerCliPresent(): boolean {
  try {
    execFileSync("docker", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const options = (extra: Partial<Parameters<typeof buildAndPushWithDocker>[0]>) => ({
  service: "hello",
  entry: join(ROOT, "test/image/fixtures/hello/server.ts"),
  rootDir: ROOT,
  repositoryUri: "127.0.0.1:5999/hello",
  credentials: Buffer.from("AWS:very-secret-token").toString("base64"),
  cacheDir: tempDir("cache"),
  ...extra,
});

describe("dockerfile", () => {
  it("sets the same entrypoint, user, workdir, port, env and labels as the daemonless image", () => {
    const text = dockerfile("public.ecr.aws/docker/library/node:20-alpine", {
      "org.opencontainers.image.source": "https://example.com/repo",
    });
    const lines = text
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("#") && !l.startsWith("//"));
    expect(lines).toEqual([
      "FROM public.ecr.aws/docker/library/node:20-alpine",
      "WORKDIR /app",
      "COPY package.json server.js /app/",
      "ENV NODE_ENV=production",
      'LABEL org.opencontainers.image.source="https://example.com/repo"',
      "USER node",
      "EXPOSE 3000",
      'ENTRYPOINT ["node", "/app/server.js"]',
    ]);
  });
});

describe("docker builder errors", () => {
  it("says the docker CLI is missing and how to do without it", async () => {
    const error = await buildAndPushWithDocker(options({ dockerPath: "/nonexistent/docker" })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MsdemoError);
    expect((error as MsdemoError).message).toBe("The docker CLI (/nonexistent/docker) is not installed.");
    expect((error as MsdemoError).hint).toContain("--builder docker");
  });

  it.skipIf(!IN_CI && !dockerCliPresent())(
    "says the daemon is not running when the CLI cannot reach it",
    async () => {
      if (!dockerCliPresent()) throw missingTool("the docker CLI");
      const socket = join(tempDir("docker"), "no-daemon.sock");
      const env = {
        ...process.env,
        DOCKER_HOST: `unix://${socket}`,
        DOCKER_CONFIG: tempDir("docker-config"),
      };
      const error = await checkDocker("docker", env).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MsdemoError);
      expect((error as MsdemoError).message).toBe("The Docker daemon is not running or cannot be reached.");
      expect((error as MsdemoError).hint).toMatch(/Start Docker/);

      const whole = await buildAndPushWithDocker(options({ env })).then(
        () => undefined,
        (e: unknown) => e as MsdemoError,
      );
      expect(whole?.message).toBe("The Docker daemon is not running or cannot be reached.");
      expect(`${whole?.message} ${whole?.hint}`).not.toContain("very-secret-token");
    },
  );
});

describe("docker builder orchestration (a recording stand-in for the docker CLI)", () => {
  it("builds, logs in with the password on stdin into a throwaway config, pushes both tags", async () => {
    const dir = tempDir("fake-docker");
    const log = join(dir, "calls.log");
    const fake = join(dir, "docker");
    const digest = `sha256:${"ab".repeat(32)}`;
    // Records argv, DOCKER_CONFIG and stdin of each call; answers like docker would.
    writeFileSync(
      fake,
      [
        "#!/bin/sh",
        `stdin=$(cat)`,
        `echo "$* | config=\${DOCKER_CONFIG:-none} | stdin=$stdin" >> ${log}`,
        'case "$1" in',
        "  version) echo 28.2.2 ;;",
        `  push) echo "5f70bf18a086: Layer already exists"; echo "9a1b: Pushed"; echo "latest: digest: ${digest} size: 1234" ;;`,
        "esac",
        "",
      ].join("\n"),
    );
    chmodSync(fake, 0o755);
    const result = await buildAndPushWithDocker(
      options({ dockerPath: fake, repositoryUri: "123.dkr.ecr.us-east-1.amazonaws.com/hello-repo" }),
    );
    const calls = readFileSync(log, "utf8").trim().split("\n");
    const repo = "123.dkr.ecr.us-east-1.amazonaws.com/hello-repo";
    const [tag] = result.tags;
    expect(tag).toMatch(/^[a-f0-9]{12}$/);
    expect(calls[0]).toMatch(/^version /);
    expect(calls[1]).toMatch(
      new RegExp(
        `^build --platform linux/amd64 -t ${repo}:${tag} -t ${repo}:latest /\\S+msdemo-docker-context-`,
      ),
    );
    expect(calls[2]).toMatch(
      /^login --username AWS --password-stdin 123\.dkr\.ecr\.us-east-1\.amazonaws\.com \| config=\S+msdemo-docker-config-\S+ \| stdin=very-secret-token$/,
    );
    expect(calls[3]).toMatch(new RegExp(`^push ${repo}:${tag} \\| config=\\S+msdemo-docker-config-`));
    expect(calls[4]).toMatch(new RegExp(`^push ${repo}:latest `));
    // The password went through stdin only, never as an argument.
    expect(calls.filter((c) => c.split(" | ")[0]!.includes("very-secret-token"))).toEqual([]);
    expect(result).toMatchObject({
      reference: `${repo}@${digest}`,
      digest,
      tags: [tag, "latest"],
      bytesUploaded: null,
      blobsSkipped: 1,
      blobsUploaded: 1,
      builder: "docker",
    });
  });
});
