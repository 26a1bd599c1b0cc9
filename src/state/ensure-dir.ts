// Creates a folder and its missing parents. Not `mkdirSync(…, { recursive: true })`:
// on Node 20 that spins forever at full CPU under a path it cannot create in
// (e.g. /proc/x), where a plain mkdir fails at once.
import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";

export function ensureDir(path: string, mode = 0o700): void {
  try {
    if (statSync(path).isDirectory()) return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const parent = dirname(path);
  if (parent !== path) ensureDir(parent, mode);
  try {
    mkdirSync(path, { mode });
  } catch (error) {
    // Another process made it in between: that is what was wanted.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}
