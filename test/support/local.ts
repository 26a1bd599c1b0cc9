// Runs `msdemo local` as a student does (the built CLI, a child process) and
// hands back its URL once it says it is ready, with everything it wrote to stderr.
import { type ChildProcess, spawn } from "node:child_process";
import { BIN } from "./cli.js";
import { exitOf } from "./process.js";

export interface RunningLocal {
  child: ChildProcess;
  url: string;
  /** The embedded database's folder, when it keeps one. */
  dataDir: string | undefined;
  stderr(): string;
  /** SIGINT, as Ctrl-C; resolves to the exit code. */
  stop(): Promise<number | null>;
}

export function startLocalCli(args: string[], env: Record<string, string> = {}): Promise<RunningLocal> {
  const child = spawn(process.execPath, [BIN, "local", "--port", "0", "--json", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "true", ...env },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes("\n")) return;
      const ready = JSON.parse(out.split("\n")[0]!) as { url: string; dataDir?: string };
      resolve({
        child,
        url: ready.url,
        dataDir: ready.dataDir,
        stderr: () => stderr,
        stop: () => {
          const exited = exitOf(child);
          child.kill("SIGINT");
          return exited;
        },
      });
    });
    child.once("exit", (code) =>
      reject(new Error(`msdemo local exited ${code} before it was ready:\n${stderr}`)),
    );
  });
}
