// Messages in the user's language: --lang, else MSDEMO_LANG, else the locale
// (LC_ALL, LC_MESSAGES, LANG starting with "es" → Spanish), else English.
//
// How to add a message
// 1. Pick the area file by the key's prefix: "cost.*" lives in ./areas/cost.ts,
//    "learnerLab.*" in ./areas/learner-lab.ts; a file holds only its own prefix.
//    A new area gets a new file, merged into ./en.ts and ./es.ts.
// 2. Add the English text to `en` and the Spanish one, same key, to `es`.
//    Values are filled into `{name}` placeholders; the Spanish text must use the
//    same ones (the compiler and test/unit/i18n.test.ts check it).
// 3. Call t("area.key", { name }). The compiler reads the placeholders from the
//    English text: a missing, misspelt or extra parameter does not typecheck, and
//    a message without placeholders takes no parameters. A key picked at run time
//    must have a literal union type (t(`smoke.call.${id}`) with id a union, or a
//    Record<…, PlainMessageKey> table); it then takes the parameters of all its keys.
import { en, type MessageKey } from "./en.js";
import { es } from "./es.js";
import type { Placeholders } from "./types.js";

export type { MessageKey } from "./en.js";
export const LANGUAGES = ["en", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The parameters the message `key` fills: one per `{name}` in its English text. */
export type MessageParams<Key extends MessageKey> = {
  readonly [Name in Placeholders<(typeof en)[Key]>]: string | number;
};
/** t()'s arguments after the key: none for a message without placeholders. */
export type ParamsArgument<Key extends MessageKey> = [Placeholders<(typeof en)[Key]>] extends [never]
  ? []
  : [params: MessageParams<Key>];
/** A message that takes no parameters (a word, a label, a heading). */
export type PlainMessageKey = {
  [Key in MessageKey]: [Placeholders<(typeof en)[Key]>] extends [never] ? Key : never;
}[MessageKey];

const CATALOGUES: Record<Language, Readonly<Record<MessageKey, string>>> = { en, es };
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
export function t<Key extends MessageKey>(key: Key, ...[params]: ParamsArgument<Key>): string {
  return fill(key, params ?? {});
}

/** A message kept as data until shown (a schema's error text holds its key and
 * parameters): the parameters were checked where it was stored, with ParamsArgument. */
export function storedMessage(key: MessageKey, params: Readonly<Record<string, string>>): string {
  return fill(key, params);
}

function fill(key: MessageKey, params: Readonly<Record<string, string | number>>): string {
  const template = CATALOGUES[current][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A code word (a state, an action, a field) in the user's language when `words` knows it, else as it is. */
export function wordFor(words: Readonly<Record<string, PlainMessageKey>>, word: string): string {
  return Object.hasOwn(words, word) ? t(words[word]!) : word;
}

export function catalogue(lang: Language): Readonly<Record<MessageKey, string>> {
  return CATALOGUES[lang];
}
