// The msdemo program: commander definitions only. Each command's work lives in
// its own module, imported when the command runs, so `--help` stays instant.
import { Command, CommanderError, Help, type Option } from "commander";
import { explainAwsError } from "../aws/errors.js";
import { MsdemoError, UsageError } from "../errors.js";
import { detectLanguage, LANGUAGES, type PlainMessageKey, setLanguage, t } from "../i18n/index.js";
import { THROTTLING } from "../limits.js";
import { loadDotEnv } from "./dotenv.js";
import type { GlobalFlags } from "./settings.js";
import { version } from "./version.js";

type Action = (flags: GlobalFlags & Record<string, unknown>, args: string[]) => Promise<number>;

/** An option given an empty value on purpose (--stack "", --steps "") is bad input, not "use the default". */
function refuseEmptyValues(command: Command): void {
  for (let c: Command | null = command; c; c = c.parent) {
    for (const option of c.options) {
      const value: unknown = c.getOptionValue(option.attributeName());
      if (value === "" || (Array.isArray(value) && value.length === 0)) {
        const name = option.long ?? option.short ?? option.flags;
        throw new UsageError(
          t("validation.empty", { option: name }),
          t("validation.empty.hint", { option: name }),
        );
      }
    }
  }
}

function lazy(load: () => Promise<{ run: Action }>) {
  return async (...received: unknown[]) => {
    const command = received[received.length - 1] as Command;
    refuseEmptyValues(command);
    const positional = received.slice(0, -2).filter((a): a is string => typeof a === "string");
    const { run } = await load();
    process.exitCode = await run(command.optsWithGlobals(), positional);
  };
}

function intArg(flag: string) {
  return (value: string) => {
    if (!/^-?\d+$/.test(value)) throw new UsageError(t("error.wholeNumber", { flag, value }));
    return Number(value);
  };
}

/** The sizes of the nodes and the database: for up, plan and cost. */
function sizingOptions(command: Command): Command {
  return command
    .option("--instance-type <type>", t("help.instanceType"))
    .option("--nodes <n>", t("help.nodes"), intArg("--nodes"))
    .option("--min-nodes <n>", t("help.minNodes"), intArg("--min-nodes"))
    .option("--max-nodes <n>", t("help.maxNodes"), intArg("--max-nodes"))
    .option("--db-instance-class <class>", t("help.dbInstanceClass"))
    .option("--db-storage <gib>", t("help.dbStorage"), intArg("--db-storage"));
}

/** What changes the resources themselves: for up, plan and export. */
function resourceOptions(command: Command): Command {
  return sizingOptions(command)
    .option("--vpc-id <id>", t("help.vpcId"))
    .option("--ssh-cidr <cidr>", t("help.sshCidr"))
    .option("--cluster-role-arn <arn>", t("help.clusterRoleArn"))
    .option("--node-role-arn <arn>", t("help.nodeRoleArn"))
    .option("--db-password-mode <mode>", t("help.dbPasswordMode"))
    .option("--k8s-version <version>", t("help.k8sVersion"))
    .option("--db-engine-version <version>", t("help.dbEngineVersion"))
    .option("--registry <host>", t("help.registry"));
}

/** `a, b,c` → [a, b, c]; nothing left is refused as an empty value. */
const commaList = (value: string): string[] =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function provisionOptions(command: Command): Command {
  return resourceOptions(command)
    .option("--steps <ids>", t("help.steps"), commaList)
    .option("--base-image <ref>", t("help.baseImage"))
    .option("--builder <builder>", t("help.builder"))
    .option("--kubeconfig <file>", t("help.kubeconfig"))
    .option("--log-retention-days <days>", t("help.logRetentionDays"))
    .option("--private", t("help.private"))
    .option("--no-private", t("help.noPrivate"));
}

/** Commander's own words (help headings, parse errors) in the user's language. */
function localized(text: string): string {
  return text
    .replace(/^Usage:/gm, t("help.headings.usage"))
    .replace(/^Options:/gm, t("help.headings.options"))
    .replace(/^Commands:/gm, t("help.headings.commands"))
    .replace(/^Arguments:/gm, t("help.headings.arguments"))
    .replace(/^Global Options:/gm, t("help.headings.globalOptions"))
    .replace(/unknown option '([^']+)'/, (_m, option: string) => t("cli.unknownOption", { option }))
    .replace(/unknown command '([^']+)'/, (_m, command: string) => t("cli.unknownCommand", { command }))
    .replace(/missing required argument '([^']+)'/, (_m, argument: string) =>
      t("cli.missingArgument", { argument }),
    )
    .replace(/option '([^']+)' argument missing/, (_m, option: string) =>
      t("cli.optionMissingArgument", { option }),
    )
    .replace(/too many arguments.*/, t("cli.tooManyArguments"))
    .replace(/\(Did you mean one of ([^?]+)\?\)/, (_m, suggestions: string) =>
      t("cli.didYouMeanOneOf", { suggestions }),
    )
    .replace(/\(Did you mean ([^?]+)\?\)/, (_m, suggestion: string) => t("cli.didYouMean", { suggestion }));
}

