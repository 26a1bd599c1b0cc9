// `msdemo logs --gateway` through the built CLI against moto: the access-log
// group filled with PutLogEvents, read back as readable lines or as JSON, the
// window (--since) and the count (--lines), and bad input refused with exit 2.
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";

const GROUP = "/msdemo/node-microservices-demo/gateway-access";
const MINUTE = 60_000;

/** One access-log line as the stage writes it (src/desired.ts ACCESS_LOG_FORMAT). */
const entry = (requestId: string, method: string, route: string, status: number, latency: number) =>
  JSON.stringify({
    requestId,
    ip: "203.0.113.7",
    requestTime: "30/Nov/2026:12:00:00 +0000",
    httpMethod: method,
    routeKey: `${method} ${route}`,
    status: String(status),
    responseLength: "42",
    integrationLatency: String(latency - 3),
    responseLatency: String(latency),
  });

let moto: Moto;
const now = Date.now();
const events = [
  { timestamp: now - 40 * MINUTE, message: entry("old", "GET", "/products", 200, 15) },
  { timestamp: now - 5 * MINUTE, message: entry("r1", "POST", "/api/login", 401, 23) },
  { timestamp: now - 2 * MINUTE, message: entry("r2", "GET", "/orders", 502, 1800) },
];

const cli = (args: string[]) =>
  runCli(["logs", ...args], { env: { ...moto.env, MSDEMO_STATE_DIR: tempDir("gwlogs") } });

beforeAll(async () => {
  moto = await startMoto();
  const logs = moto.clients().logs;
  await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
  // Two streams, as API Gateway writes: the CLI shows one time order across them.
  await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: "a" }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: "b" }));
  await logs.send(
    new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: "a", logEvents: [events[0]!, events[2]!] }),
  );
  await logs.send(
    new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: "b", logEvents: [events[1]!] }),
  );
});
afterAll(async () => moto?.stop());

describe("msdemo logs --gateway", () => {
  it("prints the last 15 minutes by default, one readable line per request, oldest first", async () => {
    const r = await cli(["--gateway"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual([
      `${new Date(events[1]!.timestamp).toISOString()}  POST /api/login  401  23 ms`,
      `${new Date(events[2]!.timestamp).toISOString()}  GET /orders  502  1800 ms`,
    ]);
  });

  it("--since widens the window; --lines keeps only the newest", async () => {
    const wide = await cli(["--gateway", "--since", "1h"]);
    expect(wide.code, wide.stderr).toBe(0);
    expect(wide.stdout.trim().split("\n")).toHaveLength(3);
    expect(wide.stdout).toContain("GET /products  200  15 ms");
    const last = await cli(["--gateway", "--lines", "1"]);
    expect(last.code, last.stderr).toBe(0);
    expect(last.stdout.trim().split("\n")).toEqual([
      `${new Date(events[2]!.timestamp).toISOString()}  GET /orders  502  1800 ms`,
    ]);
  });

  it("--json passes the JSON lines through as the stage wrote them", async () => {
    const r = await runCli(["--json", "logs", "--gateway", "--since", "1h"], {
      env: { ...moto.env, MSDEMO_STATE_DIR: tempDir("gwlogs") },
    });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toEqual(events.map((e) => e.message));
    expect(JSON.parse(lines[2]!)).toMatchObject({ requestId: "r2", status: "502", responseLatency: "1800" });
  });

  it("says when the window has no lines, naming the group", async () => {
    const other = await runCli(["logs", "--gateway", "--stack", "quiet"], {
      env: { ...moto.env, MSDEMO_STATE_DIR: tempDir("gwlogs") },
    });
    expect(other.code, other.stderr).toBe(0);
    expect(other.stdout).toBe("");
    expect(other.stderr).toContain("No access-log lines in /msdemo/quiet/gateway-access");
  });

  it.each([
    [["--gateway", "--lines", "0"], "--lines must be a whole number from 1 to 10000, got 0."],
    [["--gateway", "--lines", "ten"], "--lines must be a whole number from 1 to 10000, got ten."],
    [["--gateway", "--since", "soon"], "--since takes a duration"],
    [["--gateway", "--follow"], "--follow is for a service's pods"],
    [["--gateway", "orders"], "leave out the service (orders)"],
    [[], "Name a service (auth, orders, products) or use --gateway."],
    [["orders", "--lines", "5"], "--lines is for --gateway"],
  ])("refuses %j with exit 2 and says why", async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
