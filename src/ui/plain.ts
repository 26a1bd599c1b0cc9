// Plain lines for logs and CI: one line per event, no ANSI codes, no redraws.
import type { EngineEvent } from "../engine/types.js";
import { formatDuration } from "./format.js";
import type { Renderer } from "./renderer.js";

export class PlainRenderer implements Renderer {
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly titles: Record<string, string>,
  ) {}

  private line(text: string): void {
    this.stream.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);
  }

  onEvent(event: EngineEvent): void {
    const verb = (mode: string) => (mode === "destroy" ? "delete" : "");
    switch (event.type) {
      case "run-start":
        this.line(
          `${event.mode === "destroy" ? "deleting" : "running"}: ${event.steps.join(", ") || "(nothing)"}`,
        );
        break;
      case "step-start":
        this.line(
          `${event.step}: started ${verb(event.mode)}${verb(event.mode) ? " " : ""}(${this.titles[event.step] ?? event.title})`,
        );
        break;
      case "step-progress":
        this.line(`${event.step}: ${event.message}`);
        break;
      case "step-warning":
        this.line(`${event.step}: warning: ${event.message}`);
        break;
      case "step-done":
        this.line(`${event.step}: done in ${formatDuration(event.elapsedMs)}`);
        break;
      case "step-failed":
        this.line(
          `${event.step}: FAILED: ${event.error.message}${event.error.hint ? ` (hint: ${event.error.hint})` : ""}`,
        );
        break;
      case "step-skipped":
        this.line(`${event.step}: skipped (${event.reason})`);
        break;
      case "run-end":
        this.line(
          `${event.ok ? "finished" : event.interrupted ? "interrupted" : "failed"} after ${formatDuration(event.elapsedMs)}`,
        );
        break;
    }
  }

  async stop(): Promise<void> {}
}
