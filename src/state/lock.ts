// One exclusive lock per stack: a file created with O_EXCL that names its holder.
// A lock whose holder process is gone is taken over; the takeover itself is
// guarded by a second short-lived lock so two processes never both take it.

import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export class LockedError extends MsdemoError {
  constructor(
    readonly holder: LockHolder,
    path: string,
  ) {
    const params = { pid: holder.pid, command: holder.command, since: holder.since, path };
    super(t("state.locked", params), { hint: t("state.locked.hint", params) });
    this.name = "LockedError";
  }
}

export interface Lock {
  release(): void;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>;
    return typeof parsed.pid === "number" ? (parsed as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

function tryCreate(path: string, holder: LockHolder): boolean {
  try {
    const fd = openSync(path, "wx", 0o600);
    try {
      writeSync(fd, JSON.stringify(holder));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

function removeIfStale(path: string): void {
  const holder = readHolder(path);
  // A lock from another host cannot be checked; only a same-host dead pid is stale.
  // An unreadable lock is a half-written one from a crash between create and write.
  if (holder && (holder.host !== hostname() || processIsAlive(holder.pid))) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

// Locks this process holds, released if it exits without reaching its own
// release (process.exit on a closed stdout, a second Ctrl-C).
const held = new Set<string>();
let releaseOnExit = false;

function hold(path: string): Lock {
  held.add(path);
  if (!releaseOnExit) {
    releaseOnExit = true;
    process.on("exit", () => {
      for (const p of held) releaseLock(p);
    });
  }
  return {
    release: () => {
      held.delete(path);
      releaseLock(path);
    },
  };
}

export function acquireLock(path: string, command: string): Lock {
  const me: LockHolder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, me)) return hold(path);
    const holder = readHolder(path);
    if (holder && (holder.host !== hostname() || processIsAlive(holder.pid)))
      throw new LockedError(holder, path);
    const guard = `${path}.takeover`;
    removeIfStale(guard);
    if (tryCreate(guard, me)) {
      try {
        removeIfStale(path);
      } finally {
        releaseLock(guard);
      }
    }
  }
  const holder = readHolder(path);
  throw holder
    ? new LockedError(holder, path)
    : new MsdemoError(t("state.lockFailed", { path }), { hint: t("state.lockFailed.hint") });
}

function releaseLock(path: string): void {
  const holder = readHolder(path);
  if (holder && holder.pid !== process.pid) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
