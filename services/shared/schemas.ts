// JSON-schema pieces the services share, and the words for their patterns:
// "must match pattern ^(?=.*\S)…$" tells a caller nothing.
import type { FastifySchemaValidationError } from "fastify";

const TEXT_PATTERN = "^(?=.*\\S)[^\\u0000-\\u001F\\u007F]+$";
const USERNAME_PATTERN = "^[\\p{L}\\p{M}\\p{N}_.-]+$";

const PATTERN_WORDS: Record<string, string> = {
  [TEXT_PATTERN]: "must contain a visible character and no control characters",
  [USERNAME_PATTERN]: "may contain only letters and digits (of any script), '_', '.' and '-'",
};

/** Free text for a column: no control characters (PostgreSQL refuses NUL), not only spaces. */
export function text(maxLength: number) {
  return { type: "string", minLength: 1, maxLength, pattern: TEXT_PATTERN } as const;
}

/** A username: letters and digits of any script (josé, 李小龙), combining marks, _ . - */
export function usernameField(minLength: number, maxLength: number) {
  return { type: "string", minLength, maxLength, pattern: USERNAME_PATTERN } as const;
}

/** fastify's wording (`body/quantity must be integer`), with patterns said in words. */
export function describeValidationErrors(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const said = errors.map((error) => {
    const pattern = error.keyword === "pattern" ? PATTERN_WORDS[String(error.params.pattern)] : undefined;
    return `${dataVar}${error.instancePath} ${pattern ?? error.message}`;
  });
  return new Error(said.join(", "));
}
