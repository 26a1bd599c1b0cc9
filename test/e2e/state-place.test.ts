// moto: a state file belongs to one stack in one account and one region. With
// a state written for us-east-1, commands run for us-west-2 (or with another
// account's credentials, made by editing the recorded account, since moto has
// one account) refuse with exit 2 before acting, and the stack keeps running.
// And teardown with a corrupt state file: it goes on by discovery and keeps
// the bad file aside.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { inventory } from "../support/inventory.js";
import { createLabRoles } from "../support/lab-roles.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";

const STACK = "node-microservices-demo";
let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
  await createLabRoles(moto.clients());
});
afterAll(async () => moto?.stop());

/** `up` of the network step in us-east-1; its env, the state file's path and what it recorded. */
async function upNetwork() {
  const stateDir = tempDir("place");
  const env = { ...moto.env, MSDEMO_STATE_DIR: stateDir, MSDEMO_POLL_SCALE: "0.001" };
  const up = await runCli(["up", "--yes", "--steps", "network"], { env });
  expect(up.code, up.stderr + up.stdout).toBe(0);
  const statePath = join(stateDir, STACK, "state.json");
  return { env, statePath, recorded: JSON.parse(readFileSync(statePath, "utf8")) };
}

describe("state from another region or account", () => {
  it("refuses teardown, up and status elsewhere with exit 2, naming the state's region and the flag", async () => {
    const { env, statePath, recorded } = await upNetwork();
    expect(recorded).toMatchObject({ region: "us-east-1", account: "123456789012" });
    const groupsBefore = (await inventory(moto.clients())).securityGroups;

    for (const args of [
      ["teardown", "--yes", "--region", "us-west-2"],
      ["up", "--yes", "--steps", "network", "--region", "us-west-2"],
      ["status", "--region", "us-west-2"],
      ["plan", "--region", "us-west-2"],
    ]) {
      const r = await runCli(args, { env });
      expect(r.code, `${args.join(" ")}: ${r.stderr}${r.stdout}`).toBe(2);
      expect(r.stderr).toContain("belongs to region us-east-1 (account 123456789012), not us-west-2");
      expect(r.stderr).toContain("--region us-east-1");
    }
    // Nothing changed: the stack is still there and the state untouched.
    expect((await inventory(moto.clients())).securityGroups).toEqual(groupsBefore);
    expect(JSON.parse(readFileSync(statePath, "utf8"))).toEqual(recorded);
  });

  it("refuses a state recorded for another account, naming both accounts", async () => {
    const { env, statePath, recorded } = await upNetwork();
    writeFileSync(statePath, JSON.stringify({ ...recorded, account: "999999999999" }, null, 2));
    for (const args of [["teardown", "--yes"], ["up", "--yes", "--steps", "network"], ["status"]]) {
      const r = await runCli(args, { env });
      expect(r.code, `${args.join(" ")}: ${r.stderr}${r.stdout}`).toBe(2);
      expect(r.stderr).toContain("belongs to account 999999999999");
      expect(r.stderr).toContain("these credentials are account 123456789012");
    }
    expect(JSON.parse(readFileSync(statePath, "utf8")).steps).toEqual(recorded.steps);
  });
});

describe("teardown with a corrupt state file", () => {
  it("says it is unreadable, keeps it aside, and removes the stack by discovery", async () => {
    const { env, statePath } = await upNetwork();
    expect((await inventory(moto.clients())).securityGroups).toEqual(
      expect.arrayContaining(["node-sg-service", "postgres-sg-rds"]),
    );
    writeFileSync(statePath, '{"schemaVersion": 1, "stack": "node-micro');
    const r = await runCli(["teardown", "--yes"], { env });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stderr).toContain(`The state file ${statePath} is unreadable (not valid JSON)`);
    expect(r.stderr).toContain("Teardown goes on without it");
    const inventoryAfter = await inventory(moto.clients());
    expect(inventoryAfter.securityGroups).not.toContain("node-sg-service");
    expect(inventoryAfter.securityGroups).not.toContain("postgres-sg-rds");
    const dir = join(statePath, "..");
    const aside = readdirSync(dir).filter((f) => f.startsWith("state.json.unreadable-"));
    expect(aside).toHaveLength(1);
    expect(r.stderr).toContain(join(dir, aside[0]!));
    expect(readFileSync(join(dir, aside[0]!), "utf8")).toBe('{"schemaVersion": 1, "stack": "node-micro');
  });
});
