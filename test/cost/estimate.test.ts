// The estimate checked against hand computations from the price table.
import { describe, expect, it } from "vitest";
import { estimateCost } from "../../src/cost/estimate.js";
import { costLine, costReport, dominantSentence } from "../../src/cost/format.js";
import { costInput } from "../../src/cost/input.js";
import { PRICE_TABLE, type PriceTable, type RegionPrices } from "../../src/cost/prices.js";
import type { CostEstimate, CostItemId } from "../../src/cost/types.js";
import { setLanguage } from "../../src/i18n/index.js";

/** The walkthrough's stack: 2 × t3.medium with 20 GiB each, db.t3.micro with 20 GiB, in us-east-1. */
const DEFAULT_STACK = {
  region: "us-east-1",
  instanceType: "t3.medium",
  nodes: 2,
  dbInstanceClass: "db.t3.micro",
  dbStorage: 20,
};

function item(estimate: CostEstimate, id: CostItemId) {
  const found = estimate.items.find((i) => i.id === id);
  if (!found) throw new Error(`no line item ${id}`);
  return found;
}

describe("estimateCost, the walkthrough's stack in us-east-1", () => {
  const estimate = estimateCost(costInput(DEFAULT_STACK));
  // us-east-1 list prices (src/cost/prices.ts), worked out by hand; a month is 730 h:
  //   EKS control plane       1 × $0.10/h                 = $0.10/h   → $73.00/month
  //   2 × t3.medium           2 × $0.0416/h               = $0.0832/h → $60.736/month
  //   node volumes gp3        2 × 20 GB × $0.08/GB-month  = $3.20/month
  //   RDS db.t3.micro         1 × $0.018/h                = $0.018/h  → $13.14/month
  //   RDS storage gp3         20 GB × $0.115/GB-month     = $2.30/month
  //   3 classic LBs           3 × $0.025/h                = $0.075/h  → $54.75/month
  //   2 public IPv4           2 × $0.005/h                = $0.01/h   → $7.30/month
  //   2 secrets               2 × $0.40/month             = $0.80/month
  //   ECR, 3 images × 0.05 GB 0.15 GB × $0.10/GB-month    = $0.015/month
  const monthly = 73 + 60.736 + 3.2 + 13.14 + 2.3 + 54.75 + 7.3 + 0.8 + 0.015; // = 215.241

  it("prices every line item as the table says", () => {
    expect(item(estimate, "eks-control-plane").monthly).toBeCloseTo(73, 6);
    expect(item(estimate, "nodes").hourly).toBeCloseTo(0.0832, 6);
    expect(item(estimate, "nodes").monthly).toBeCloseTo(60.736, 6);
    expect(item(estimate, "node-volumes").quantity).toBe(40);
    expect(item(estimate, "node-volumes").monthly).toBeCloseTo(3.2, 6);
    expect(item(estimate, "node-volumes").hourly).toBeCloseTo(3.2 / 730, 9);
    expect(item(estimate, "db-instance").monthly).toBeCloseTo(13.14, 6);
    expect(item(estimate, "db-storage").monthly).toBeCloseTo(2.3, 6);
    expect(item(estimate, "load-balancers").monthly).toBeCloseTo(54.75, 6);
    expect(item(estimate, "public-ipv4").monthly).toBeCloseTo(7.3, 6);
    expect(item(estimate, "secrets").monthly).toBeCloseTo(0.8, 6);
    expect(item(estimate, "ecr-storage").monthly).toBeCloseTo(0.015, 6);
  });

  it("sums the totals, hourly being the monthly total over 730 h", () => {
    expect(estimate.totals.monthly).toBeCloseTo(monthly, 6);
    expect(estimate.totals.hourly).toBeCloseTo(monthly / 730, 6);
    expect(estimate.unknown).toEqual([]);
    expect(estimate.pricedRegion).toBe("us-east-1");
  });

  it("names the dominant resources, largest first, with their share", () => {
    // 73 / 215.241 = 33.9 %; 60.736 / 215.241 = 28.2 %; 54.75 / 215.241 = 25.4 %
    expect(estimate.dominant.map((d) => d.id)).toEqual(["eks-control-plane", "nodes", "load-balancers"]);
    expect(estimate.dominant[0]!.share).toBeCloseTo(73 / monthly, 9);
    expect(dominantSentence(estimate.dominant)).toBe(
      "EKS control plane 34 %, 2 × t3.medium nodes 28 %, 3 classic load balancers 25 %",
    );
  });

  it("keeps the API Gateway out of the sum and says its per-million price", () => {
    expect(estimate.items.some((i) => i.id === "api-requests")).toBe(false);
    expect(estimate.notes).toContainEqual({ kind: "api-per-million", pricePerMillion: 1 });
    expect(estimate.notes).toContainEqual({ kind: "lb-per-gb", pricePerGb: 0.008, loadBalancers: 3 });
  });

  it("words the one-line summary with the totals and the table's date", () => {
    const line = costLine(estimate);
    // 215.241 / 730 = 0.294851 → $0.2949 (4 decimals); 215.241 → $215.24
    expect(line).toContain("$0.2949/h");
    expect(line).toContain("$215.24/month");
    expect(line).toContain(estimate.pricesAsOf);
  });

  it("speaks Spanish with the same numbers when the language is Spanish", () => {
    setLanguage("es");
    try {
      const spanish = estimateCost(costInput(DEFAULT_STACK));
      expect(costLine(spanish)).toContain("Costo estimado: $0.2949/h, $215.24/mes");
      const report = costReport(spanish);
      expect(report).toContain("Costo estimado del stack en us-east-1");
      expect(report).toContain("2 nodos t3.medium");
      expect(report).toContain("40 GB-mes");
      expect(report).not.toMatch(/Estimated|per month|nodes/);
      expect(spanish.totals).toEqual(estimate.totals);
    } finally {
      setLanguage("en");
    }
    expect(costLine(estimateCost(costInput(DEFAULT_STACK)))).toContain("Estimated cost: $0.2949/h");
  });
});

