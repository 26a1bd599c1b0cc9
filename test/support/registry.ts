// Debian's docker-registry (CNCF distribution v2) on a loopback port it picks, with
// filesystem storage in a temp dir and optional htpasswd auth; a tiny base image
// the tests push themselves; and a small HTTP proxy in front of the real registry
// that can inject faults or demand bearer tokens, for the paths a healthy local
// registry never takes.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { sha256Digest } from "../../src/image/digest.js";
import { tarBytes } from "../../src/image/layer.js";
import { MEDIA } from "../../src/image/media-types.js";
import {
  type ManagedProcess,
  missingTool,
  startProcess,
  tempDir,
  waitForOutput,
  waitForPort,
} from "./process.js";

const REGISTRY_BIN = "/usr/bin/docker-registry";

export interface TestRegistry {
  /** `127.0.0.1:<port>`: a registry host as an image reference writes it. */
  host: string;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** `user:password` base64-encoded, the form ECR's GetAuthorizationToken returns. */
export function basicCredentials(user: string, password: string): string {
  return Buffer.from(`${user}:${password}`).toString("base64");
}

/**
 * A bcrypt htpasswd line. Node has no bcrypt, so this asks libxcrypt through
 * Python's crypt module (Debian's python3 ≤ 3.12), which the test env installs.
 */
export function htpasswdLine(user: string, password: string): string {
  const script =
    "import warnings\nwarnings.simplefilter('ignore')\nimport crypt,sys\n" +
    "print(crypt.crypt(sys.stdin.read(), crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))";
  let hash: string;
  try {
    hash = execFileSync("python3", ["-c", script], { input: password, encoding: "utf8" }).trim();
  } catch (error) {
    throw missingTool(`python3 with the crypt module (for bcrypt htpasswd): ${(error as Error).message}`);
  }
  if (!hash.startsWith("$2")) throw missingTool("a bcrypt-capable crypt() (libxcrypt)");
  return `${user}:${hash}`;
}

export async function startRegistry(
  options: { auth?: { user: string; password: string } } = {},
): Promise<TestRegistry> {
  if (!existsSync(REGISTRY_BIN)) throw missingTool("docker-registry");
  const dir = tempDir("registry");
  const dataDir = join(dir, "data");
  const lines = [
    "version: 0.1",
    "log:",
    // info: the line that says which port it bound (addr below asks for port 0).
    "  level: info",
    "  accesslog:",
    "    disabled: true",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${dataDir}`,
    "  delete:",
    "    enabled: true",
    "http:",
    "  addr: 127.0.0.1:0",
    `  secret: ${randomBytes(16).toString("hex")}`,
  ];
  if (options.auth !== undefined) {
    const htpasswd = join(dir, "htpasswd");
    writeFileSync(htpasswd, `${htpasswdLine(options.auth.user, options.auth.password)}\n`);
    lines.push("auth:", "  htpasswd:", "    realm: msdemo-test", `    path: ${htpasswd}`);
  }
  const config = join(dir, "config.yml");
  writeFileSync(config, `${lines.join("\n")}\n`);
  const server: ManagedProcess = startProcess(REGISTRY_BIN, ["serve", config]);
  let port: number;
  try {
    const [, bound] = await waitForOutput(
      server,
      /listening on 127\.0\.0\.1:(\d+)/,
      "docker-registry to say its port",
    );
    port = Number(bound);
    await waitForPort(port, 30_000, server.child);
  } catch (error) {
    await server.stop();
    throw new Error(`docker-registry did not start: ${(error as Error).message}\n${server.output()}`);
  }
  return { host: `127.0.0.1:${port}`, url: `http://127.0.0.1:${port}`, dataDir, stop: () => server.stop() };
}

// ---- a tiny base image ----

export interface TinyBaseOptions {
  format?: "docker" | "oci";
  /** Push an index/manifest list (amd64 + arm64) under the tag instead of a single manifest. */
  asIndex?: boolean;
  tag?: string;
  /** Basic credentials when the registry wants them. */
  credentials?: string;
}

export interface TinyBase {
  reference: string;
  /** Digest of the amd64 image manifest. */
  manifestDigest: string;
  layerDigest: string;
  layerSize: number;
  configDigest: string;
}

async function put(url: string, body: Uint8Array, headers: Record<string, string>): Promise<Response> {
  const response = await fetch(url, { method: "PUT", body: new Uint8Array(body), headers });
  if (!response.ok) throw new Error(`PUT ${url}: ${response.status} ${await response.text()}`);
  return response;
}

async function pushBlob(
  base: string,
  repo: string,
  data: Buffer,
  auth: Record<string, string>,
): Promise<string> {
  const digest = sha256Digest(data);
  const start = await fetch(`${base}/v2/${repo}/blobs/uploads/`, { method: "POST", headers: auth });
  if (start.status !== 202) throw new Error(`POST upload: ${start.status} ${await start.text()}`);
  const location = new URL(start.headers.get("location")!, base);
  location.searchParams.set("digest", digest);
  await put(location.toString(), data, { ...auth, "content-type": "application/octet-stream" });
  return digest;
}

/**
 * Pushes a base image of one small layer (`/etc/msdemo-base` and an empty `/app`-free
 * tree) with a node-like config (Env PATH, Cmd ["node"]), as the tests' stand-in
 * for node:20-alpine.
 */
export async function pushTinyBase(
  registryUrl: string,
  repo: string,
  options: TinyBaseOptions = {},
): Promise<TinyBase> {
  const format = options.format ?? "docker";
  const auth: Record<string, string> = options.credentials
    ? { authorization: `Basic ${options.credentials}` }
    : {};
  const types =
    format === "oci"
      ? {
          manifest: MEDIA.ociManifest,
          config: MEDIA.ociConfig,
          layer: MEDIA.ociLayerGzip,
          index: MEDIA.ociIndex,
        }
      : {
          manifest: MEDIA.dockerManifest,
          config: MEDIA.dockerConfig,
          layer: MEDIA.dockerLayerGzip,
          index: MEDIA.dockerManifestList,
        };
  const tag = options.tag ?? "20-alpine";
  const perArch = async (architecture: string) => {
    const tar = await tarBytes([
      { path: "etc/msdemo-base", content: Buffer.from(`tiny base for tests (${architecture})\n`) },
    ]);
    const layer = gzipSync(tar);
    const layerDigest = await pushBlob(registryUrl, repo, layer, auth);
    const config = Buffer.from(
      JSON.stringify({
        architecture,
        os: "linux",
        created: "2024-01-01T00:00:00Z",
        config: {
          Env: ["PATH=/usr/local/bin:/usr/bin:/bin", "NODE_VERSION=20.0.0"],
          Cmd: ["node"],
          Entrypoint: ["docker-entrypoint.sh"],
          Labels: { "base.label": "kept" },
        },
        rootfs: { type: "layers", diff_ids: [sha256Digest(tar)] },
        history: [
          { created: "2024-01-01T00:00:00Z", created_by: "ADD rootfs" },
          { created: "2024-01-01T00:00:00Z", created_by: 'CMD ["node"]', empty_layer: true },
        ],
      }),
    );
    const configDigest = await pushBlob(registryUrl, repo, config, auth);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: types.manifest,
        config: { mediaType: types.config, digest: configDigest, size: config.byteLength },
        layers: [{ mediaType: types.layer, digest: layerDigest, size: layer.byteLength }],
      }),
    );
    return { manifest, layerDigest, layerSize: layer.byteLength, configDigest };
  };

  const amd64 = await perArch("amd64");
  const amd64Digest = sha256Digest(amd64.manifest);
  if (options.asIndex) {
    const arm64 = await perArch("arm64");
    await put(`${registryUrl}/v2/${repo}/manifests/${amd64Digest}`, amd64.manifest, {
      ...auth,
      "content-type": types.manifest,
    });
    const armDigest = sha256Digest(arm64.manifest);
    await put(`${registryUrl}/v2/${repo}/manifests/${armDigest}`, arm64.manifest, {
      ...auth,
      "content-type": types.manifest,
    });
    const entry = (digest: string, size: number, architecture: string) => ({
      mediaType: types.manifest,
      digest,
      size,
      platform: { architecture, os: "linux" },
    });
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: types.index,
        // arm64 first, so picking the first entry would be caught.
        manifests: [
          entry(armDigest, arm64.manifest.byteLength, "arm64"),
          entry(amd64Digest, amd64.manifest.byteLength, "amd64"),
        ],
      }),
    );
    await put(`${registryUrl}/v2/${repo}/manifests/${tag}`, index, { ...auth, "content-type": types.index });
  } else {
    await put(`${registryUrl}/v2/${repo}/manifests/${tag}`, amd64.manifest, {
      ...auth,
      "content-type": types.manifest,
    });
  }
  const host = new URL(registryUrl).host;
  return {
    reference: `${host}/${repo}:${tag}`,
    manifestDigest: amd64Digest,
    layerDigest: amd64.layerDigest,
    layerSize: amd64.layerSize,
    configDigest: amd64.configDigest,
  };
}

