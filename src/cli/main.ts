// The msdemo program: commander definitions only. Each command's work lives in
// its own module, imported when the command runs, so `--help` stays instant.
import { Command, CommanderError } from "commander";
import { MsdemoError, UsageError } from "../errors.js";
import { loadDotEnv } from "./dotenv.js";
import type { GlobalFlags } from "./settings.js";
import { version } from "./version.js";

type Action = (flags: GlobalFlags & Record<string, unknown>, args: string[]) => Promise<number>;

function lazy(load: () => Promise<{ run: Action }>) {
  return async (...received: unknown[]) => {
    const command = received[received.length - 1] as Command;
    const positional = received.slice(0, -2).filter((a): a is string => typeof a === "string");
    const { run } = await load();
    process.exitCode = await run(command.optsWithGlobals(), positional);
  };
}

function intArg(flag: string) {
  return (value: string) => {
    if (!/^-?\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number (got "${value}")`);
    return Number(value);
  };
}

function provisionOptions(command: Command): Command {
  return command
    .option(
      "--steps <ids>",
      "only these steps, comma-separated (network,database,registry,images,cluster,nodes,deploy,gateway)",
      (v) =>
        v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
    )
    .option("--vpc-id <id>", "VPC to use (default: the account's default VPC)")
    .option("--ssh-cidr <cidr>", "open SSH (22) on node-sg-service to this CIDR only (default: closed)")
    .option("--cluster-role-arn <arn>", "IAM role for the EKS cluster (default: detect LabEksClusterRole)")
    .option("--node-role-arn <arn>", "IAM role for the nodes (default: detect LabEksNodeRole, else LabRole)")
    .option("--instance-type <type>", "node instance type", undefined)
    .option("--nodes <n>", "desired node count", intArg("--nodes"))
    .option("--min-nodes <n>", "minimum node count", intArg("--min-nodes"))
    .option("--max-nodes <n>", "maximum node count", intArg("--max-nodes"))
    .option("--db-instance-class <class>", "RDS instance class")
    .option("--db-storage <gib>", "RDS storage in GiB (20-65536)", intArg("--db-storage"))
    .option("--db-password-mode <mode>", "managed (RDS keeps it in Secrets Manager) or generated")
    .option("--k8s-version <version>", "Kubernetes version of the cluster")
    .option("--registry <host>", "push images to this registry instead of the stack's ECR")
    .option("--base-image <ref>", "base image for the services")
    .option("--builder <builder>", "daemonless (default) or docker")
    .option("--kubeconfig <file>", "use this kubeconfig instead of the EKS cluster's (env KUBECONFIG)");
}

export function buildProgram(): Command {
  const program = new Command("msdemo")
    .description(
      "Builds the cloud course's microservices demo on AWS (security groups, RDS, ECR, EKS, API Gateway), step by step or in one go, and tears it down.",
    )
    .version(version(), "-V, --version", "print the version")
    .option("--region <region>", "AWS region (env AWS_REGION)")
    .option("--profile <name>", "AWS profile (env AWS_PROFILE)")
    .option("--stack <name>", "stack name (env MSDEMO_STACK)", undefined)
    .option("--state-dir <dir>", "where msdemo keeps its state (env MSDEMO_STATE_DIR, default ~/.msdemo)")
    .option("--endpoint-url <url>", "send every AWS call to this endpoint (env AWS_ENDPOINT_URL)")
    .option("-y, --yes", "do not ask; assume yes")
    .option("--json", "machine-readable output")
    .option("--no-color", "no colours (also NO_COLOR)")
    .option("--verbose", "more detail, including the causes of errors")
    .showHelpAfterError("(run msdemo --help for usage)")
    .exitOverride();

  provisionOptions(
    program.command("up").description("create or resume the whole stack (find-or-create, safe to rerun)"),
  )
    .option("--step", "teaching mode: pause before each step and show its console equivalent")
    .action(lazy(() => import("./commands/up.js")));

  provisionOptions(
    program.command("plan").description("show what `up` would create, adopt or leave; changes nothing"),
  ).action(lazy(() => import("./commands/plan.js")));

  program
    .command("status")
    .description("show every resource of the stack, its live state and endpoints")
    .option("--offline", "read the state file only; make no AWS call")
    .action(lazy(() => import("./commands/status.js")));

  program
    .command("teardown")
    .description("delete every resource of the stack (works without a state file)")
    .action(lazy(() => import("./commands/teardown.js")));

  program
    .command("completion")
    .description("print a shell completion script (bash, zsh or fish)")
    .argument("<shell>", "bash, zsh or fish")
    .action(async (shell: string) => {
      const { completionScript, SHELLS } = await import("./completion.js");
      if (!(SHELLS as readonly string[]).includes(shell)) {
        throw new UsageError(`completion takes one of ${SHELLS.join(", ")} (got "${shell}")`);
      }
      process.stdout.write(completionScript(program, shell as (typeof SHELLS)[number]));
    });

  for (const command of program.commands) command.exitOverride();
  return program;
}

function report(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are not errors; every other parse problem is bad input.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof MsdemoError) {
    process.stderr.write(`msdemo: ${error.message}\n`);
    if (error.hint) process.stderr.write(`  hint: ${error.hint}\n`);
    if (verbose && error.cause)
      process.stderr.write(`  cause: ${String((error.cause as Error).stack ?? error.cause)}\n`);
    return error.exitCode;
  }
  process.stderr.write(
    `msdemo: unexpected error: ${verbose ? (error as Error).stack : (error as Error).message}\n`,
  );
  return 1;
}

export async function main(argv: string[]): Promise<number> {
  loadDotEnv();
  // The SDK warns on Node 20 about releases after January 2027; the lock file pins earlier ones.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    return report(error, argv.includes("--verbose"));
  }
}
