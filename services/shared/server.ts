// Runs one service as a process: settings from the environment, listen on
// PORT (all interfaces, as a container must), and on SIGTERM stop accepting,
// finish what is in flight, close the pool and exit, within 10 s (Kubernetes
// waits 30 s before it kills).
import type { FastifyInstance } from "fastify";
import type { ServiceFactory } from "./app.js";
import { ConfigError, readConfig } from "./config.js";

const SHUTDOWN_LIMIT_MS = 10_000;
const FATAL = 60;

/** A pino-shaped line, for the moments before (or after) there is a logger. */
function fatal(message: string): void {
  process.stderr.write(`${JSON.stringify({ level: FATAL, time: Date.now(), msg: message })}\n`);
}

function shutDownOnSignals(app: FastifyInstance): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down: finishing requests in flight");
    setTimeout(() => {
      fatal(`shutdown took longer than ${SHUTDOWN_LIMIT_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    app.close().then(
      () => {
        app.log.info("stopped");
        process.exit(0);
      },
      (error: Error) => {
        fatal(`shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

async function start(factory: ServiceFactory): Promise<void> {
  const config = readConfig();
  const app = await factory({
    db: config.db,
    tokens: config.tokens,
    logger: { level: config.logLevel },
  });
  for (const warning of config.warnings) app.log.warn(warning);
  shutDownOnSignals(app);
  await app.listen({ host: "0.0.0.0", port: config.port });
}

/** The body of every `services/<name>/server.ts`. Exits 1 with a clear message when it cannot start. */
export function runServer(factory: ServiceFactory): void {
  start(factory).catch((error: unknown) => {
    fatal(error instanceof ConfigError ? error.message : `cannot start: ${(error as Error).message}`);
    process.exit(1);
  });
}
