// Runs the built CLI (bin/msdemo.js → dist/) as a child process, as a user would.
import { spawn } from "node:child_process";
import { resolve } from "node:path";

export const BIN = resolve(import.meta.dirname, "../../bin/msdemo.js");

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
