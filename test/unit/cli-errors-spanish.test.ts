// Errors from Node and libraries, and the prompts' own words, in the user's
// language: each case in Spanish and, word for word as before, in English.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import { confirm, select } from "@inquirer/prompts";
import { afterEach, describe, expect, it } from "vitest";
import { confirmAnswer, localizedConfirm, selectTheme } from "../../src/cli/prompts.js";
import { en } from "../../src/i18n/en.js";
import { es } from "../../src/i18n/es.js";
import { setLanguage } from "../../src/i18n/index.js";
import { explainKubeError } from "../../src/kube/errors.js";
import { kubeConfigFor } from "../../src/kube/kubeconfig.js";
import { networkProblem } from "../../src/smoke/smoke.js";
import { type Catalogue, fill, thrown } from "../support/catalogue.js";
import { tempDir, waitUntil } from "../support/process.js";

const LANGS = [
  ["es", es as Catalogue],
  ["en", en as Catalogue],
] as const;

afterEach(() => setLanguage("en"));

/** A prompt driven by fake streams: what it drew, and its answer. Keys go in once `shown` is drawn. */
async function drive<T>(
  shown: string,
  start: (context: { input: PassThrough; output: Writable }) => Promise<T>,
  keys: (input: PassThrough) => void,
): Promise<{ screen: string; answer: T }> {
  const input = new PassThrough();
  let screen = "";
  const output = new Writable({
    write(chunk, _encoding, callback) {
      screen += chunk.toString();
      callback();
    },
  });
  const answer = start({ input, output });
  await waitUntil(() => stripVTControlCharacters(screen).includes(shown), `the prompt "${shown}" drawn`);
  const before = stripVTControlCharacters(screen);
  keys(input);
  const value = await answer;
  return { screen: `${before}\n${stripVTControlCharacters(screen)}`, answer: value };
}

describe("prompts", () => {
  it("confirm in Spanish shows (S/n), accepts s/sí/si/y/yes and n/no, and echoes Sí/No", async () => {
    setLanguage("es");
    for (const text of ["s", "sí", "si", "Sí", "y", "yes", "S"])
      expect(confirmAnswer(text, false)).toBe(true);
    for (const text of ["n", "no", "No"]) expect(confirmAnswer(text, true)).toBe(false);
    expect(confirmAnswer("", true)).toBe(true);
    expect(confirmAnswer("quizá", false)).toBe(false);

    const yes = await drive(
      "¿Seguir?",
      (context) => localizedConfirm({ message: "¿Seguir?", default: false }, context),
      (input) => input.write("sí\r"),
    );
    expect(yes.answer).toBe(true);
    expect(yes.screen).toContain("¿Seguir? (s/N)");
    expect(yes.screen).toMatch(/¿Seguir\? Sí/);

    const fallback = await drive(
      "¿Borrar?",
      (context) => localizedConfirm({ message: "¿Borrar?", default: true }, context),
      (input) => input.write("\r"),
    );
    expect(fallback.answer).toBe(true);
    expect(fallback.screen).toContain("¿Borrar? (S/n)");
    expect(fallback.screen).toMatch(/¿Borrar\? Sí/);

    const no = await drive(
      "¿Borrar?",
      (context) => localizedConfirm({ message: "¿Borrar?", default: true }, context),
      (input) => input.write("no\r"),
    );
    expect(no.answer).toBe(false);
    expect(no.screen).toMatch(/¿Borrar\? No/);
  });

  it("confirm in English is drawn and answers exactly as inquirer's own", async () => {
    setLanguage("en");
    for (const [keys, fallback] of [
      ["y\r", false],
      ["no\r", true],
      ["\r", true],
      ["\r", false],
    ] as const) {
      const ours = await drive(
        "Go ahead?",
        (context) => localizedConfirm({ message: "Go ahead?", default: fallback }, context),
        (input) => input.write(keys),
      );
      const inquirers = await drive(
        "Go ahead?",
        (context) => confirm({ message: "Go ahead?", default: fallback }, context),
        (input) => input.write(keys),
      );
      expect(ours.answer, JSON.stringify(keys)).toBe(inquirers.answer);
      expect(ours.screen, JSON.stringify(keys)).toBe(inquirers.screen);
    }
  });

  it("select's key help is Spanish in Spanish, and in English drawn exactly as inquirer's own", async () => {
    const choices = [
      { value: "a", name: "uno" },
      { value: "b", name: "dos" },
    ];
    setLanguage("es");
    const spanish = await drive(
      "¿Y ahora?",
      (context) => select({ message: "¿Y ahora?", choices, theme: selectTheme() }, context),
      (input) => input.write("\r"),
    );
    expect(spanish.answer).toBe("a");
    expect(spanish.screen).toContain("↑↓ moverse • ⏎ elegir");
    expect(spanish.screen).not.toMatch(/navigate/);

    setLanguage("en");
    const ours = await drive(
      "What now?",
      (context) => select({ message: "What now?", choices, theme: selectTheme() }, context),
      (input) => input.write("\r"),
    );
    const inquirers = await drive(
      "What now?",
      (context) => select({ message: "What now?", choices }, context),
      (input) => input.write("\r"),
    );
    expect(ours.screen).toContain("↑↓ navigate • ⏎ select");
    expect(ours.screen).toBe(inquirers.screen);
  });
});

