// Plain lines for logs and CI: one line per event, no ANSI codes, no redraws.
import type { EngineEvent } from "../engine/types.js";
import { t } from "../i18n/index.js";
import { formatDuration } from "./format.js";
import type { Renderer } from "./renderer.js";
import { skipReason, stepTitle } from "./titles.js";

/** What the renderer saw before the run ended: a quit at a prompt is not a failure. */
export interface RunSoFar {
  /** The user quit at a prompt of `up --step` (a step was skipped as "you-quit"). */
  quit?: boolean;
  /** A step failed. */
  failed?: boolean;
}

export function plainLine(event: EngineEvent, soFar: RunSoFar = {}): string {
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
    case "step-progress":
      return t("run.progress", { step: event.step, message: event.message });
    case "step-warning":
      return t("run.warning", { step: event.step, message: event.message });
    case "step-done":
      return t("run.done", { step: event.step, elapsed: formatDuration(event.elapsedMs) });
    case "step-failed":
      return event.error.hint
        ? t("run.failedHint", { step: event.step, message: event.error.message, hint: event.error.hint })
        : t("run.failed", { step: event.step, message: event.error.message });
    case "step-skipped":
      return t("run.skipped", { step: event.step, reason: skipReason(event.reason) });
    case "run-end": {
      const key = event.ok
        ? "run.finished"
        : event.interrupted
          ? "run.interrupted"
          : soFar.quit && !soFar.failed
            ? "ui.run.stopped"
            : "run.runFailed";
      return t(key, { elapsed: formatDuration(event.elapsedMs) });
    }
  }
}

export class PlainRenderer implements Renderer {
  private readonly soFar: RunSoFar = {};

  constructor(private readonly stream: NodeJS.WritableStream) {}

  onEvent(event: EngineEvent): void {
    if (event.type === "run-start") {
      this.soFar.quit = false;
      this.soFar.failed = false;
    }
    if (event.type === "step-failed") this.soFar.failed = true;
    if (event.type === "step-skipped" && event.reason === "you-quit") this.soFar.quit = true;
    this.stream.write(`${new Date().toISOString().slice(11, 19)} ${plainLine(event, this.soFar)}\n`);
  }

  async stop(): Promise<void> {}
}
