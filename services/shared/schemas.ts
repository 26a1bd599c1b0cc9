// JSON-schema pieces the services share.

/** Free text for a column: no control characters (PostgreSQL refuses NUL), not only spaces. */
export function text(maxLength: number) {
  return {
    type: "string",
    minLength: 1,
    maxLength,
    pattern: "^(?=.*\\S)[^\\u0000-\\u001F\\u007F]+$",
  } as const;
}

/** The `{error, message}` body every error answer carries, for documentation and tests. */
export const errorBody = {
  type: "object",
  properties: { error: { type: "string" }, message: { type: "string" } },
} as const;
