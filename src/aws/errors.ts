// One place that turns SDK errors into what a student can act on: a message and
// a hint. It never includes request parameters, so no secret can leak through it.
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";

interface SdkErrorShape {
  name?: string;
  message?: string;
  Code?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

function errorName(error: unknown): string {
  const e = error as SdkErrorShape;
  return e?.name ?? e?.Code ?? e?.code ?? "";
}

const EXPIRED = new Set(["ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"]);
const DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "UnauthorizedException",
  "AuthorizationError",
  "NotAuthorized",
]);
const THROTTLED = new Set([
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "ProvisionedThroughputExceededException",
  "SlowDown",
]);
const BAD_CREDENTIALS = new Set([
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "InvalidAccessKeyId",
]);

/** The IAM action in an AccessDenied message ("… is not authorized to perform: ec2:CreateSecurityGroup …"). */
function deniedAction(message: string): string | undefined {
  return /perform:? ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1];
}

export function isAwsErrorNamed(error: unknown, ...names: string[]): boolean {
  return names.includes(errorName(error));
}

/** Runs a lookup where AWS answering one of `names` (its "not found") means: there is none. */
export async function unlessAwsError<T>(
  names: readonly string[],
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isAwsErrorNamed(error, ...names)) return undefined;
    throw error;
  }
}

/** Maps any error from an AWS call to an MsdemoError with a hint; others pass through. */
export function explainAwsError(error: unknown): MsdemoError {
  if (error instanceof MsdemoError) return error;
  const name = errorName(error);
  const message = (error as SdkErrorShape)?.message ?? String(error);

  const explained = (text: string, hint: string) => new MsdemoError(text, { cause: error, hint });

  if (name === "CredentialsProviderError" || /Could not load credentials/i.test(message)) {
    return explained(t("aws.noCredentials"), t("aws.noCredentials.hint"));
  }
  if (EXPIRED.has(name)) return explained(t("aws.expired"), t("aws.expired.hint"));
  if (BAD_CREDENTIALS.has(name)) return explained(t("aws.badCredentials"), t("aws.badCredentials.hint"));
  if (DENIED.has(name)) {
    const action = deniedAction(message);
    return action
      ? explained(t("aws.deniedAction", { action }), t("aws.deniedAction.hint", { action }))
      : explained(t("aws.denied"), t("aws.denied.hint"));
  }
  if (THROTTLED.has(name)) return explained(t("aws.throttled"), t("aws.throttled.hint"));
  if (name === "UnknownEndpoint" || /getaddrinfo ENOTFOUND/.test(message) || name === "InvalidRegion") {
    return explained(t("aws.unreachable"), t("aws.unreachable.hint"));
  }
  if (/ECONNREFUSED/.test(message)) return explained(t("aws.refused"), t("aws.refused.hint"));
  return new MsdemoError(name ? `${name}: ${message}` : message, { cause: error });
}
