// --json: one engine event per line, exactly as emitted (the schema is EngineEvent).
import type { EngineEvent } from "../engine/types.js";
import type { Renderer } from "./renderer.js";

export class JsonRenderer implements Renderer {
  constructor(private readonly stream: NodeJS.WritableStream) {}

  onEvent(event: EngineEvent): void {
    this.stream.write(`${JSON.stringify(event)}\n`);
  }

  async stop(): Promise<void> {}
}
