import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { es } from "../../src/i18n/es.js";
import { detectLanguage, setLanguage, t } from "../../src/i18n/index.js";
import type { Spanish } from "../../src/i18n/types.js";

const ROOT = resolve(import.meta.dirname, "../..");
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
  it("English and Spanish have the same keys", () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it("every Spanish message fills the same placeholders as the English one", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(es[key]), key).toEqual(placeholders(en[key]));
      expect(es[key].trim(), key).not.toBe("");
    }
  });

  it("each area file holds the keys of one prefix, and no key is in two files", async () => {
    const dir = join(ROOT, "src/i18n/areas");
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    const strays: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      // cost.ts holds "cost.*"; learner-lab.ts holds "learnerLab.*".
      const prefix = file.replace(/\.ts$/, "").replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
      const area = (await import(join(dir, file))) as { en: object; es: object };
      expect(Object.keys(area.es).sort(), file).toEqual(Object.keys(area.en).sort());
      for (const key of Object.keys(area.en)) {
        if (!key.startsWith(`${prefix}.`)) strays.push(`${key} in ${file}`);
        if (seen.has(key)) clashes.push(`${key}: ${seen.get(key)} and ${file}`);
        seen.set(key, file);
      }
    }
    expect(strays).toEqual([]);
    expect(clashes).toEqual([]);
    expect(seen.size).toBe(Object.keys(en).length);
  });

  it("types each message's parameters from its English text", () => {
    // The @ts-expect-error lines are checked by `tsc`: if one of these mistakes
    // stopped being a type error, the typecheck would fail on the unused directive.
    const mistakes = () => [
      // @ts-expect-error: {name} is missing
      t("ownership.otherStack", { resource: "ECR repository", stack: "demo" }),
      // @ts-expect-error: no parameters at all
      t("ownership.otherStack"),
      // @ts-expect-error: misspelt parameter
      t("ownership.otherStack", { resource: "ECR repository", nam: "x", stack: "demo" }),
      // @ts-expect-error: a message without placeholders takes no parameters
      t("prompt.goAhead", { name: "x" }),
    ];
    // @ts-expect-error: not a key
    const notAKey = () => t("registry.nope");
    // @ts-expect-error: the Spanish text lost the {name} placeholder
    const lost: Spanish<{ "x.y": "Hello {name} in {place}" }> = { "x.y": "Hola en {place}" };
    const kept: Spanish<{ "x.y": "Hello {name} in {place}" }> = { "x.y": "Hola en {place}, {name}" };
    // Braces that are not placeholders ("{{ {name} }}", "{proxy+}") need no parameter.
    expect(t("gateway.deviation.proxy")).toContain("{proxy+}");
    expect(t("kube.render.noValue", { name: "image" })).toBe(
      "{{ image }} has no value (unknown placeholder).",
    );
    expect(
      t("ownership.otherStack", { resource: "ECR repository", name: "orders", stack: "demo" }),
    ).toContain('"demo"');
    // What the compiler refuses would show a bare placeholder, or crash on a missing key.
    expect(mistakes().slice(0, 3)).toEqual(
      expect.arrayContaining([expect.stringContaining("{name}"), expect.stringContaining("{stack}")]),
    );
    expect(notAKey).toThrow();
    expect(placeholders(lost["x.y"])).toEqual(["place"]);
    expect(placeholders(kept["x.y"])).toEqual(["name", "place"]);
  });

  it("picks the language from --lang, then MSDEMO_LANG, then the locale", () => {
    expect(detectLanguage(["--lang", "es"], { LANG: "en_US.UTF-8" })).toBe("es");
    expect(detectLanguage(["--lang=en"], { MSDEMO_LANG: "es" })).toBe("en");
    expect(detectLanguage([], { MSDEMO_LANG: "es", LANG: "en_US" })).toBe("es");
    expect(detectLanguage([], { LANG: "es_CL.UTF-8" })).toBe("es");
    expect(detectLanguage([], { LC_ALL: "es_ES", LANG: "en_US" })).toBe("es");
    expect(detectLanguage([], { LANG: "C.UTF-8" })).toBe("en");
    expect(detectLanguage(["--lang=ES"], {})).toBe("es");
    // A language msdemo does not speak: the error about it follows the environment.
    expect(detectLanguage(["--lang", "fr"], { MSDEMO_LANG: "es" })).toBe("es");
  });

  it("fills parameters", () => {
    setLanguage("es");
    expect(t("run.done", { step: "network", elapsed: "3s" })).toBe("network: listo en 3s");
    setLanguage("en");
    expect(t("run.done", { step: "network", elapsed: "3s" })).toBe("network: done in 3s");
  });
});

// Where user-facing text is written: these calls must take it from the catalogue.
const MESSAGE_CALLS =
  /\.(description|option|argument|helpOption|showHelpAfterError|write|progress)\(|new (UsageError|MsdemoError|RegistryError)\(|ask(Confirm|Text|Choice)\(|\b(hint|message|detail|what|timeoutHint|note|label|resource|title):|name: "/;
// A quoted literal that reads like prose: a capital or a word, a space, more words.
const PROSE = /(["'`])[A-Za-z(][^"'`]*[a-z]{2,} [a-z][^"'`]*\1/;
const STRING = /["'`]/;
// Every module that talks to a person. Not scanned: the catalogues themselves, and
// the local gateway's JSON error bodies, which are the HTTP API's (English) contract.
const SCANNED = ["src"];
const EXEMPT = ["src/i18n/", "src/local/gateway.ts"];

/** A call that writes text with a literal that reads like prose: on its line, or on the
 * next two when the line ends open (`progress(` or `hint:` with the text below). */
function isHardCoded(lines: readonly string[], index: number): boolean {
  const code = (line: string) =>
    line
      .replace(/\/\/.*$/, "")
      .replace(/t\("[^"]+"/g, "")
      .trim();
  const first = code(lines[index]!);
  if (!MESSAGE_CALLS.test(first)) return false;
  if (STRING.test(first) || !/[(:]$/.test(first)) return PROSE.test(first);
  const next = lines
    .slice(index + 1, index + 3)
    .map(code)
    .find((line) => STRING.test(line));
  return next !== undefined && PROSE.test(next);
}

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full).flatMap((name) => files(join(path, name)));
}

describe("no hard-coded messages", () => {
  it("the detector sees a hard-coded message and passes a catalogued one", () => {
    const check = (...lines: string[]) => isHardCoded(lines, 0);
    expect(check('process.stderr.write("Names differ: nothing was deleted.\\n");')).toBe(true);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
    expect(check("throw new UsageError(`step ${id} needs the ${missing} step`);")).toBe(true);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
    expect(check("ctx.progress(", "  `Deleting node group ${name}; this takes a few minutes`,", ");")).toBe(
      true,
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
    expect(check('process.stderr.write(`${t("prompt.namesDiffer")}\\n`);')).toBe(false);
    expect(check("ctx.progress(", '  t("step.nodes.deleting", { name }),', ");")).toBe(false);
  });

  it("every module that talks to a person speaks only through the catalogues", () => {
    const offenders: string[] = [];
    const scanned = SCANNED.flatMap(files).filter(
      (f) => f.endsWith(".ts") && !EXEMPT.some((e) => relative(ROOT, f).startsWith(e)),
    );
    for (const file of scanned) {
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, i) => {
        if (isHardCoded(lines, i)) offenders.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
