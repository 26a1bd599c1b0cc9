// Noticing that the caller hung up, so work done only for its answer (a
// password hash waiting for a CPU) can be dropped instead of done for no one.
import type { FastifyReply } from "fastify";

/** Fires when the connection closes before this request's answer was sent. */
export function callerGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const response = reply.raw;
  // "close" also follows a finished answer; only an unfinished one means the caller left.
  response.once("close", () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
