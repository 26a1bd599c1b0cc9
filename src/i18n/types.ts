// Types that tie a message's parameters to its English template. They read a
// template the way t() does: a placeholder is `{` + letters, digits or _ + `}`;
// other braces ("{{ {name} }}", "{proxy+}") are text.

type WordCharacter =
  | "_"
  | "0"
  | "1"
  | "2"
  | "3"
  | "4"
  | "5"
  | "6"
  | "7"
  | "8"
  | "9"
  | "a"
  | "b"
  | "c"
  | "d"
  | "e"
  | "f"
  | "g"
  | "h"
  | "i"
  | "j"
  | "k"
  | "l"
  | "m"
  | "n"
  | "o"
  | "p"
  | "q"
  | "r"
  | "s"
  | "t"
  | "u"
  | "v"
  | "w"
  | "x"
  | "y"
  | "z"
  | Uppercase<"a" | "b" | "c" | "d" | "e" | "f" | "g" | "h" | "i" | "j" | "k" | "l" | "m">
  | Uppercase<"n" | "o" | "p" | "q" | "r" | "s" | "t" | "u" | "v" | "w" | "x" | "y" | "z">;

type IsWord<Text extends string> = Text extends `${infer First}${infer Rest}`
  ? First extends WordCharacter
    ? Rest extends ""
      ? true
      : IsWord<Rest>
    : false
  : false;

/** The names of a template's `{name}` placeholders, as a union (never when it has none). */
export type Placeholders<Template extends string> = Template extends `${string}{${infer After}`
  ? After extends `${infer Name}}${infer Rest}`
    ? IsWord<Name> extends true
      ? Name | Placeholders<Rest>
      : Placeholders<After>
    : never
  : never;

type Hole<Name extends string> = Name extends string ? `${string}{${Name}}${string}` : never;
type Intersection<Union> = (Union extends unknown ? (each: Union) => void : never) extends (
  all: infer All,
) => void
  ? All
  : never;

/** A string that holds every `{name}` placeholder of the English template. */
export type WithPlaceholders<Template extends string> = [Placeholders<Template>] extends [never]
  ? string
  : string & Intersection<Hole<Placeholders<Template>>>;

/** An area's Spanish messages: the English keys, each with the English placeholders. */
export type Spanish<English extends Readonly<Record<string, string>>> = {
  readonly [Key in keyof English]: WithPlaceholders<English[Key]>;
};
