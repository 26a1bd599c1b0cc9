// msdemo smoke: the user journey against the stack's API (or the local
// gateway), with each call's status and latency. Exits 1 if any call fails.
import { DEFAULT_REGION } from "../../config.js";
import { UsageError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { checkPage } from "../../smoke/page.js";
import {
  DEFAULT_WARM_UP,
  runSmoke,
  SMOKE_TIMEOUT_MS,
  type SmokeCall,
  type SmokeProblem,
} from "../../smoke/smoke.js";
import { smokeTarget } from "../../smoke/target.js";
import { StateStore } from "../../state/store.js";
import { formatTable } from "../../ui/format.js";
import { boundedInt } from "../bounded.js";
import { type GlobalFlags, rawGlobals, validateGlobals } from "../settings.js";
import { DEFAULT_LOCAL_PORT } from "./local.js";
import { runLoadCommand } from "./smoke-load.js";

function note(call: SmokeCall, url: string): string {
  if (!call.note) return "";
  if (call.note === "unreachable") return t("error.smoke.unreachable", { url });
  if (call.note === "timeout") return t("error.smoke.timeout", { seconds: SMOKE_TIMEOUT_MS / 1000 });
  // Any other note is a problem code, or a network error's own text (which has spaces).
  if (call.note.includes(" ")) return call.note;
  const problem = call.note as Exclude<SmokeProblem, "unreachable" | "timeout">;
  return t(`smoke.problem.${problem}`, { expected: call.expected });
}

export async function run(flags: GlobalFlags & Record<string, unknown>): Promise<number> {
  const globals = validateGlobals(rawGlobals(flags), DEFAULT_REGION);
  const { url, withPage } = smokeTarget(
    new StateStore(globals.stateDir, globals.stack).read()?.steps,
    flags.url as string | undefined,
    `http://127.0.0.1:${DEFAULT_LOCAL_PORT}`,
  );
  if (!URL.canParse(url)) throw new UsageError(`--url ${t("validation.url")}`);
  if (flags.load !== undefined) {
    const requests = boundedInt("--load", flags.load, 0, 1, 10_000);
    const concurrency = boundedInt("--concurrency", flags.concurrency, 16, 1, 256);
    return runLoadCommand(url, requests, concurrency, globals.json);
  }
  const calls = [
    ...(withPage ? await checkPage(url) : []),
    ...(await runSmoke(url, {
      ...DEFAULT_WARM_UP,
      onRetry: (status, elapsedMs, limitMs) =>
        process.stderr.write(
          `${t("smoke.warmingUp", { status, seconds: Math.round(elapsedMs / 1000), limit: Math.round(limitMs / 1000) })}\n`,
        ),
    })),
  ];
  const failed = calls.filter((c) => !c.ok).length;
  if (globals.json) {
    process.stdout.write(`${JSON.stringify({ url, ok: failed === 0, calls }, null, 2)}\n`);
  } else {
    const rows = calls.map((c) => [
      c.ok ? "✔" : "✖",
      t(`smoke.call.${c.name}`),
      `${c.method} /${c.path}`,
      c.status === null ? "-" : String(c.status),
      String(c.expected),
      c.ms.toFixed(0),
      note(c, url),
    ]);
    process.stdout.write(`${t("smoke.against", { url })}\n\n`);
    process.stdout.write(
      `${formatTable(["", t("table.call"), "", t("table.status"), t("table.expected"), t("table.ms"), t("table.note")], rows)}\n\n`,
    );
    process.stdout.write(
      `${failed === 0 ? t("smoke.passed", { count: calls.length }) : t("smoke.failed", { failed, count: calls.length })}\n`,
    );
  }
  return failed === 0 ? 0 : 1;
}
