// moto_server (PyPI moto[server], in the project's .venv) on a free loopback
// port: a real AWS API emulator with real SDK serialization and errors.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { AwsClients } from "../../src/aws/clients.js";
import { type ManagedProcess, missingTool, startProcess, waitForOutput, waitForPort } from "./process.js";

const MOTO = resolve(import.meta.dirname, "../../.venv/bin/moto_server");

export interface Moto {
  url: string;
  port: number;
  region: string;
  /** Environment for a child `msdemo` process pointed at this emulator. */
  env: Record<string, string>;
  clients(): AwsClients;
  /** Wipes every resource (moto's reset API), for a clean slate between tests. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export const TEST_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: "testing",
  AWS_SECRET_ACCESS_KEY: "testing",
  AWS_SESSION_TOKEN: "testing",
};

export async function startMoto(region = "us-east-1"): Promise<Moto> {
  if (!existsSync(MOTO)) throw missingTool("moto_server");
  Object.assign(process.env, TEST_CREDENTIALS);
  // Port 0: moto_server (werkzeug) binds a port the kernel picks and prints it.
  const server: ManagedProcess = startProcess(MOTO, ["-H", "127.0.0.1", "-p", "0"], {
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: "false" },
  });
  let port: number;
  try {
    const [, bound] = await waitForOutput(
      server,
      /Running on http:\/\/127\.0\.0\.1:(\d+)/,
      "moto_server to say its port",
    );
    port = Number(bound);
    await waitForPort(port, 60_000, server.child);
  } catch (error) {
    await server.stop();
    throw new Error(`moto_server did not start: ${(error as Error).message}\n${server.output()}`);
  }
  const url = `http://127.0.0.1:${port}`;
  const made: AwsClients[] = [];
  return {
    url,
    port,
    region,
    env: { ...TEST_CREDENTIALS, AWS_REGION: region, AWS_ENDPOINT_URL: url },
    clients() {
      const clients = new AwsClients({ region, endpointUrl: url, maxAttempts: 2 });
      made.push(clients);
      return clients;
    },
    async reset() {
      const response = await fetch(`${url}/moto-api/reset`, { method: "POST" });
      if (!response.ok) throw new Error(`moto reset failed: ${response.status}`);
    },
    async stop() {
      for (const c of made) c.destroy();
      await server.stop();
    },
  };
}

export const motoBinary = (): string => join(MOTO);
