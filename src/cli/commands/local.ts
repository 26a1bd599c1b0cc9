// msdemo local: the whole system on this machine, no AWS account needed.
import { join } from "node:path";
import { DEFAULT_REGION } from "../../config.js";
import { UsageError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { THROTTLING } from "../../limits.js";
import type { LocalPhase } from "../../local/run-local.js";
import { boundedInt } from "../bounded.js";
import { type GlobalFlags, rawGlobals, validateGlobals } from "../settings.js";

export const DEFAULT_LOCAL_PORT = 8080;

function parsePort(value: unknown): number {
  const text = String(value ?? DEFAULT_LOCAL_PORT);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(t("local.badPort", { value: text }));
  return port;
}

export function exampleCurls(url: string): string[] {
  return [
    `curl ${url}/products`,
    `curl ${url}/api/products`,
    `curl -X POST ${url}/api/register -H 'content-type: application/json' -d '{"username":"ana","password":"s3cret-pass"}'`,
    `curl -X POST ${url}/api/login -H 'content-type: application/json' -d '{"username":"ana","password":"s3cret-pass"}'`,
    `curl -X POST ${url}/api/orders -H "Authorization: Bearer <token>" -H 'content-type: application/json' -d '{"item":"Laptop","quantity":1}'`,
    `curl ${url}/api/orders -H "Authorization: Bearer <token>"`,
  ];
}

function phaseLine(phase: LocalPhase): string {
  switch (phase.phase) {
    case "database":
      if (phase.kind === "external") return t("local.phase.databaseExternal", { where: phase.where });
      return phase.folder
        ? t("local.phase.database", { folder: phase.folder })
        : t("local.phase.databaseEphemeral");
    case "services":
      return t("local.phase.services");
    case "ready":
      return t("local.phase.ready");
  }
}

export async function run(flags: GlobalFlags & Record<string, unknown>): Promise<number> {
  const globals = validateGlobals(rawGlobals(flags), DEFAULT_REGION);
  const port = parsePort(flags.port);
  const rateLimit = {
    rate: boundedInt("--rate-limit", flags.rateLimit, THROTTLING.rateLimit, 1, 10_000),
    burst: boundedInt("--burst-limit", flags.burstLimit, THROTTLING.burstLimit, 1, 5_000),
  };
  const databaseUrl = flags.databaseUrl as string | undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new UsageError(t("local.badUrl"));
  // Listened for from the start: Ctrl-C while starting still stops the database cleanly.
  const stopAsked = new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  const { startLocal } = await import("../../local/run-local.js");
  const say = (line: string) => {
    if (!globals.json) process.stderr.write(`${line}\n`);
  };
  const system = await startLocal({
    port,
    ...(databaseUrl ? { databaseUrl } : {}),
    // postgres17: the PGlite data msdemo kept before (local/pgdata) is not this server's format.
    ...(flags.ephemeral ? {} : { dataDir: join(globals.stateDir, "local", "postgres17") }),
    onPhase: (phase) => say(phaseLine(phase)),
    rateLimit,
    // Every 5xx is shown with its cause; with --verbose every request.
    onRequest: (entry) => {
      if (entry.status >= 500)
        process.stderr.write(`${t("local.log.cause", { ...entry, cause: entry.cause ?? "" })}\n`);
      else if (globals.verbose) process.stderr.write(`${t("local.log.request", { ...entry })}\n`);
    },
  });
  const database = t(system.database === "embedded" ? "local.dbEmbedded" : "local.dbExternal");
  if (globals.json) {
    process.stdout.write(
      `${JSON.stringify({ url: system.url, port: system.port, database: system.database, dataDir: system.dataDir })}\n`,
    );
  } else {
    process.stdout.write(`${t("local.ready", { url: system.url, database })}\n\n${t("local.try")}\n`);
    for (const line of exampleCurls(system.url)) process.stdout.write(`  ${line}\n`);
  }
  await stopAsked;
  if (!globals.json) process.stderr.write(`${t("local.stopping")}\n`);
  await system.stop();
  if (!globals.json) process.stderr.write(`${t("local.stopped")}\n`);
  return 0;
}
