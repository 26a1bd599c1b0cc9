// A scripted HTTP server for the registry client's unit tests: each test says
// what every request gets (a status, a challenge, a dropped connection), which
// a real registry cannot be made to do on cue. It records what it was sent.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

/** Answers the `index`-th request (0-based); `seen` is that request, body read in full. */
export type Script = (seen: SeenRequest, res: ServerResponse, index: number) => void;

export interface FakeServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startFakeServer(script: Script): Promise<FakeServer> {
  const requests: SeenRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
      body: Buffer.concat(chunks),
    };
    requests.push(seen);
    script(seen, res, requests.length - 1);
  });
  // Port 0: the kernel picks a free port and nobody can take it between bind and use.
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Ends the connection without an answer, as a dropped connection looks to the client. */
export function dropConnection(res: ServerResponse): void {
  res.socket?.destroy();
}
