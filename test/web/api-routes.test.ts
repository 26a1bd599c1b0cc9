// The page talks only to the API routes of src/routes.ts: every call written in
// web/src/api.ts must be a route the gateway (and API Gateway) serves.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { matchRoute } from "../../src/routes.js";

const source = readFileSync(resolve(import.meta.dirname, "../../web/src/api.ts"), "utf8");

describe("the web page's API calls", () => {
  it("are all routes of src/routes.ts", () => {
    const calls = [...source.matchAll(/this\.call(?:<[^>]*>)?\("([A-Z]+)", "([^"]+)"/g)].map(
      (m): [string, string] => [m[1]!, m[2]!],
    );
    expect(calls.map(([method, path]) => `${method} ${path}`).sort()).toEqual([
      "GET /api/orders",
      "GET /api/products",
      "POST /api/login",
      "POST /api/orders",
      "POST /api/register",
    ]);
    for (const [method, path] of calls) expect(matchRoute(method, path), `${method} ${path}`).toBeDefined();
  });

  it("go to the page's own origin: no absolute URL anywhere in the page's code", () => {
    for (const file of ["api.ts", "main.ts"]) {
      const code = readFileSync(resolve(import.meta.dirname, "../../web/src", file), "utf8");
      expect(code, file).not.toMatch(/https?:\/\//);
    }
  });
});
