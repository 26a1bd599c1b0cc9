// The CLI's errors from Node and libraries in the user's language, through the
// built CLI (a child process): each case in Spanish and, word for word as before,
// in English. The in-process cases are in test/unit/cli-errors-spanish.test.ts.
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { es } from "../../src/i18n/es.js";
import { type Catalogue, fill } from "../support/catalogue.js";
import { runCli } from "../support/cli.js";
import { tempDir } from "../support/process.js";

const LANGS = [
  ["es", es as Catalogue],
  ["en", en as Catalogue],
] as const;

describe("smoke notes", () => {
  for (const [lang, catalogue] of LANGS) {
    it(`smoke against a closed port words the note (${lang})`, async () => {
      const url = "http://127.0.0.1:1";
      const result = await runCli(["--lang", lang, "smoke", "--url", url], {
        env: { MSDEMO_STATE_DIR: tempDir("smoke-note") },
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(fill(catalogue, "error.smoke.unreachable", { url }));
      expect(result.stdout).not.toMatch(/fetch failed/);
    });
  }
});

describe("local --port on a busy port", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  for (const [lang, catalogue] of LANGS) {
    it(`says the port is in use and exits 2 (${lang})`, async () => {
      const result = await runCli(["--lang", lang, "local", "--port", String(port), "--ephemeral"], {
        env: { MSDEMO_STATE_DIR: tempDir("local-busy") },
        timeoutMs: 60_000,
      });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(fill(catalogue, "error.local.portInUse", { port }));
      expect(result.stderr).toContain(fill(catalogue, "error.local.portInUse.hint"));
      expect(result.stderr).not.toMatch(/EADDRINUSE/);
    }, 60_000);
  }
});

describe("diagram -o into a missing folder", () => {
  for (const [lang, catalogue] of LANGS) {
    it(`names the file and the reason (${lang})`, async () => {
      const dir = tempDir("diagram-out");
      const path = join(dir, "missing", "x.txt");
      const result = await runCli(["--lang", lang, "diagram", "-o", path], {
        env: { MSDEMO_STATE_DIR: dir },
      });
      expect(result.code).toBe(1);
      const reason = fill(catalogue, "error.fs.ENOENT");
      expect(result.stderr).toContain(fill(catalogue, "error.write.failed", { path, reason }));
      expect(result.stderr).not.toMatch(/ENOENT/);

      const onFolder = await runCli(["--lang", lang, "diagram", "-o", dir], {
        env: { MSDEMO_STATE_DIR: dir },
      });
      expect(onFolder.code).toBe(1);
      expect(onFolder.stderr).toContain(
        fill(catalogue, "error.write.failed", {
          path: dir,
          reason: fill(catalogue, "error.fs.EISDIR"),
        }),
      );
    });
  }
});

describe("kubeconfig that cannot be read", () => {
  it("logs --kubeconfig DIR goes through the CLI in Spanish", async () => {
    const dir = tempDir("kubeconfig-cli");
    mkdirSync(join(dir, "kc"));
    const result = await runCli(["--lang", "es", "logs", "auth", "--kubeconfig", join(dir, "kc")], {
      env: {
        MSDEMO_STATE_DIR: dir,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "x",
        AWS_SECRET_ACCESS_KEY: "y",
      },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      fill(es as Catalogue, "error.kubeconfig.unreadable", {
        file: join(dir, "kc"),
        reason: fill(es as Catalogue, "error.fs.EISDIR"),
      }),
    );
    expect(result.stderr).not.toMatch(/EISDIR/);
  });
});
