// Plain lines for logs and CI: one line per event, no ANSI codes, no redraws.
import type { EngineEvent } from "../engine/types.js";
import { t } from "../i18n/index.js";
import { formatDuration } from "./format.js";
import { changeLine } from "./plan-view.js";
import type { Renderer } from "./renderer.js";
import { skipReason, stepTitle } from "./titles.js";

export function plainLine(event: EngineEvent): string {
  switch (event.type) {
    case "run-start":
      return t(event.mode === "destroy" ? "run.deleting" : "run.running", {
        steps: event.steps.join(", ") || t("run.nothing"),
      });
    case "step-start":
      return t(event.mode === "destroy" ? "run.startedDelete" : "run.started", {
        step: event.step,
        title: stepTitle(event.step),
      });
    case "step-change":
      return t("run.progress", { step: event.step, message: changeLine(event.change) });
    case "step-progress":
      return t("run.progress", { step: event.step, message: event.message });
    case "step-warning":
      return t("run.warning", { step: event.step, message: event.message });
    case "step-done":
      return event.waitedMs
        ? t("run.doneWaited", {
            step: event.step,
            elapsed: formatDuration(event.elapsedMs),
            waited: formatDuration(event.waitedMs),
          })
        : t("run.done", { step: event.step, elapsed: formatDuration(event.elapsedMs) });
    case "step-failed":
      return event.error.hint
        ? t("run.failedHint", { step: event.step, message: event.error.message, hint: event.error.hint })
        : t("run.failed", { step: event.step, message: event.error.message });
    case "step-skipped":
      return event.reason === "interrupted"
        ? t("notes.stepInterrupted", { step: event.step })
        : t("run.skipped", { step: event.step, reason: skipReason(event.reason) });
    case "run-end": {
      const key = event.ok
        ? "run.finished"
        : event.interrupted
          ? "run.interrupted"
          : // Quitting at a prompt is not a failure: `up` continues later.
            event.quit && event.failures === 0
            ? "ui.run.stopped"
            : "run.runFailed";
      return t(key, { elapsed: formatDuration(event.elapsedMs) });
    }
  }
}

export class PlainRenderer implements Renderer {
  /** Lines kept back while a question is on screen (teaching mode). */
  private held: string[] | undefined;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  onEvent(event: EngineEvent): void {
    const line = `${new Date().toISOString().slice(11, 19)} ${plainLine(event)}\n`;
    if (this.held) this.held.push(line);
    else this.stream.write(line);
  }

  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const lines = this.held ?? [];
    this.held = undefined;
    for (const line of lines) this.stream.write(line);
  }

  async stop(): Promise<void> {}
}
