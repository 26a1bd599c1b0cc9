// The live view in a terminal: one line per step (listr2), with a spinner and
// the elapsed time while it runs, ✔ / ✖ / skipped when it ends, and the
// latest progress note under a running step. Driven by engine events.
import { Listr, type ListrTaskWrapper } from "listr2";
import type { EngineEvent, StepId } from "../engine/types.js";
import { t } from "../i18n/index.js";
import { formatDuration } from "./format.js";
import { changeLine } from "./plan-view.js";
import type { Renderer } from "./renderer.js";
import { skipReason, stepTitle } from "./titles.js";

type Outcome = { kind: "done" } | { kind: "failed"; error: Error } | { kind: "skipped"; text: string };

/**
 * One step's line. Engine events can arrive before listr2 has started the
 * line's task (a quick step may even end first), so the wanted title and the
 * outcome are kept here and applied whenever the task is there.
 */
interface Line {
  // biome-ignore lint/suspicious/noExplicitAny: listr2's wrapper generics are not needed here
  task?: ListrTaskWrapper<unknown, any, any>;
  title?: string;
  startedAt?: number;
  outcome?: Outcome;
  resolve?: () => void;
  reject?: (error: Error) => void;
}

function settle(line: Line): void {
  if (!line.task) return;
  if (line.title) line.task.title = line.title;
  const { outcome } = line;
  if (!outcome) return;
  if (outcome.kind === "failed") line.reject?.(outcome.error);
  else {
    if (outcome.kind === "skipped") line.task.skip(outcome.text);
    line.resolve?.();
  }
}

/** A finished step's time, with the part spent waiting on AWS when there was one. */
function stepTime(elapsedMs: number, waitedMs: number | undefined): string {
  const elapsed = formatDuration(elapsedMs);
  return waitedMs ? t("run.timeWaited", { elapsed, waited: formatDuration(waitedMs) }) : elapsed;
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
          line.title = this.title(event.step);
          settle(line);
        }
        break;
      }
      case "step-change": {
        const task = this.lines.get(event.step)?.task;
        if (task) task.output = changeLine(event.change);
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
        if (line) {
          line.title = this.title(event.step, ` (${stepTime(event.elapsedMs, event.waitedMs)})`);
          line.outcome = { kind: "done" };
          settle(line);
        }
        break;
      }
      case "step-failed": {
        const line = this.lines.get(event.step);
        const hint = event.error.hint ? `\n  → ${event.error.hint}` : "";
        if (line) {
          line.outcome = { kind: "failed", error: new Error(`${event.error.message}${hint}`) };
          settle(line);
        }
        break;
      }
      case "step-skipped": {
        const line = this.lines.get(event.step);
        if (line) {
          line.outcome = { kind: "skipped", text: `${this.title(event.step)}: ${skipReason(event.reason)}` };
          settle(line);
        }
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
            settle(line);
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
        if (line.task && line.startedAt && !line.outcome) {
          line.task.title = this.title(step, ` [${formatDuration(Date.now() - line.startedAt)}]`);
        }
      }
    }, 1000);
    this.ticker.unref();
  }

  async stop(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    // Anything still open (an interrupted run) is closed as skipped, never as ✔.
    for (const [step, line] of this.lines) {
      if (line.outcome) continue;
      line.outcome = { kind: "skipped", text: `${this.title(step)}: ${skipReason("interrupted")}` };
      settle(line);
      line.resolve?.();
    }
    await this.listr;
  }
}
