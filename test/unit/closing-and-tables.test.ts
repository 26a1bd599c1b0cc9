// The plan table fitted to a terminal, and the closing lines of up and teardown.
import { describe, expect, it } from "vitest";
import { builtTotals, estimateCost } from "../../src/cost/index.js";
import { teardownSummary, upSummary } from "../../src/ui/closing.js";
import { formatTable, wrap } from "../../src/ui/format.js";

const headers = ["", "STEP", "RESOURCE", "NAME", "ACTION"];
const rows = [
  [
    "+",
    "network",
    "EC2 security group",
    "node-sg-service",
    "create: in vpc-43eb593301a6791ea; inbound TCP 80 from postgres-sg-rds",
  ],
  [
    "+",
    "database",
    "RDS DB instance",
    "pgdb-rds",
    "create: PostgreSQL 17.6, db.t3.micro, 20 GiB (autoscaling to 100)",
  ],
];
const widest = (text: string) => Math.max(...text.split("\n").map((line) => line.length));

describe("formatTable", () => {
  it("keeps one line per row without a width (a pipe or a log)", () => {
    const table = formatTable(headers, rows);
    expect(table.split("\n")).toHaveLength(4);
    expect(widest(table)).toBeGreaterThan(100);
  });

  it("wraps the last column inside it when the terminal is narrower, keeping every word", () => {
    const table = formatTable(headers, rows, { width: 100 });
    expect(widest(table)).toBeLessThanOrEqual(100);
    const actionStart = table.split("\n")[0]!.indexOf("ACTION");
    const continuation = table.split("\n").filter((line) => line.startsWith(" ".repeat(actionStart)));
    expect(continuation.length).toBeGreaterThan(0);
    expect(table.replace(/\s+/g, " ")).toContain("inbound TCP 80 from postgres-sg-rds");
  });

  it("puts the last cell under the row when too little room is left beside it", () => {
    const table = formatTable(headers, rows, { width: 50 });
    expect(widest(table)).toBeLessThanOrEqual(50);
    expect(table).toMatch(/^ {4}create: in/m);
  });

  it("wrap cuts a word longer than the width", () => {
    expect(wrap("a verylongwordthatdoesnotfit b", 10)).toEqual(["a", "verylongwo", "rdthatdoes", "notfit b"]);
  });
});

describe("closing lines", () => {
  const estimate = estimateCost({
    region: "us-east-1",
    instanceType: "t3.medium",
    nodes: 2,
    nodeDiskGiB: 20,
    dbInstanceClass: "db.t3.micro",
    dbStorageGiB: 20,
  });

  it("prices only what was built: the database alone is not quoted the cluster", () => {
    const database = builtTotals(estimate, ["network", "database"]);
    const all = builtTotals(estimate, [
      "network",
      "database",
      "registry",
      "cluster",
      "nodes",
      "deploy",
      "gateway",
    ]);
    expect(database.hourly).toBeGreaterThan(0);
    expect(database.hourly).toBeLessThan(all.hourly / 5);
    expect(all.hourly).toBeCloseTo(estimate.totals.hourly, 6);
  });

  it("up ends with the time, the API, smoke, the cost and teardown", () => {
    const text = upSummary({
      elapsedMs: 725_000,
      apiUrl: "https://abc.execute-api.us-east-1.amazonaws.com",
      cost: { hourly: 0.2949, monthly: 215.2 },
    });
    expect(text.split("\n")).toEqual([
      "Done in 12m05s.",
      "API: https://abc.execute-api.us-east-1.amazonaws.com",
      "Try it:  msdemo smoke",
      "Cost from now on: about $0.29 an hour ($215 a month) while it runs.",
      "When you are done:  msdemo teardown  (removes everything, so the billing stops)",
    ]);
  });

  it("teardown counts what it removed by kind and says billing stopped", () => {
    const text = teardownSummary("demo", ["EC2 security group", "EC2 security group", "RDS DB instance"]);
    expect(text).toContain("Removed 3 resources of demo: EC2 security group ×2, RDS DB instance.");
    expect(text).toContain("no longer costs anything");
  });
});
