// Runs the built CLI (bin/msdemo.js → dist/) as a child process, as a user would.
import { spawn } from "node:child_process";
import { resolve } from "node:path";

export const BIN = resolve(import.meta.dirname, "../../bin/msdemo.js");

export interface CliResult {
  code: number | null;
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
  } = {},
): Promise<CliResult> {
  return new Promise((resolveResult, reject) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, CI: "true", ...options.env }))
      if (v !== undefined) env[k] = v;
    const child = spawn(process.execPath, [BIN, ...args], {
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
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolveResult({ code, stdout, stderr });
    });
  });
}
