// The services as real processes: each one bundled into a single server.js, as
// the image ships it, then `msdemo local` + `msdemo smoke` as a student runs them.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleService } from "../../src/image/bundle.js";
import { BIN, runCli } from "../support/cli.js";
import { startPostgres, type TestPostgres } from "../support/postgres.js";
import { freePort, startProcess, tempDir, waitForPort } from "../support/process.js";

const ROOT = resolve(import.meta.dirname, "../..");
let pg: TestPostgres;
beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => pg?.destroy());

async function bundled(service: string): Promise<string> {
  const dir = tempDir(`bundle-${service}`);
  const bundle = await bundleService({ entry: join(ROOT, "services", service, "server.ts"), rootDir: ROOT });
  writeFileSync(join(dir, "server.js"), bundle.serverJs);
  writeFileSync(join(dir, "package.json"), bundle.packageJson);
  return join(dir, "server.js");
}

function exitOf(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((r) => child.once("exit", (code) => r(code)));
}

describe("bundled services", () => {
  for (const service of ["auth", "orders", "products"]) {
    it(`${service}: the single-file bundle serves GET / and stops cleanly on SIGTERM`, async () => {
      const server = await bundled(service);
      const port = await freePort();
      const env = {
        ...process.env,
        PORT: String(port),
        DB_HOST: pg.host,
        DB_PORT: String(pg.port),
        DB_USER: pg.user,
        DB_PASS: pg.password,
        DB_NAME: pg.database,
        JWT_SECRET: "a-test-secret-of-some-length",
        DB_SSL: "disable",
      };
      const proc = startProcess(process.execPath, [server], { env, cwd: tempDir("cwd") });
      await waitForPort(port, 20_000, proc.child);
      const index = await (await fetch(`http://127.0.0.1:${port}/`)).json();
      expect(index).toMatchObject({ status: "ok", service });
      const exited = exitOf(proc.child);
      proc.child.kill("SIGTERM");
      expect(await exited).toBe(0);
      // Structured JSON logs, with no secret in them.
      const firstLog = proc
        .output()
        .split("\n")
        .find((l) => l.startsWith("{"));
      expect(firstLog && JSON.parse(firstLog)).toHaveProperty("level");
      expect(proc.output()).not.toContain("a-test-secret-of-some-length");
    });
  }

  it("refuses to start without JWT_SECRET", async () => {
    const server = await bundled("auth");
    const child = spawn(process.execPath, [server], {
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    expect(await exitOf(child)).toBe(1);
    expect(stderr).toMatch(/JWT_SECRET must be set/);
  });
});

describe("msdemo local + msdemo smoke", () => {
  it("the local system passes the smoke journey", async () => {
    const child = spawn(process.execPath, [BIN, "local", "--port", "0", "--ephemeral", "--json"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, MSDEMO_STATE_DIR: tempDir("local") },
    });
    const url = await new Promise<string>((resolveUrl, reject) => {
      let out = "";
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("\n")) resolveUrl((JSON.parse(out.split("\n")[0]!) as { url: string }).url);
      });
      child.once("exit", (code) => reject(new Error(`local exited ${code}`)));
    });
    try {
      const smoke = await runCli(["smoke", "--url", url, "--json"]);
      expect(smoke.code, smoke.stdout).toBe(0);
      const report = JSON.parse(smoke.stdout) as { ok: boolean; calls: { name: string; status: number }[] };
      expect(report.calls.map((c) => [c.name, c.status])).toEqual([
        ["register", 201],
        ["login", 200],
        ["products", 200],
        ["order", 201],
        ["orders", 200],
        ["no-token", 401],
      ]);
      // The gateway serves exactly the route table: the walkthrough's GET /auth reaches the service's index.
      expect(await (await fetch(`${url}/auth`)).json()).toMatchObject({ service: "auth" });
      expect((await fetch(`${url}/api/unknown`)).status).toBe(404);
    } finally {
      const exited = exitOf(child);
      child.kill("SIGINT");
      expect(await exited).toBe(0);
    }
  });

  it("smoke fails (exit 1) against something that is not the system", async () => {
    const smoke = await runCli(["smoke", "--url", "http://127.0.0.1:9/"]);
    expect(smoke.code).toBe(1);
    expect(smoke.stdout).toMatch(/0 of 6|6 of 6/);
  });
});
