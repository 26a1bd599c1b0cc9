// The whole life of a stack through the CLI against moto_server: up, status,
// a no-op rerun, teardown — with and without the state file.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { es } from "../../src/i18n/es.js";
import { runCli } from "../support/cli.js";
import { inventory, isEmpty } from "../support/inventory.js";
import { createLabRoles } from "../support/lab-roles.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";

const STEPS = "network,database,registry,cluster,nodes";

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());
beforeEach(async () => {
  await moto.reset();
  await createLabRoles(moto.clients());
});

const env = (stateDir: string) => ({ ...moto.env, MSDEMO_STATE_DIR: stateDir, MSDEMO_POLL_SCALE: "0.001" });

interface StatusJson {
  stack: string;
  resources: { step: string; type: string; name: string; state: string; managed: boolean }[];
  drift: { kind: string }[];
}

async function upThenStatus(stateDir: string): Promise<StatusJson> {
  const up = await runCli(["up", "--yes", "--steps", STEPS], { env: env(stateDir) });
  expect(up.code, up.stderr + up.stdout).toBe(0);
  const status = await runCli(["status", "--json"], { env: env(stateDir) });
  expect(status.code, status.stderr).toBe(0);
  return JSON.parse(status.stdout) as StatusJson;
}

describe("stack lifecycle", () => {
  it("up → status → teardown leaves nothing", async () => {
    const stateDir = tempDir("life");
    const status = await upThenStatus(stateDir);
    expect(status.stack).toBe("node-microservices-demo");
    const steps = new Set(status.resources.map((r) => r.step));
    for (const step of STEPS.split(",")) expect(steps).toContain(step);
    expect(
      status.resources.filter((r) => STEPS.split(",").includes(r.step) && r.state === "missing"),
    ).toEqual([]);
    expect(status.drift).toEqual([]);

    const down = await runCli(["teardown", "--yes"], { env: env(stateDir) });
    expect(down.code, down.stderr + down.stdout).toBe(0);
    expect(isEmpty(await inventory(moto.clients()))).toBe(true);
    // It ends with what it removed and that billing has stopped.
    const removed = /Removed (\d+) resources of node-microservices-demo: (.+)\./.exec(down.stdout);
    expect(Number(removed?.[1])).toBe(status.resources.filter((r) => r.state !== "missing").length);
    expect(down.stdout).toContain(
      fill(en["ui.teardown.billingStopped"], { stack: "node-microservices-demo" }),
    );
  });

  it("teardown finds everything with the state file deleted", async () => {
    const stateDir = tempDir("life");
    await upThenStatus(stateDir);
    rmSync(join(stateDir, "node-microservices-demo", "state.json"));
    const down = await runCli(["teardown", "--yes"], { env: env(stateDir) });
    expect(down.code, down.stderr + down.stdout).toBe(0);
    expect(isEmpty(await inventory(moto.clients()))).toBe(true);
  });

  it("status shows drift when a resource is deleted behind msdemo's back", async () => {
    const stateDir = tempDir("life");
    await upThenStatus(stateDir);
    const { DeleteRepositoryCommand } = await import("@aws-sdk/client-ecr");
    await moto
      .clients()
      .ecr.send(new DeleteRepositoryCommand({ repositoryName: "orders-service-repo", force: true }));
    const status = JSON.parse(
      (await runCli(["status", "--json"], { env: env(stateDir) })).stdout,
    ) as StatusJson;
    expect(status.drift).toContainEqual(
      expect.objectContaining({ kind: "gone", name: "orders-service-repo" }),
    );
  });
});

describe("in Spanish", () => {
  it("up and teardown report every step's progress in Spanish", async () => {
    const stateDir = tempDir("life-es");
    const spanish = { ...env(stateDir), MSDEMO_LANG: "es" };
    const up = await runCli(["up", "--yes", "--steps", "network,registry"], { env: spanish });
    expect(up.code, up.stderr + up.stdout).toBe(0);
    const upText = up.stdout + up.stderr;
    expect(upText).toContain(fill(es["network.creating"], { name: "node-sg-service" }));
    // The engine words each planned change: the action in Spanish, AWS's own resource name.
    expect(upText).toContain(`registry: ${es["ui.action.create"]} ECR repository orders-service-repo`);
    expect(upText).toContain("network: listo en");
    expect(upText).not.toMatch(/Creating|done in/);

    const down = await runCli(["teardown", "--yes"], { env: spanish });
    expect(down.code, down.stderr + down.stdout).toBe(0);
    const downText = down.stdout + down.stderr;
    expect(downText).toContain(fill(es["registry.deleting"], { name: "auth-service-repo" }));
    expect(downText).not.toMatch(/Deleting|done in/);
    expect(downText).toContain(fill(es["ui.teardown.billingStopped"], { stack: "node-microservices-demo" }));
    expect(isEmpty(await inventory(moto.clients()))).toBe(true);
  });
});

/** A catalogue message with its placeholders filled. */
function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
