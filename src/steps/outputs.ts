// What each step hands the next: one schema per step, the only declaration of
// those shapes. `ctx.require(step)` checks the recorded outputs against it, so
// a state file edited by hand or written by an older msdemo is reported by
// step and field instead of failing later on an undefined.
import { z } from "zod";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { SERVICE_NAMES, type ServiceName } from "../routes.js";
import type { Outputs } from "../state/store.js";
import type { StepId } from "../step-ids.js";

const text = z.string().min(1);
const byService = z.record(z.string(), z.string());
const repositoryRef = z.object({ name: text, uri: text, arn: text });

export const OUTPUT_SCHEMAS = {
  network: z.object({ vpcId: text, nodeSecurityGroupId: text, dbSecurityGroupId: text }),
  database: z.object({
    dbInstanceId: text,
    endpoint: text,
    port: z.number().int().positive(),
    dbName: text,
    masterUsername: text,
    passwordSecretArn: text,
    jwtSecretArn: text,
    passwordMode: z.enum(["generated", "managed"]),
  }),
  registry: z.object({
    repositories: z.object(
      Object.fromEntries(SERVICE_NAMES.map((s) => [s, repositoryRef])) as Record<
        ServiceName,
        typeof repositoryRef
      >,
    ),
    registryId: z.string(),
  }),
  images: z.object({
    images: byService,
    tags: byService,
    baseImage: z.string().optional(),
    baseImagePinned: z.string().optional(),
  }),
  cluster: z.object({
    clusterName: text,
    clusterArn: z.string(),
    endpoint: text,
    certificateAuthorityData: z.string(),
    clusterSecurityGroupId: z.string().nullable(),
    subnetIds: z.array(z.string()),
    roleArn: z.string(),
    k8sVersion: z.string(),
  }),
  nodes: z.object({
    nodegroupName: text,
    nodegroupArn: z.string(),
    roleArn: z.string(),
    instanceType: z.string(),
    scaling: z.object({ desired: z.number(), min: z.number(), max: z.number() }),
  }),
  deploy: z.object({
    namespace: text,
    loadBalancers: byService,
    /** --private: each service's internal NLB listener ARN (what a VPC link integration points at). */
    listeners: byService.optional(),
  }),
  gateway: z.object({
    apiId: text,
    apiUrl: z.string(),
    routes: z.number(),
    /** --private: the VPC link the integrations reach the internal load balancers through. */
    vpcLinkId: z.string().optional(),
  }),
  // In a Learner Lab, which has no CloudFront, the step records only why it made nothing.
  site: z.union([
    z.object({ bucket: text, distributionId: text, domainName: text, url: text }),
    z.object({ skipped: z.literal("learner-lab") }),
  ]),
} satisfies Record<StepId, z.ZodType>;

export type StepOutputs = { [K in StepId]: z.infer<(typeof OUTPUT_SCHEMAS)[K]> & Outputs };

export type NetworkOutputs = StepOutputs["network"];
export type DatabaseOutputs = StepOutputs["database"];
export type RegistryOutputs = StepOutputs["registry"];
export type ImagesOutputs = StepOutputs["images"];
export type ClusterOutputs = StepOutputs["cluster"];
export type NodesOutputs = StepOutputs["nodes"];
export type DeployOutputs = StepOutputs["deploy"];
export type GatewayOutputs = StepOutputs["gateway"];
export type SiteOutputs = StepOutputs["site"];

/** Checks `outputs` against `step`'s schema; names the step and the first bad field. */
export function parseOutputs(step: StepId, outputs: Outputs): Outputs {
  const parsed = OUTPUT_SCHEMAS[step].safeParse(outputs);
  if (parsed.success) return parsed.data as Outputs;
  const issue = parsed.error.issues[0]!;
  throw new MsdemoError(
    t("outputs.malformed", { step, field: issue.path.join(".") || "(all)", reason: issue.message }),
    { hint: t("outputs.malformed.hint", { step }) },
  );
}

/** The error for a step whose needed step has not completed. */
export function missingStep(step: StepId, need: StepId): Error {
  return new MsdemoError(t("outputs.missing", { step, need }), {
    hint: t("outputs.missing.hint", { step, need }),
  });
}

/** What the engine needs from the app to hand outputs between steps. */
export const OUTPUT_HANDOFF = { parseOutputs, missingStep } as const;
