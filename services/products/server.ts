// The products service as a process (the image's entrypoint bundles this file).
import { runServer } from "../shared/server.js";
import { createProductsApp } from "./app.js";

await runServer((config) => createProductsApp({ db: config.db, jwtSecret: config.jwtSecret, logger: true }));
