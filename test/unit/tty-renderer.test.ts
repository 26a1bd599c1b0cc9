// The terminal renderer's bookkeeping: events that come before listr2 has
// started a line, and lines still open when the run stops.
import { stripVTControlCharacters } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../../src/i18n/index.js";
import { TtyRenderer } from "../../src/ui/tty.js";

let written = "";
afterEach(() => {
  vi.restoreAllMocks();
  written = "";
  setLanguage("en");
});

function capture(): void {
  const keep = (chunk: string | Uint8Array) => {
    written += String(chunk);
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(keep);
  vi.spyOn(process.stderr, "write").mockImplementation(keep);
}

describe("TtyRenderer", () => {
  it("applies a step that started and ended before its line was drawn", async () => {
    capture();
    const renderer = new TtyRenderer();
    const at = new Date().toISOString();
    // All in one tick: listr2 has not run any task function yet.
    renderer.onEvent({ type: "run-start", mode: "apply", steps: ["network"], at });
    renderer.onEvent({ type: "step-start", mode: "apply", step: "network", title: "x", at });
    renderer.onEvent({ type: "step-done", mode: "apply", step: "network", elapsedMs: 1200, at } as never);
    await renderer.stop();
    const text = stripVTControlCharacters(written);
    // listr2 (its line renderer, outside a terminal) logs the line as it starts, then as it ends.
    expect(text).toContain("✔ Security groups (1s)");
    expect(text).not.toContain("✔ Security groups (waiting)");
  });

  it("closes a step that never ran as skipped (interrupted), not as done", async () => {
    capture();
    const renderer = new TtyRenderer();
    const at = new Date().toISOString();
    renderer.onEvent({ type: "run-start", mode: "apply", steps: ["network", "registry"], at });
    renderer.onEvent({ type: "step-start", mode: "apply", step: "network", title: "x", at });
    await renderer.stop();
    const text = stripVTControlCharacters(written);
    expect(text).toMatch(/ECR repositories: interrupted/);
    expect(text).not.toMatch(/✔ ECR repositories/);
  });

  it.each([
    ["en", "✔ RDS PostgreSQL database (12m05s, 11m40s waiting on AWS)", "✔ ECR repositories (2s)"],
    ["es", "✔ Base de datos RDS PostgreSQL (12m05s, 11m40s esperando a AWS)", "✔ Repositorios ECR (2s)"],
  ] as const)(
    "in %s, a step that waited on AWS shows that time beside its own",
    async (language, waited, plain) => {
      setLanguage(language);
      capture();
      const renderer = new TtyRenderer();
      const at = new Date().toISOString();
      renderer.onEvent({ type: "run-start", mode: "apply", steps: ["database", "registry"], at });
      for (const step of ["database", "registry"] as const)
        renderer.onEvent({ type: "step-start", mode: "apply", step, title: "x", at });
      renderer.onEvent({
        type: "step-done",
        mode: "apply",
        step: "database",
        elapsedMs: 725_000,
        waitedMs: 700_000,
        at,
      });
      renderer.onEvent({ type: "step-done", mode: "apply", step: "registry", elapsedMs: 2000, at });
      await renderer.stop();
      const lines = stripVTControlCharacters(written).split("\n");
      expect(lines).toContain(waited);
      expect(lines).toContain(plain);
      // The longest step title, with a long wait, still fits a terminal of 80 columns.
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    },
  );
});
