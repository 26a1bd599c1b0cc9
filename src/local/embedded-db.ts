// The embedded PostgreSQL of `msdemo local`: PGlite (PostgreSQL compiled to
// WebAssembly, in this process) served over the PostgreSQL wire protocol on a
// loopback port, so the services connect with `pg` exactly as they do to RDS.

import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { ensureDir } from "../state/ensure-dir.js";

export interface EmbeddedDatabase {
  host: string;
  port: number;
  user: string;
  database: string;
  stop(): Promise<void>;
}

/** Above the services' pool sizes (3 services × their pool), so no connection waits for a slot. */
const MAX_CONNECTIONS = 64;

export async function startEmbeddedDatabase(dataDir?: string): Promise<EmbeddedDatabase> {
  if (dataDir) ensureDir(dataDir);
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: MAX_CONNECTIONS });
  await server.start();
  const [host, port] = server.getServerConn().split(":");
  return {
    host: host ?? "127.0.0.1",
    port: Number(port),
    user: "postgres",
    database: "postgres",
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
