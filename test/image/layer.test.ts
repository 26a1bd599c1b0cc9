import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildAppLayer, sourceDateEpoch } from "../../src/image/app-layer.js";
import { sha256Digest } from "../../src/image/digest.js";
import { createLayer } from "../../src/image/layer.js";
import { tempDir } from "../support/process.js";
import { unpackLayer } from "./helpers.js";

const ROOT = resolve(import.meta.dirname, "../..");
const FIXTURE = join(ROOT, "test/image/fixtures/hello");

/** A copy of the fixture in a fresh directory (a second "checkout"), sharing node_modules. */
function checkout(): { root: string; entry: string } {
  const root = tempDir("checkout");
  mkdirSync(join(root, "test/image/fixtures"), { recursive: true });
  cpSync(FIXTURE, join(root, "test/image/fixtures/hello"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
  // esbuild reads `"type"` from the nearest package.json; a real checkout has the project's.
  writeFileSync(join(root, "package.json"), readFileSync(join(ROOT, "package.json")));
  return { root, entry: join(root, "test/image/fixtures/hello/server.ts") };
}

describe("createLayer", () => {
  it("writes sorted entries with parent directories, fixed owner, modes and mtime, and no names", async () => {
    const layer = await createLayer(
      [
        { path: "app/server.js", content: Buffer.from("console.log(1)") },
        { path: "app/package.json", content: Buffer.from("{}") },
      ],
      { mtimeSeconds: 1_700_000_000 },
    );
    const entries = await unpackLayer(layer.blob, tempDir("unpack"));
    expect(entries.map((e) => [e.name, e.type, e.mode])).toEqual([
      ["app/", "directory", 0o755],
      ["app/package.json", "file", 0o644],
      ["app/server.js", "file", 0o644],
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ uid: 0, gid: 0, uname: "", gname: "", mtime: 1_700_000_000_000 });
    }
  });

  it("gives the same bytes whatever order the files come in", async () => {
    const a = { path: "app/a.js", content: Buffer.from("a") };
    const b = { path: "app/b.js", content: Buffer.from("b") };
    const first = await createLayer([a, b]);
    const second = await createLayer([b, a]);
    expect(second.digest).toBe(first.digest);
    expect(second.blob.equals(first.blob)).toBe(true);
  });

  it("reports the compressed digest and the diff id of the uncompressed tar", async () => {
    const layer = await createLayer([{ path: "app/x", content: Buffer.from("x") }]);
    expect(layer.digest).toBe(sha256Digest(layer.blob));
    expect(layer.diffId).toBe(sha256Digest(gunzipSync(layer.blob)));
    expect(layer.size).toBe(layer.blob.byteLength);
  });

  it("writes a gzip header with no timestamp, no file name and a fixed OS byte", async () => {
    const { blob } = await createLayer([{ path: "app/x", content: Buffer.from("x") }]);
    expect([...blob.subarray(0, 3)]).toEqual([0x1f, 0x8b, 8]);
    expect(blob[3]).toBe(0); // FLG: no FNAME, no FEXTRA, no FCOMMENT
    expect(blob.readUInt32LE(4)).toBe(0); // MTIME
    expect(blob[9]).toBe(3); // OS: Unix, on every platform
  });

  it("gives pinned digests for pinned input, so every machine and Node build agrees", async () => {
    // A change here changes every user's app layer digest (and re-pushes it): make it on purpose.
    const layer = await createLayer([
      { path: "app/server.js", content: Buffer.from("console.log('hello');\n") },
      { path: "app/package.json", content: Buffer.from('{"type":"module"}\n') },
    ]);
    expect(layer.diffId).toBe("sha256:f80530e4e1bab6a596ba289c2c47aaa3371ea41859dc125117327c4286d27c12");
    expect(layer.digest).toBe("sha256:feb6931edd2bff1d5dbbd4562a5faa844531e91d39fa60ec60199601e148e24b");
  });

  it("rejects paths that would escape the layer root", async () => {
    await expect(createLayer([{ path: "app/../../etc/passwd", content: Buffer.from("") }])).rejects.toThrow(
      /invalid layer path/,
    );
  });

  it("changes the digest when the mtime changes", async () => {
    const files = [{ path: "app/x", content: Buffer.from("x") }];
    expect((await createLayer(files, { mtimeSeconds: 1 })).digest).not.toBe(
      (await createLayer(files)).digest,
    );
  });
});

describe("buildAppLayer", () => {
  it("gives the same digest from two checkouts in different directories", async () => {
    const one = checkout();
    const two = checkout();
    expect(one.root).not.toBe(two.root);
    const a = await buildAppLayer({ entry: one.entry, rootDir: one.root, mtimeSeconds: 0 });
    const b = await buildAppLayer({ entry: two.entry, rootDir: two.root, mtimeSeconds: 0 });
    const here = await buildAppLayer({ entry: join(FIXTURE, "server.ts"), rootDir: ROOT, mtimeSeconds: 0 });
    expect(b.digest).toBe(a.digest);
    expect(b.diffId).toBe(a.diffId);
    expect(here.digest).toBe(a.digest);
  });

  it("holds a self-contained ESM bundle and its package.json", async () => {
    const layer = await buildAppLayer({ entry: join(FIXTURE, "server.ts"), rootDir: ROOT, mtimeSeconds: 0 });
    const root = tempDir("app-layer");
    const entries = await unpackLayer(layer.blob, root);
    expect(entries.map((e) => e.name)).toEqual(["app/", "app/package.json", "app/server.js"]);
    expect(JSON.parse(readFileSync(join(root, "app/package.json"), "utf8"))).toMatchObject({
      type: "module",
    });
    const server = readFileSync(join(root, "app/server.js"), "utf8");
    expect(server).not.toMatch(/from\s*"fastify"/);
    expect(server).not.toContain(ROOT);
  });

  it("names the failing file when bundling fails", async () => {
    const root = tempDir("broken");
    writeFileSync(
      join(root, "server.ts"),
      'import { nothing } from "./missing.js";\nconsole.log(nothing);\n',
    );
    await expect(
      buildAppLayer({ entry: join(root, "server.ts"), rootDir: root, mtimeSeconds: 0 }),
    ).rejects.toThrow(/Bundling .*server\.ts failed: Could not resolve "\.\/missing\.js"/);
  });
});

describe("sourceDateEpoch", () => {
  it("takes SOURCE_DATE_EPOCH when it is a non-negative integer, else 0", () => {
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: "1700000000" })).toBe(1_700_000_000);
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: "yesterday" })).toBe(0);
    expect(sourceDateEpoch({})).toBe(0);
  });
});
