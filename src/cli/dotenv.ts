// `.env` in the working directory fills only the variables the environment does
// not set, so flag > environment > .env > defaults holds for msdemo and the SDK.
// Kept apart from the settings so that `msdemo --help` loads no schema library.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";

/** Fills process.env from ./.env for variables not already set. Returns the names it set. */
export function loadDotEnv(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): string[] {
  const path = join(cwd, ".env");
  if (!existsSync(path)) return [];
  const parsed = parseEnv(readFileSync(path, "utf8")) as Record<string, string>;
  const set: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (env[key] === undefined) {
      env[key] = value;
      set.push(key);
    }
  }
  return set;
}
