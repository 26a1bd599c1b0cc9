// Every error answer is JSON `{error, message}`: never a stack trace, never HTML.
import { STATUS_CODES } from "node:http";
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { isDatabaseUnavailable } from "./db.js";
import { CallerGone, QueueFull } from "./work-queue.js";

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export const DATABASE_UNAVAILABLE = "The database is not reachable right now; try again shortly";
export const TOO_BUSY = "Too many passwords are being checked right now; try again in a few seconds";
/** Not sent to anyone (the caller has gone); nginx's code for it, so the request log says what happened. */
const CALLER_GONE_STATUS = 499;
/** Seconds a client (or a load balancer) should wait before retrying a 503. */
const RETRY_AFTER_SECONDS = "2";
const BODY_LIMIT_KIB = 16;

export interface ErrorBody {
  error: string;
  message: string;
}

export function sendError(reply: FastifyReply, statusCode: number, message: string): FastifyReply {
  if (statusCode === 503) reply.header("retry-after", RETRY_AFTER_SECONDS);
  const body: ErrorBody = { error: STATUS_CODES[statusCode] ?? "Error", message };
  return reply.code(statusCode).type("application/json; charset=utf-8").send(body);
}

/** The status and message for a client-side error fastify raised before our handler ran. */
function clientError(error: FastifyError): [number, string] | undefined {
  if (error.validation) return [400, error.message];
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return [413, `The request body is larger than ${BODY_LIMIT_KIB} KiB`];
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return [415, "Send the body as JSON (content-type: application/json)"];
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return [400, "The body is empty; send a JSON object"];
  }
  // JSON.parse failures (and prototype-poisoning refusals) arrive as 400s.
  if (error.statusCode === 400) return [400, "The body is not valid JSON"];
  if (error.statusCode !== undefined && error.statusCode > 400 && error.statusCode < 500)
    return [error.statusCode, STATUS_CODES[error.statusCode] ?? "Bad request"];
  return undefined;
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, `No route for ${request.method} ${request.url.split("?")[0]}`),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) return sendError(reply, error.statusCode, error.message);
    if (error instanceof QueueFull) return sendError(reply, 503, TOO_BUSY);
    if (error instanceof CallerGone) {
      request.log.info("the caller hung up while its password waited to be checked; dropped that work");
      return reply.code(CALLER_GONE_STATUS).send();
    }
    const client = clientError(error);
    if (client) return sendError(reply, client[0], client[1]);
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ reason: error.message }, "database unavailable");
      return sendError(reply, 503, DATABASE_UNAVAILABLE);
    }
    request.log.error({ err: error }, "request failed");
    return sendError(reply, 500, "Something went wrong on our side");
  });
}
