// Spanish help and errors name their placeholders in Spanish, not as
// commander's English <service>/<shell> or a capitalised SERVICE.
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

describe("placeholders in Spanish", () => {
  it("logs and completion help", async () => {
    const logs = await runCli(["logs", "--help", "--lang", "es"]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain("msdemo logs [opciones] [servicio]");
    expect(logs.stdout).not.toContain("<service>");
    const completion = await runCli(["completion", "--help", "--lang", "es"]);
    expect(completion.stdout).toContain("msdemo completion [opciones] <intérprete>");
    expect(completion.stdout).not.toContain("<shell>");
  });

  it("a bad service is worded with the Spanish placeholder", async () => {
    const r = await runCli(["logs", "nope", "--lang", "es"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('<servicio> debe ser uno de auth, orders, products (se recibió "nope")');
    expect(r.stderr).not.toContain("SERVICE");
  });

  it("English keeps [service]", async () => {
    const r = await runCli(["logs", "--help", "--lang", "en"]);
    expect(r.stdout).toContain("msdemo logs [options] [service]");
  });
});
