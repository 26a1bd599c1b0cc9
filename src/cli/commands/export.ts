// msdemo export: the stack as code a student can read, lint and deploy — a
// CloudFormation template (--format cloudformation) or the Kubernetes manifests
// (--format kubernetes). No AWS call: names and settings come from the options
// and msdemo's defaults; the state file, when there is one, adds the images and
// the database `up` recorded, and whether the stack is private (--private /
// --no-private override it). What differs per account is a template parameter.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildConfig, type Config, DEFAULT_REGION, isCidr, provisionSchema } from "../../config.js";
import { UsageError } from "../../errors.js";
import { cloudFormationTemplate } from "../../export/cloudformation.js";
import { type ExportFile, kubernetesExport, kubernetesFiles } from "../../export/kubernetes.js";
import { t } from "../../i18n/index.js";
import { ensureDir } from "../../state/ensure-dir.js";
import { type StackState, StateStore } from "../../state/store.js";
import { withRememberedSettings } from "../remembered-settings.js";
import { type GlobalFlags, rawGlobals, validateGlobals } from "../settings.js";
import { writeError } from "../write-error.js";

export const EXPORT_FORMATS = ["cloudformation", "kubernetes"] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

type ExportFlags = GlobalFlags & {
  format?: string;
  output?: string;
  accountId?: string;
  dbHost?: string;
  sourceCidrs?: string[];
  [option: string]: unknown;
};

const ACCOUNT_ID = /^\d{12}$/;
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

interface ExportRequest {
  format: ExportFormat;
  output: string | undefined;
  config: Config;
  state: StackState | undefined;
  accountId: string | undefined;
  dbHost: string | undefined;
  sourceCidrs: string[] | undefined;
}

function formatOf(value: string | undefined): ExportFormat {
  const formats = EXPORT_FORMATS.join(", ");
  if (value === undefined) throw new UsageError(t("export.noFormat", { formats }));
  if (!(EXPORT_FORMATS as readonly string[]).includes(value)) {
    throw new UsageError(t("export.badFormat", { formats, format: value }));
  }
  return value as ExportFormat;
}

/** --source-cidrs: IPv4 CIDRs, and only where they mean something (the private Kubernetes Services). */
function checkSourceCidrs(cidrs: string[] | undefined, format: ExportFormat, config: Config): void {
  if (cidrs === undefined) return;
  const bad = cidrs.find((cidr) => !isCidr(cidr));
  if (bad !== undefined) throw new UsageError(t("export.badSourceCidr", { value: bad }));
  if (format !== "kubernetes" || !config.private) throw new UsageError(t("export.sourceCidrsUnused"));
}

/** Every option checked, the state file read; nothing written yet. */
function validate(flags: ExportFlags): ExportRequest {
  const format = formatOf(flags.format);
  if (flags.accountId !== undefined && !ACCOUNT_ID.test(flags.accountId)) {
    throw new UsageError(t("export.badAccountId", { value: flags.accountId }));
  }
  if (flags.dbHost !== undefined && !HOST_NAME.test(flags.dbHost)) {
    throw new UsageError(t("export.badDbHost", { value: flags.dbHost }));
  }
  const raw = rawGlobals(flags);
  const globals = validateGlobals(raw, DEFAULT_REGION);
  const state = new StateStore(globals.stateDir, globals.stack).read();
  // An existing stack is exported where it lives; otherwise where `up` would put it by default.
  const region = (raw.region as string | undefined) ?? state?.region ?? DEFAULT_REGION;
  // Only the options that change what `plan` would make are defined for export; the rest stay undefined.
  const provision = Object.fromEntries(Object.keys(provisionSchema.shape).map((key) => [key, flags[key]]));
  // --private / --no-private, else as the stack's last up chose: the shape up would keep.
  const config = withRememberedSettings(buildConfig({ ...raw, region }, provision), state);
  checkSourceCidrs(flags.sourceCidrs, format, config);
  return {
    format,
    output: flags.output,
    config,
    state,
    accountId: flags.accountId,
    dbHost: flags.dbHost,
    sourceCidrs: flags.sourceCidrs,
  };
}

function write(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw writeError(path, error);
  }
}

function writeFolder(dir: string, files: ExportFile[]): void {
  try {
    ensureDir(dir, 0o755);
  } catch (error) {
    throw writeError(dir, error);
  }
  for (const file of files) write(join(dir, file.name), file.text);
}

function execute(request: ExportRequest): number {
  const { config, output } = request;
  if (request.format === "cloudformation") {
    const template = cloudFormationTemplate(config);
    if (!output) {
      process.stdout.write(template);
      return 0;
    }
    write(output, template);
    process.stdout.write(`${t("export.wrote.cloudformation", { stack: config.stack, path: output })}\n`);
    return 0;
  }
  const files = kubernetesFiles(
    kubernetesExport(config, request.state, {
      accountId: request.accountId,
      dbHost: request.dbHost,
      sourceCidrs: request.sourceCidrs,
    }),
  );
  if (!output) {
    process.stdout.write(files.map((f) => f.text).join("---\n"));
    return 0;
  }
  writeFolder(output, files);
  process.stdout.write(
    `${t("export.wrote.kubernetes", { stack: config.stack, path: output, files: files.map((f) => f.name).join(", ") })}\n`,
  );
  return 0;
}

export async function run(flags: ExportFlags): Promise<number> {
  return execute(validate(flags));
}
