// Without credentials, commands that read AWS must say so (with the hint `up`
// gives) and exit non-zero, not show an empty stack. The SDK fails before any
// network call; the endpoint is a closed port so nothing could answer anyway.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { runCli } from "../support/cli.js";
import { CLOSED_PORT, tempDir } from "../support/process.js";

async function noCredentials() {
  const home = tempDir("nocreds");
  return {
    HOME: home,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_CONFIG_FILE: join(home, "aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, "aws-credentials"),
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL: `http://127.0.0.1:${CLOSED_PORT}`,
    MSDEMO_STATE_DIR: join(home, "state"),
  };
}

describe("no AWS credentials", () => {
  it("plan, status, teardown --yes and diagram --live print the credentials hint and exit non-zero", async () => {
    const env = await noCredentials();
    for (const args of [["plan"], ["status"], ["teardown", "--yes"], ["diagram", "--live"]]) {
      const r = await runCli(args, { env, timeoutMs: 60_000 });
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr, args.join(" ")).toContain(en["aws.noCredentials"]);
      expect(r.stderr, args.join(" ")).toContain(en["aws.noCredentials.hint"].slice(0, 30));
      // No table, no plan summary, no cost line as if the stack were empty.
      expect(r.stdout, args.join(" ")).toBe("");
    }
  });

  it("--profile that does not exist is named, with the profiles there are (exit 2)", async () => {
    const env = await noCredentials();
    mkdirSync(env.HOME, { recursive: true });
    writeFileSync(
      env.AWS_CONFIG_FILE,
      "[default]\nregion = us-east-1\n\n[profile lab]\nregion = us-west-2\n",
    );
    for (const args of [["plan", "--profile", "nosuch"], ["status"]]) {
      const r = await runCli(args, {
        env: { ...env, AWS_PROFILE: args.includes("status") ? "nosuch" : undefined },
      });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain('The AWS profile "nosuch" does not exist');
      expect(r.stderr).toContain("default, lab");
    }
  });
});
