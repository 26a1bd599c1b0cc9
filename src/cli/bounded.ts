// A whole-number option within its range, or bad input (exit 2) naming it.
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";

export function boundedInt(flag: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max)
    throw new UsageError(t("load.badRange", { flag, min, max, value: String(value) }));
  return number;
}
