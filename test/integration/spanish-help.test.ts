// Help and errors through the built CLI in Spanish: commander's own words, and
// placeholders named in Spanish, not as commander's English <service>/<shell> or
// a capitalised SERVICE. English stays word for word what it was.
import { describe, expect, it } from "vitest";
import { es } from "../../src/i18n/es.js";
import { runCli } from "../support/cli.js";

describe("help and errors with --lang es", () => {
  it("help and errors come out in Spanish with --lang es", async () => {
    const help = await runCli(["--help", "--lang", "es"]);
    expect(help.stdout).toMatch(/^Uso: msdemo/m);
    expect(help.stdout.replace(/\s+/g, " ")).toContain(es["help.teardown"]);
    expect(help.stdout).toContain("Comandos:");
    const bad = await runCli(["plan", "--stack", "Mal"], {
      env: { MSDEMO_LANG: "es", AWS_REGION: "us-east-1" },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(es["validation.stack"]);
    const unknown = await runCli(["status", "--nada"], { env: { LANG: "es_CL.UTF-8" } });
    expect(unknown.stderr).toContain("opción desconocida '--nada'");
  });
});

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

  it("option values are named in Spanish, and every placeholder the help shows is translated", async () => {
    expect((await runCli(["--help", "--lang", "es"])).stdout).toContain("--state-dir <carpeta>");
    expect((await runCli(["up", "--help", "--lang", "es"])).stdout).toContain("--instance-type <tipo>");
    const english = ["file", "name", "dir", "format", "days", "region", "type", "class", "duration", "mode"];
    for (const command of ["", "up", "export", "logs", "diagram", "kubeconfig", "smoke", "local"]) {
      const shown = (await runCli([command, "--help", "--lang", "es"].filter(Boolean))).stdout;
      for (const word of english) expect(shown, `${command}: <${word}>`).not.toContain(`<${word}>`);
    }
    const en = await runCli(["--help", "--lang", "en"]);
    expect(en.stdout).toContain("--state-dir <dir>");
  });

  it("English keeps [service]", async () => {
    const r = await runCli(["logs", "--help", "--lang", "en"]);
    expect(r.stdout).toContain("msdemo logs [options] [service]");
  });
});

describe("commander's words", () => {
  it("accepts --lang in any case", async () => {
    const r = await runCli(["--lang=ES", "--help"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(es["help.headings.usage"]);
    expect(r.stdout).toContain("msdemo [opciones] [comando]");
    expect(r.stdout).toMatch(/^ {2}up \[opciones\]/m);
  });

  it("suggests a command in Spanish", async () => {
    const r = await runCli(["--lang", "es", "stauts"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("(¿Quisiste decir status?)");
  });

  it("is unchanged in English", async () => {
    const help = await runCli(["--help"], { env: { MSDEMO_LANG: "en", LANG: "C" } });
    expect(help.stdout).toContain("Usage: msdemo [options] [command]");
    const typo = await runCli(["stauts"], { env: { MSDEMO_LANG: "en", LANG: "C" } });
    expect(typo.stderr).toContain("(Did you mean status?)");
  });
});
