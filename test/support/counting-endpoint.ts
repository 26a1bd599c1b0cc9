// A stand-in AWS endpoint that only counts requests (and answers 500): bad
// input must fail before any AWS call, so the count must not move.
import { createServer } from "node:http";

export interface CountingEndpoint {
  url: string;
  requests(): number;
  close(): Promise<void>;
}

export async function startCountingEndpoint(): Promise<CountingEndpoint> {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    res.statusCode = 500;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    url,
    requests: () => requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
