// The JSON body parser. Like fastify's own, it refuses keys that could alter
// objects' prototypes (`__proto__`, `constructor.prototype`), but says so,
// instead of calling a valid JSON text "not valid JSON".
import type { FastifyRequest } from "fastify";
import { HttpError } from "./errors.js";

export const EMPTY_BODY = "The body is empty; send a JSON object";
export const NOT_JSON = "The body is not valid JSON";

/** The path (`body/a/__proto__`) of the first key that could poison a prototype, if any. */
export function poisonousKey(value: unknown): string | undefined {
  const pending: [unknown, string][] = [[value, "body"]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, path] = next;
    if (typeof node !== "object" || node === null) continue;
    if (Object.hasOwn(node, "__proto__")) return `${path}/__proto__`;
    const ctor = (node as { constructor?: unknown }).constructor;
    if (
      Object.hasOwn(node, "constructor") &&
      typeof ctor === "object" &&
      ctor !== null &&
      Object.hasOwn(ctor, "prototype")
    )
      return `${path}/constructor/prototype`;
    for (const [key, child] of Object.entries(node)) pending.push([child, `${path}/${key}`]);
  }
  return undefined;
}

/** The body as JSON, or an HttpError (400) saying what is wrong with it. */
export function readJsonBody(body: string): unknown {
  if (body.length === 0) throw new HttpError(400, EMPTY_BODY);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new HttpError(400, NOT_JSON);
  }
  const poisonous = poisonousKey(parsed);
  if (poisonous)
    throw new HttpError(
      400,
      `${poisonous} is not accepted: such a key can change how objects behave on the server; remove it`,
    );
  return parsed;
}

/** fastify's content-type parser shape around readJsonBody. */
export function parseJsonBody(
  _request: FastifyRequest,
  body: string,
  done: (error: Error | null, value?: unknown) => void,
): void {
  let parsed: unknown;
  try {
    parsed = readJsonBody(body);
  } catch (error) {
    done(error as Error);
    return;
  }
  done(null, parsed);
}
