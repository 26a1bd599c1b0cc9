// The live view in a terminal: one line per step (listr2), with a spinner and
// the elapsed time while it runs, ✔ / ✖ / skipped when it ends, and the
// latest progress note under a running step. Driven by engine events.
import { Listr, type ListrTaskWrapper } from "listr2";
import type { EngineEvent, StepId } from "../engine/types.js";
import { t } from "../i18n/index.js";
import { formatDuration } from "./format.js";
import type { Renderer } from "./renderer.js";
import { skipReason, stepTitle } from "./titles.js";

interface Line {
  // biome-ignore lint/suspicious/noExplicitAny: listr2's wrapper generics are not needed here
  task?: ListrTaskWrapper<unknown, any, any>;
  startedAt?: number;
  ended?: boolean;
  resolve?: () => void;
  reject?: (error: Error) => void;
}

export class TtyRenderer implements Renderer {
  private readonly lines = new Map<StepId, Line>();
  private listr?: Promise<unknown>;
  private ticker?: NodeJS.Timeout;

  private title(step: StepId, suffix = ""): string {
    return `${stepTitle(step)}${suffix}`;
  }

  onEvent(event: EngineEvent): void {
    switch (event.type) {
      case "run-start":
        this.start(event.steps);
        break;
      case "step-start": {
        const line = this.lines.get(event.step);
        if (line) {
          line.startedAt = Date.now();
          if (line.task) line.task.title = this.title(event.step);
        }
        break;
      }
      case "step-progress":
      case "step-warning": {
        const task = this.lines.get(event.step)?.task;
        if (task) task.output = event.type === "step-warning" ? `⚠ ${event.message}` : event.message;
        break;
      }
      case "step-done": {
        const line = this.lines.get(event.step);
        if (line?.task) line.task.title = this.title(event.step, ` (${formatDuration(event.elapsedMs)})`);
        if (line) line.ended = true;
        line?.resolve?.();
        break;
      }
      case "step-failed": {
        const line = this.lines.get(event.step);
        const hint = event.error.hint ? `\n  → ${event.error.hint}` : "";
        if (line) line.ended = true;
        line?.reject?.(new Error(`${event.error.message}${hint}`));
        break;
      }
      case "step-skipped": {
        const line = this.lines.get(event.step);
        if (line) line.ended = true;
        line?.task?.skip(`${this.title(event.step)}: ${skipReason(event.reason)}`);
        line?.resolve?.();
        break;
      }
      case "run-end":
        break;
    }
  }

  private start(steps: StepId[]): void {
    for (const step of steps) this.lines.set(step, {});
    const listr = new Listr(
      steps.map((step) => ({
        title: t("run.waiting", { title: stepTitle(step) }),
        task: (_ctx: unknown, task: Line["task"]) =>
          new Promise<void>((resolve, reject) => {
            const line = this.lines.get(step)!;
            Object.assign(line, { task, resolve, reject });
          }),
      })),
      {
        concurrent: true,
        exitOnError: false,
        registerSignalListeners: false,
        rendererOptions: { collapseErrors: false, showErrorMessage: true },
      },
    );
    this.listr = listr.run().catch(() => undefined);
    // Refreshes the elapsed time of running steps once a second.
    this.ticker = setInterval(() => {
      for (const [step, line] of this.lines) {
        if (line.task && line.startedAt && !line.ended) {
          line.task.title = this.title(step, ` [${formatDuration(Date.now() - line.startedAt)}]`);
        }
      }
    }, 1000);
    this.ticker.unref();
  }

  async stop(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    // Anything still open (an interrupted run) is closed as skipped.
    for (const line of this.lines.values()) line.resolve?.();
    await this.listr;
  }
}
