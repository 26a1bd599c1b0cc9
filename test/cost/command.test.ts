// msdemo cost, run in-process: sizes from flags, then the state file, then the
// walkthrough; no AWS call (no endpoint, no credentials are set up here).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/commands/cost.js";
import { STATE_SCHEMA_VERSION, type StackState, StateStore } from "../../src/state/store.js";

interface CostOutput {
  region: string;
  pricedRegion: string;
  items: { id: string; quantity: number; monthly: number }[];
  totals: { monthly: number };
  costSoFar: { since: string; amount: number } | null;
}

let stateDir: string;
let printed: string;

beforeEach(() => {
  stateDir = mkdtempSync(join(tmpdir(), "msdemo-cost-"));
  printed = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
  vi.stubEnv("AWS_REGION", "");
  vi.stubEnv("AWS_DEFAULT_REGION", "");
  vi.stubEnv("MSDEMO_REGION", "");
  vi.stubEnv("AWS_CONFIG_FILE", join(stateDir, "no-aws-config"));
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(stateDir, { recursive: true, force: true });
});

function writeState(createdAt: string, settings?: StackState["settings"]): void {
  const state: StackState = {
    ...(settings ? { settings } : {}),
    schemaVersion: STATE_SCHEMA_VERSION,
    stack: "demo",
    region: "us-west-2",
    createdAt,
    updatedAt: createdAt,
    steps: {
      nodes: {
        status: "done",
        updatedAt: createdAt,
        outputs: {
          nodegroupName: "demo-ng-general",
          instanceType: "t3.large",
          scaling: { desired: 3, min: 2, max: 4 },
        },
      },
    },
  };
  new StateStore(stateDir, "demo").write(state);
}

const nodesOf = (out: CostOutput) => out.items.find((i) => i.id === "nodes")!;

describe("msdemo cost", () => {
  it("prices the walkthrough's stack when there is no state file", async () => {
    expect(await run({ stateDir, stack: "demo", json: true })).toBe(0);
    const out = JSON.parse(printed) as CostOutput;
    expect(out.region).toBe("us-east-1");
    // 2 × t3.medium × $0.0416/h × 730 h = $60.736
    expect(nodesOf(out)).toMatchObject({ quantity: 2, monthly: 60.736 });
    expect(out.costSoFar).toBeNull();
  });

  it("prices what the state file recorded, in its region, with the cost so far", async () => {
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    writeState(hourAgo);
    expect(await run({ stateDir, stack: "demo", json: true })).toBe(0);
    const out = JSON.parse(printed) as CostOutput;
    expect(out.pricedRegion).toBe("us-west-2");
    // 3 × t3.large × $0.0832/h × 730 h = $182.208
    expect(nodesOf(out)).toMatchObject({ quantity: 3, monthly: 182.208 });
    // About one hour of the whole stack: the monthly total / 730, give or take the test's own run time.
    expect(out.costSoFar!.since).toBe(hourAgo);
    expect(out.costSoFar!.amount).toBeCloseTo(out.totals.monthly / 730, 3);
  });

  it("lets flags override the recorded sizes for a what-if", async () => {
    writeState(new Date().toISOString());
    await run({ stateDir, stack: "demo", json: true, instanceType: "c5.xlarge", nodes: 6 });
    // 6 × c5.xlarge × $0.17/h × 730 h = $744.60
    expect(nodesOf(JSON.parse(printed) as CostOutput)).toMatchObject({ quantity: 6, monthly: 744.6 });
  });

  it("prints the table, the totals, the dominant resources and the table's date", async () => {
    await run({ stateDir, stack: "demo" });
    expect(printed).toMatch(/Resource\s+Quantity\s+Unit price\s+\$\/h\s+\$\/month/);
    expect(printed).toContain("Total: $0.2949/h, $215.24/month");
    expect(printed).toContain("Most of it: EKS control plane 34 %");
    expect(printed).toContain("2025-");
  });

  it("--private prices internal NLBs and states the difference; a stack made with --private is priced so", async () => {
    await run({ stateDir, stack: "demo", private: true });
    expect(printed).toContain("Internal network load balancers (--private)");
    expect(printed).toContain("$209.77/month instead of $215.24/month (−$5.47/month)");
    printed = "";
    writeState(new Date().toISOString(), { private: true });
    await run({ stateDir, stack: "demo", json: true });
    const lbs = (JSON.parse(printed) as CostOutput).items.find((i) => i.id === "load-balancers")!;
    // 3 × $0.0225/h × 730 h = $49.275 (classic: $54.75)
    expect(lbs.monthly).toBeCloseTo(49.275, 6);
    printed = "";
    await run({ stateDir, stack: "demo", private: false });
    expect(printed).toContain("Classic load balancers");
    expect(printed).not.toContain("instead of public");
  });

  it("refuses a request count that is not a whole number", async () => {
    await expect(run({ stateDir, stack: "demo", requests: "lots" })).rejects.toMatchObject({ exitCode: 2 });
  });
});
