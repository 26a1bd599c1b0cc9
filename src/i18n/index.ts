// Messages in the user's language: --lang, else MSDEMO_LANG, else the locale
// (LC_ALL, LC_MESSAGES, LANG starting with "es" → Spanish), else English.
import { en, type MessageKey } from "./en.js";
import { es } from "./es.js";

export type { MessageKey } from "./en.js";
export const LANGUAGES = ["en", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, es };
let current: Language = "en";

export function detectLanguage(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Language {
  const index = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  const fromFlag =
    index < 0 ? undefined : argv[index]!.includes("=") ? argv[index]!.split("=")[1] : argv[index + 1];
  // A --lang msdemo does not speak is reported in the language the environment asks for.
  const flag = fromFlag && /^(en|es)$/i.test(fromFlag) ? fromFlag : undefined;
  const wanted = flag ?? env.MSDEMO_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? "";
  return wanted.toLowerCase().startsWith("es") ? "es" : "en";
}

export function setLanguage(language: Language): void {
  current = language;
}

export function language(): Language {
  return current;
}

/** The message for `key` in the current language, with `{name}` filled from params. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = CATALOGUES[current][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A code word (a state, an action, a field) in the user's language when `words` knows it, else as it is. */
export function wordFor(words: Readonly<Record<string, MessageKey>>, word: string): string {
  return Object.hasOwn(words, word) ? t(words[word]!) : word;
}

export function catalogue(lang: Language): Record<MessageKey, string> {
  return CATALOGUES[lang];
}
