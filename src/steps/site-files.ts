// The built web page (dist/web, from scripts/build-web.mjs) as the site step
// uploads it: each file's key, bytes, MD5 (what S3 reports as the ETag of a
// plain upload, so a rerun compares without reading anything back) and cache
// headers. Files under assets/ carry a content hash in their name: cached for
// a year, immutable. Everything else (index.html) is revalidated on each load.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { CACHE_IMMUTABLE, CACHE_REVALIDATE, CONTENT_TYPES } from "../local/web-page.js";

export interface SiteFile {
  key: string;
  body: Uint8Array;
  /** MD5 of the body, hex: compared with the object's ETag. */
  md5: string;
  md5Base64: string;
  contentType: string;
  cacheControl: string;
}

/** Where the build puts content-hashed files. */
const HASHED_DIR = "assets/";

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** Every file of the built page, sorted by key; fails clearly when the page was not built. */
export async function readSiteFiles(webRoot: string): Promise<SiteFile[]> {
  let paths: string[];
  try {
    paths = await walk(webRoot);
  } catch {
    paths = [];
  }
  if (!paths.some((p) => relative(webRoot, p) === "index.html")) {
    throw new MsdemoError(t("site.notBuilt", { dir: webRoot }), { hint: t("site.notBuilt.hint") });
  }
  const files: SiteFile[] = [];
  for (const path of paths) {
    const key = relative(webRoot, path).split(sep).join("/");
    // Source maps stay on the machine: the page does not need them.
    if (key.endsWith(".map")) continue;
    const body = await readFile(path);
    const md5 = createHash("md5").update(body);
    const digest = md5.digest();
    files.push({
      key,
      body,
      md5: digest.toString("hex"),
      md5Base64: digest.toString("base64"),
      contentType: CONTENT_TYPES[extname(key)] ?? "application/octet-stream",
      cacheControl: key.startsWith(HASHED_DIR) ? CACHE_IMMUTABLE : CACHE_REVALIDATE,
    });
  }
  return files.sort((a, b) => a.key.localeCompare(b.key));
}
