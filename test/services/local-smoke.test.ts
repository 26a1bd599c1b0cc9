// The services as a student runs them with no AWS account: `msdemo local`
// (all three in one process, behind the local gateway), checked by `msdemo smoke`.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/cli.js";
import { tempDir } from "../support/process.js";

function exitOf(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((r) => child.once("exit", (code) => r(code)));
}

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