/** Commander's placeholders in usage lines and the command list, in the user's language. */
function localizedTerm(term: string): string {
  return term.replace("[options]", t("cli.usageOptions")).replace("[command]", t("cli.usageCommand"));
}

/** An option's value placeholder (`<file>`), in the user's language when the catalogue names it. */
const PLACEHOLDERS: Record<string, PlainMessageKey> = {
  arn: "cli.placeholder.arn",
  builder: "cli.placeholder.builder",
  cidr: "cli.placeholder.cidr",
  cidrs: "cli.placeholder.cidrs",
  class: "cli.placeholder.class",
  days: "cli.placeholder.days",
  dir: "cli.placeholder.dir",
  duration: "cli.placeholder.duration",
  file: "cli.placeholder.file",
  format: "cli.placeholder.format",
  gib: "cli.placeholder.gib",
  host: "cli.placeholder.host",
  id: "cli.placeholder.id",
  ids: "cli.placeholder.ids",
  lang: "cli.placeholder.lang",
  mode: "cli.placeholder.mode",
  n: "cli.placeholder.n",
  name: "cli.placeholder.name",
  path: "cli.placeholder.path",
  port: "cli.placeholder.port",
  ref: "cli.placeholder.ref",
  region: "cli.placeholder.region",
  type: "cli.placeholder.type",
  url: "cli.placeholder.url",
  version: "cli.placeholder.version",
};

function localizedPlaceholders(term: string): string {
  return term.replace(/<([a-z-]+)>/g, (whole, word: string) => {
    const key = PLACEHOLDERS[word];
    return key ? t(key) : whole;
  });
}

/** Help whose usage lines, command list and option values are in the user's language. */
const HELP_CONFIGURATION = {
  commandUsage: (cmd: Command) => localizedTerm(Help.prototype.commandUsage.call(new Help(), cmd)),
  subcommandTerm: (cmd: Command) => localizedTerm(Help.prototype.subcommandTerm.call(new Help(), cmd)),
  optionTerm: (option: Option) => localizedPlaceholders(Help.prototype.optionTerm.call(new Help(), option)),
};

export function buildProgram(): Command {
  const program = new Command("msdemo")
    .description(t("help.program"))
    .version(version(), "-V, --version", t("help.version"))
    .helpOption("-h, --help", t("help.help"))
    .helpCommand("help [command]", t("help.helpCommand"))
    .option("--region <region>", t("help.region"))
    .option("--profile <name>", t("help.profile"))
    .option("--stack <name>", t("help.stack"))
    .option("--state-dir <dir>", t("help.stateDir"))
    .option("--endpoint-url <url>", t("help.endpointUrl"))
    .option("-y, --yes", t("help.yes"))
    .option("--json", t("help.json"))
    .option("--no-color", t("help.noColor"))
    .option("--verbose", t("help.verbose"))
    .option("--lang <lang>", t("help.lang"))
    .showHelpAfterError(t("help.afterError"))
    .configureHelp(HELP_CONFIGURATION)
    .configureOutput({
      writeOut: (text) => process.stdout.write(localized(text)),
      writeErr: (text) => process.stderr.write(localized(text)),
    })
    .exitOverride();

  provisionOptions(program.command("up").description(t("help.up")))
    .option("--step", t("help.up.step"))
    .option("--force-unlock", t("help.forceUnlock"))
    .action(lazy(() => import("./commands/up.js")));

  provisionOptions(program.command("plan").description(t("help.plan"))).action(
    lazy(() => import("./commands/plan.js")),
  );

  program
    .command("status")
    .description(t("help.status"))
    .option("--offline", t("help.status.offline"))
    .action(lazy(() => import("./commands/status.js")));

  program
    .command("teardown")
    .description(t("help.teardown"))
    .option("--kubeconfig <file>", t("help.kubeconfig"))
    .option("--force-unlock", t("help.forceUnlock"))
    .action(lazy(() => import("./commands/teardown.js")));

  program
    .command("local")
    .description(t("help.local"))
    .option("--port <port>", t("help.local.port"))
    .option("--database-url <url>", t("help.local.databaseUrl"))
    .option("--ephemeral", t("help.local.ephemeral"))
    .option(
      "--rate-limit <n>",
      t("help.load.rateLimit", { rate: THROTTLING.rateLimit }),
      intArg("--rate-limit"),
    )
    .option(
      "--burst-limit <n>",
      t("help.load.burstLimit", { burst: THROTTLING.burstLimit }),
      intArg("--burst-limit"),
    )
    .action(lazy(() => import("./commands/local.js")));

  program
    .command("smoke")
    .description(t("help.smoke"))
    .option("--url <url>", t("help.smoke.url"))
    .option("--load <n>", t("help.load.load"), intArg("--load"))
    .option("--concurrency <n>", t("help.load.concurrency"), intArg("--concurrency"))
    .action(lazy(() => import("./commands/smoke.js")));

  sizingOptions(program.command("cost").description(t("help.cost")))
    .option("--requests <n>", t("help.cost.requests"), intArg("--requests"))
    .option("--private", t("help.cost.private"))
    .option("--no-private", t("help.cost.public"))
    .action(lazy(() => import("./commands/cost.js")));

  program
    .command("diagram")
    .description(t("help.diagram"))
    .option("--format <format>", t("help.diagram.format"))
    .option("-o, --output <file>", t("help.diagram.output"))
    .option("--live", t("help.diagram.live"))
    .option("--private", t("help.diagram.private"))
    .option("--no-private", t("help.diagram.public"))
    .action(lazy(() => import("./commands/diagram.js")));

  resourceOptions(program.command("export").description(t("help.export")))
    .option("--format <format>", t("help.export.format"))
    .option("-o, --output <path>", t("help.export.output"))
    .option("--account-id <id>", t("help.export.accountId"))
    .option("--db-host <host>", t("help.export.dbHost"))
    .option("--private", t("help.export.private"))
    .option("--no-private", t("help.export.public"))
    .option("--source-cidrs <cidrs>", t("help.export.sourceCidrs"), commaList)
    .action(lazy(() => import("./commands/export.js")));

  program
    .command("kubeconfig")
    .description(t("help.kubeconfigCmd"))
    .option("--output <file>", t("help.kubeconfigCmd.output"))
    .action(lazy(() => import("./commands/kubeconfig.js")));

  program
    .command("logs")
    .description(t("help.logs"))
    .argument(t("help.logs.serviceArg"), t("help.logs.service"))
    .option("-f, --follow", t("help.logs.follow"))
    .option("--since <duration>", t("help.logs.since"))
    .option("--gateway", t("help.logs.gateway"))
    .option("--lines <n>", t("help.logs.lines"))
    .option("--kubeconfig <file>", t("help.kubeconfig"))
    .action(lazy(() => import("./commands/logs.js")));

  program
    .command("completion")
    .description(t("help.completion"))
    .argument(t("help.completion.shellArg"), t("help.completion.shell"))
    .action(async (shell: string) => {
      const { completionScript, SHELLS } = await import("./completion.js");
      if (!(SHELLS as readonly string[]).includes(shell)) {
        throw new UsageError(t("error.completionShell", { shells: SHELLS.join(", "), shell }));
      }
      process.stdout.write(completionScript(program, shell as (typeof SHELLS)[number]));
    });

  for (const command of program.commands) {
    command.exitOverride().helpOption("-h, --help", t("help.help"));
    command.configureOutput({
      writeOut: (text) => process.stdout.write(localized(text)),
      writeErr: (text) => process.stderr.write(localized(text)),
    });
  }
  return program;
}