// ---- a proxy in front of the real registry ----

export interface ProxiedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingMessage["headers"];
}

/** Answers a request itself (returning true) or lets it through (false). */
export type Interceptor = (request: ProxiedRequest, response: ServerResponse) => boolean | Promise<boolean>;

export interface RegistryProxy {
  host: string;
  url: string;
  /** Every request seen, in order. */
  requests: ProxiedRequest[];
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "host", "content-length"]);

/**
 * An HTTP proxy to `upstream` that rewrites upstream Location headers to itself.
 * Request bodies are buffered (test blobs are small).
 */
export async function startRegistryProxy(
  upstream: string,
  intercept: Interceptor = () => false,
): Promise<RegistryProxy> {
  // Bound below on port 0: `self` is known once listening, before any request comes.
  let self = "";
  const requests: ProxiedRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const seen: ProxiedRequest = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers };
      requests.push(seen);
      if (await intercept(seen, res)) return;
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) {
        if (!HOP_BY_HOP.has(key) && typeof value === "string") headers[key] = value;
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const answer = await fetch(`${upstream}${seen.url}`, {
        method: seen.method,
        headers,
        body: seen.method === "GET" || seen.method === "HEAD" ? undefined : (body ?? Buffer.alloc(0)),
        redirect: "manual",
      });
      const out: Record<string, string> = {};
      answer.headers.forEach((value, key) => {
        if (!HOP_BY_HOP.has(key) && key !== "content-encoding") out[key] = value;
      });
      if (out.location?.startsWith(upstream)) out.location = self + out.location.slice(upstream.length);
      const payload = Buffer.from(await answer.arrayBuffer());
      if (seen.method === "HEAD") {
        const length = answer.headers.get("content-length");
        if (length !== null) out["content-length"] = length;
      } else {
        out["content-length"] = String(payload.byteLength);
      }
      res.writeHead(answer.status, out);
      res.end(seen.method === "HEAD" ? undefined : payload);
    } catch (error) {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  self = `http://127.0.0.1:${port}`;
  return {
    host: `127.0.0.1:${port}`,
    url: self,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes a distribution-style JSON error. */
export function sendRegistryError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ errors: [{ code, message }] }));
}

