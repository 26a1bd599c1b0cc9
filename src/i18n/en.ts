// English messages. Every text msdemo shows a person comes from here or from
// es.ts, which must have the same keys. `{name}` marks a value filled in.
// Each area (cost, diagram, steps, AWS, Kubernetes, images) keeps its own
// messages in ./areas, both languages side by side.

import * as aws from "./areas/aws.js";
import * as cliErrors from "./areas/cli-errors.js";
import * as cliNotes from "./areas/cli-notes.js";
import * as cost from "./areas/cost.js";
import * as diagram from "./areas/diagram.js";
import * as exportArea from "./areas/export.js";
import * as gatewayLogs from "./areas/gateway-logs.js";
import * as image from "./areas/image.js";
import * as kube from "./areas/kube.js";
import * as learnerLab from "./areas/learner-lab.js";
import * as load from "./areas/load.js";
import * as localRun from "./areas/local-run.js";
import * as outputs from "./areas/outputs.js";
import * as ownership from "./areas/ownership.js";
import * as state from "./areas/state.js";
import * as stepsCluster from "./areas/steps-cluster.js";
import * as stepsDatabase from "./areas/steps-database.js";
import * as stepsDeploy from "./areas/steps-deploy.js";
import * as stepsNetwork from "./areas/steps-network.js";
import * as stepsRegistry from "./areas/steps-registry.js";
import * as ui from "./areas/ui.js";
export const coreEn = {
  // Help: program and global options
  "help.program":
    "Builds the cloud course's microservices demo on AWS (security groups, RDS, ECR, EKS, API Gateway), step by step or in one go, and tears it down.",
  "help.version": "print the version",
  "help.helpCommand": "show help for msdemo or for one command",
  "help.help": "show help for a command",
  "help.region": "AWS region (env AWS_REGION)",
  "help.profile": "AWS profile (env AWS_PROFILE)",
  "help.stack": "stack name (env MSDEMO_STACK)",
  "help.stateDir": "where msdemo keeps its state (env MSDEMO_STATE_DIR, default ~/.msdemo)",
  "help.endpointUrl": "send every AWS call to this endpoint (env AWS_ENDPOINT_URL)",
  "help.yes": "do not ask; assume yes",
  "help.json": "machine-readable output",
  "help.noColor": "no colours (also NO_COLOR)",
  "help.verbose": "more detail, including the causes of errors",
  "help.lang": "language of messages: en or es (env MSDEMO_LANG, else LANG)",
  "help.afterError": "(run msdemo --help for usage)",
  "help.headings.usage": "Usage:",
  "help.headings.options": "Options:",
  "help.headings.commands": "Commands:",
  "help.headings.arguments": "Arguments:",
  "help.headings.globalOptions": "Global Options:",
  // Help: provisioning options
  "help.steps":
    "only these steps, comma-separated (network,database,registry,images,cluster,nodes,deploy,gateway)",
  "help.vpcId": "VPC to use (default: the account's default VPC)",
  "help.sshCidr": "open SSH (22) on node-sg-service to this CIDR only (default: closed)",
  "help.clusterRoleArn": "IAM role for the EKS cluster (default: detect LabEksClusterRole)",
  "help.nodeRoleArn": "IAM role for the nodes (default: detect LabEksNodeRole, else LabRole)",
  "help.instanceType": "node instance type (default t3.medium)",
  "help.nodes": "desired node count (default 2)",
  "help.minNodes": "minimum node count (default 2)",
  "help.maxNodes": "maximum node count (default 4)",
  "help.dbInstanceClass": "RDS instance class (default db.t3.micro)",
  "help.dbStorage": "RDS storage in GiB, 20-65536 (default 20)",
  "help.dbPasswordMode":
    "generated (msdemo keeps it in its own secret, default) or managed (RDS rotates it every 7 days; run up again after each rotation)",
  "help.k8sVersion": "Kubernetes version of the cluster",
  "help.registry": "push images to this registry instead of the stack's ECR",
  "help.baseImage":
    "base image for the services (default node:lts-alpine, pinned by digest at the first build)",
  "help.builder": "daemonless (default) or docker",
  "help.kubeconfig": "use this kubeconfig instead of the EKS cluster's (env KUBECONFIG)",
  // Help: commands
  "help.up": "create or resume the whole stack (find-or-create, safe to rerun)",
  "help.up.step": "teaching mode: pause before each step and show its console equivalent",
  "help.plan": "show what `up` would create, adopt or leave; changes nothing",
  "help.status": "show every resource of the stack, its live state, endpoints and cost",
  "help.status.offline": "read the state file only; make no AWS call",
  "help.teardown": "delete every resource of the stack (works without a state file)",
  "help.completion": "print a shell completion script (bash, zsh or fish)",
  "help.completion.shell": "bash, zsh or fish",
  // Commander's own errors
  "cli.unknownOption": "unknown option '{option}'",
  "cli.unknownCommand": "unknown command '{command}'",
  "cli.missingArgument": "missing required argument '{argument}'",
  "cli.optionMissingArgument": "option '{option}' argument missing",
  "cli.tooManyArguments": "too many arguments",
  // Errors and their labels
  "error.prefix": "msdemo: {message}",
  "error.hint": "  hint: {hint}",
  "error.cause": "  cause: {cause}",
  "error.unexpected": "msdemo: unexpected error: {message}",
  "error.wholeNumber": '{flag} takes a whole number (got "{value}")',
  "error.completionShell": 'completion takes one of {shells} (got "{shell}")',
  "error.notBuilt": "msdemo is not built yet: run `npm install` (or `npm run build`) in its folder first.",
  "error.interrupted": "Interrupted. State is saved: run the same command again to resume.",
  // Validation
  "validation.got": '(got "{value}")',
  "validation.stack": "must start with a-z and use only a-z, 0-9 and -, at most 40 characters",
  "validation.region": "is not a known AWS region (for example us-east-1)",
  "validation.url": "must be a URL such as http://127.0.0.1:5000",
  "validation.steps": "must be among {steps}",
  "validation.vpcId": "must look like vpc-0123abcd",
  "validation.cidr": "must be an IPv4 CIDR such as 203.0.113.7/32",
  "validation.roleArn": "must be an IAM role ARN: arn:aws:iam::<account>:role/<name>",
  "validation.instanceType": "must be an EC2 instance type such as t3.medium",
  "validation.dbClass": "must be an RDS instance class such as db.t3.micro",
  "validation.k8sVersion": "must be a Kubernetes minor version such as 1.35",
  "validation.dbEngineVersion": "must be a PostgreSQL version RDS offers, such as 17.6",
  "help.dbEngineVersion": "PostgreSQL version (default: RDS's current default minor of 17)",
  "validation.oneOf": "must be one of {values}",
  "validation.range": "must be a whole number from {min} to {max}",
  "validation.minOverDesired": "({min}) must not exceed --nodes ({desired})",
  "validation.desiredOverMax": "({desired}) must not exceed --max-nodes ({max})",
  "validation.invalid": "is not valid",
  "validation.regionRequired":
    "--region is required: no region in the environment (AWS_REGION) or the profile",
  "validation.regionRequired.hint": "pass --region us-east-1",
  "validation.unknownStep": "--steps names a step this msdemo does not have yet: {steps}",
  "validation.unknownStep.hint": "available: {steps}",
  "validation.stepNeeds": "step {step} needs the {need} step, which has not completed",
  "validation.stepNeeds.hint": "add it: --steps {steps}",
  "validation.needsYes": "msdemo {command} changes your AWS account and there is no terminal to confirm it",
  "validation.needsYes.hint": "pass --yes",
  "validation.stepNeedsTty": "--step pauses before each step to ask you, so it needs a terminal",
  "validation.stepNeedsTty.hint": "run it in a terminal, or drop --step",
  "validation.learnerLab":
    "This is an AWS Academy Learner Lab account ({evidence}), which does not allow:\n  {problems}",
  "learnerLab.region": "--region {region}: Learner Lab works only in {regions}",
  "learnerLab.instanceType": "--instance-type {type}: Learner Lab allows instance sizes up to {largest}",
  "learnerLab.dbClass":
    "--db-instance-class {dbClass}: Learner Lab allows {families} classes up to {largest}",
  "learnerLab.evidence": "assumed role voclabs",
  // Prompts
  "prompt.region": "AWS region?",
  "prompt.goAhead": "Go ahead?",
  "prompt.typeStack": "Type the stack name ({stack}) to delete everything in it:",
  "prompt.namesDiffer": "Names differ: nothing was deleted.",
  "prompt.whatNow": "What now?",
  "prompt.continue": "Continue: do this step",
  "prompt.skip": "Skip it this time",
  "prompt.quit": "Quit (msdemo up resumes later)",
  // Teaching mode
  "teach.heading": "── {title} ({step}) ──",
  "teach.console": "In the console: {text}",
  "teach.differs": "msdemo differs: {text}",
  // Warnings
  "warning.line": "warning: {message}",
  "warning.credentialsExpire":
    "Your AWS credentials expire in {left}, and this run usually takes about {needed}. If they expire, refresh them (Learner Lab: AWS Details → Show → copy the new credentials) and run msdemo up again: it resumes.",
  // Run output
  "run.stackIn": "Stack {stack} in {region}",
  "run.apiUrl": "API: {url}",
  "run.running": "running: {steps}",
  "run.deleting": "deleting: {steps}",
  "run.nothing": "(nothing)",
  "run.started": "{step}: started ({title})",
  "run.startedDelete": "{step}: deleting ({title})",
  "run.progress": "{step}: {message}",
  "run.warning": "{step}: warning: {message}",
  "run.done": "{step}: done in {elapsed}",
  "run.failed": "{step}: FAILED: {message}",
  "run.failedHint": "{step}: FAILED: {message} (hint: {hint})",
  "run.skipped": "{step}: skipped ({reason})",
  "run.finished": "finished after {elapsed}",
  "run.interrupted": "interrupted after {elapsed}",
  "run.runFailed": "failed after {elapsed}",
  "run.waiting": "{title} (waiting)",
  "reason.skippedByYou": "skipped by you",
  "reason.interrupted": "interrupted",
  "reason.youQuit": "you quit",
  "reason.afterFailure": "not started after a failure",
  // Plan
  "plan.summary": "Plan: {create} to create, {update} to update, {adopt} to adopt, {none} unchanged.",
  "plan.couldNotPlan": "(could not plan)",
  "table.step": "STEP",
  "table.resource": "RESOURCE",
  "table.name": "NAME",
  "table.action": "ACTION",
  "table.type": "TYPE",
  "table.id": "ID",
  "table.state": "STATE",
  "table.status": "STATUS",
  "table.outputs": "OUTPUTS",
  "table.adopted": "adopted",
  // Status
  "status.noState": "Stack {stack}: no state file at {path}.",
  "status.stateOnly": "Stack {stack} in {region} (state file only)",
  "status.endpoint": "{name}: {url}",
  "status.driftGone": "drift: {type} {name} is in the state file but gone from AWS",
  "status.driftUntracked": "drift: {type} {name} exists but is not in the state file",
  "status.couldNotCheck": "could not check {step}: {message}",
  // Teardown
  "teardown.stillThere": "Still there:",
  // Steps, as the walkthrough names them
  "step.network.title": "Security groups",
  "step.database.title": "RDS PostgreSQL database",
  "step.registry.title": "ECR repositories",
  "step.images.title": "Service images",
  "step.cluster.title": "EKS cluster",
  "step.nodes.title": "EKS node group",
  "step.deploy.title": "Kubernetes deployment",
  "step.gateway.title": "API Gateway",
  // AWS errors
  "aws.noCredentials": "No AWS credentials were found.",
  "aws.noCredentials.hint":
    "In CloudShell they are already there. Elsewhere run `aws configure` (or set AWS_PROFILE), or copy the Learner Lab's AWS Details → AWS CLI credentials into ~/.aws/credentials.",
  "aws.expired": "Your AWS credentials have expired.",
  "aws.expired.hint":
    "Refresh your credentials (Learner Lab: AWS Details → Show → copy the new AWS CLI credentials), then run `msdemo up` again: it resumes where it stopped.",
  "aws.badCredentials": "AWS did not accept your credentials.",
  "aws.badCredentials.hint":
    "Check the access key and secret (or AWS_PROFILE); Learner Lab credentials change at every lab start.",
  "aws.denied": "AWS denied the request.",
  "aws.deniedAction": "AWS denied the request: {action}.",
  "aws.denied.hint":
    "Your role lacks a permission msdemo needs; run with --verbose to see the full AWS message.",
  "aws.deniedAction.hint":
    "Your role lacks {action}. In AWS Academy Learner Lab some actions are not allowed; check the region (us-east-1 or us-west-2) and the instance sizes.",
  "aws.throttled": "AWS kept throttling requests, even after retries.",
  "aws.throttled.hint": "Wait a minute and run the command again; it resumes.",
  "aws.unreachable": "Could not reach AWS in that region.",
  "aws.unreachable.hint":
    "Check --region (for example us-east-1) and your network; with --endpoint-url check that the endpoint is running.",
  "aws.refused": "Could not connect to the AWS endpoint.",
  "aws.refused.hint": "With --endpoint-url or AWS_ENDPOINT_URL, check that the emulator is running.",
  // State
  "state.locked": "Stack is in use by another msdemo (pid {pid} on {host}, `{command}`, since {since}).",
  "state.locked.hint":
    "Wait for it to finish, or stop it (kill {pid}); if it is no longer running, run again with --force-unlock. Lock file: {path}",
  "state.lockedElsewhere.hint":
    "It runs on another machine ({host}). If that machine is gone (a CloudShell session that ended), run again with --force-unlock; msdemo also takes such a lock over by itself once it is {minutes} minutes old. Lock file: {path}",
  "help.forceUnlock": "remove the stack's lock first (when the msdemo that held it is gone)",
  "state.cannotCreateDir": "Cannot create the state folder {dir} ({code}).",
  "state.cannotCreateDir.hint":
    "Choose a folder you can write to with --state-dir or MSDEMO_STATE_DIR (the default is ~/.msdemo).",
  "state.lockFailed": "Could not take the lock {path}.",
  "state.lockFailed.hint": "Remove it if no msdemo is running.",
  "state.corrupt": "The state file {path} is unreadable ({reason}); msdemo will not overwrite it.",
  "state.corrupt.hint":
    "Move it aside (mv {path} {path}.bad) and run again: msdemo rebuilds its state by discovering the stack's tagged resources.",
  "state.notJson": "not valid JSON",
  "state.newer": "The state file {path} was written by a newer msdemo (schema {version}).",
  "state.newer.hint": "Upgrade msdemo, or use another --state-dir.",
  "state.secret": "Refusing to store {path} in the state file: it looks like a secret.",
  // msdemo local
  "help.local":
    "run the three services and the gateway on this machine, with an embedded database (no AWS account)",
  "help.local.port": "port of the gateway (0 picks a free one)",
  "help.local.databaseUrl":
    "use this PostgreSQL (postgres://user:pass@host:port/db) instead of the embedded one",
  "help.local.ephemeral": "keep the embedded database in memory only",
  "local.ready": "msdemo local is running at {url} ({database} database). Ctrl-C stops it.",
  "local.dbEmbedded": "embedded",
  "local.dbExternal": "external",
  "local.try": "Open that URL in a browser for the web page, or try the API with curl:",
  "local.stopping": "Stopping…",
  "local.stopped": "Stopped.",
  "local.badPort": '--port must be a whole number from 0 to 65535 (got "{value}")',
  "local.badUrl": "--database-url must be a postgres:// URL",
  // msdemo smoke
  "help.smoke": "try the system as a user would: register, log in, list products, order, list orders",
  "help.smoke.url": "base URL (default: the stack's API URL, else the local gateway)",
  "smoke.warmingUp":
    "The API answers {status}: the load balancers are still warming up; retrying ({seconds} s of at most {limit} s)",
  "smoke.against": "Smoke test against {url}",
  "smoke.passed": "All {count} calls passed.",
  "smoke.failed": "{failed} of {count} calls failed.",
  "smoke.call.register": "register a fresh user",
  "smoke.call.login": "log in",
  "smoke.call.products": "list products",
  "smoke.call.order": "create an order",
  "smoke.call.orders": "list my orders",
  "smoke.call.no-token": "order without a token",
  "smoke.call.page": "load the web page",
  "smoke.call.asset": "load one of its files",
  "smoke.problem.unexpected-status": "expected {expected}",
  "smoke.problem.no-token-returned": "no token in the answer",
  "smoke.problem.no-products": "no products listed",
  "smoke.problem.order-missing": "the new order is not listed",
  "smoke.problem.not-the-page": "not the msdemo web page",
  "smoke.problem.wrong-type": "served with the wrong content type",
  "table.call": "CALL",
  "table.expected": "EXPECTED",
  "table.ms": "MS",
  "table.note": "NOTE",
  // msdemo kubeconfig / logs
  "help.kubeconfigCmd": "write a kubectl context for the stack's cluster (merged into ~/.kube/config)",
  "help.kubeconfigCmd.output": "write to this file instead of ~/.kube/config (or KUBECONFIG)",
  "help.logs":
    "show a service's pod logs, each line prefixed by its pod, or with --gateway the API's access log",
  "help.logs.service": "auth, orders or products",
  "help.logs.follow": "keep streaming new lines",
  "help.logs.since": "only lines newer than this (e.g. 30s, 10m, 2h)",
  "kube.noCluster": "The stack has no EKS cluster to connect to.",
  "kube.noCluster.hint": "run msdemo up first, or pass --kubeconfig",
  "kubeconfig.written": "Context {context} written to {path}. Try: kubectl get pods -n {namespace}",
  "logs.badService": '<service> must be one of {services} (got "{service}")',
  "logs.badSince": '--since takes a duration such as 30s, 10m or 2h (got "{value}")',
  "logs.noPods": "No pods of {app} in namespace {namespace}.",
  // msdemo cost / diagram
  "help.cost": "estimate the stack's hourly and monthly cost (no AWS call)",
  "help.cost.requests": "API Gateway requests a month, added to the totals",
  "help.diagram": "draw the stack's architecture: real names, endpoints and states",
  "help.diagram.format": "text (default), mermaid or svg",
  "help.diagram.output": "write the diagram to a file",
  "help.diagram.live": "ask AWS for each resource's live state (needs credentials and a region)",
  "cost.badRequests": "--requests must be a whole number of requests a month (got {value})",
  "cost.stack": "Stack {stack}",
  "diagram.badFormat": "--format must be one of {formats} (got {format})",
  "diagram.wrote": "Wrote the {format} diagram of {stack} to {path}",
} as const;

export const en = {
  ...coreEn,
  ...cost.en,
  ...diagram.en,
  ...exportArea.en,
  ...stepsNetwork.en,
  ...stepsDatabase.en,
  ...stepsRegistry.en,
  ...outputs.en,
  ...ownership.en,
  ...stepsCluster.en,
  ...stepsDeploy.en,
  ...aws.en,
  ...kube.en,
  ...image.en,
  ...ui.en,
  ...cliNotes.en,
  ...cliErrors.en,
  ...localRun.en,
  ...load.en,
  ...state.en,
  ...learnerLab.en,
  ...gatewayLogs.en,
};

export type MessageKey = keyof typeof en;
