// Through the CLI against moto_server: for each step, the changes `plan --json`
// lists are exactly the `step-change` events `up --json` then emits, in the same
// order (issue 14: plan and up are one model). Three situations: an empty
// account, everything present, and things changed behind msdemo's back.
import { DescribeSecurityGroupsCommand, RevokeSecurityGroupIngressCommand } from "@aws-sdk/client-ec2";
import { DeleteRepositoryCommand } from "@aws-sdk/client-ecr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { createLabRoles } from "../support/lab-roles.js";
import { type Moto, startMoto } from "../support/moto.js";
import { tempDir } from "../support/process.js";

const STEPS = "network,database,registry,cluster,nodes";

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
  await createLabRoles(moto.clients());
});
afterAll(async () => moto?.stop());

interface PlannedChange {
  action: string;
  resource: string;
  name: string;
}
interface PlanJson {
  steps: { step: string; changes: PlannedChange[]; error?: unknown }[];
}

const stateDir = tempDir("plan-is-up");
const env = { MSDEMO_STATE_DIR: stateDir, MSDEMO_POLL_SCALE: "0.001" };
const key = (c: PlannedChange) => `${c.action} ${c.resource} ${c.name}`;

/** Per step, the mutating changes plan lists and the changes up makes. */
async function planThenUp(): Promise<{ planned: Record<string, string[]>; made: Record<string, string[]> }> {
  const plan = await runCli(["plan", "--json", "--steps", STEPS], { env: { ...moto.env, ...env } });
  expect(plan.code, plan.stderr).toBe(0);
  const planned: Record<string, string[]> = {};
  for (const step of (JSON.parse(plan.stdout) as PlanJson).steps) {
    expect(step.error).toBeUndefined();
    planned[step.step] = step.changes.filter((c) => c.action !== "none").map(key);
  }
  const up = await runCli(["up", "--yes", "--json", "--steps", STEPS], { env: { ...moto.env, ...env } });
  expect(up.code, up.stderr + up.stdout).toBe(0);
  const made: Record<string, string[]> = Object.fromEntries(Object.keys(planned).map((s) => [s, []]));
  for (const line of up.stdout.split("\n").filter(Boolean)) {
    const event = JSON.parse(line) as { type: string; step: string; change?: PlannedChange };
    if (event.type === "step-change") made[event.step]!.push(key(event.change!));
  }
  return { planned, made };
}

describe("plan lists exactly what up makes, step by step", () => {
  it("in an empty account", async () => {
    const { planned, made } = await planThenUp();
    expect(made).toEqual(planned);
    expect(Object.values(planned).flat().length).toBeGreaterThan(5);
  });

  it("with everything present: plan lists nothing and up makes nothing", async () => {
    const { planned, made } = await planThenUp();
    expect(made).toEqual(planned);
    expect(Object.values(made).flat()).toEqual([]);
  });

  it("after a repository was deleted and the database rule revoked behind msdemo's back", async () => {
    const aws = moto.clients();
    await aws.ecr.send(new DeleteRepositoryCommand({ repositoryName: "orders-service-repo", force: true }));
    const groups = await aws.ec2.send(new DescribeSecurityGroupsCommand({}));
    const db = groups.SecurityGroups?.find((g) => g.IpPermissions?.some((p) => p.FromPort === 5432));
    expect(db).toBeDefined();
    const rule = db!.IpPermissions!.find((p) => p.FromPort === 5432)!;
    await aws.ec2.send(
      new RevokeSecurityGroupIngressCommand({ GroupId: db!.GroupId, IpPermissions: [rule] }),
    );
    const { planned, made } = await planThenUp();
    expect(made).toEqual(planned);
    expect(made.registry).toEqual([expect.stringMatching(/^create ECR repository orders-service-repo$/)]);
    expect(Object.values(made).flat().length).toBeGreaterThanOrEqual(2);
    // up put the rule back.
    const after = await aws.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [db!.GroupId!] }));
    expect(after.SecurityGroups?.[0]?.IpPermissions?.some((p) => p.FromPort === 5432)).toBe(true);
  });
});
