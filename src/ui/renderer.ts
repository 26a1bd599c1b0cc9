// Chooses how engine events reach the user: NDJSON for --json, plain lines when
// stdout is not a terminal or CI=true, a live step list in a terminal.
import type { EngineEvent } from "../engine/types.js";
import { JsonRenderer } from "./json.js";
import { PlainRenderer } from "./plain.js";

export interface Renderer {
  onEvent(event: EngineEvent): void;
  /** A question is on screen: keep lines back until release(), so it stays whole. */
  hold?(): void;
  release?(): void;
  /** Flushes and releases the terminal. */
  stop(): Promise<void>;
}

export interface RendererOptions {
  json: boolean;
  verbose: boolean;
  stream?: NodeJS.WriteStream;
  /** Prompts will interleave with progress (teaching mode): plain lines, no live redraw. */
  interleavedPrompts?: boolean;
}

export function isInteractiveOutput(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && process.env.CI !== "true";
}

export async function createRenderer(options: RendererOptions): Promise<Renderer> {
  const stream = options.stream ?? process.stdout;
  if (options.json) return new JsonRenderer(stream);
  if (!isInteractiveOutput(stream) || options.interleavedPrompts) return new PlainRenderer(stream);
  const { TtyRenderer } = await import("./tty.js");
  return new TtyRenderer();
}
