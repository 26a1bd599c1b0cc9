// Cost so far: hours since creation times each item's hourly cost.
import { describe, expect, it } from "vitest";
import { estimateCost } from "../../src/cost/estimate.js";
import { costInput } from "../../src/cost/input.js";
import { costSoFar, itemStartTimes } from "../../src/cost/so-far.js";
import type { LiveResource } from "../../src/engine/types.js";

const estimate = estimateCost(
  costInput({
    region: "us-east-1",
    instanceType: "t3.medium",
    nodes: 2,
    dbInstanceClass: "db.t3.micro",
    dbStorage: 20,
  }),
);
// The default stack costs 215.241 $/month (see estimate.test.ts), i.e. 215.241 / 730 $/h.
const HOURLY = 215.241 / 730;

describe("costSoFar", () => {
  it("charges every item from the state file's creation for a whole stack", () => {
    const soFar = costSoFar(estimate, "2025-03-01T10:00:00.000Z", new Date("2025-03-01T16:00:00.000Z"));
    // 6 hours × 0.294851 $/h = 1.7691 $
    expect(soFar.amount).toBeCloseTo(6 * HOURLY, 9);
    expect(soFar.since).toBe("2025-03-01T10:00:00.000Z");
    expect(soFar.items.every((i) => i.hours === 6)).toBe(true);
  });

  it("starts an item at its own resource's creation when known", () => {
    // The stack was created at 10:00 but the cluster only at 12:00: 4 h of control plane, not 6.
    const soFar = costSoFar(estimate, "2025-03-01T10:00:00.000Z", new Date("2025-03-01T16:00:00.000Z"), {
      "eks-control-plane": "2025-03-01T12:00:00.000Z",
    });
    // 6 h × (all − EKS 0.10 $/h) + 4 h × 0.10 $/h
    expect(soFar.amount).toBeCloseTo(6 * (HOURLY - 0.1) + 4 * 0.1, 9);
    expect(soFar.items.find((i) => i.id === "eks-control-plane")!.hours).toBe(4);
  });

  it("counts nothing when the clock is behind the creation time", () => {
    const soFar = costSoFar(estimate, "2025-03-02T00:00:00.000Z", new Date("2025-03-01T00:00:00.000Z"));
    expect(soFar.amount).toBe(0);
  });

  it("refuses a creation time that is not a date", () => {
    expect(() => costSoFar(estimate, "yesterday", new Date())).toThrow(RangeError);
  });
});

describe("itemStartTimes", () => {
  const resource = (type: string, createdAt: string, state = "ACTIVE"): LiveResource => ({
    step: "cluster",
    type,
    name: type,
    state,
    managed: true,
    createdAt,
  });

  it("maps live resources to the items they bill, keeping the earliest", () => {
    const starts = itemStartTimes([
      resource("EKS cluster", "2025-03-01T11:00:00.000Z"),
      resource("EKS node group", "2025-03-01T11:20:00.000Z"),
      resource("ECR repository", "2025-03-01T10:05:00.000Z"),
      resource("ECR repository", "2025-03-01T10:01:00.000Z"),
      resource("RDS DB instance", "2025-03-01T10:02:00.000Z", "missing"),
    ]);
    expect(starts).toEqual({
      "eks-control-plane": "2025-03-01T11:00:00.000Z",
      nodes: "2025-03-01T11:20:00.000Z",
      "node-volumes": "2025-03-01T11:20:00.000Z",
      "public-ipv4": "2025-03-01T11:20:00.000Z",
      "ecr-storage": "2025-03-01T10:01:00.000Z",
    });
  });
});
