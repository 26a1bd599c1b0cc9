// An AWS endpoint that accepts connections and never answers (a local TCP
// server standing in for a black-holed endpoint; moto always answers). Every
// command must end with an error naming the endpoint, well before the bound
// each run is killed at; in a terminal it first says it is contacting AWS.
import { spawn } from "node:child_process";
import { createServer, type Server, type Socket } from "node:net";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/cli.js";
import { tempDir } from "../support/process.js";

// Generous on a loaded machine; without timeouts these runs last 300 s and more.
const BOUND_MS = 90_000;

let server: Server;
let endpoint: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = createServer((socket) => {
    // Accept, read, never answer.
    sockets.push(socket);
    socket.resume();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

const env = () => ({
  AWS_ENDPOINT_URL: endpoint,
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "x",
  AWS_SECRET_ACCESS_KEY: "y",
  MSDEMO_STATE_DIR: tempDir("silence"),
});

function inTerminal(
  args: string,
  extra: Record<string, string>,
): Promise<{ code: number | null; screen: string }> {
  const child = spawn("script", ["-qfec", `${process.execPath} ${BIN} ${args}`, "/dev/null"], {
    env: { ...process.env, ...extra, CI: "", TERM: "xterm" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => {
    output += c.toString();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), BOUND_MS);
  return new Promise((resolve) => {
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, screen: stripVTControlCharacters(output) });
    });
  });
}

describe("an AWS endpoint that never answers", () => {
  it(
    "plan, status, teardown --yes and up --yes stop with an error naming the endpoint",
    async () => {
      const runs = await Promise.all(
        [["plan"], ["status"], ["teardown", "--yes"], ["up", "--yes"]].map(async (args) => ({
          args,
          r: await runCli(args, { env: env(), timeoutMs: BOUND_MS }),
        })),
      );
      for (const { args, r } of runs) {
        // null: killed at the bound, i.e. it hung.
        expect(r.code, args.join(" ")).toBe(1);
        expect(r.stderr, args.join(" ")).toContain(`AWS did not answer at ${endpoint}`);
        expect(r.stderr).not.toMatch(/unexpected error|at .*\.js:\d+/);
      }
    },
    BOUND_MS + 30_000,
  );

  it(
    "in a terminal, says it is contacting AWS while it waits",
    async () => {
      const run = await inTerminal("plan", env());
      expect(run.code, run.screen).toBe(1);
      expect(run.screen).toContain("contacting AWS (us-east-1)…");
      expect(run.screen).toContain(`AWS did not answer at ${endpoint}`);
      // Said once, not once per call.
      expect(run.screen.split("contacting AWS").length - 1).toBe(1);
    },
    BOUND_MS + 30_000,
  );
});
