// package.json's engines.node must be honest: every Node version it admits must
// be admitted by every package a user installs (npm ci --omit=dev), so npm
// prints no EBADENGINE warning on the Node 20 that CloudShell has.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(resolve(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { dev?: boolean; optional?: boolean; engines?: unknown }>;
};

describe("engines.node", () => {
  it("admits Node 20", () => {
    expect(semver.intersects(pkg.engines.node, "20.x")).toBe(true);
  });

  it("admits no Node version that an installed runtime dependency refuses", () => {
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === "" || entry.dev) continue;
      const node = (entry.engines as { node?: string } | undefined)?.node;
      if (typeof node !== "string") continue;
      if (!semver.subset(pkg.engines.node, node)) refused.push(`${path} wants ${node}`);
    }
    expect(refused).toEqual([]);
  });
});