describe("estimateCost, other inputs", () => {
  it("adds the API's requests when a count is given", () => {
    const estimate = estimateCost({ ...costInput(DEFAULT_STACK), requestsPerMonth: 5_000_000 });
    // 5 million requests × $1.00 per million = $5.00/month
    expect(item(estimate, "api-requests").monthly).toBeCloseTo(5, 6);
    expect(estimate.notes.some((n) => n.kind === "api-per-million")).toBe(false);
  });

  it("prices a bigger node group and database", () => {
    const estimate = estimateCost(
      costInput({
        ...DEFAULT_STACK,
        instanceType: "m5.large",
        nodes: 3,
        dbInstanceClass: "db.t4g.small",
        dbStorage: 50,
      }),
    );
    // 3 × $0.096/h = $0.288/h; 3 × 20 GB × $0.08 = $4.80/month; 3 IPv4 × $0.005 = $0.015/h
    expect(item(estimate, "nodes").hourly).toBeCloseTo(0.288, 6);
    expect(item(estimate, "node-volumes").monthly).toBeCloseTo(4.8, 6);
    expect(item(estimate, "public-ipv4").hourly).toBeCloseTo(0.015, 6);
    // db.t4g.small $0.032/h; 50 GB × $0.115 = $5.75/month
    expect(item(estimate, "db-instance").hourly).toBeCloseTo(0.032, 6);
    expect(item(estimate, "db-storage").monthly).toBeCloseTo(5.75, 6);
  });

  it("flags an instance type the table lacks instead of counting it as 0", () => {
    const known = estimateCost(costInput(DEFAULT_STACK));
    const estimate = estimateCost(costInput({ ...DEFAULT_STACK, instanceType: "x2iedn.metal" }));
    expect(estimate.unknown).toEqual([
      { id: "nodes", resource: "EC2 nodes (x2iedn.metal)", quantity: 2, missing: "x2iedn.metal" },
    ]);
    expect(estimate.items.some((i) => i.id === "nodes")).toBe(false);
    expect(estimate.notes).toContainEqual({ kind: "unpriced", missing: ["x2iedn.metal"] });
    // The totals are the known stack's minus its nodes line: 215.241 − 60.736 = 154.505
    expect(estimate.totals.monthly).toBeCloseTo(215.241 - 60.736, 6);
    expect(known.totals.monthly - estimate.totals.monthly).toBeCloseTo(60.736, 6);
    expect(costLine(estimate)).toContain("not priced: x2iedn.metal");
  });

  it("flags an unknown DB class too", () => {
    const estimate = estimateCost(costInput({ ...DEFAULT_STACK, dbInstanceClass: "db.r7g.large" }));
    expect(estimate.unknown.map((u) => [u.id, u.missing])).toEqual([["db-instance", "db.r7g.large"]]);
  });
});

