// The web page's total transfer: what a first visit downloads (index.html and the
// assets it names), gzipped, counted on the wire from the local gateway that
// serves it, with the uncompressed sizes beside it.
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { createGateway } from "../src/local/gateway.js";

export interface WebTransfer {
  files: { path: string; wireBytes: number; rawBytes: number }[];
  wireBytes: number;
  rawBytes: number;
}

function fetchBytes(port: number, path: string, gzip: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        headers: { "accept-encoding": gzip ? "gzip" : "identity" },
        timeout: 10_000,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.once("end", () =>
          answer.statusCode === 200
            ? resolve(Buffer.concat(chunks))
            : reject(new Error(`GET ${path}: ${answer.statusCode} (run npm run build first)`)),
        );
      },
    );
    req.once("timeout", () => req.destroy(new Error(`GET ${path}: no answer within 10 s`)));
    req.once("error", reject);
    req.end();
  });
}

export async function benchWebPage(): Promise<WebTransfer> {
  const gateway = createGateway();
  await new Promise<void>((done) => gateway.server.listen(0, "127.0.0.1", done));
  const port = (gateway.server.address() as AddressInfo).port;
  try {
    const html = (await fetchBytes(port, "/", false)).toString();
    const paths = ["/", ...[...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!)];
    const files = await Promise.all(
      paths.map(async (path) => ({
        path,
        wireBytes: (await fetchBytes(port, path, true)).length,
        rawBytes: (await fetchBytes(port, path, false)).length,
      })),
    );
    const sum = (pick: (f: (typeof files)[number]) => number) =>
      files.reduce((total, f) => total + pick(f), 0);
    return { files, wireBytes: sum((f) => f.wireBytes), rawBytes: sum((f) => f.rawBytes) };
  } finally {
    await new Promise<void>((done) => gateway.server.close(() => done()));
  }
}
