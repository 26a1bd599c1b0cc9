// A real terminal for tests: tmux (a terminal emulator with scrollback) runs a
// command at a given size, so a test reads the screen a person would see, with
// wrapped lines joined back (a line wider than the terminal shows as such).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir, waitUntil } from "./process.js";

export interface Terminal {
  /** Everything on screen and in the scrollback, wrapped lines joined. */
  screen(): string;
  /** Waits until the screen matches (a generous bound; never a fixed sleep). */
  waitFor(pattern: RegExp, what: string, timeoutMs?: number): Promise<string>;
  press(...keys: string[]): void;
  /** The command's exit code, once it has ended. */
  exitCode(): number | undefined;
  close(): void;
}

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

export function openTerminal(
  command: string[],
  options: { cols: number; rows: number; env: Record<string, string> },
): Terminal {
  const dir = tempDir("tty");
  const socket = `msdemo-${process.pid}-${Date.now()}`;
  const script = join(dir, "run.sh");
  const exports = Object.entries({ ...options.env, CI: "", TERM: "xterm-256color" })
    .map(([key, value]) => `export ${key}=${quote(value)}`)
    .join("\n");
  // The marker line tells the test the command ended, and how; the shell then waits to be closed.
  writeFileSync(script, `${exports}\n${command.map(quote).join(" ")}\necho "EXIT=$?"\nexec sleep 3600\n`);
  const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
  // The scrollback must hold the whole run: set before the pane exists.
  const config = join(dir, "tmux.conf");
  writeFileSync(config, "set -g history-limit 20000\n");
  tmux(
    "-f",
    config,
    "new-session",
    "-d",
    "-x",
    String(options.cols),
    "-y",
    String(options.rows),
    "bash",
    script,
  );
  const screen = () => tmux("capture-pane", "-p", "-J", "-S", "-", "-E", "-");
  return {
    screen,
    async waitFor(pattern, what, timeoutMs = 120_000) {
      let last = "";
      await waitUntil(
        () => {
          last = screen();
          return pattern.test(last);
        },
        `${what} on screen`,
        timeoutMs,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n--- screen ---\n${last}`);
      });
      return last;
    },
    press(...keys) {
      tmux("send-keys", ...keys);
    },
    exitCode() {
      const match = /^EXIT=(\d+)$/m.exec(screen());
      return match ? Number(match[1]) : undefined;
    },
    close() {
      try {
        tmux("kill-server");
      } catch {
        // already gone
      }
    },
  };
}
