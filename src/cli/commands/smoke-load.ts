// `msdemo smoke --load <n>`: the SLO view of a bounded burst, per route.
import { MsdemoError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { SLO_TARGETS } from "../../limits.js";
import { LoginFailed, runLoad } from "../../smoke/load.js";
import { formatTable } from "../../ui/format.js";

/** The run stops by itself after this long, whatever is left. */
const MAX_LOAD_MS = 120_000;

export async function runLoadCommand(
  url: string,
  requests: number,
  concurrency: number,
  json: boolean,
): Promise<number> {
  const report = await runLoad(url, { requests, concurrency, maxMs: MAX_LOAD_MS }).catch((error: unknown) => {
    if (error instanceof LoginFailed)
      throw new MsdemoError(t("load.noLogin", { url, status: error.status ?? "-" }), {
        hint: t("load.noLogin.hint"),
      });
    throw error;
  });
  if (json) {
    process.stdout.write(`${JSON.stringify({ url, ...report }, null, 2)}\n`);
    return report.ok ? 0 : 1;
  }
  const out = (line = "") => process.stdout.write(`${line}\n`);
  out(t("load.heading", { url, requests, concurrency }));
  out(t("load.targets", { p95: SLO_TARGETS.p95Ms, errors: `${SLO_TARGETS.errorRate * 100} %` }));
  out();
  const rows = report.routes.map((r) => [
    r.meetsSlo ? "✔" : "✖",
    r.route,
    String(r.calls),
    r.p50Ms.toFixed(0),
    r.p95Ms.toFixed(0),
    r.p99Ms.toFixed(0),
    `${(r.errorRate * 100).toFixed(1)} %`,
    String(r.throttled),
  ]);
  const headers = [
    "",
    t("load.table.route"),
    t("load.table.calls"),
    "p50 ms",
    "p95 ms",
    "p99 ms",
    t("load.table.errors"),
    t("load.table.throttled"),
  ];
  out(formatTable(headers, rows));
  out();
  const throttled = report.routes.reduce((sum, r) => sum + r.throttled, 0);
  if (throttled > 0) out(t("load.throttledNote", { count: throttled }));
  if (report.unsent > 0) out(t("load.unsent", { count: report.unsent, seconds: MAX_LOAD_MS / 1000 }));
  const missed = report.routes.filter((r) => !r.meetsSlo).length;
  out(missed === 0 ? t("load.passed") : t("load.failed", { count: missed, total: report.routes.length }));
  return report.ok ? 0 : 1;
}
