// Crash-safe file replacement: write a temp file in the same folder, fsync it,
// rename it over the target, fsync the folder. A reader sees the old file or the
// new one, never a truncated one, whenever the writer is killed.
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** The temp file name of a write of `path` in progress (or killed). */
function tempName(path: string): string {
  return `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
}

/**
 * Removes temp files that killed writers of `path` left behind. Only for a
 * caller that holds the lock every writer takes, so none is in progress.
 */
export function removeLeftoverTemps(path: string): void {
  const prefix = `.${basename(path)}.`;
  const isLeftover = (name: string) =>
    name.startsWith(prefix) && /^\d+\.[0-9a-f]+\.tmp$/.test(name.slice(prefix.length));
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names.filter(isLeftover)) {
    try {
      unlinkSync(join(dirname(path), name));
    } catch {
      // Gone already, or not ours to remove: it harms nothing.
    }
  }
}

export function writeFileAtomic(path: string, content: string, mode = 0o600): void {
  const dir = dirname(path);
  const temp = join(dir, tempName(path));
  const fd = openSync(temp, "wx", mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
  fsyncDir(dir);
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