function report(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are not errors; every other parse problem is bad input.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof MsdemoError) {
    process.stderr.write(`${t("error.prefix", { message: error.message })}\n`);
    if (error.hint) process.stderr.write(`${t("error.hint", { hint: error.hint })}\n`);
    if (verbose && error.cause) {
      process.stderr.write(
        `${t("error.cause", { cause: String((error.cause as Error).stack ?? error.cause) })}\n`,
      );
    }
    return error.exitCode;
  }
  // An AWS call a command made directly (status, kubeconfig, logs, diagram --live):
  // worded like the steps' errors, with what to do.
  if (isAwsFailure(error)) return report(explainAwsError(error), verbose);
  const message = verbose ? String((error as Error).stack) : (error as Error).message;
  process.stderr.write(`${t("error.unexpected", { message })}\n`);
  return 1;
}

/** An error from the AWS SDK: a service answer, no credentials, or no connection. */
function isAwsFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    "$metadata" in error ||
    error.name === "CredentialsProviderError" ||
    /Could not load credentials|ECONNREFUSED|getaddrinfo ENOTFOUND/.test(error.message)
  );
}

/** Exit code of a process whose output was closed, as a shell reports SIGPIPE. */
export const CLOSED_OUTPUT_EXIT = 141;

/**
 * `msdemo … | head`: once the reader has gone, msdemo ends quietly, with no
 * stack trace; held locks are released on the way out (see state/lock.ts).
 */
function endQuietlyWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(CLOSED_OUTPUT_EXIT);
      throw error;
    });
  }
}

export async function main(argv: string[]): Promise<number> {
  endQuietlyWhenOutputCloses();
  const dotEnv = loadDotEnv();
  // The SDK warns on Node 20 about releases after January 2027; the lock file pins earlier ones.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const lang = detectLanguage(argv);
  setLanguage(lang);
  for (const line of dotEnv.badLines) {
    const message = t("validation.dotenvLine", { file: dotEnv.path, line });
    process.stderr.write(`${t("warning.line", { message })}\n`);
  }
  const asked = argv
    .find((a, i) => argv[i - 1] === "--lang" || a.startsWith("--lang="))
    ?.replace(/^--lang=/, "");
  if (asked !== undefined && !(LANGUAGES as readonly string[]).includes(asked.toLowerCase())) {
    return report(
      new UsageError(`--lang ${t("validation.oneOf", { values: LANGUAGES.join(", ") })} (${asked})`),
      false,
    );
  }
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    return report(
      error,
      argv.includes("--verbose") || /^(1|true|yes)$/i.test(process.env.MSDEMO_VERBOSE ?? ""),
    );
  }
}