describe("estimateCost by region", () => {
  it("uses us-west-2's own table entry, with no fallback note", () => {
    const east = estimateCost(costInput(DEFAULT_STACK));
    const west = estimateCost(costInput({ ...DEFAULT_STACK, region: "us-west-2" }));
    expect(west.pricedRegion).toBe("us-west-2");
    expect(west.notes.some((n) => n.kind === "region-fallback")).toBe(false);
    // Oregon's list prices equal N. Virginia's for all of these services.
    expect(west.totals.monthly).toBeCloseTo(east.totals.monthly, 9);
    expect(PRICE_TABLE["us-west-2"]!.ec2InstanceHour["t3.medium"]).toBe(0.0416);
  });

  it("reads the prices of the stack's region, not us-east-1's", () => {
    const east = PRICE_TABLE["us-east-1"]!;
    // A table where Oregon's nodes cost twice as much shows the region is looked up.
    const west: RegionPrices = { ...east, ec2InstanceHour: { "t3.medium": 0.0832 } };
    const table: PriceTable = { "us-east-1": east, "us-west-2": west };
    const estimate = estimateCost(costInput({ ...DEFAULT_STACK, region: "us-west-2" }), table);
    // 2 × $0.0832/h = $0.1664/h
    expect(item(estimate, "nodes").hourly).toBeCloseTo(0.1664, 6);
  });

  it("falls back to us-east-1's prices outside the table and says so", () => {
    const estimate = estimateCost(costInput({ ...DEFAULT_STACK, region: "eu-west-1" }));
    expect(estimate.region).toBe("eu-west-1");
    expect(estimate.pricedRegion).toBe("us-east-1");
    expect(estimate.notes[0]).toEqual({
      kind: "region-fallback",
      region: "eu-west-1",
      pricedRegion: "us-east-1",
    });
    expect(estimate.totals.monthly).toBeCloseTo(215.241, 6);
    expect(costLine(estimate)).toContain("us-east-1 prices");
  });
});

describe("dominant ordering", () => {
  it("follows the costs: a large database overtakes the control plane", () => {
    // db.t3.large: $0.145/h × 730 = $105.85/month > EKS $73 > nodes $60.736 > LBs $54.75
    const estimate = estimateCost(costInput({ ...DEFAULT_STACK, dbInstanceClass: "db.t3.large" }));
    expect(estimate.dominant.map((d) => d.id)).toEqual(["db-instance", "eks-control-plane", "nodes"]);
    const shares = estimate.dominant.map((d) => d.share);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    expect(estimate.dominant[0]!.monthly).toBeCloseTo(105.85, 6);
  });

  it("puts four t3.xlarge nodes first", () => {
    // 4 × $0.1664/h × 730 = $485.888/month
    const estimate = estimateCost(costInput({ ...DEFAULT_STACK, instanceType: "t3.xlarge", nodes: 4 }));
    expect(estimate.dominant[0]).toMatchObject({ id: "nodes", label: "4 × t3.xlarge nodes" });
    expect(estimate.dominant[0]!.monthly).toBeCloseTo(485.888, 6);
  });
});
