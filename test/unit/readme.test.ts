// The README is for a student, in English and Spanish: both halves must say the
// same things. Checked by what translation leaves alone: the options and
// environment variables named, the commands shown, the tables and code blocks.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const readme = readFileSync(resolve(import.meta.dirname, "../../README.md"), "utf8");
const split = readme.indexOf("## Español");
const english = readme.slice(0, split);
const spanish = readme.slice(split);

const all = (text: string, pattern: RegExp) =>
  [...new Set([...text.matchAll(pattern)].map((m) => m[1]!))].sort();
const options = (text: string) => all(text, /(--[a-z][a-z0-9-]+)/g);
const variables = (text: string) => all(text, /`([A-Z][A-Z0-9_]{3,})(?:=[^`]*)?`/g);
const codeBlocks = (text: string) =>
  [...text.matchAll(/^\s*```sh\n([\s\S]*?)^\s*```/gm)].map((m) => m[1]!).join("");
const commandLines = (text: string) =>
  [...codeBlocks(text).matchAll(/^\s*(msdemo [a-z]+)/gm)].map((m) => m[1]!).sort();
const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe("README in two languages", () => {
  it("has both halves", () => {
    expect(split).toBeGreaterThan(0);
  });

  it("names the same options and environment variables in both", () => {
    expect(options(spanish)).toEqual(options(english));
    expect(variables(spanish)).toEqual(variables(english));
  });

  it("shows the same commands, code blocks and table rows in both", () => {
    expect(commandLines(english).length).toBeGreaterThan(20);
    expect(commandLines(spanish)).toEqual(commandLines(english));
    expect(count(spanish, /^```/gm)).toBe(count(english, /^```/gm));
    expect(count(spanish, /^\|/gm)).toBe(count(english, /^\|/gm));
  });

  it("gives the Node requirement, the CloudShell install line and the test tiers in both", () => {
    for (const half of [english, spanish]) {
      expect(half).toContain("20.16");
      for (const tier of ["npm test", "npm run test:unit", "npm run test:integration", "npm run test:e2e"])
        expect(half).toContain(tier);
      expect(half).toContain("bash ~/msdemo/scripts/cloudshell-install.sh");
      expect(half).toContain("smoke --url");
    }
  });
});
