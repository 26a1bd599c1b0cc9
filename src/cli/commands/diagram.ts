// msdemo diagram: the stack's architecture as it is — like the walkthrough's
// text diagram — with real names, endpoints and states. From the state file by
// default (no AWS call; without a stack, the planned architecture); --live adds
// what AWS reports now. --format text | mermaid | svg, --output FILE.
import { writeFileSync } from "node:fs";
import { extname } from "node:path";
import { DEFAULT_REGION, resourceNames } from "../../config.js";
import { DIAGRAM_FORMATS, type DiagramFormat } from "../../diagram/index.js";
import { renderMermaid } from "../../diagram/mermaid.js";
import { buildModel } from "../../diagram/model.js";
import { renderSvg } from "../../diagram/svg.js";
import { renderText } from "../../diagram/text.js";
import type { DiagramModel } from "../../diagram/types.js";
import type { LiveResource } from "../../engine/types.js";
import { UsageError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { StateStore } from "../../state/store.js";
import { OUTPUT_HANDOFF } from "../../steps/outputs.js";
import { type GlobalFlags, rawGlobals, validateGlobals } from "../settings.js";
import { writeError } from "../write-error.js";

type DiagramFlags = GlobalFlags & { format?: string; output?: string; live?: boolean; private?: boolean };

/** What a file's extension says it holds, for -o without --format. */
const FORMAT_OF_EXTENSION: Readonly<Record<string, DiagramFormat>> = {
  ".svg": "svg",
  ".mmd": "mermaid",
  ".mermaid": "mermaid",
  ".txt": "text",
};

/** --format (any case), else the output file's extension, else text. */
function formatOf(value: string | undefined, output: string | undefined): DiagramFormat {
  const extension = extname(output ?? "").toLowerCase();
  const byExtension = Object.hasOwn(FORMAT_OF_EXTENSION, extension)
    ? FORMAT_OF_EXTENSION[extension]
    : undefined;
  const format = value?.toLowerCase() ?? byExtension ?? "text";
  if (!(DIAGRAM_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(
      t("diagram.badFormat", { formats: DIAGRAM_FORMATS.join(", "), format: String(format) }),
    );
  }
  return format as DiagramFormat;
}

/** What AWS reports now, through the steps' own inspections (read-only). */
async function liveResources(flags: DiagramFlags & Record<string, unknown>): Promise<LiveResource[]> {
  const [{ openRuntime, checkAccess, describeError }, { collectStatus }, { memoryState }] = await Promise.all(
    [import("../runtime.js"), import("../../engine/collect.js"), import("../../engine/runner.js")],
  );
  const runtime = await openRuntime(flags);
  const { config, store, steps, aws } = runtime;
  try {
    await checkAccess(runtime);
    const inspections = await collectStatus(steps, {
      config,
      aws,
      signal: new AbortController().signal,
      state: memoryState(store.read()?.steps ?? {}),
      describeError,
      ...OUTPUT_HANDOFF,
    });
    return inspections.flatMap((i) => i.resources);
  } finally {
    aws.destroy();
  }
}

function render(model: DiagramModel, format: DiagramFormat, color: boolean): string {
  if (format === "mermaid") return renderMermaid(model);
  if (format === "svg") return renderSvg(model);
  return renderText(model, { color, width: process.stdout.columns || undefined });
}

export async function run(flags: DiagramFlags & Record<string, unknown>): Promise<number> {
  const format = formatOf(flags.format, flags.output);
  const raw = rawGlobals(flags);
  const globals = validateGlobals(raw, DEFAULT_REGION);
  const state = new StateStore(globals.stateDir, globals.stack).read();
  const live = flags.live ? await liveResources(flags) : undefined;
  const model = buildModel({
    names: resourceNames(globals.stack),
    state,
    live,
    region: state?.region ?? (raw.region as string | undefined),
    ...(flags.private !== undefined ? { private: flags.private } : {}),
  });
  if (globals.json) {
    process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
    return 0;
  }
  // Colour only for a terminal; a file or a pipe gets plain text.
  const color = globals.color && !flags.output && process.stdout.isTTY === true;
  const output = render(model, format, color);
  if (flags.output) {
    writeOutput(flags.output, output);
    process.stdout.write(
      `${t("diagram.wrote", { format: String(format), stack: globals.stack, path: String(flags.output) })}\n`,
    );
  } else {
    process.stdout.write(output);
  }
  return 0;
}

/** Writes --output; a folder that is missing or closed becomes an error in the user's words. */
function writeOutput(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw writeError(path, error);
  }
}
