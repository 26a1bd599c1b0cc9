// One exclusive lock per stack: a file created with O_EXCL that names its holder.
// A lock whose holder process is gone is taken over; the takeover itself is
// guarded by a second short-lived lock so two processes never both take it.
// A holder on another host cannot be asked: CloudShell gives each session a
// new machine while $HOME stays, so such a lock is stale once it has not been
// refreshed (the holder touches it every minute) for longer than any step waits.

import { closeSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from "node:fs";
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
    staleAfterMs: number,
  ) {
    const params = {
      pid: holder.pid,
      host: holder.host,
      command: holder.command,
      since: holder.since,
      path,
      minutes: Math.round(staleAfterMs / 60_000),
    };
    const here = holder.host === hostname();
    super(t("state.locked", params), {
      hint: t(here ? "state.locked.hint" : "state.lockedElsewhere.hint", params),
    });
    this.name = "LockedError";
  }
}

export interface Lock {
  release(): void;
}

export interface LockOptions {
  /** A lock from another host untouched this long is stale (longer than any step waits). */
  staleAfterMs: number;
  /** Remove whatever lock is there first (--force-unlock). */
  force?: boolean;
}

/** How often a holder touches its lock, so another host can tell it is alive. */
const HEARTBEAT_MS = 60_000;

/** Milliseconds since the holder last showed life: its start or its last heartbeat. */
function idleMs(path: string, holder: LockHolder, now = Date.now()): number {
  let touched = Date.parse(holder.since);
  try {
    touched = Math.max(Number.isNaN(touched) ? 0 : touched, statSync(path).mtimeMs);
  } catch {
    // Gone meanwhile: as idle as can be.
  }
  return now - (Number.isNaN(touched) ? 0 : touched);
}

/** Whether the holder may still be running: a live pid here, a recent heartbeat elsewhere. */
function holderLives(path: string, holder: LockHolder, staleAfterMs: number): boolean {
  if (holder.host === hostname()) return processIsAlive(holder.pid);
  return idleMs(path, holder) <= staleAfterMs;
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

function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

function removeIfStale(path: string, staleAfterMs: number): void {
  const holder = readHolder(path);
  // An unreadable lock is a half-written one from a crash between create and write.
  if (holder && holderLives(path, holder, staleAfterMs)) return;
  removeFile(path);
}

/** Keeps the lock's modification time fresh while it is held; never keeps the process alive. */
function heartbeat(path: string): NodeJS.Timeout {
  const timer = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // Removed by --force-unlock elsewhere: nothing to refresh.
    }
  }, HEARTBEAT_MS);
  timer.unref();
  return timer;
}

// Locks this process holds, released if it exits without reaching its own
// release (process.exit on a closed stdout, a second Ctrl-C).
const held = new Set<string>();
let releaseOnExit = false;

function hold(path: string, timer: NodeJS.Timeout): Lock {
  held.add(path);
  if (!releaseOnExit) {
    releaseOnExit = true;
    process.on("exit", () => {
      for (const p of held) releaseLock(p);
    });
  }
  return {
    release: () => {
      clearInterval(timer);
      held.delete(path);
      releaseLock(path);
    },
  };
}

export function acquireLock(path: string, command: string, options: LockOptions): Lock {
  const me: LockHolder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  if (options.force) removeFile(path);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, me)) return hold(path, heartbeat(path));
    const holder = readHolder(path);
    if (holder && holderLives(path, holder, options.staleAfterMs))
      throw new LockedError(holder, path, options.staleAfterMs);
    const guard = `${path}.takeover`;
    removeIfStale(guard, options.staleAfterMs);
    if (tryCreate(guard, me)) {
      try {
        removeIfStale(path, options.staleAfterMs);
      } finally {
        releaseLock(guard);
      }
    }
  }
  const holder = readHolder(path);
  throw holder
    ? new LockedError(holder, path, options.staleAfterMs)
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
