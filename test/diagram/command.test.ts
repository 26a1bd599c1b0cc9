// msdemo diagram, run in-process against a state directory: no AWS call without --live.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/commands/diagram.js";
import { StateStore } from "../../src/state/store.js";
import { OUTPUTS, stateWith } from "./fixtures.js";

let dir: string;
let printed: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "msdemo-diagram-"));
  printed = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe("msdemo diagram", () => {
  it("draws the planned architecture when there is no stack", async () => {
    expect(await run({ stateDir: dir, color: false })).toBe(0);
    expect(printed).toContain("planned architecture");
    expect(printed).toContain("pgdb-rds");
  });

  it("writes the SVG of a half-built stack to a file", async () => {
    new StateStore(dir, "node-microservices-demo").write(stateWith(["network", "database", "registry"]));
    const file = join(dir, "stack.svg");
    expect(await run({ stateDir: dir, format: "svg", output: file })).toBe(0);
    const svg = readFileSync(file, "utf8");
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain(OUTPUTS.database.endpoint);
    expect(printed).toContain(file);
  });

  it("prints Mermaid", async () => {
    await run({ stateDir: dir, format: "mermaid" });
    expect(printed).toContain("flowchart LR");
  });

  it("refuses an unknown format before doing anything", async () => {
    await expect(run({ stateDir: dir, format: "png" })).rejects.toMatchObject({ exitCode: 2 });
  });
});
