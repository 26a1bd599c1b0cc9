// The orders service as a process (the image's entrypoint bundles this file).
import { runServer } from "../shared/server.js";
import { createOrdersApp } from "./app.js";

await runServer((config) => createOrdersApp({ db: config.db, jwtSecret: config.jwtSecret, logger: true }));
