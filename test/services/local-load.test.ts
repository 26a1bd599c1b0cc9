// `smoke --load` against `msdemo local`: the SLO view per route, and the local
// gateway's rate limit answering 429 above it, as API Gateway's throttling does.
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { startLocalCli } from "../support/local.js";
import { tempDir } from "../support/process.js";

interface Report {
  ok: boolean;
  unsent: number;
  routes: { route: string; calls: number; p95Ms: number; errors: number; throttled: number }[];
}

describe("smoke --load", () => {
  it("reports each route and meets a 429 above the gateway's rate limit", async () => {
    const local = await startLocalCli(["--ephemeral", "--rate-limit", "5", "--burst-limit", "10"], {
      MSDEMO_STATE_DIR: tempDir("load"),
    });
    try {
      const run = await runCli(["smoke", "--url", local.url, "--load", "60", "--concurrency", "8", "--json"]);
      const report = JSON.parse(run.stdout) as Report;
      expect(report.routes.map((r) => r.route)).toEqual([
        "GET /api/products",
        "GET /api/orders",
        "POST /api/orders",
      ]);
      expect(report.routes.reduce((sum, r) => sum + r.calls, 0)).toBe(60);
      expect(report.routes.reduce((sum, r) => sum + r.throttled, 0)).toBeGreaterThan(0);
      expect(report.routes.every((r) => r.errors === 0)).toBe(true);
    } finally {
      expect(await local.stop()).toBe(0);
    }
  }, 120_000);

  it("under the default limit a small load passes with no 429", async () => {
    const local = await startLocalCli(["--ephemeral"], { MSDEMO_STATE_DIR: tempDir("load-ok") });
    try {
      const run = await runCli(["smoke", "--url", local.url, "--load", "30", "--concurrency", "2", "--json"]);
      const report = JSON.parse(run.stdout) as Report;
      expect(report.routes.every((r) => r.throttled === 0 && r.errors === 0 && r.calls === 10)).toBe(true);
      expect(report.unsent).toBe(0);
      // The p95 target is a figure of this machine's load, so only its presence is checked here.
      expect(report.routes.every((r) => r.p95Ms > 0)).toBe(true);
    } finally {
      expect(await local.stop()).toBe(0);
    }
  }, 120_000);

  it.each([
    [["--load", "0"], "--load must be a whole number from 1 to 10000"],
    [["--load", "10", "--concurrency", "1000"], "--concurrency must be a whole number from 1 to 256"],
  ])("bad bounds are exit 2: %j", async (args, message) => {
    const run = await runCli(["smoke", "--url", "http://127.0.0.1:9", ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
