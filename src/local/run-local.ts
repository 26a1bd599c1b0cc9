// `msdemo local`: the three services and the gateway on one machine, over an
// embedded PostgreSQL (or a real one), so the system can be tried with no AWS
// account. Everything runs in this process; Ctrl-C stops it all cleanly.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { SERVICE_NAMES, type ServiceName } from "../routes.js";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "./embedded-db.js";
import { createGateway, type ServiceTargets } from "./gateway.js";

export interface LocalOptions {
  port: number;
  /** postgres://user:pass@host:port/db; default: embedded PGlite. */
  databaseUrl?: string;
  /** Where the embedded database keeps its files; undefined = in memory (--ephemeral). */
  dataDir?: string;
}

export interface LocalSystem {
  url: string;
  port: number;
  database: "embedded" | "external";
  stop(): Promise<void>;
}

interface DbSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

function fromUrl(url: string): DbSettings {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || "postgres"),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.replace(/^\//, "") || "postgres",
  };
}

export async function startLocal(options: LocalOptions): Promise<LocalSystem> {
  const { createService } = await import("../../services/index.js");
  let embedded: EmbeddedDatabase | undefined;
  const stops: (() => Promise<void>)[] = [];
  try {
    let db: DbSettings;
    if (options.databaseUrl) {
      db = fromUrl(options.databaseUrl);
    } else {
      embedded = await startEmbeddedDatabase(options.dataDir);
      db = {
        host: embedded.host,
        port: embedded.port,
        user: embedded.user,
        password: "",
        database: embedded.database,
      };
    }
    // A fresh secret per run: tokens from an earlier run stop working, and the secret is never written anywhere.
    const jwtSecret = randomBytes(48).toString("base64url");
    const targets = {} as ServiceTargets;
    for (const name of SERVICE_NAMES) {
      const service = await createService(name as ServiceName, {
        db: { ...db, ssl: false },
        jwtSecret,
        logger: false,
      });
      stops.push(() => service.close());
      const address = await service.listen({ host: "127.0.0.1", port: 0 });
      targets[name] = { host: "127.0.0.1", port: Number(new URL(address).port) };
    }
    const gateway = createGateway(targets);
    await new Promise<void>((resolve, reject) => {
      gateway.once("error", (error) => reject(listenError(error, options.port)));
      gateway.listen(options.port, "127.0.0.1", resolve);
    });
    stops.unshift(() => new Promise<void>((resolve) => gateway.close(() => resolve())));
    const port = (gateway.address() as AddressInfo).port;
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      database: embedded ? "embedded" : "external",
      async stop() {
        for (const stop of stops) await stop();
        await embedded?.stop();
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}

/** The gateway's port cannot be had: bad input (exit 2), in the user's words. */
export function listenError(error: unknown, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "EADDRINUSE")
    return new MsdemoError(t("cliErrors.local.portInUse", { port }), {
      hint: t("cliErrors.local.portInUse.hint"),
      cause: error,
      exitCode: 2,
    });
  if (code === "EACCES")
    return new MsdemoError(t("cliErrors.local.portDenied", { port }), {
      hint: t("cliErrors.local.portDenied.hint"),
      cause: error,
      exitCode: 2,
    });
  return error;
}
