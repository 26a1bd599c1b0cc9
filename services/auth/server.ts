// The auth service as a process: the image's entrypoint, bundled by esbuild into one server.js.
import { runServer } from "../shared/server.js";
import { createAuthApp } from "./app.js";

runServer(createAuthApp);
