// Runs one service as a process: settings from the environment, listen on
// PORT, and on SIGTERM stop accepting, finish what is in flight, close the
// pool and exit (within 10 s, Kubernetes' default grace is 30 s).
import type { FastifyInstance } from "fastify";
import { ConfigError, readConfig, type ServiceConfig } from "./config.js";

const SHUTDOWN_LIMIT_MS = 10_000;

export async function runServer(build: (config: ServiceConfig) => Promise<FastifyInstance>): Promise<void> {
  let config: ServiceConfig;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${JSON.stringify({ level: 60, msg: error.message })}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await build(config);
  await app.listen({ host: "0.0.0.0", port: config.port });
  const shutdown = (signal: string) => {
    app.log.info({ signal }, "shutting down");
    setTimeout(() => process.exit(1), SHUTDOWN_LIMIT_MS).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}