// ---- a bearer-token gate, as Docker Hub and most public registries run ----

export interface TokenRequest {
  scopes: string[];
  service: string | null;
  /** The user that authenticated to the token endpoint; undefined when anonymous. */
  user: string | undefined;
}

export interface BearerGate {
  intercept: Interceptor;
  tokenRequests: TokenRequest[];
}

const V2_PATH = /^\/v2\/(.+?)\/(blobs|manifests|tags)\//;

/**
 * Fronts a registry with token auth: `/token` hands out tokens (anonymous ones
 * for pull only; push needs the user's Basic credentials), and every `/v2/` call
 * without a token carrying the needed scope gets a 401 Bearer challenge.
 */
export function bearerGate(account: { user: string; password: string }): BearerGate {
  const tokenRequests: TokenRequest[] = [];
  const granted = new Map<string, Set<string>>();
  const intercept: Interceptor = (request, res) => {
    const url = new URL(request.url, "http://gate");
    const host = request.headers.host ?? "127.0.0.1";
    if (url.pathname === "/token") {
      const basic = request.headers.authorization?.match(/^Basic (.+)$/)?.[1];
      let user: string | undefined;
      if (basic !== undefined) {
        if (basic !== basicCredentials(account.user, account.password)) {
          res.writeHead(401, { "content-type": "application/json" });
          res.end(JSON.stringify({ details: "incorrect username or password" }));
          return true;
        }
        user = account.user;
      }
      const scopes = url.searchParams.getAll("scope");
      tokenRequests.push({ scopes, service: url.searchParams.get("service"), user });
      const allowed = new Set<string>();
      for (const scope of scopes) {
        const [kind, name, actions] = scope.split(":");
        for (const action of actions?.split(",") ?? []) {
          if (action === "pull" || user !== undefined) allowed.add(`${kind}:${name}:${action}`);
        }
      }
      const token = randomBytes(12).toString("hex");
      granted.set(token, allowed);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ token, expires_in: 300 }));
      return true;
    }
    const token = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    const have = token !== undefined ? granted.get(token) : undefined;
    const match = V2_PATH.exec(url.pathname);
    const needed: string[] = [];
    if (match !== null) {
      const action = request.method === "GET" || request.method === "HEAD" ? "pull" : "push";
      needed.push(`repository:${match[1]}:${action}`);
      const from = url.searchParams.get("from");
      if (from !== null) needed.push(`repository:${from}:pull`);
    }
    if (have !== undefined && needed.every((n) => have.has(n))) return false;
    const scope =
      match === null
        ? ""
        : `,scope="repository:${match[1]}:pull${needed[0]?.endsWith("push") ? ",push" : ""}"`;
    res.writeHead(401, {
      "content-type": "application/json",
      "www-authenticate": `Bearer realm="http://${host}/token",service="gate.test"${scope}`,
    });
    res.end(JSON.stringify({ errors: [{ code: "UNAUTHORIZED", message: "authentication required" }] }));
    return true;
  };
  return { intercept, tokenRequests };
}
