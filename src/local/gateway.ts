// The local stand-in for API Gateway: one port, exactly the routes of
// src/routes.ts, each proxied to its service as the HTTP_PROXY integrations do.
// It binds before anything else starts (a busy port is said at once) and answers
// 503 until the services are there. It also serves the web page at `/` (same
// origin as the API, as CloudFront does on AWS; not throttled, as CloudFront is
// not the API's stage); the route index is at GET /routes.json. Routes marked
// `authorized` need a token the auth service's JWKS validates, with its issuer
// and audience, as API Gateway's JWT authorizer checks them: 401 from here.
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { ISSUER_HEADER, JWKS_PATH, tokenFromHeader } from "../../services/shared/token.js";
import { matchRoute, ROUTES, routeKey, type ServiceName } from "../routes.js";
import { type RateLimit, tokenBucket } from "./rate-limit.js";
import { defaultWebRoot, isPageRequest, servePage } from "./web-page.js";

export type ServiceTargets = Record<ServiceName, { host: string; port: number }>;

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
  /** For a 5xx: why, from the gateway itself or from the service's error body. */
  cause?: string;
}

/** What the JWT authorizer expects of a token, as the gateway step configures it on AWS. */
export interface LocalAuthorizer {
  issuer: string;
  audience: string;
}

export interface LocalGateway {
  server: Server;
  /** Routes start answering once the services are up; with an authorizer, authorized routes check tokens. */
  attach(targets: ServiceTargets, authorizer?: LocalAuthorizer): void;
}

/** API Gateway's own answer when its JWT authorizer refuses a request. */
const UNAUTHORIZED = { message: "Unauthorized" };

type TokenCheck = (authorization: string | undefined) => Promise<boolean>;

/** Checks a token against the auth service's JWKS (fetched once, refetched for an unknown kid). */
function tokenCheck(auth: { host: string; port: number }, authorizer: LocalAuthorizer): TokenCheck {
  const keys = createRemoteJWKSet(new URL(`http://${auth.host}:${auth.port}${JWKS_PATH}`));
  return async (authorization) => {
    // API Gateway takes the Authorization header, with or without "Bearer ".
    const token = tokenFromHeader(authorization);
    if (!token) return false;
    try {
      await jwtVerify(token, keys, { ...authorizer, algorithms: ["RS256"], requiredClaims: ["exp"] });
      return true;
    } catch {
      return false;
    }
  };
}

/** The gateway's own route index (GET / is the web page). */
export const ROUTE_INDEX_PATH = "/routes.json";

/** How much of a 5xx body is read to find its cause. */
const CAUSE_BYTES = 4096;
/** A service that accepts and never answers is not waited on for ever. */
const UPSTREAM_TIMEOUT_MS = 30_000;

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function routeIndex() {
  return {
    service: "msdemo local",
    routes: ROUTES.map((route) => ({ route: routeKey(route), service: route.service })),
  };
}

export function createGateway(
  log: (entry: RequestLogEntry) => void = () => undefined,
  limit?: RateLimit,
  webRoot: string = defaultWebRoot(),
): LocalGateway {
  let targets: ServiceTargets | undefined;
  let checkToken: TokenCheck | undefined;
  let issuerHeader: Record<string, string> = {};
  const admit = limit ? tokenBucket(limit) : () => true;
  const server = createServer((req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://gateway");
    const method = req.method ?? "GET";
    const done = (status: number, cause?: string) =>
      log({
        method,
        path: url.pathname,
        status,
        ms: Math.round(performance.now() - started),
        ...(cause ? { cause } : {}),
      });
    if (url.pathname === ROUTE_INDEX_PATH && method === "GET") {
      sendJson(res, 200, routeIndex());
      return done(200);
    }
    if (isPageRequest(method, url.pathname)) {
      servePage(req, res, url.pathname, webRoot).then(done, (error: Error) => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
        done(500, error.message);
      });
      return;
    }
    const match = matchRoute(method, url.pathname);
    if (!match) {
      sendJson(res, 404, { error: "Not Found", message: `No route for ${method} ${url.pathname}` });
      return done(404);
    }
    if (!admit()) {
      // API Gateway's own answer when a stage's throttling turns a request away.
      sendJson(res, 429, { message: "Too Many Requests" }, { "retry-after": "1" });
      return done(429);
    }
    if (!targets) {
      sendJson(
        res,
        503,
        { error: "Service Unavailable", message: "msdemo local is still starting." },
        { "retry-after": "1" },
      );
      return done(503, "still starting");
    }
    const target = targets[match.route.service];
    const path = `${match.servicePath}${url.search}`;
    const send = () => forward(req, res, target, path, done, issuerHeader);
    if (!match.route.authorized || !checkToken) return send();
    checkToken(req.headers.authorization).then((valid) => {
      if (valid) return send();
      sendJson(res, 401, UNAUTHORIZED, { "www-authenticate": "Bearer" });
      done(401, "no valid token");
    });
  });
  return {
    server,
    attach(next, authorizer) {
      targets = next;
      checkToken = authorizer ? tokenCheck(next.auth, authorizer) : undefined;
      // As the gateway step's integrations do: the services learn the issuer (this URL) from the gateway.
      issuerHeader = authorizer ? { [ISSUER_HEADER]: authorizer.issuer } : {};
    },
  };
}

function forward(
  req: IncomingMessage,
  res: ServerResponse,
  target: { host: string; port: number },
  path: string,
  done: (status: number, cause?: string) => void,
  extraHeaders: Record<string, string>,
): void {
  const upstream = request(
    {
      host: target.host,
      port: target.port,
      method: req.method,
      path,
      headers: { ...req.headers, ...extraHeaders, host: `${target.host}:${target.port}` },
      timeout: UPSTREAM_TIMEOUT_MS,
    },
    (answer) => {
      const status = answer.statusCode ?? 502;
      res.writeHead(status, answer.headers);
      if (status < 500) {
        answer.pipe(res);
        answer.once("end", () => done(status));
        return;
      }
      let body = "";
      answer.on("data", (chunk: Buffer) => {
        if (body.length < CAUSE_BYTES) body += chunk.toString();
        res.write(chunk);
      });
      answer.once("end", () => {
        res.end();
        done(status, causeFromBody(body));
      });
    },
  );
  upstream.once("timeout", () =>
    upstream.destroy(new Error(`no answer within ${UPSTREAM_TIMEOUT_MS / 1000} s`)),
  );
  upstream.once("error", (error) => {
    if (!res.headersSent) res.writeHead(503, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        error: "Service Unavailable",
        message: "The service behind this route did not answer.",
      }),
    );
    done(503, `service did not answer: ${(error as NodeJS.ErrnoException).code ?? error.message}`);
  });
  req.pipe(upstream);
}

function causeFromBody(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: unknown };
    return String(parsed.message ?? parsed.error ?? body);
  } catch {
    return body.trim().slice(0, 200) || "no body";
  }
}
