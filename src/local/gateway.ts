// The local stand-in for API Gateway: one port, exactly the routes of
// src/routes.ts, each proxied to its service as the HTTP_PROXY integrations do.
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import { matchRoute, type ServiceName } from "../routes.js";

export type ServiceTargets = Record<ServiceName, { host: string; port: number }>;

function notFound(res: ServerResponse, method: string, path: string): void {
  res.writeHead(404, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: "Not Found", message: `No route for ${method} ${path}` }));
}

function forward(
  req: IncomingMessage,
  res: ServerResponse,
  target: { host: string; port: number },
  path: string,
): void {
  const upstream = request(
    {
      host: target.host,
      port: target.port,
      method: req.method,
      path,
      headers: { ...req.headers, host: `${target.host}:${target.port}` },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on("error", () => {
    if (!res.headersSent) res.writeHead(503, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        error: "Service Unavailable",
        message: "The service behind this route did not answer.",
      }),
    );
  });
  req.pipe(upstream);
}

export function createGateway(targets: ServiceTargets): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://gateway");
    const method = req.method ?? "GET";
    const match = matchRoute(method, url.pathname);
    if (!match) return notFound(res, method, url.pathname);
    forward(req, res, targets[match.route.service], `${match.servicePath}${url.search}`);
  });
}
