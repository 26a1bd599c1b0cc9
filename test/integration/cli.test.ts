import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { en } from "../../src/i18n/en.js";
import { es } from "../../src/i18n/es.js";
import { ensureDir } from "../../src/state/ensure-dir.js";
import { runCli } from "../support/cli.js";
import { tempDir } from "../support/process.js";

// Bad input must fail before any AWS call: every AWS call would land here.
let awsRequests = 0;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    awsRequests++;
    res.statusCode = 500;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const baseEnv = () => ({
  AWS_ENDPOINT_URL: endpoint,
  AWS_REGION: "us-east-1",
  MSDEMO_STATE_DIR: tempDir("cli"),
  AWS_ACCESS_KEY_ID: "x",
  AWS_SECRET_ACCESS_KEY: "y",
});

describe("msdemo CLI", () => {
  it("--help lists the commands", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const command of ["up", "plan", "status", "teardown"])
      expect(r.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
  });

  it("--version prints the package version", async () => {
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  const badInputs: [string, string[], RegExp][] = [
    ["an unknown option", ["status", "--bogus"], /unknown option '--bogus'/],
    ["an invalid stack name", ["plan", "--stack", "Bad_Name"], /--stack must start with a-z/],
    ["an unknown region", ["plan", "--region", "mars-north-1"], /--region is not a known AWS region/],
    [
      "a malformed role ARN",
      ["up", "--yes", "--cluster-role-arn", "LabEksClusterRole"],
      /--cluster-role-arn must be an IAM role ARN/,
    ],
    ["an invalid CIDR", ["up", "--yes", "--ssh-cidr", "10.0.0.300/32"], /--ssh-cidr must be an IPv4 CIDR/],
    [
      "min above desired nodes",
      ["up", "--yes", "--min-nodes", "3", "--nodes", "2"],
      /--min-nodes \(3\) must not exceed --nodes \(2\)/,
    ],
    [
      "desired above max nodes",
      ["up", "--yes", "--nodes", "5", "--max-nodes", "4"],
      /--nodes \(5\) must not exceed --max-nodes \(4\)/,
    ],
    [
      "a malformed instance type",
      ["up", "--yes", "--instance-type", "t3medium"],
      /--instance-type must be an EC2 instance type/,
    ],
    [
      "a malformed DB class",
      ["up", "--yes", "--db-instance-class", "t3.micro"],
      /--db-instance-class must be an RDS instance class/,
    ],
    ["DB storage out of range", ["up", "--yes", "--db-storage", "10"], /--db-storage/],
    ["a non-numeric count", ["up", "--yes", "--nodes", "two"], /--nodes takes a whole number/],
    ["an unknown step", ["up", "--yes", "--steps", "network,kitchen"], /--steps must be among/],
    [
      "an unknown password mode",
      ["up", "--yes", "--db-password-mode", "plain"],
      /--db-password-mode must be one of managed, generated/,
    ],
    ["up without a terminal and without --yes", ["up"], /pass --yes|--yes/],
  ];

  for (const [what, args, message] of badInputs) {
    it(`exits 2 on ${what}, before any AWS call`, async () => {
      const before = awsRequests;
      const r = await runCli(args, { env: baseEnv() });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(awsRequests).toBe(before);
    });
  }

  it("a state folder that cannot be made is bad input (exit 2), said at once, before any AWS call", async () => {
    const before = awsRequests;
    // Under /proc, Node's recursive mkdir would spin forever; msdemo's own fails at once.
    const r = await runCli(["up", "--yes", "--steps", "network"], {
      env: { ...baseEnv(), MSDEMO_STATE_DIR: "/proc/msdemo-nowhere" },
      timeoutMs: 20_000,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Cannot create the state folder /proc/msdemo-nowhere");
    expect(awsRequests).toBe(before);
  });

  it("a lock left by an msdemo on another machine: up names the host and offers --force-unlock, before any AWS call", async () => {
    const env = baseEnv();
    const dir = join(env.MSDEMO_STATE_DIR, "node-microservices-demo");
    ensureDir(dir);
    writeFileSync(
      join(dir, "lock"),
      JSON.stringify({
        pid: 4242,
        host: "cloudshell-old-host",
        command: "msdemo up",
        since: new Date().toISOString(),
      }),
    );
    const before = awsRequests;
    const r = await runCli(["up", "--yes", "--steps", "network"], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("pid 4242 on cloudshell-old-host");
    expect(r.stderr).toContain("run again with --force-unlock");
    expect(awsRequests).toBe(before);
  });

  it("words an AWS failure of a command that calls AWS itself, in the user's language", async () => {
    const noCredentials = {
      ...baseEnv(),
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_PROFILE: undefined,
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_CONFIG_FILE: join(tempDir("no-aws"), "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(tempDir("no-aws"), "credentials"),
    };
    const english = await runCli(["kubeconfig"], { env: noCredentials });
    expect(english.code).toBe(1);
    expect(english.stderr).toContain(en["aws.noCredentials"]);
    expect(english.stderr).not.toMatch(/unexpected error/);
    const spanish = await runCli(["kubeconfig", "--lang", "es"], { env: noCredentials });
    expect(spanish.stderr).toContain(es["aws.noCredentials"]);
  });

  it("takes settings from flag over environment over .env", async () => {
    const cwd = tempDir("dotenv");
    writeFileSync(join(cwd, ".env"), "MSDEMO_STACK=from-dotenv\n");
    const env = baseEnv();
    const fromDotEnv = await runCli(["status", "--offline", "--json"], { cwd, env });
    expect(JSON.parse(fromDotEnv.stdout).stack).toBe("from-dotenv");
    const fromEnv = await runCli(["status", "--offline", "--json"], {
      cwd,
      env: { ...env, MSDEMO_STACK: "from-env" },
    });
    expect(JSON.parse(fromEnv.stdout).stack).toBe("from-env");
    const fromFlag = await runCli(["status", "--offline", "--json", "--stack", "from-flag"], {
      cwd,
      env: { ...env, MSDEMO_STACK: "from-env" },
    });
    expect(JSON.parse(fromFlag.stdout).stack).toBe("from-flag");
  });

  it("a corrupt state file is a clear error and stays as it was", async () => {
    const env = baseEnv();
    const dir = join(env.MSDEMO_STATE_DIR, "node-microservices-demo");
    const { mkdirSync, readFileSync } = await import("node:fs");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "state.json"), "{not json");
    const r = await runCli(["status", "--offline"], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unreadable \(not valid JSON\)/);
    expect(readFileSync(join(dir, "state.json"), "utf8")).toBe("{not json");
  });
});
