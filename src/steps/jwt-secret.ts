// The services' JWT signing secret: one per stack, 48 random bytes kept in
// Secrets Manager instead of the walkthrough's hard-coded value. It is not
// part of RDS; the database step makes it because the deploy step hands it to
// the services together with the database credentials.

import { generateJwtSecret } from "../aws/secrets.js";
import type { Config } from "../config.js";
import { databaseSecretNames } from "../desired.js";
import type { Action } from "../engine/types.js";
import { t } from "../i18n/index.js";
import type { AwsStepContext } from "./index.js";
import { findStackSecret, type StackSecret, stackSecretAction } from "./stack-secret.js";

export function findJwtSecret(ctx: AwsStepContext): Promise<StackSecret> {
  return findStackSecret(ctx.aws.secrets, databaseSecretNames(ctx.config).jwt);
}

export function jwtSecretAction<S>(found: StackSecret, config: Config): Action<AwsStepContext, S> {
  const stack = config.names.stack;
  return stackSecretAction(
    found,
    {
      description: `msdemo stack ${stack}: JWT signing secret of the services`,
      createDetail: t("database.plan.jwt"),
      makeValue: generateJwtSecret,
      recordAs: "jwtSecretArn",
    },
    stack,
  );
}
