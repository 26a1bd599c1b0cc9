// The services' JWT signing key: one per stack, an RSA private key (PKCS8 PEM,
// 2048-bit, made here with node:crypto) kept in Secrets Manager instead of the
// walkthrough's hard-coded secret. RSA because API Gateway's JWT authorizer
// verifies RS256 signatures against the auth service's published public key.
// A stack made before holds a 48-byte HS256 secret: that is replaced by a
// planned update. It is not part of RDS; the database step makes it because the
// deploy step hands it to the services together with the database credentials.

import { PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { generateJwtSigningKey, isRsaPrivateKey, readSecretValue } from "../aws/secrets.js";
import type { Config } from "../config.js";
import { databaseSecretNames } from "../desired.js";
import type { Action } from "../engine/types.js";
import { t } from "../i18n/index.js";
import type { AwsStepContext } from "./index.js";
import { findStackSecret, SECRET, type StackSecret, secretArn, stackSecretAction } from "./stack-secret.js";

/** The secret as observe found it, and whether its value is already an RSA private key (never the value). */
export interface JwtSecret extends StackSecret {
  holdsRsaKey: boolean;
}

export async function findJwtSecret(ctx: AwsStepContext): Promise<JwtSecret> {
  const found = await findStackSecret(ctx.aws.secrets, databaseSecretNames(ctx.config).jwt);
  const arn = secretArn(found);
  const holdsRsaKey = arn ? isRsaPrivateKey(await readSecretValue(ctx.aws.secrets, arn)) : false;
  return { ...found, holdsRsaKey };
}

/** The secret's changes: create, restore or adopt it as any stack secret, and replace an HS256 secret by a key. */
export function jwtSecretActions<S>(found: JwtSecret, config: Config): Action<AwsStepContext, S>[] {
  const stack = config.names.stack;
  const secretAction = stackSecretAction<S>(
    found,
    {
      description: `msdemo stack ${stack}: JWT signing key (RSA) of the services`,
      createDetail: t("database.plan.jwt"),
      makeValue: generateJwtSigningKey,
      recordAs: "jwtSecretArn",
    },
    stack,
  );
  const existing = found.secret && !found.secret.deleted ? found.secret : undefined;
  if (!existing || found.holdsRsaKey) return [secretAction];
  const replace: Action<AwsStepContext, S> = {
    change: { resource: SECRET, name: found.name, action: "update", detail: t("database.plan.jwtToRsa") },
    async run(ctx) {
      await ctx.aws.secrets.send(
        new PutSecretValueCommand({ SecretId: existing.arn, SecretString: generateJwtSigningKey() }),
      );
      found.holdsRsaKey = true;
    },
  };
  return secretAction.change.action === "none" ? [replace] : [secretAction, replace];
}
