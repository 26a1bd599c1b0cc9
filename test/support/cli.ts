// Runs the built CLI (bin/msdemo.js → dist/) as a child process, as a user would.
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
export const BIN = join(ROOT, "bin/msdemo.js");

/** The newest file under `dir`, with its modification time. */
function newest(dir: string): { path: string; mtimeMs: number } {
  let found = { path: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const { mtimeMs } = statSync(path);
    if (mtimeMs > found.mtimeMs) found = { path, mtimeMs };
  }
  return found;
}

/**
 * A test must see the source as it is, not the last build: the integration and
 * e2e projects build dist/ first (test/support/build-dist.ts). Anything that
 * runs the CLI some other way (a CLI test in the unit project, a build that
 * failed) stops here rather than testing old code.
 */
function assertDistIsFresh(): void {
  const built = join(ROOT, "dist/cli/main.js");
  let builtAt: number;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    throw new Error("dist/ is not built: run the CLI tests through vitest's integration or e2e project");
  }
  const changed = newest(join(ROOT, "src"));
  if (changed.mtimeMs > builtAt)
    throw new Error(
      `dist/ is older than ${relative(ROOT, changed.path)}: the CLI tests would run old code. ` +
        "Run them through vitest's integration or e2e project (they build first), or npm run build.",
    );
}

// Checked when a test file loads this module: every way of running the CLI
// (runCli, or BIN in a terminal or a pty) goes through here first.
assertDistIsFresh();

export interface CliResult {
  code: number | null;
  /** The signal that ended the process (e.g. SIGKILL on timeoutMs), null when it exited. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: {
    env?: Record<string, string | undefined>;
    cwd?: string;
    timeoutMs?: number;
    /** Sees stdout and stderr as they come (all so far), and may signal the process. */
    onOutput?: (soFar: string, kill: (signal: NodeJS.Signals) => void) => void;
    /** Flags for node itself, before the CLI (e.g. --import a preload). */
    nodeArgs?: string[];
    /** Run as this user (the tests run as root in CI, where permissions never refuse). */
    user?: { uid: number; gid: number };
  } = {},
): Promise<CliResult> {
  return new Promise((resolveResult, reject) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, CI: "true", ...options.env }))
      if (v !== undefined) env[k] = v;
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
      cwd: options.cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      ...(options.user ?? {}),
    });
    let stdout = "";
    let stderr = "";
    const kill = (signal: NodeJS.Signals) => child.kill(signal);
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
      options.onOutput?.(stdout + stderr, kill);
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
      options.onOutput?.(stdout + stderr, kill);
    });
    // The default is only a bound for a run that hangs, generous for a loaded machine.
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 180_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolveResult({ code, signal, stdout, stderr });
    });
  });
}
