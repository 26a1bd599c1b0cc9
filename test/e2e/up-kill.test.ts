// `msdemo up` killed with SIGKILL at every step boundary, in the middle of every
// step, and at random moments (seeded: the seed is printed, MSDEMO_KILL_SEED
// repeats a run); each time a rerun converges to exactly one of each resource.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { type Inventory, inventory } from "../support/inventory.js";
import { createLabRoles } from "../support/lab-roles.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";
import { seededRandom } from "../support/seeded-random.js";

const STEPS = ["network", "database", "registry", "cluster", "nodes"];

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());
async function resetAccount(): Promise<void> {
  await moto.reset();
  await createLabRoles(moto.clients());
}
beforeEach(resetAccount);

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
        expect([killed.code, killed.signal], killed.stderr).toEqual([null, "SIGKILL"]);
        const rerun = await up(stateDir);
        expect(rerun.code, rerun.stderr + rerun.stdout).toBe(0);
        expectConverged(await inventory(moto.clients()));
      });
    }
  }
});

describe("up killed at random moments", () => {
  it("converges after each of 20 random kills", async () => {
    const random = seededRandom("up kill moments", "MSDEMO_KILL_SEED");
    // The kill moments are fractions of the quicker of two full runs, so a run
    // that happens to go faster later is still killed before it ends.
    let fullRunMs = Number.POSITIVE_INFINITY;
    for (const attempt of [1, 2]) {
      if (attempt > 1) await resetAccount();
      const started = Date.now();
      const full = await up(tempDir("kill-timing"));
      expect(full.code, full.stderr).toBe(0);
      fullRunMs = Math.min(fullRunMs, Date.now() - started);
    }
    for (let trial = 0; trial < 20; trial++) {
      let killAfter = Math.round((0.02 + random.next() * 0.68) * fullRunMs);
      let stateDir: string;
      let killed: Awaited<ReturnType<typeof runCli>>;
      for (let attempt = 1; ; attempt++) {
        await resetAccount();
        stateDir = tempDir("kill-random");
        killed = await runCli(["up", "--yes", "--steps", STEPS.join(",")], {
          env: env(stateDir),
          timeoutMs: killAfter,
        });
        // A machine less loaded than during the timing runs may finish first: kill it earlier.
        if (killed.code !== 0 || attempt === 5) break;
        killAfter = Math.round(killAfter / 2);
      }
      const what = `trial ${trial}, killed after ${killAfter} ms of a ${fullRunMs} ms run (seed ${random.seed})`;
      // The kill landed: the process died by SIGKILL, it did not finish or fail first.
      expect([killed.code, killed.signal], `${what}: ${killed.stderr}`).toEqual([null, "SIGKILL"]);
      const rerun = await up(stateDir);
      expect(rerun.code, `${what}: ${rerun.stderr}`).toBe(0);
      expectConverged(await inventory(moto.clients()));
    }
  }, 900_000);
});
