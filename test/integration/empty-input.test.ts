// Empty values are bad input, not a silent default; a .env line that cannot be
// parsed is named and skipped, and the lines after it still count. Any AWS call
// would land on the counting server below: there must be none.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDotEnv } from "../../src/cli/dotenv.js";
import { runCli } from "../support/cli.js";
import { type CountingEndpoint, startCountingEndpoint } from "../support/counting-endpoint.js";
import { tempDir } from "../support/process.js";

let aws: CountingEndpoint;
beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(() => aws.close());

const env = () => ({
  AWS_ENDPOINT_URL: aws.url,
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "x",
  AWS_SECRET_ACCESS_KEY: "y",
  MSDEMO_STATE_DIR: tempDir("empty"),
});

describe("an empty value given on purpose", () => {
  const cases = [
    ["teardown", "--yes", "--stack", ""],
    ["up", "--yes", "--steps", ""],
    ["up", "--yes", "--steps", ","],
    ["plan", "--region", ""],
    ["status", "--offline", "--state-dir", ""],
    ["smoke", "--url", ""],
    ["diagram", "--format", ""],
  ];
  for (const args of cases) {
    it(`${args.join(" ")}: exit 2 naming the option, no AWS call`, async () => {
      const before = aws.requests();
      const r = await runCli(args, { env: env() });
      const option = args[args.length - 2]!;
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${option} was given an empty value`);
      expect(aws.requests()).toBe(before);
    });
  }
});

describe(".env", () => {
  it("a line that cannot be parsed is named with its file and line; the lines after it are kept", async () => {
    const cwd = tempDir("dotenv");
    writeFileSync(
      join(cwd, ".env"),
      "# settings\nMSDEMO_LANG=en\nthis line is junk\nMSDEMO_STACK=after-junk\n",
    );
    const r = await runCli(["status", "--offline", "--json"], { cwd, env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).stack).toBe("after-junk");
    expect(r.stderr).toContain(`${join(cwd, ".env")}:3 is not a NAME=value line`);
  });

  it("an unclosed quote costs only its own line; a closed one may span lines", () => {
    const { values, badLines } = parseDotEnv('A=1\nB="never closed\nC=3\nD="two\nlines"\nexport E=5\n');
    expect(values).toEqual({ A: "1", C: "3", D: "two\nlines", E: "5" });
    expect(badLines).toEqual([2]);
  });
});
