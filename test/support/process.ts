// Shared plumbing for the test harnesses: free loopback ports, spawning a server
// process, waiting until it answers, and stopping it.
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const IN_CI = process.env.CI === "true";

/**
 * A port the kernel just handed out on 127.0.0.1, released for the caller to bind:
 * another process may take it in between. Only for a foreign program that must be
 * told its port before it starts and cannot report one it picked (PostgreSQL, etcd,
 * kube-apiserver, moto_server, docker-registry). A server of ours binds port 0 and
 * says which port it got; an address where nothing answers is CLOSED_PORT.
 */
export { freeLoopbackPort as freePort } from "../../src/local/free-port.js";

/**
 * A loopback port where nothing listens, so a connection is refused at once: 4 is
 * unassigned, and being privileged, no test or unprivileged program can take it
 * (a freed port could be taken and answer). Not 1: fetch refuses its "bad ports"
 * before connecting, so the error would not be the refused connection.
 */
export const CLOSED_PORT = 4;

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `msdemo-${prefix}-`));
}

function portAnswers(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
    socket.connect(port, host);
  });
}

export async function waitForPort(port: number, timeoutMs = 30_000, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`process exited with code ${child.exitCode}`);
    if (await portAnswers(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing answered on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

export interface ManagedProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Spawns a server, keeps the tail of its output for error messages. */
export function startProcess(command: string, args: string[], options: SpawnOptions = {}): ManagedProcess {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return {
    child,
    output: () => log,
    stop: () => stopChild(child),
  };
}

/** The exit code once the process has ended and its output pipes are drained ("close", not "exit"). */
export function exitOf(child: ChildProcess): Promise<number | null> {
  const drained = [child.stdout, child.stderr].every((pipe) => !pipe || pipe.destroyed);
  if (child.exitCode !== null && drained) return Promise.resolve(child.exitCode);
  return new Promise((r) => child.once("close", (code) => r(code)));
}

export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** In CI a missing emulator fails the run; on a developer machine it says how to install it. */
export function missingTool(what: string): Error {
  return new Error(`${what} is not installed: run \`bash scripts/setup-test-env.sh\` (CI=${IN_CI})`);
}

/** Polls `condition` (sync or async) until it holds; fails naming `what` after a generous bound (never a fixed sleep). */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Waits until the process's output matches `pattern` (such as the port it says it
 * bound on port 0), under a generous bound; fails at once if the process ends first.
 */
export async function waitForOutput(
  proc: ManagedProcess,
  pattern: RegExp,
  what: string,
  timeoutMs = 60_000,
): Promise<RegExpExecArray> {
  let match: RegExpExecArray | null = null;
  await waitUntil(
    () => {
      match = pattern.exec(proc.output());
      const { exitCode, signalCode } = proc.child;
      if (!match && (exitCode !== null || signalCode !== null))
        throw new Error(`the process ended (${exitCode ?? signalCode}) before ${what}:\n${proc.output()}`);
      return match !== null;
    },
    what,
    timeoutMs,
  );
  return match!;
}
