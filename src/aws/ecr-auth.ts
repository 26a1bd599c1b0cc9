// Registry credentials for ECR: GetAuthorizationToken's base64 `AWS:<password>`
// value, passed to the registry client as-is (valid 12 hours). Never logged.
import { type ECRClient, GetAuthorizationTokenCommand } from "@aws-sdk/client-ecr";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";

export interface EcrAuthorization {
  /** base64 `user:password`, for HTTP Basic auth. */
  token: string;
  /** `https://<account>.dkr.ecr.<region>.amazonaws.com` */
  proxyEndpoint: string;
}

export async function ecrAuthorization(ecr: ECRClient): Promise<EcrAuthorization> {
  const answer = await ecr.send(new GetAuthorizationTokenCommand({}));
  const data = answer.authorizationData?.[0];
  if (!data?.authorizationToken || !data.proxyEndpoint) {
    throw new MsdemoError(t("aws.ecr.noToken"));
  }
  return { token: data.authorizationToken, proxyEndpoint: data.proxyEndpoint };
}
