// Every error answer is JSON `{error, message}`: never a stack trace, never HTML.
import { STATUS_CODES } from "node:http";
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { isDatabaseUnavailable } from "./db.js";

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendError(reply: FastifyReply, statusCode: number, message: string): FastifyReply {
  return reply.code(statusCode).send({ error: STATUS_CODES[statusCode] ?? "Error", message });
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, `No route for ${request.method} ${request.url.split("?")[0]}`),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) return sendError(reply, error.statusCode, error.message);
    if (error.validation) return sendError(reply, 400, error.message);
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
      return sendError(reply, 413, "The request body is larger than 16 KiB");
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
      return sendError(reply, 415, "Send JSON (content-type: application/json)");
    if (error.code === "FST_ERR_CTP_EMPTY_JSON_BODY" || error.statusCode === 400)
      return sendError(reply, 400, "The body is not valid JSON");
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: { message: error.message } }, "database unavailable");
      return sendError(reply, 503, "The database is not reachable right now; try again shortly");
    }
    request.log.error({ err: error }, "request failed");
    return sendError(reply, 500, "Something went wrong on our side");
  });
}
