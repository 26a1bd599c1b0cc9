// CloudFormation for the export tests: cfn-lint (PyPI, in the project's .venv,
// pinned by scripts/setup-test-env.sh) and moto_server's CloudFormation API,
// spoken over its Query protocol with fetch (msdemo itself never calls
// CloudFormation, so it has no SDK client for it). moto does not check
// signatures; the Authorization header only names the service for its router.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { missingTool, startProcess } from "./process.js";

const CFN_LINT = resolve(import.meta.dirname, "../../.venv/bin/cfn-lint");

export interface LintResult {
  code: number | null;
  output: string;
  /** Findings of level error (E…), in cfn-lint's parseable form. */
  errors: string[];
}

/** Lints template files; cfn-lint's exit code is a bit mask (2 errors, 4 warnings, 8 informational). */
export async function cfnLint(files: string[]): Promise<LintResult> {
  if (!existsSync(CFN_LINT)) throw missingTool("cfn-lint");
  const linter = startProcess(CFN_LINT, ["--format", "parseable", "--", ...files]);
  const code = await new Promise<number | null>((done, fail) => {
    linter.child.on("error", fail);
    linter.child.on("close", done);
  });
  const output = linter.output();
  return { code, output, errors: output.split("\n").filter((line) => /:E\d{4}:/.test(line)) };
}

const parser = new XMLParser({ ignoreAttributes: true, isArray: (name) => name === "member" });

async function call(
  url: string,
  region: string,
  params: Record<string, string>,
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `AWS4-HMAC-SHA256 Credential=testing/20260101/${region}/cloudformation/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams({ Version: "2010-05-15", ...params }).toString(),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`CloudFormation ${params.Action}: HTTP ${response.status}: ${text}`);
  return parser.parse(text) as Record<string, unknown>;
}

export interface StackOutput {
  OutputKey: string;
  OutputValue: string;
}

export interface StackResource {
  LogicalResourceId: string;
  ResourceType: string;
  PhysicalResourceId?: string;
  ResourceStatus: string;
}

/** CreateStack with parameters; returns once the stack reports a final status (or throws on a failure). */
export async function createStack(
  url: string,
  region: string,
  name: string,
  templateBody: string,
  parameters: Record<string, string>,
): Promise<{ outputs: StackOutput[]; resources: StackResource[] }> {
  const form: Record<string, string> = { Action: "CreateStack", StackName: name, TemplateBody: templateBody };
  Object.entries(parameters).forEach(([key, value], i) => {
    form[`Parameters.member.${i + 1}.ParameterKey`] = key;
    form[`Parameters.member.${i + 1}.ParameterValue`] = value;
  });
  await call(url, region, form);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const described = await call(url, region, { Action: "DescribeStacks", StackName: name });
    const stack = (
      described.DescribeStacksResponse as { DescribeStacksResult: { Stacks: { member: unknown[] } } }
    ).DescribeStacksResult.Stacks.member[0] as { StackStatus: string; Outputs?: { member: StackOutput[] } };
    if (stack.StackStatus === "CREATE_COMPLETE") {
      const listed = await call(url, region, { Action: "ListStackResources", StackName: name });
      const summaries = (
        listed.ListStackResourcesResponse as {
          ListStackResourcesResult: { StackResourceSummaries: { member: StackResource[] } };
        }
      ).ListStackResourcesResult.StackResourceSummaries.member;
      return { outputs: stack.Outputs?.member ?? [], resources: summaries };
    }
    if (!stack.StackStatus.endsWith("_IN_PROGRESS")) throw new Error(`stack ${name}: ${stack.StackStatus}`);
    if (Date.now() > deadline) throw new Error(`stack ${name} still ${stack.StackStatus} after 120 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
