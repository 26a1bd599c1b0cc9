// Secrets Manager wrappers: the stack's generated secrets (JWT secret, a
// generated DB password) and reading a secret's value for the deploy step.
// No function here logs or returns a secret value in an error message.
import { createPrivateKey, generateKeyPairSync, randomInt } from "node:crypto";
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  RestoreSecretCommand,
  type SecretsManagerClient,
  TagResourceCommand,
} from "@aws-sdk/client-secrets-manager";
import { DB_PASSWORD_LENGTH, JWT_KEY_BITS, RDS_PASSWORD_EXCLUDED } from "../desired.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { isAwsErrorNamed, unlessAwsError } from "./errors.js";
import { retryWhile } from "./retry.js";
import type { Tag } from "./tags.js";
import { pollInterval } from "./wait.js";

export interface SecretInfo {
  arn: string;
  name: string;
  /** Scheduled for deletion (it can be restored). */
  deleted: boolean;
  tags: Tag[];
}

/** A secret by name or ARN; undefined when it does not exist. */
export async function findSecret(secrets: SecretsManagerClient, id: string): Promise<SecretInfo | undefined> {
  const found = await unlessAwsError(["ResourceNotFoundException"], () =>
    secrets.send(new DescribeSecretCommand({ SecretId: id })),
  );
  if (!found) return undefined;
  return {
    arn: found.ARN!,
    name: found.Name!,
    deleted: found.DeletedDate !== undefined,
    tags: (found.Tags ?? []).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" })),
  };
}

export interface NewSecret {
  name: string;
  description: string;
  tags: Tag[];
}

/** Creates a secret with its value; returns its ARN. */
export async function createSecret(
  secrets: SecretsManagerClient,
  secret: NewSecret,
  value: string,
): Promise<string> {
  const created = await secrets.send(
    new CreateSecretCommand({
      Name: secret.name,
      Description: secret.description,
      SecretString: value,
      Tags: secret.tags,
    }),
  );
  return created.ARN!;
}

export interface EnsuredSecret {
  arn: string;
  created: boolean;
}

export interface EnsureOptions {
  signal: AbortSignal;
  /** Told before each pause while a deletion of the same name finishes. */
  onRetry?: (attempt: number, elapsedMs: number) => void;
}

/**
 * Find-or-create, retried while Secrets Manager answers InvalidRequestException:
 * a forced delete (teardown's) completes asynchronously, and until it has, a
 * create or restore of that name is refused; AWS says to back off and retry.
 */
export function ensureSecret(
  secrets: SecretsManagerClient,
  secret: NewSecret,
  makeValue: () => string,
  options: EnsureOptions,
): Promise<EnsuredSecret> {
  return retryWhile(
    (error) => isAwsErrorNamed(error, "InvalidRequestException"),
    () => ensureSecretOnce(secrets, secret, makeValue),
    {
      signal: options.signal,
      // Not scaled for emulators: a loaded machine must not turn one more pause into a failure.
      timeoutMs: 3 * 60_000,
      initialDelayMs: pollInterval(2_000),
      maxDelayMs: pollInterval(20_000),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    },
    (_elapsed, _attempts, error) => error as Error,
  );
}

/**
 * Find-or-create: an existing secret (restored if it was scheduled for
 * deletion, tagged if it lacked the tags) keeps its value; otherwise a new one
 * is created with `makeValue()`. A secret created by a concurrent run between
 * the lookup and the create is reused.
 */
async function ensureSecretOnce(
  secrets: SecretsManagerClient,
  secret: NewSecret,
  makeValue: () => string,
): Promise<EnsuredSecret> {
  const existing = await findSecret(secrets, secret.name);
  if (existing) {
    if (existing.deleted) await secrets.send(new RestoreSecretCommand({ SecretId: existing.arn }));
    const missing = secret.tags.filter(
      (t) => !existing.tags.some((e) => e.Key === t.Key && e.Value === t.Value),
    );
    if (missing.length > 0)
      await secrets.send(new TagResourceCommand({ SecretId: existing.arn, Tags: missing }));
    return { arn: existing.arn, created: false };
  }
  try {
    return { arn: await createSecret(secrets, secret, makeValue()), created: true };
  } catch (error) {
    if (!isAwsErrorNamed(error, "ResourceExistsException")) throw error;
    const raced = await findSecret(secrets, secret.name);
    if (!raced) throw error;
    return { arn: raced.arn, created: false };
  }
}

