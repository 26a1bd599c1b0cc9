// `msdemo up` killed with SIGKILL at every step boundary, in the middle of every
// step, and at random moments; each time a rerun converges to exactly one of
// each resource.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { type Inventory, inventory } from "../support/inventory.js";
import { createLabRoles } from "../support/lab-roles.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";

const STEPS = ["network", "database", "registry", "cluster", "nodes"];

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());
beforeEach(async () => {
  await moto.reset();
  await createLabRoles(moto.clients());
});

const env = (stateDir: string, extra: Record<string, string> = {}) => ({
  ...moto.env,
  MSDEMO_STATE_DIR: stateDir,
  MSDEMO_POLL_SCALE: "0.001",
  ...extra,
});

const up = (stateDir: string, extra: Record<string, string> = {}) =>
  runCli(["up", "--yes", "--steps", STEPS.join(",")], { env: env(stateDir, extra) });

function expectConverged(inv: Inventory): void {
  expect(inv.securityGroups).toEqual(["node-sg-service", "postgres-sg-rds"]);
  expect(inv.dbInstances).toEqual(["pgdb-rds"]);
  expect(inv.repositories).toEqual(["auth-service-repo", "orders-service-repo", "products-service-repo"]);
  expect(inv.clusters).toEqual(["node-microservices-demo"]);
  expect(inv.nodegroups).toEqual(["node-microservices-demo/ng-general"]);
  expect(new Set(inv.secrets).size).toBe(inv.secrets.length);
}

describe("up killed at a chosen point, then run again", () => {
  for (const step of STEPS) {
    for (const point of ["record", "done"]) {
      it(`converges after SIGKILL at ${point}:${step}`, async () => {
        const stateDir = tempDir("kill");
        const killed = await up(stateDir, { MSDEMO_KILL_AT: `${point}:${step}` });
        // The hook fired: the process died by the signal, not by finishing.
        expect(killed.code, killed.stderr).toBeNull();
        const rerun = await up(stateDir);
        expect(rerun.code, rerun.stderr + rerun.stdout).toBe(0);
        expectConverged(await inventory(moto.clients()));
      });
    }
  }
});

describe("up killed at random moments", () => {
  it("converges after each of 20 random kills", async () => {
    const timing = tempDir("kill-timing");
    const started = Date.now();
    expect((await up(timing)).code).toBe(0);
    const fullRunMs = Date.now() - started;
    for (let trial = 0; trial < 20; trial++) {
      await moto.reset();
      await createLabRoles(moto.clients());
      const stateDir = tempDir("kill-random");
      const killAfter = Math.round(Math.random() * fullRunMs);
      await runCli(["up", "--yes", "--steps", STEPS.join(",")], { env: env(stateDir), timeoutMs: killAfter });
      const rerun = await up(stateDir);
      expect(rerun.code, `trial ${trial} (killed after ${killAfter} ms): ${rerun.stderr}`).toBe(0);
      expectConverged(await inventory(moto.clients()));
    }
  }, 600_000);
});
