import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureDir } from "../../src/state/ensure-dir.js";
import { tempDir } from "../support/process.js";

describe("ensureDir", () => {
  it("makes a folder and its missing parents with the given mode, and is quiet when it exists", () => {
    const root = tempDir("ensure");
    const deep = join(root, "a", "b", "c");
    ensureDir(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(statSync(join(root, "a")).mode & 0o777).toBe(0o700);
    ensureDir(deep);
    expect(existsSync(deep)).toBe(true);
  });

  it("fails at once where a folder cannot be made", () => {
    const root = tempDir("ensure");
    writeFileSync(join(root, "file"), "");
    expect(() => ensureDir(join(root, "file", "sub"))).toThrow(/ENOTDIR|EEXIST/);
    expect(() => ensureDir("/proc/msdemo-nowhere/x")).toThrow(/ENOENT/);
  });
});
