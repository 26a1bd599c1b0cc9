// One of the stack's own Secrets Manager secrets (the JWT signing secret, the
// generated master password): found by name, and the one change it needs
// (create, restore, adopt) under the ownership rule. Its value is made inside
// Secrets Manager's create call and never leaves this module's caller.
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ensureSecret, findSecret, type SecretInfo } from "../aws/secrets.js";
import { stackTags } from "../aws/tags.js";
import type { Action } from "../engine/types.js";
import { t } from "../i18n/index.js";
import type { AwsStepContext } from "./index.js";
import { adoptDetail, claim, ownership } from "./ownership.js";

export const SECRET = "Secrets Manager secret";

/** A stack secret as observe found it; the change's run writes what it made into `secret`. */
export interface StackSecret {
  name: string;
  secret: SecretInfo | undefined;
}

export async function findStackSecret(secrets: SecretsManagerClient, name: string): Promise<StackSecret> {
  return { name, secret: await findSecret(secrets, name) };
}

export interface SecretSpec {
  /** Secrets Manager's description of it (AWS metadata, in English like the tags). */
  description: string;
  /** What the plan says a new one holds. */
  createDetail: string;
  makeValue: () => string;
  /** The output that holds its ARN, recorded as soon as it exists. */
  recordAs: "jwtSecretArn" | "passwordSecretArn";
}

/** The change a stack secret needs: create it, restore it (scheduled for deletion), tag it, or nothing. */
export function stackSecretAction<S>(
  found: StackSecret,
  spec: SecretSpec,
  stack: string,
): Action<AwsStepContext, S> {
  const { name, secret } = found;
  const base = { resource: SECRET, name };
  const owner = secret ? ownership(secret.tags, stack) : undefined;
  if (owner) claim(owner, SECRET, name);
  // ensureSecret creates, restores or tags, whichever the secret needs when the run comes.
  const run = async (ctx: AwsStepContext) => {
    const tags = stackTags(stack, "database", name);
    const made = await ensureSecret(
      ctx.aws.secrets,
      { name, description: spec.description, tags },
      spec.makeValue,
      secretRetry(ctx, name),
    );
    found.secret = { arn: made.arn, name, deleted: false, tags };
    await ctx.record({ [spec.recordAs]: made.arn });
  };
  if (!secret) return { change: { ...base, action: "create", detail: spec.createDetail }, run };
  if (secret.deleted)
    return { change: { ...base, action: "update", detail: t("database.plan.restore") }, run };
  if (owner?.kind === "untagged") {
    return { change: { ...base, action: "adopt", detail: adoptDetail(stack) }, run };
  }
  return { change: { ...base, action: "none" } };
}

/** While a secret of that name is still being deleted (teardown just ran), say why we wait. */
function secretRetry(ctx: AwsStepContext, name: string) {
  return {
    signal: ctx.signal,
    onRetry: (_attempt: number, elapsedMs: number) =>
      ctx.progress(t("database.secretStillDeleting", { name, seconds: Math.round(elapsedMs / 1000) })),
  };
}

/** The secret's ARN once every planned change has run. */
export function secretArn(found: StackSecret): string | undefined {
  return found.secret && !found.secret.deleted ? found.secret.arn : undefined;
}
