import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { es } from "../../src/i18n/es.js";
import { detectLanguage, setLanguage, t } from "../../src/i18n/index.js";
import { runCli } from "../support/cli.js";

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

  it("picks the language from --lang, then MSDEMO_LANG, then the locale", () => {
    expect(detectLanguage(["--lang", "es"], { LANG: "en_US.UTF-8" })).toBe("es");
    expect(detectLanguage(["--lang=en"], { MSDEMO_LANG: "es" })).toBe("en");
    expect(detectLanguage([], { MSDEMO_LANG: "es", LANG: "en_US" })).toBe("es");
    expect(detectLanguage([], { LANG: "es_CL.UTF-8" })).toBe("es");
    expect(detectLanguage([], { LC_ALL: "es_ES", LANG: "en_US" })).toBe("es");
    expect(detectLanguage([], { LANG: "C.UTF-8" })).toBe("en");
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
  /\.(description|option|argument|helpOption|showHelpAfterError|write)\(|new (UsageError|MsdemoError)\(|ask(Confirm|Text|Choice)\(|hint:|message:|name: "/;
// A quoted literal that reads like prose: a capital or a word, a space, more words.
const PROSE = /(["'`])[A-Za-z(][^"'`]*[a-z]{2,} [a-z][^"'`]*\1/;
const SCANNED = [
  "src/cli",
  "src/ui",
  "src/engine",
  "src/state",
  "src/aws/errors.ts",
  "src/aws/learner-lab.ts",
  "src/config.ts",
  "src/errors.ts",
];

function isHardCoded(line: string): boolean {
  const code = line.replace(/\/\/.*$/, "");
  return MESSAGE_CALLS.test(code) && PROSE.test(code.replace(/t\("[^"]+"/g, ""));
}

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full).flatMap((name) => files(join(path, name)));
}

describe("no hard-coded messages", () => {
  it("the detector sees a hard-coded message and passes a catalogued one", () => {
    expect(isHardCoded('process.stderr.write("Names differ: nothing was deleted.\\n");')).toBe(true);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
    expect(isHardCoded("throw new UsageError(`step ${id} needs the ${missing} step`);")).toBe(true);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
    expect(isHardCoded('process.stderr.write(`${t("prompt.namesDiffer")}\\n`);')).toBe(false);
  });

  it("the CLI, UI, engine and state speak only through the catalogues", () => {
    const offenders: string[] = [];
    for (const file of SCANNED.flatMap(files).filter((f) => f.endsWith(".ts"))) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (isHardCoded(line)) {
            offenders.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
          }
        });
    }
    expect(offenders).toEqual([]);
  });

  it("help and errors come out in Spanish with --lang es", async () => {
    const help = await runCli(["--help", "--lang", "es"]);
    expect(help.stdout).toMatch(/^Uso: msdemo/m);
    expect(help.stdout.replace(/\s+/g, " ")).toContain(es["help.teardown"]);
    expect(help.stdout).toContain("Comandos:");
    const bad = await runCli(["plan", "--stack", "Mal"], {
      env: { MSDEMO_LANG: "es", AWS_REGION: "us-east-1" },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(es["validation.stack"]);
    const unknown = await runCli(["status", "--nada"], { env: { LANG: "es_CL.UTF-8" } });
    expect(unknown.stderr).toContain("opción desconocida '--nada'");
  });
});