describe("smoke notes", () => {
  it("a refused connection and a timeout become codes; other errors keep their text", async () => {
    const refused = await fetch("http://127.0.0.1:1/").catch((e: unknown) => e);
    expect(networkProblem(refused)).toBe("unreachable");
    const timeout = await fetch("http://127.0.0.1:1/", { signal: AbortSignal.timeout(0) }).catch(
      (e: unknown) => e,
    );
    expect(["timeout", "unreachable"]).toContain(networkProblem(timeout));
    expect(networkProblem(new DOMException("The operation was aborted due to timeout", "TimeoutError"))).toBe(
      "timeout",
    );
    expect(networkProblem(new Error("something else"))).toBe("something else");
  });
});

describe("kubeconfig that cannot be read", () => {
  for (const [lang, catalogue] of LANGS) {
    it(`a folder or bad YAML names the file (${lang})`, () => {
      setLanguage(lang);
      const dir = tempDir("kubeconfig-bad");
      const folder = thrown(() => kubeConfigFor({ kind: "file", path: dir }));
      expect(folder.message).toBe(
        fill(catalogue, "error.kubeconfig.unreadable", {
          file: dir,
          reason: fill(catalogue, "error.fs.EISDIR"),
        }),
      );
      expect(folder.hint).toBe(fill(catalogue, "error.kubeconfig.unreadable.hint"));
      expect(folder.exitCode).toBe(2);

      const file = join(dir, "bad.yaml");
      writeFileSync(file, "clusters: [unclosed\n  - : :\n");
      const yaml = thrown(() => kubeConfigFor({ kind: "file", path: file }));
      const prefix = fill(catalogue, "error.kubeconfig.unreadable", { file, reason: "" });
      expect(yaml.message.startsWith(prefix)).toBe(true);
      expect(yaml.message.length).toBeGreaterThan(prefix.length);
    });
  }
});

describe("explainKubeError on an unreachable cluster", () => {
  const host = "abc.gr7.us-east-1.eks.amazonaws.com";
  const fetchError = Object.assign(
    new Error(
      `request to https://${host}/api/v1/namespaces/demo/pods?labelSelector=app failed, reason: getaddrinfo ENOTFOUND ${host}`,
    ),
    { name: "FetchError", code: "ENOTFOUND", errno: "ENOTFOUND", type: "system" },
  );

  for (const [lang, catalogue] of LANGS) {
    it(`words it from the catalogue, with the host and the hint (${lang})`, () => {
      setLanguage(lang);
      const error = explainKubeError(fetchError, "Listing");
      expect(error.message).toBe(fill(catalogue, "error.kube.unreachable", { doing: "Listing", host }));
      expect(error.hint).toBe(fill(catalogue, "kube.errors.unreachable.hint"));
      expect(error.message).not.toMatch(/request to|getaddrinfo/);

      const bare = explainKubeError(
        Object.assign(new TypeError("fetch failed"), {
          cause: { code: "ECONNREFUSED", address: "10.0.0.1", port: 443 },
        }),
        "Listing",
      );
      expect(bare.message).toBe(
        fill(catalogue, "error.kube.unreachable", { doing: "Listing", host: "10.0.0.1:443" }),
      );
    });
  }

  it("other errors keep their wording", () => {
    expect(explainKubeError(new Error("boom\nbody"), "Listing").message).toBe("Listing: boom");
  });
});
