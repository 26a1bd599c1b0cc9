// `msdemo local`: the three services and the gateway on one machine, over an
// embedded PostgreSQL (or a real one), so the system can be tried with no AWS
// account. Order matters to a person waiting: the gateway's port first (a busy
// port is said at once), then the database, then the services.
import { generateKeyPair } from "node:crypto";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { JWT_KEY_BITS, TOKEN_AUDIENCE } from "../desired.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { SERVICE_NAMES } from "../routes.js";
import { checkDatabase, type DbSettings, describeWhere, parseDatabaseUrl } from "./database-url.js";
import { dataFolderFor, type EmbeddedDatabase, startEmbeddedDatabase } from "./embedded-db.js";
import { createGateway, type RequestLogEntry, type ServiceTargets } from "./gateway.js";
import type { RateLimit } from "./rate-limit.js";

export interface LocalOptions {
  port: number;
  /** postgres://user:pass@host:port/db; default: the embedded PostgreSQL. */
  databaseUrl?: string;
  /** Where the embedded database keeps its files; undefined = thrown away on stop (--ephemeral). */
  dataDir?: string;
  /** Each phase of start-up, for the CLI to word. */
  onPhase?: (phase: LocalPhase) => void;
  /** Each request through the gateway. */
  onRequest?: (entry: RequestLogEntry) => void;
  /** The gateway's rate limit, as the API Gateway stage's throttling. */
  rateLimit?: RateLimit;
}

export type LocalPhase =
  | { phase: "database"; kind: "embedded"; folder: string | undefined }
  | { phase: "database"; kind: "external"; where: string }
  | { phase: "services" }
  | { phase: "ready" };

export interface LocalSystem {
  url: string;
  port: number;
  database: "embedded" | "external";
  /** The embedded database's folder (undefined when external or ephemeral). */
  dataDir: string | undefined;
  stop(): Promise<void>;
}

export async function startLocal(options: LocalOptions): Promise<LocalSystem> {
  const phase = options.onPhase ?? (() => undefined);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0)) await stop().catch(() => undefined);
  };
  try {
    const gateway = createGateway(options.onRequest, options.rateLimit);
    await new Promise<void>((resolve, reject) => {
      gateway.server.once("error", (error) => reject(listenError(error, options.port)));
      gateway.server.listen(options.port, "127.0.0.1", resolve);
    });
    stops.push(() => new Promise<void>((resolve) => gateway.server.close(() => resolve())));
    const port = (gateway.server.address() as AddressInfo).port;

    let embedded: EmbeddedDatabase | undefined;
    let db: DbSettings;
    if (options.databaseUrl) {
      db = parseDatabaseUrl(options.databaseUrl);
      phase({ phase: "database", kind: "external", where: describeWhere(db) });
      await checkDatabase(db);
    } else {
      const folder = options.dataDir ? dataFolderFor(options.dataDir) : undefined;
      phase({ phase: "database", kind: "embedded", folder });
      embedded = await startEmbeddedDatabase(folder ? { dataDir: folder } : {});
      db = embedded;
    }
    // Services stop before their database: pushed after, run first (see below).
    if (embedded) stops.push(embedded.stop);

    phase({ phase: "services" });
    const { createService } = await import("../../services/index.js");
    // A fresh key pair per run: tokens from an earlier run stop working, and the private key is never
    // written anywhere. The issuer is the gateway's URL, as the API's URL is on AWS, and the
    // services learn it from the gateway's header as they do there (no JWT_ISSUER).
    const keys = await promisify(generateKeyPair)("rsa", {
      modulusLength: JWT_KEY_BITS,
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
    });
    const authorizer = { issuer: `http://127.0.0.1:${port}`, audience: TOKEN_AUDIENCE };
    const tokens = {
      auth: { issuer: "", audience: TOKEN_AUDIENCE, privateKey: keys.privateKey },
      orders: { issuer: "", audience: TOKEN_AUDIENCE, publicKey: keys.publicKey },
      products: undefined,
    };
    const targets = {} as ServiceTargets;
    const services = await Promise.all(
      SERVICE_NAMES.map((name) =>
        createService(name, {
          db: {
            host: db.host,
            port: db.port,
            user: db.user,
            password: db.password,
            database: db.database,
            ssl: false,
          },
          tokens: tokens[name],
          logger: false,
        }),
      ),
    );
    for (const service of services) stops.splice(1, 0, () => service.close());
    await Promise.all(
      SERVICE_NAMES.map(async (name, index) => {
        const address = await services[index]!.listen({ host: "127.0.0.1", port: 0 });
        targets[name] = { host: "127.0.0.1", port: Number(new URL(address).port) };
      }),
    );
    gateway.attach(targets, authorizer);
    phase({ phase: "ready" });
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      database: embedded ? "embedded" : "external",
      dataDir: embedded?.dataDir,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The gateway's port cannot be had: bad input (exit 2), in the user's words. */
export function listenError(error: unknown, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "EADDRINUSE")
    return new MsdemoError(t("error.local.portInUse", { port }), {
      hint: t("error.local.portInUse.hint"),
      cause: error,
      exitCode: 2,
    });
  if (code === "EACCES")
    return new MsdemoError(t("error.local.portDenied", { port }), {
      hint: t("error.local.portDenied.hint"),
      cause: error,
      exitCode: 2,
    });
  return error;
}
