import { describe, expect, it } from "vitest";
import { smokeTarget } from "../../src/smoke/target.js";
import type { StackState } from "../../src/state/store.js";

const LOCAL = "http://127.0.0.1:8080";
const API = "https://abc123.execute-api.us-east-1.amazonaws.com";
const PAGE = "https://d111111abcdef8.cloudfront.net";
const at = "2026-01-01T00:00:00.000Z";
const gateway = {
  status: "done" as const,
  outputs: { apiId: "abc123", apiUrl: API, routes: 16 },
  updatedAt: at,
};
const site = {
  status: "done" as const,
  outputs: { bucket: "b", distributionId: "E1", domainName: "d111111abcdef8.cloudfront.net", url: PAGE },
  updatedAt: at,
};

describe("where smoke goes", () => {
  it("through CloudFront, page included, once the site step published the page", () => {
    const steps: StackState["steps"] = { gateway, site };
    expect(smokeTarget(steps, undefined, LOCAL)).toEqual({ url: PAGE, withPage: true });
  });

  it("to API Gateway without the page when the stack has no page (a Learner Lab)", () => {
    const skipped = { ...site, outputs: { skipped: "learner-lab" } };
    expect(smokeTarget({ gateway, site: skipped }, undefined, LOCAL)).toEqual({ url: API, withPage: false });
    expect(smokeTarget({ gateway }, undefined, LOCAL)).toEqual({ url: API, withPage: false });
  });

  it("to the local gateway, page included, without a stack; --url wins over both", () => {
    expect(smokeTarget(undefined, undefined, LOCAL)).toEqual({ url: LOCAL, withPage: true });
    expect(smokeTarget({ gateway, site }, API, LOCAL)).toEqual({ url: API, withPage: false });
  });
});
