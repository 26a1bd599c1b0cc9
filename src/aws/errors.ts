// One place that turns SDK errors into what a student can act on: a message and
// a hint. It never includes request parameters, so no secret can leak through it.
import { MsdemoError } from "../errors.js";
import type { MessageKey } from "../i18n/en.js";
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

  const explained = (key: MessageKey, params: Record<string, string> = {}) =>
    new MsdemoError(t(key, params), { cause: error, hint: t(`${key}.hint` as MessageKey, params) });

  if (name === "CredentialsProviderError" || /Could not load credentials/i.test(message)) {
    return explained("aws.noCredentials");
  }
  if (EXPIRED.has(name)) return explained("aws.expired");
  if (BAD_CREDENTIALS.has(name)) return explained("aws.badCredentials");
  if (DENIED.has(name)) {
    const action = deniedAction(message);
    return action ? explained("aws.deniedAction", { action }) : explained("aws.denied");
  }
  if (THROTTLED.has(name)) return explained("aws.throttled");
  if (name === "UnknownEndpoint" || /getaddrinfo ENOTFOUND/.test(message) || name === "InvalidRegion") {
    return explained("aws.unreachable");
  }
  if (/ECONNREFUSED/.test(message)) return explained("aws.refused");
  return new MsdemoError(name ? `${name}: ${message}` : message, { cause: error });
}
