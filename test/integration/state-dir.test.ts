// A state folder msdemo cannot use is bad input: exit 2, naming --state-dir,
// in every command that keeps state, before any work (no AWS endpoint answers here).
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/cli.js";
import { CLOSED_PORT, tempDir } from "../support/process.js";

const COMMANDS = [
  ["local", "--port", "0", "--ephemeral"],
  ["cost"],
  ["diagram"],
  ["status", "--offline"],
  ["status"],
  ["plan"],
  ["up", "--yes"],
  ["teardown", "--yes"],
];

async function env() {
  return {
    AWS_ENDPOINT_URL: `http://127.0.0.1:${CLOSED_PORT}`,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "x",
    AWS_SECRET_ACCESS_KEY: "y",
  };
}

describe("--state-dir that cannot be used", () => {
  const file = join(tempDir("state-file"), "a-file");
  writeFileSync(file, "not a folder");
  const cases: [string, string][] = [
    ["under a file", "/dev/null/x"],
    ["a file", file],
  ];
  for (const [what, dir] of cases) {
    it(`${what}: exit 2 naming --state-dir in every command`, async () => {
      const results = await Promise.all(
        COMMANDS.map(async (command) => ({
          command,
          r: await runCli([...command, "--state-dir", dir], { env: await env(), timeoutMs: 60_000 }),
        })),
      );
      for (const { command, r } of results) {
        expect(r.code, `${command.join(" ")}: ${r.stderr}`).toBe(2);
        expect(r.stderr, command.join(" ")).toContain(`--state-dir ${dir}`);
        expect(r.stderr).not.toMatch(/unexpected error|ENOTDIR|EEXIST/);
      }
    });
  }

  // Root is never refused, so the folder is tried as `nobody` (the tests run as root in CI).
  const nobody = (() => {
    if (process.getuid?.() !== 0) return undefined;
    const id = (flag: string) => spawnSync("id", [flag, "nobody"], { encoding: "utf8" });
    const [uid, gid] = [id("-u"), id("-g")];
    if (uid.status !== 0 || gid.status !== 0) return undefined;
    const user = { uid: Number(uid.stdout), gid: Number(gid.stdout) };
    // The built CLI must be readable by that user where this checkout lives.
    const reads = spawnSync(
      process.execPath,
      ["-e", `require("fs").readFileSync(${JSON.stringify(BIN)})`],
      user,
    );
    return reads.status === 0 ? user : undefined;
  })();
  const asNobody = async (dir: string) =>
    Promise.all(
      COMMANDS.map(async (command) => ({
        command,
        r: await runCli([...command, "--state-dir", dir], {
          env: { ...(await env()), HOME: dir },
          timeoutMs: 60_000,
          user: nobody!,
        }),
      })),
    );
  it.skipIf(!nobody)("a folder it may not write to, or not even reach: exit 2 saying which", async () => {
    const open = tempDir("state-locked");
    chmodSync(open, 0o755);
    const locked = join(open, "locked");
    mkdirSync(locked, { mode: 0o555 });
    const hidden = join(tempDir("state-hidden"), "state");
    for (const [dir, reason] of [
      [locked, `${locked} cannot be written to`],
      [hidden, `a folder on the way to ${hidden} cannot be entered`],
    ] as const) {
      for (const { command, r } of await asNobody(dir)) {
        expect(r.code, `${command.join(" ")}: ${r.stderr}`).toBe(2);
        expect(r.stderr, command.join(" ")).toContain(
          `--state-dir ${dir} cannot hold msdemo's state: ${reason}.`,
        );
        expect(r.stderr).not.toMatch(/unexpected error|EACCES/);
      }
    }
  });

  it("MSDEMO_STATE_DIR is checked the same way", async () => {
    const r = await runCli(["cost"], { env: { ...(await env()), MSDEMO_STATE_DIR: "/dev/null/x" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("/dev/null is not a folder");
  });
});
