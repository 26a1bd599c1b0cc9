// Helpers for tests that check messages against the catalogues.
import { expect } from "vitest";
import { MsdemoError } from "../../src/errors.js";
import type { MessageKey, ParamsArgument } from "../../src/i18n/index.js";

export type Catalogue = Record<MessageKey, string>;

/** A catalogue entry with its `{placeholders}` filled, as t() fills them. */
export function fill<Key extends MessageKey>(
  catalogue: Catalogue,
  key: Key,
  ...[params]: ParamsArgument<Key>
): string {
  const values: Readonly<Record<string, string | number>> = params ?? {};
  return catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The MsdemoError `run` throws (fails the test if it throws nothing or something else). */
export function thrown(run: () => unknown): MsdemoError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MsdemoError);
    return error as MsdemoError;
  }
  throw new Error("expected an error");
}
