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

  it("the README names the Node 20 release the test tools need, in both halves", () => {
    // The first 20.x that every dev package admitting Node 20 at all admits.
    const wants = Object.values(lock.packages)
      .filter((entry) => entry.dev)
      .map((entry) => (entry.engines as { node?: string } | undefined)?.node)
      .filter((node): node is string => typeof node === "string" && semver.intersects(node, "20.x"));
    const minor = Array.from({ length: 60 }, (_, m) => m).find((m) =>
      wants.every((node) => semver.satisfies(`20.${m}.0`, node)),
    );
    expect(minor).toBeDefined();
    const readme = readFileSync(resolve(root, "README.md"), "utf8");
    const needs = `Node 20.${minor} or newer`;
    expect(readme).toContain(needs);
    expect(readme).toContain(`Node 20.${minor} o más nuevo`);
  });
});
