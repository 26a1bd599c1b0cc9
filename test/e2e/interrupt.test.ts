// Ctrl-C while an AWS call hangs: the run's signal cancels the call, msdemo
// exits 130 at once with the state saved, and a rerun converges. AWS is moto
// behind a proxy that holds EC2's CreateSecurityGroup without answering.
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/cli.js";
import { inventory } from "../support/inventory.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";

let moto: Moto;
let proxy: Server;
let proxyUrl: string;
let held = 0;

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  moto = await startMoto();
  proxy = createServer(async (req, res) => {
    const payload = await body(req);
    // Hold this call forever: only the client giving up can end it.
    if (payload.toString().includes("Action=CreateSecurityGroup")) {
      held += 1;
      return;
    }
    const answer = await fetch(`${moto.url}${req.url}`, {
      method: req.method ?? "GET",
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(([k, v]) => typeof v === "string" && k !== "host"),
      ) as Record<string, string>,
      ...(payload.length > 0 ? { body: new Uint8Array(payload) } : {}),
    });
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  await moto?.stop();
});

describe("Ctrl-C during a hanging AWS call", () => {
  it("cancels the call, exits 130 with the state kept, and a rerun converges", async () => {
    const stateDir = tempDir("interrupt");
    const env = {
      ...process.env,
      ...moto.env,
      AWS_ENDPOINT_URL: proxyUrl,
      MSDEMO_STATE_DIR: stateDir,
      CI: "true",
    };
    const child = spawn(process.execPath, [BIN, "up", "--yes", "--steps", "network"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      output += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    // A generous bound: on a loaded machine msdemo may take a while to reach the call.
    await expect.poll(() => held, { timeout: 180_000, interval: 50 }).toBeGreaterThan(0);
    child.kill("SIGINT");
    // Without cancellation the held call would keep msdemo waiting until the test's own timeout.
    expect(await exited, output).toBe(130);
    expect(output).toMatch(/interrupted/i);
    // Said once, with what to do; the running step is reported once, not also as failed or skipped.
    expect(output.split("run msdemo up again").length - 1, output).toBe(1);
    expect(output).toMatch(/network: interrupted/);
    expect(output).not.toMatch(/network: (skipped|FAILED)/);

    const rerun = await runCli(["up", "--yes", "--steps", "network"], {
      env: { ...moto.env, MSDEMO_STATE_DIR: stateDir },
    });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect((await inventory(moto.clients())).securityGroups).toEqual(["node-sg-service", "postgres-sg-rds"]);
  });
});
