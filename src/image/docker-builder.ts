// `--builder docker`: the walkthrough's way (docker build, login, push), driven from
// here with a generated Dockerfile in a temp context holding only the bundle. The
// login goes to a throwaway DOCKER_CONFIG, so the registry password is not left
// in ~/.docker/config.json.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertMayWrite } from "../engine/read-only.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { SERVER_FILE, sourceDateEpoch } from "./app-layer.js";
import { bundleService } from "./bundle.js";
import { hexOf, sha256Digest } from "./digest.js";
import { parseReference } from "./reference.js";
import type { BuildAndPushOptions, ImagePhase, ImageResult } from "./types.js";
import { CONTAINER_PORT, DEFAULT_BASE_IMAGE } from "./types.js";

export interface DockerBuildOptions extends BuildAndPushOptions {
  /** The docker CLI; default `docker` from PATH. */
  dockerPath?: string;
  /** Environment for the docker CLI (DOCKER_HOST and friends); default process.env. */
  env?: NodeJS.ProcessEnv;
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; input?: string; signal?: AbortSignal },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env,
      signal: options.signal,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

function lastLines(text: string, count = 5): string {
  return text.trim().split("\n").slice(-count).join("\n");
}

/** Fails with a clear message when the CLI is missing or its daemon is not running. */
export async function checkDocker(
  dockerPath: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<void> {
  let result: RunResult;
  try {
    result = await run(dockerPath, ["version", "--format", "{{.Server.Version}}"], { env, signal });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new MsdemoError(t("image.docker.notInstalled", { path: dockerPath }), {
        hint: t("image.docker.notInstalled.hint"),
        cause: error,
      });
    }
    throw error;
  }
  if (result.code !== 0) {
    throw new MsdemoError(t("image.docker.notRunning"), {
      hint: t("image.docker.notRunning.hint", { output: lastLines(result.stderr, 2) }),
    });
  }
}

export function dockerfile(baseImage: string, labels: Record<string, string>): string {
  const labelLines = Object.entries(labels).map(([k, v]) => `LABEL ${k}=${JSON.stringify(v)}`);
  return [
    `FROM ${baseImage}`,
    "WORKDIR /app",
    "COPY package.json server.js /app/",
    "ENV NODE_ENV=production",
    ...labelLines,
    "USER node",
    `EXPOSE ${CONTAINER_PORT}`,
    // ENTRYPOINT resets the base image's CMD, so node gets no stray arguments.
    `ENTRYPOINT ["node", "${SERVER_FILE}"]`,
    "",
  ].join("\n");
}

/** `user:password` from the base64 value ECR hands out. */
function decodeCredentials(credentials: string): { user: string; password: string } {
  const decoded = Buffer.from(credentials, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new MsdemoError(t("image.docker.badCredentials"));
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export async function buildAndPushWithDocker(options: DockerBuildOptions): Promise<ImageResult> {
  const docker = options.dockerPath ?? "docker";
  const env = options.env ?? process.env;
  const emit = (phase: ImagePhase) =>
    options.onProgress?.({
      service: options.service,
      phase,
      bytesPushed: 0,
      blobsDone: 0,
      blobsTotal: 0,
      blobsSkipped: 0,
    });
  await checkDocker(docker, env, options.signal);

  const scheme = /^https?:\/\//.exec(options.repositoryUri)?.[0] ?? "";
  const target = parseReference(options.repositoryUri.slice(scheme.length));
  const repo = `${target.registry}/${target.repository}`;
  const baseImage = options.baseImage ?? DEFAULT_BASE_IMAGE;

  emit("bundle");
  const bundle = await bundleService({ entry: options.entry, rootDir: options.rootDir });
  const labels: Record<string, string> = { "org.opencontainers.image.title": `msdemo-${options.service}` };
  if (options.source?.url !== undefined) labels["org.opencontainers.image.source"] = options.source.url;
  if (options.source?.revision !== undefined)
    labels["org.opencontainers.image.revision"] = options.source.revision;
  // docker build is not reproducible, so the tag names the inputs instead of the output.
  const tag = hexOf(
    sha256Digest(`${baseImage}\n${sha256Digest(bundle.serverJs)}\n${JSON.stringify(labels)}`),
  ).slice(0, 12);
  const pushTags = [tag, "latest", ...(options.extraTags ?? [])];

  const context = await mkdtemp(join(tmpdir(), "msdemo-docker-context-"));
  const config = await mkdtemp(join(tmpdir(), "msdemo-docker-config-"));
  try {
    await writeFile(join(context, "server.js"), bundle.serverJs);
    await writeFile(join(context, "package.json"), bundle.packageJson);
    await writeFile(join(context, "Dockerfile"), dockerfile(baseImage, labels));

    emit("base");
    const epoch = options.sourceDateEpoch ?? sourceDateEpoch();
    const built = await run(
      docker,
      [
        "build",
        "--platform",
        "linux/amd64",
        ...pushTags.flatMap((name) => ["-t", `${repo}:${name}`]),
        context,
      ],
      { env: { ...env, SOURCE_DATE_EPOCH: String(epoch) }, signal: options.signal },
    );
    if (built.code !== 0) {
      throw new MsdemoError(t("image.docker.buildFailed", { service: options.service }), {
        hint: lastLines(built.stderr),
      });
    }

    emit("push");
    const pushEnv = { ...env, DOCKER_CONFIG: config };
    if (options.credentials !== undefined) {
      const { user, password } = decodeCredentials(options.credentials);
      const login = await run(docker, ["login", "--username", user, "--password-stdin", target.registry], {
        env: pushEnv,
        input: password,
        signal: options.signal,
      });
      if (login.code !== 0) {
        throw new MsdemoError(t("image.docker.loginFailed", { registry: target.registry }), {
          hint: t("image.docker.loginFailed.hint"),
        });
      }
    }
    let digest: string | undefined;
    let blobsSkipped = 0;
    let blobsUploaded = 0;
    for (const pushTag of pushTags) {
      assertMayWrite(`docker push ${repo}:${pushTag}`);
      const pushed = await run(docker, ["push", `${repo}:${pushTag}`], {
        env: pushEnv,
        signal: options.signal,
      });
      if (pushed.code !== 0) {
        throw new MsdemoError(t("image.docker.pushFailed", { reference: `${repo}:${pushTag}` }), {
          hint: lastLines(pushed.stderr),
        });
      }
      if (pushTag === tag) {
        blobsSkipped = (pushed.stdout.match(/Layer already exists/g) ?? []).length;
        blobsUploaded = (pushed.stdout.match(/: Pushed/g) ?? []).length;
      }
      digest ??= /digest: (sha256:[a-f0-9]{64})/.exec(pushed.stdout)?.[1];
    }
    if (digest === undefined) throw new MsdemoError(t("image.docker.noDigest", { repository: repo }));
    emit("done");
    return {
      service: options.service,
      reference: `${repo}@${digest}`,
      digest,
      tags: pushTags,
      appLayerBytes: bundle.serverJs.byteLength + bundle.packageJson.byteLength,
      bytesUploaded: null,
      blobsSkipped,
      blobsUploaded,
      builder: "docker",
    };
  } finally {
    await rm(context, { recursive: true, force: true });
    await rm(config, { recursive: true, force: true });
  }
}
