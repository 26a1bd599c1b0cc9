// The auth service as a process (the image's entrypoint bundles this file).
import { runServer } from "../shared/server.js";
import { createAuthApp } from "./app.js";

await runServer((config) => createAuthApp({ db: config.db, jwtSecret: config.jwtSecret, logger: true }));
