// --private in the estimate: the three classic ELBs become internal NLBs, the
// VPC link adds nothing, and `cost --private` states the difference. Checked
// against hand computations from the us-east-1 price table.
import { describe, expect, it } from "vitest";
import { estimateCost } from "../../src/cost/estimate.js";
import { noteText } from "../../src/cost/format.js";
import { costInput } from "../../src/cost/input.js";
import { privateDifference } from "../../src/cost/private.js";
import { setLanguage } from "../../src/i18n/index.js";

const STACK = {
  region: "us-east-1",
  instanceType: "t3.medium",
  nodes: 2,
  dbInstanceClass: "db.t3.micro",
  dbStorage: 20,
};

describe("cost --private", () => {
  it("prices three internal NLBs instead of three classic ELBs, and nothing else changes", () => {
    const publicEstimate = estimateCost(costInput(STACK));
    const privateEstimate = estimateCost(costInput({ ...STACK, private: true }));
    const lbs = privateEstimate.items.find((i) => i.id === "load-balancers")!;
    // 3 × $0.0225/h = $0.0675/h → $49.275/month (classic: 3 × $0.025/h → $54.75/month).
    expect(lbs.quantity).toBe(3);
    expect(lbs.monthly).toBeCloseTo(49.275, 6);
    expect(publicEstimate.items.find((i) => i.id === "load-balancers")!.monthly).toBeCloseTo(54.75, 6);
    expect(privateEstimate.totals.monthly - publicEstimate.totals.monthly).toBeCloseTo(-5.475, 6);
    const others = (e: typeof publicEstimate) => e.items.filter((i) => i.id !== "load-balancers");
    expect(others(privateEstimate)).toEqual(others(publicEstimate));
    expect(privateEstimate.notes.map((n) => n.kind)).toContain("nlb-per-lcu");
    expect(privateEstimate.notes.map((n) => n.kind)).not.toContain("lb-per-gb");
  });

  it("says the difference, in total and for the load balancers, in both languages", () => {
    const input = costInput({ ...STACK, private: true });
    const total = (privateFlag: boolean) =>
      estimateCost({ ...input, privateLoadBalancers: privateFlag }).totals.monthly.toFixed(2);
    try {
      setLanguage("en");
      const line = privateDifference(input);
      expect(line).toContain(`$${total(true)}/month instead of $${total(false)}/month (−$5.47/month)`);
      expect(line).toContain("$49.28 instead of $54.75");
      expect(noteText(estimateCost(input).notes.find((n) => n.kind === "nlb-per-lcu")!)).toMatch(/VPC link/);
      setLanguage("es");
      expect(privateDifference(input)).toContain("(−$5.47/mes)");
    } finally {
      setLanguage("en");
    }
  });
});
