// `.env` in the working directory fills only the variables the environment does
// not set, so flag > environment > .env > defaults holds for msdemo and the SDK.
// Kept apart from the settings so that `msdemo --help` loads no schema library.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";

const NAME_LINE = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*(.*)$/;

export interface DotEnv {
  path: string;
  /** The names it set. */
  set: string[];
  /** 1-based numbers of lines that are not NAME=value: skipped, the rest is kept. */
  badLines: number[];
}

/** The line after `start` that closes `quote`; -1 if the next entry (or the end) comes first. */
function closingLine(lines: string[], start: number, quote: string): number {
  for (let j = start + 1; j < lines.length; j++) {
    if (lines[j]!.includes(quote)) return j;
    if (NAME_LINE.test(lines[j]!)) return -1;
  }
  return -1;
}

/**
 * NAME=value lines; a quoted value may span lines up to its closing quote.
 * Each entry is parsed on its own, so a bad line (Node's parser would swallow
 * the line after it) costs only itself.
 */
export function parseDotEnv(text: string): { values: Record<string, string>; badLines: number[] } {
  const lines = text.split(/\r?\n/);
  const values: Record<string, string> = {};
  const badLines: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#|$)/.test(line)) continue;
    const value = NAME_LINE.exec(line)?.[1];
    if (value === undefined) {
      badLines.push(i + 1);
      continue;
    }
    let end = i;
    const quote = /^["'`]/.exec(value)?.[0];
    if (quote && !value.slice(1).includes(quote)) {
      end = closingLine(lines, i, quote);
      if (end < 0) {
        badLines.push(i + 1);
        continue;
      }
    }
    Object.assign(values, parseEnv(lines.slice(i, end + 1).join("\n")));
    i = end;
  }
  return { values, badLines };
}

/** Fills process.env from ./.env for variables not already set. */
export function loadDotEnv(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): DotEnv {
  const path = join(cwd, ".env");
  if (!existsSync(path)) return { path, set: [], badLines: [] };
  const { values, badLines } = parseDotEnv(readFileSync(path, "utf8"));
  const set: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (env[key] === undefined) {
      env[key] = value;
      set.push(key);
    }
  }
  return { path, set, badLines };
}
