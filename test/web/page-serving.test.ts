// The local gateway serving the built web page (dist/web, from `npm run build`,
// which vitest's globalSetup runs first): the right bytes, content types and cache
// headers, and nothing outside the page's folder. No services are attached: the
// page and the route index need none.
import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type LocalGateway, ROUTE_INDEX_PATH } from "../../src/local/gateway.js";
import { CACHE_IMMUTABLE, defaultWebRoot } from "../../src/local/web-page.js";

const webRoot = defaultWebRoot();
let gateway: LocalGateway;
let base: string;

beforeAll(async () => {
  gateway = createGateway(() => undefined, undefined, webRoot);
  await new Promise<void>((done) => gateway.server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => gateway.server.close(() => done())));

/** fetch unpacks gzip on its own; node:http shows the bytes that went over the wire. */
function raw(path: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; header(name: string): string | undefined; bytes: Buffer }>(
    (done, fail) => {
      // The path goes out as written (no URL normalising on this side).
      const { hostname, port } = new URL(base);
      const req = request({ hostname, port, path, method, headers, timeout: 10_000 }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.once("end", () =>
          done({
            status: answer.statusCode ?? 0,
            header: (name) => answer.headers[name] as string | undefined,
            bytes: Buffer.concat(chunks),
          }),
        );
      });
      req.once("timeout", () => req.destroy(new Error(`no answer for ${path}`)));
      req.once("error", fail);
      req.end();
    },
  );
}

describe("the local gateway serves the web page", () => {
  it("GET / is the built index.html, never cached, with a content security policy", async () => {
    const { status, header, bytes } = await raw("/");
    expect(status).toBe(200);
    expect(header("content-type")).toBe("text/html; charset=utf-8");
    expect(header("cache-control")).toBe("no-cache");
    expect(header("content-security-policy")).toContain("default-src 'self'");
    expect(bytes.equals(readFileSync(join(webRoot, "index.html")))).toBe(true);
  });

  it("every asset index.html names is served immutable, with its type, and gzipped when asked", async () => {
    const html = (await raw("/")).bytes.toString();
    const named = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]!);
    expect(named.sort()).toEqual(readdirSync(join(webRoot, "assets")).sort());
    expect(named.some((name) => /^main-[A-Z0-9]{8}\.js$/.test(name))).toBe(true);
    expect(named.some((name) => /^style-[A-Z0-9]{8}\.css$/.test(name))).toBe(true);
    for (const name of named) {
      const onDisk = readFileSync(join(webRoot, "assets", name));
      const plain = await raw(`/assets/${name}`);
      expect(plain.status, name).toBe(200);
      expect(plain.header("content-encoding"), name).toBeUndefined();
      expect(plain.header("content-type"), name).toBe(
        name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8",
      );
      expect(plain.header("cache-control"), name).toBe(CACHE_IMMUTABLE);
      expect(plain.bytes.equals(onDisk), name).toBe(true);
      const zipped = await raw(`/assets/${name}`, { "accept-encoding": "gzip, br" });
      expect(zipped.header("content-encoding"), name).toBe("gzip");
      expect(gunzipSync(zipped.bytes).equals(onDisk), name).toBe(true);
      expect(zipped.bytes.length, name).toBeLessThan(onDisk.length);
    }
  });

  it("HEAD answers the headers without a body", async () => {
    const get = await raw("/");
    const head = await raw("/", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.header("content-length")).toBe(String(get.bytes.length));
    expect(head.header("content-type")).toBe(get.header("content-type"));
    expect(head.bytes.length).toBe(0);
  });

  it("answers 404 for unknown assets and for paths that try to leave the page's folder", async () => {
    for (const path of [
      "/assets/main-NOTBUILT.js",
      "/assets/../../package.json",
      "/assets/%2e%2e%2f%2e%2e%2fpackage.json",
      "/assets/..%2F..%2Fpackage.json",
      "/assets/sub/x.js",
      "/assets/readme.txt",
    ]) {
      const { status, bytes } = await raw(path);
      expect(status, path).toBe(404);
      expect(bytes.toString(), path).not.toContain('"name": "msdemo"');
    }
  });

  it("the route index moved to its own path; unknown API paths are still JSON 404s", async () => {
    const index = await fetch(`${base}${ROUTE_INDEX_PATH}`);
    expect(index.status).toBe(200);
    expect(await index.json()).toMatchObject({
      routes: expect.arrayContaining([{ route: "POST /api/login", service: "auth" }]),
    });
    const unknown = await fetch(`${base}/api/unknown`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toBe("application/json");
  });

  it("says to build the page when dist/web is missing", async () => {
    const bare = createGateway(() => undefined, undefined, resolve(webRoot, "no-such-folder"));
    await new Promise<void>((done) => bare.server.listen(0, "127.0.0.1", done));
    try {
      const response = await fetch(`http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("npm run build");
    } finally {
      await new Promise<void>((done) => bare.server.close(() => done()));
    }
  });
});
