// `msdemo local`'s start-up as a person reads it: a busy port or a bad
// --database-url is bad input said before any URL (exit 2), and the gateway
// says which requests failed and why. The database here is a real PostgreSQL.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/cli.js";
import { startLocalCli } from "../support/local.js";
import { startPostgres, type TestPostgres } from "../support/postgres.js";
import { CLOSED_PORT, exitOf, tempDir, waitUntil } from "../support/process.js";

let db: TestPostgres;
beforeAll(async () => {
  db = await startPostgres();
});
afterAll(async () => {
  await db?.destroy();
});

const urlWith = (changes: { password?: string; database?: string; port?: number }) =>
  `postgres://${db.user}:${changes.password ?? db.password}@127.0.0.1:${changes.port ?? db.port}/${changes.database ?? db.database}`;

function holdPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : 0 });
    });
  });
}

describe("msdemo local start-up", () => {
  it("a busy port is exit 2, said before the database starts", async () => {
    const held = await holdPort();
    try {
      const result = await runCli([
        "local",
        "--port",
        String(held.port),
        "--state-dir",
        tempDir("local-busy"),
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Port ${held.port} is already in use`);
      expect(result.stderr).not.toMatch(/Starting PostgreSQL/);
    } finally {
      held.server.close();
    }
  });

  it("says what it waits for, phase by phase, before the URL", async () => {
    const child = spawn(process.execPath, [BIN, "local", "--port", "0", "--ephemeral"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "true", MSDEMO_STATE_DIR: tempDir("local-phases") },
    });
    let seen = "";
    child.stdout.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
    });
    try {
      await waitUntil(() => seen.includes("is running at") || child.exitCode !== null, "msdemo local's URL");
      const at = (text: string) => seen.indexOf(text);
      const phases = [
        at("Starting PostgreSQL"),
        at("Starting the auth, orders and products services"),
        at("Services ready"),
        at("is running at"),
      ];
      expect(
        phases.every((index) => index >= 0),
        seen,
      ).toBe(true);
      expect([...phases].sort((a, b) => a - b)).toEqual(phases);
    } finally {
      const exited = exitOf(child);
      child.kill("SIGINT");
      expect(await exited).toBe(0);
    }
  });

  it.each([
    ["a wrong password", () => urlWith({ password: "not-it" }), /refused the password for user postgres/],
    ["a database that does not exist", () => urlWith({ database: "nosuch" }), /has no database "nosuch"/],
  ])("--database-url with %s is exit 2 and names what is wrong", async (_case, url, message) => {
    const result = await runCli(["local", "--port", "0", "--database-url", url()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain(db.password);
    expect(result.stdout).not.toMatch(/running at/);
  });

  it("--database-url where nothing listens is exit 2 naming the address", async () => {
    const port = CLOSED_PORT;
    const result = await runCli(["local", "--port", "0", "--database-url", urlWith({ port })]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`nothing is listening at 127.0.0.1:${port}`);
  });

  it("logs each request with --verbose, and every 5xx with its cause always", async () => {
    const quiet = await startLocalCli(["--database-url", db.url]);
    const verbose = await startLocalCli(["--database-url", db.url, "--verbose"]);
    try {
      expect((await fetch(`${quiet.url}/api/products`)).status).toBe(200);
      expect((await fetch(`${verbose.url}/api/products`)).status).toBe(200);
      await waitUntil(
        () => /GET \/api\/products 200 \d+ ms/.test(verbose.stderr()),
        "the verbose request line",
      );
      expect(quiet.stderr()).not.toMatch(/GET \/api\/products 200/);

      await db.stop();
      expect((await fetch(`${quiet.url}/api/products`)).status).toBe(503);
      await waitUntil(
        () => /GET \/api\/products 503 \d+ ms: \S/.test(quiet.stderr()),
        "the 5xx line with its cause",
      );
    } finally {
      await db.start();
      expect(await quiet.stop()).toBe(0);
      expect(await verbose.stop()).toBe(0);
    }
  }, 120_000);
});
