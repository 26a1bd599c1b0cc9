// One place that turns SDK errors into what a student can act on: a message and
// a hint. It never includes request parameters, so no secret can leak through it.
import { MsdemoError } from "../errors.js";

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

export function isExpiredCredentials(error: unknown): boolean {
  return EXPIRED.has(errorName(error));
}

/** Maps any error from an AWS call to an MsdemoError with a hint; others pass through. */
export function explainAwsError(error: unknown): MsdemoError {
  if (error instanceof MsdemoError) return error;
  const name = errorName(error);
  const message = (error as SdkErrorShape)?.message ?? String(error);

  if (name === "CredentialsProviderError" || /Could not load credentials/i.test(message)) {
    return new MsdemoError("No AWS credentials were found.", {
      cause: error,
      hint: "In CloudShell they are already there. Elsewhere run `aws configure` (or set AWS_PROFILE), or copy the Learner Lab's AWS Details → AWS CLI credentials into ~/.aws/credentials.",
    });
  }
  if (EXPIRED.has(name)) {
    return new MsdemoError("Your AWS credentials have expired.", {
      cause: error,
      hint: "Refresh your credentials (Learner Lab: AWS Details → Show → copy the new AWS CLI credentials), then run `msdemo up` again: it resumes where it stopped.",
    });
  }
  if (BAD_CREDENTIALS.has(name)) {
    return new MsdemoError("AWS did not accept your credentials.", {
      cause: error,
      hint: "Check the access key and secret (or AWS_PROFILE); Learner Lab credentials change at every lab start.",
    });
  }
  if (DENIED.has(name)) {
    const action = deniedAction(message);
    return new MsdemoError(`AWS denied the request${action ? `: ${action}` : ""}.`, {
      cause: error,
      hint: action
        ? `Your role lacks ${action}. In AWS Academy Learner Lab some actions are not allowed; check the region (us-east-1 or us-west-2) and the instance sizes.`
        : "Your role lacks a permission msdemo needs; run with --verbose to see the full AWS message.",
    });
  }
  if (THROTTLED.has(name)) {
    return new MsdemoError("AWS kept throttling requests, even after retries.", {
      cause: error,
      hint: "Wait a minute and run the command again; it resumes.",
    });
  }
  if (name === "UnknownEndpoint" || /getaddrinfo ENOTFOUND/.test(message) || name === "InvalidRegion") {
    return new MsdemoError("Could not reach AWS in that region.", {
      cause: error,
      hint: "Check --region (for example us-east-1) and your network; with --endpoint-url check that the endpoint is running.",
    });
  }
  if (/ECONNREFUSED/.test(message)) {
    return new MsdemoError("Could not connect to the AWS endpoint.", {
      cause: error,
      hint: "With --endpoint-url or AWS_ENDPOINT_URL, check that the emulator is running.",
    });
  }
  return new MsdemoError(name ? `${name}: ${message}` : message, { cause: error });
}
