// The web page (built into dist/web by scripts/build-web.mjs) served by the local
// gateway at `/`, on the same origin as the API, as CloudFront serves it on AWS.
// Hashed assets never change under their name: cached for a year, immutable.
// index.html names the current ones: revalidated on every load.
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { packageRoot } from "../package-root.js";

export const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

export const CACHE_IMMUTABLE = "public, max-age=31536000, immutable";
export const CACHE_REVALIDATE = "no-cache";

/** The page may load only its own files and call only its own origin. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** An asset name as the build writes it: no folders, no dot-dot. */
const ASSET_PATH = /^\/assets\/[A-Za-z0-9_-]+\.(js|css)$/;

export function defaultWebRoot(): string {
  return join(packageRoot(), "dist", "web");
}

/** Is this request for the page rather than the API? */
export function isPageRequest(method: string, pathname: string): boolean {
  return (
    (method === "GET" || method === "HEAD") &&
    (pathname === "/" || pathname === "/index.html" || pathname.startsWith("/assets/"))
  );
}

/** Answers a page request; resolves to the status sent. */
export async function servePage(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  webRoot: string,
): Promise<number> {
  const isIndex = pathname === "/" || pathname === "/index.html";
  if (!isIndex && !ASSET_PATH.test(pathname)) return notFound(res);
  const file = isIndex ? "index.html" : pathname.slice(1);
  let body: Buffer;
  try {
    body = await readFile(join(webRoot, file));
  } catch {
    return notFound(res);
  }
  const headers: Record<string, string> = {
    "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
    "cache-control": isIndex ? CACHE_REVALIDATE : CACHE_IMMUTABLE,
    "x-content-type-options": "nosniff",
    vary: "accept-encoding",
  };
  if (isIndex) {
    headers["content-security-policy"] = CONTENT_SECURITY_POLICY;
    headers["referrer-policy"] = "no-referrer";
  }
  if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
    body = gzipSync(body);
    headers["content-encoding"] = "gzip";
  }
  headers["content-length"] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
  return 200;
}

function notFound(res: ServerResponse): number {
  // Plain text: a person is reading this in a browser. The API's contract (and the gateway's JSON errors) is English.
  res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "cache-control": CACHE_REVALIDATE });
  res.end("Not found. If this is the page itself, build it first: npm run build\n");
  return 404;
}