/** The secret's string value. For the deploy step; never log what it returns. */
export async function readSecretValue(secrets: SecretsManagerClient, arn: string): Promise<string> {
  const result = await secrets.send(new GetSecretValueCommand({ SecretId: arn }));
  if (result.SecretString === undefined) {
    throw new MsdemoError(t("aws.secrets.noString", { arn }), { hint: t("aws.secrets.noString.hint") });
  }
  return result.SecretString;
}

export interface DbCredentials {
  username: string;
  password: string;
}

/** Parses a DB credentials secret ({"username", "password"}, as RDS-managed secrets are). */
export function parseDbCredentials(value: string, arn: string): DbCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  const record = parsed as Partial<DbCredentials> | undefined;
  if (typeof record?.password !== "string" || record.password === "") {
    // The message names the secret, never its content.
    throw new MsdemoError(t("aws.secrets.notCredentials", { arn }), {
      hint: t("aws.secrets.notCredentials.hint"),
    });
  }
  return { username: typeof record.username === "string" ? record.username : "", password: record.password };
}

/** The database credentials in a secret (the RDS-managed one or msdemo's generated one). */
export async function readDbCredentials(secrets: SecretsManagerClient, arn: string): Promise<DbCredentials> {
  return parseDbCredentials(await readSecretValue(secrets, arn), arn);
}

/** The database password in a secret. For the deploy step; never log what it returns. */
export async function readDbPassword(secrets: SecretsManagerClient, arn: string): Promise<string> {
  return (await readDbCredentials(secrets, arn)).password;
}

/** Deletes a secret at once (no recovery window); gone counts as success. Returns whether it existed. */
/**
 * Deletes a secret at once (no recovery window); returns what was deleted, or
 * undefined when there was nothing. AWS answers a forced delete of a secret
 * that does not exist with success, so the secret is looked up first.
 */
export async function deleteSecret(
  secrets: SecretsManagerClient,
  id: string,
): Promise<SecretInfo | undefined> {
  const found = await findSecret(secrets, id);
  if (!found) return undefined;
  const deleted = await unlessAwsError(["ResourceNotFoundException"], () =>
    secrets.send(new DeleteSecretCommand({ SecretId: id, ForceDeleteWithoutRecovery: true })),
  );
  return deleted ? found : undefined;
}

// ---------------------------------------------------------------------------
// Generated values

/**
 * Characters RDS accepts in a master password: printable ASCII except `/`,
 * `"`, `@` and space.
 */
export const RDS_PASSWORD_ALPHABET = Array.from({ length: 126 - 33 + 1 }, (_, i) =>
  String.fromCharCode(33 + i),
)
  .filter((c) => !RDS_PASSWORD_EXCLUDED.includes(c))
  .join("");

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/**
 * A strong random master password for RDS (8–128 characters of RDS_PASSWORD_ALPHABET),
 * drawn with crypto.randomInt and containing every character class.
 */
export function generateDbPassword(length = DB_PASSWORD_LENGTH): string {
  if (length < 8 || length > 128) throw new RangeError("RDS passwords have 8 to 128 characters");
  for (;;) {
    let password = "";
    for (let i = 0; i < length; i++)
      password += RDS_PASSWORD_ALPHABET[randomInt(RDS_PASSWORD_ALPHABET.length)];
    if (CLASSES.every((c) => c.test(password))) return password;
  }
}

/** Whether a password meets RDS's rules for a master password. */
export function isValidRdsPassword(password: string): boolean {
  return (
    password.length >= 8 &&
    password.length <= 128 &&
    [...password].every((c) => RDS_PASSWORD_ALPHABET.includes(c))
  );
}

/** A new RSA signing key for the stack's tokens: PKCS8 PEM. */
export function generateJwtSigningKey(): string {
  return generateKeyPairSync("rsa", {
    modulusLength: JWT_KEY_BITS,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  }).privateKey;
}

/** Whether a secret's value is an RSA private key (a stack made before holds an HS256 secret). */
export function isRsaPrivateKey(value: string): boolean {
  try {
    return createPrivateKey(value).asymmetricKeyType === "rsa";
  } catch {
    return false;
  }
}
