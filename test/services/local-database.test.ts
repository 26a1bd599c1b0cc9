// `msdemo local` over its embedded PostgreSQL (a real `postgres` server, not
// --database-url), as a student meets it: idle a while, register twice, many
// callers at once, kill -9 and start again. Before, PGlite shared one session
// between every pooled connection and all of these turned into 500s.
import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../src/routes.js";
import { runCli } from "../support/cli.js";
import { startLocalCli } from "../support/local.js";
import { type ProcessInfo, processInfo, processTree } from "../support/proc.js";
import { tempDir, waitUntil } from "../support/process.js";

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function call(
  url: string,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}${path}`, {
    ...init,
    headers: { "content-type": "application/json", ...(init.headers ?? {}) },
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the failure message
  }
  return { status: response.status, body };
}

const credentials = (username: string) => JSON.stringify({ username, password: "s3cret-pass" });

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, "cluster", "postmaster.pid"), "utf8").split("\n")[0]);
}

/** Still the same process: a pid the system reused has another start time. */
const stillRunning = (p: ProcessInfo) => processInfo(p.pid)?.started === p.started;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("msdemo local on its embedded PostgreSQL", () => {
  it("holds after 35 s idle, a duplicate register and 232 concurrent calls, with no 5xx", async () => {
    // The gateway's rate limit is opened wide: this is about database sessions, not throttling.
    const local = await startLocalCli(["--ephemeral", "--rate-limit", "10000", "--burst-limit", "5000"], {
      MSDEMO_STATE_DIR: tempDir("local-db"),
    });
    try {
      // PGlite's socket dropped idle sessions and answered 500 after about 30 s.
      await new Promise((resolve) => setTimeout(resolve, 35_000));
      for (const path of ["/auth", "/orders", "/products", "/api/products"]) {
        expect((await call(local.url, path)).status, path).toBe(200);
      }
      const index = await call(local.url, "/routes.json");
      expect(index.status).toBe(200);
      expect(index.body).toMatchObject({
        routes: expect.arrayContaining([{ route: "POST /api/login", service: "auth" }]),
      });

      expect(
        (await call(local.url, "/api/register", { method: "POST", body: credentials("ana") })).status,
      ).toBe(201);
      expect(
        (await call(local.url, "/api/register", { method: "POST", body: credentials("ana") })).status,
      ).toBe(409);
      const login = await call(local.url, "/api/login", { method: "POST", body: credentials("ana") });
      expect(login.status).toBe(200);
      const token = (login.body as { token: string }).token;
      const order = await call(local.url, "/api/orders", {
        method: "POST",
        body: JSON.stringify({ item: "Laptop", quantity: 1 }),
        headers: { authorization: `Bearer ${token}` },
      });
      expect(order.status).toBe(201);
      // Every route of the table, after the idle: a service's own 404 for an id it has no
      // route for is fine, a 5xx is not.
      for (const [index, route] of ROUTES.entries()) {
        const path = route.path.replace("{proxy+}", "1");
        const method = route.method === "POST" ? "POST" : "GET";
        const user = route.target === "/api/register" ? `sweep${index}` : "ana";
        const answer = await call(local.url, path, {
          method,
          ...(method === "POST" ? { body: credentials(user) } : {}),
          headers: route.authorized ? { authorization: `Bearer ${token}` } : {},
        });
        expect(answer.status, `${method} ${path}`).toBeLessThan(500);
        if (!route.path.includes("{proxy+}"))
          expect([200, 201], `${method} ${path}`).toContain(answer.status);
      }

      const logins = Array.from({ length: 32 }, () =>
        call(local.url, "/api/login", { method: "POST", body: credentials("ana") }),
      );
      const reads = Array.from({ length: 200 }, () => call(local.url, "/api/products"));
      const statuses = (await Promise.all([...logins, ...reads])).map((answer) => answer.status);
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
    } finally {
      expect(await local.stop()).toBe(0);
    }
  }, 180_000);

  it("after kill -9 the next start leaves no PostgreSQL of the old run and keeps the data", async () => {
    const stateDir = tempDir("local-kill");
    const first = await startLocalCli([], { MSDEMO_STATE_DIR: stateDir });
    const dataDir = first.dataDir!;
    folders.push(dataDir);
    expect(dataDir).toBeTruthy();
    expect(
      (await call(first.url, "/api/register", { method: "POST", body: credentials("kept") })).status,
    ).toBe(201);
    const oldServer = postmasterPid(dataDir);
    // msdemo's whole tree (the watchdog among it) and the server's (its workers).
    const oldProcesses = processTree([first.child.pid!, oldServer]).filter((p) => p.pid !== first.child.pid);
    expect(oldProcesses.length).toBeGreaterThan(3);
    first.child.kill("SIGKILL");

    const second = await startLocalCli([], { MSDEMO_STATE_DIR: stateDir });
    try {
      expect(second.dataDir).toBe(dataDir);
      expect(alive(oldServer)).toBe(false);
      // Workers and the watchdog notice their parent's end within moments: wait on that, bounded.
      await waitUntil(
        () => oldProcesses.filter(stillRunning).length === 0,
        "every process of the killed run to end",
        30_000,
      );
      expect(postmasterPid(dataDir)).not.toBe(oldServer);
      expect(
        (await call(second.url, "/api/login", { method: "POST", body: credentials("kept") })).status,
      ).toBe(200);
    } finally {
      const newServer = postmasterPid(dataDir);
      expect(await second.stop()).toBe(0);
      expect(alive(newServer)).toBe(false);
    }
  }, 120_000);

  it("with no msdemo running, a killed run's server stops by itself", async () => {
    const stateDir = tempDir("local-orphan");
    const local = await startLocalCli([], { MSDEMO_STATE_DIR: stateDir });
    folders.push(local.dataDir!);
    const server = postmasterPid(local.dataDir!);
    local.child.kill("SIGKILL");
    // Nobody starts msdemo again: the watchdog alone must stop PostgreSQL.
    await waitUntil(() => !alive(server), `PostgreSQL ${server} to stop after its msdemo was killed`);
  }, 120_000);

  it("starts over a postmaster.pid whose process is gone", async () => {
    const stateDir = tempDir("local-stale");
    const first = await startLocalCli([], { MSDEMO_STATE_DIR: stateDir });
    const dataDir = first.dataDir!;
    folders.push(dataDir);
    expect(await first.stop()).toBe(0);
    const gone = spawn("true");
    await new Promise((resolve) => gone.once("exit", resolve));
    writeFileSync(join(dataDir, "cluster", "postmaster.pid"), `${gone.pid}\n${join(dataDir, "cluster")}\n`);
    const second = await startLocalCli([], { MSDEMO_STATE_DIR: stateDir });
    expect((await call(second.url, "/api/products")).status).toBe(200);
    expect(await second.stop()).toBe(0);
  }, 120_000);

  it("a second msdemo local on the same data is refused, and the first keeps serving", async () => {
    const stateDir = tempDir("local-twice");
    const first = await startLocalCli([], { MSDEMO_STATE_DIR: stateDir });
    folders.push(first.dataDir!);
    try {
      const second = await runCli(["local", "--port", "0", "--state-dir", stateDir]);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`in use by another msdemo local (pid ${first.child.pid})`);
      expect((await call(first.url, "/api/products")).status).toBe(200);
    } finally {
      expect(await first.stop()).toBe(0);
    }
  }, 120_000);

  it("a data folder PostgreSQL cannot use: exit 1 naming the folder and --ephemeral", async () => {
    const stateDir = tempDir("local-corrupt");
    const first = await startLocalCli([], { MSDEMO_STATE_DIR: stateDir });
    const dataDir = first.dataDir!;
    folders.push(dataDir);
    expect(await first.stop()).toBe(0);
    writeFileSync(join(dataDir, "cluster", "PG_VERSION"), "9\n");
    const result = await runCli(["local", "--port", "0", "--state-dir", stateDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(dataDir);
    expect(result.stderr).toMatch(/could not start/);
    expect(result.stderr).toContain("--ephemeral");
    expect(result.stderr).not.toMatch(/unexpected error/i);
    expect(result.stdout).not.toMatch(/running at/);
  }, 120_000);
});
