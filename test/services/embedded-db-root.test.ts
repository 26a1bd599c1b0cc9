// The embedded PostgreSQL run as root (CI, containers, a root shell), with
// real `initdb`/`postgres` binaries: PostgreSQL refuses root, so the server
// runs as an unprivileged user, who cannot enter a private home (/root is
// 0700) or a private TMPDIR. Found by the CloudShell install bench, which
// installs msdemo under a fresh 0700 HOME. Skipped when not run as root.
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, lstatSync, mkdtempSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "../../src/local/embedded-db.js";
import { postgresBinaries, reachableBinaries, serverUser } from "../../src/local/postgres-host.js";

const asRoot = process.getuid?.() === 0;
const made: string[] = [];
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

/** A folder only root may enter, like /root. */
function privateFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(folder, 0o700);
  made.push(folder);
  return folder;
}

describe.skipIf(!asRoot)("the embedded PostgreSQL as root", () => {
  it("runs binaries installed under a private home, through a copy its user can reach", async () => {
    const user = serverUser()!;
    const real = await postgresBinaries();
    const native = dirname(dirname(real.initdb));
    const home = privateFolder("msdemo-private-home-");
    cpSync(native, join(home, "native"), { recursive: true, verbatimSymlinks: true });
    const installed = {
      initdb: join(home, "native", "bin", "initdb"),
      postgres: join(home, "native", "bin", "postgres"),
    };
    const runAsUser = (binary: string) =>
      spawnSync(binary, ["--version"], { uid: user.uid, gid: user.gid, encoding: "utf8" });
    // The situation is real: the server's user cannot run what sits in the private home.
    expect(runAsUser(installed.initdb).error).toMatchObject({ code: "EACCES" });

    const reachable = reachableBinaries(installed, user);
    made.push(dirname(dirname(reachable.initdb)));
    expect(reachable.initdb.startsWith(home)).toBe(false);
    for (const binary of [reachable.initdb, reachable.postgres]) {
      const run = runAsUser(binary);
      expect(run.status, `${binary}: ${run.stderr}`).toBe(0);
      expect(run.stdout).toMatch(/\(PostgreSQL\) 17\./);
    }
    // The libraries' relative links came along as links.
    const link = join(dirname(dirname(reachable.initdb)), "lib", "libpq.so.5");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).not.toContain("/");
    // A second start reuses the copy.
    expect(reachableBinaries(installed, user)).toEqual(reachable);
    expect(existsSync(`${dirname(dirname(reachable.initdb))}.partial-${process.pid}`)).toBe(false);
  }, 120_000);

  it("an ephemeral database starts under a private TMPDIR and answers queries", async () => {
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = privateFolder("msdemo-private-tmp-");
    try {
      const db = await startEmbeddedDatabase();
      try {
        const client = new pg.Client({
          host: db.host,
          port: db.port,
          user: db.user,
          password: db.password,
          database: db.database,
        });
        await client.connect();
        expect((await client.query("select 1 + 1 as two")).rows).toEqual([{ two: 2 }]);
        await client.end();
      } finally {
        await db.stop();
      }
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
  }, 120_000);
});
