import { describe, expect, it } from "vitest";
import { bucketNameProblem, siteBucketName } from "../../src/steps/site-names.js";

describe("the web page's bucket name", () => {
  it("is the stack, the account and the region, so no other account's bucket can take it", () => {
    expect(siteBucketName("node-microservices-demo", "123456789012", "us-east-1")).toBe(
      "node-microservices-demo-web-123456789012-us-east-1",
    );
  });

  it("stays within S3's 63 characters for the longest stack and region, and two long stacks still differ", () => {
    const a = siteBucketName(`a${"b".repeat(39)}`, "123456789012", "ap-southeast-3");
    const b = siteBucketName(`a${"b".repeat(38)}c`, "123456789012", "ap-southeast-3");
    for (const name of [a, b]) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(bucketNameProblem(name)).toBeUndefined();
      expect(name.endsWith("-web-123456789012-ap-southeast-3")).toBe(true);
    }
    expect(a).not.toBe(b);
  });

  it("refuses a name S3 reserves, saying why and which flag to change", () => {
    expect(() => siteBucketName("xn--demo", "123456789012", "us-east-1")).toThrow(
      /xn--demo-web-123456789012-us-east-1 is not a valid S3 bucket name: S3 reserves its prefix or suffix/,
    );
    expect(bucketNameProblem("Upper-case")).toMatch(/lowercase/);
    expect(bucketNameProblem("ab")).toMatch(/3 to 63/);
    expect(bucketNameProblem("a..b")).toMatch(/lowercase/);
  });
});
