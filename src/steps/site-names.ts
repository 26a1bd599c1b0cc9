// Names of the site step's resources. S3 bucket names are global across all
// accounts, so the bucket's name carries the account id and the region beside
// the stack; the distribution is found by its comment, the origin access
// control by its name (neither has a name of its own that AWS keeps unique).
import { createHash } from "node:crypto";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";

const BUCKET_MAX = 63;
/** S3's rules: 3–63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. */
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", "--x-s3", "--table-s3"];

/** Why S3 would refuse `name`, or undefined when it is a valid bucket name. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > BUCKET_MAX) return t("site.bucketName.length", { max: BUCKET_MAX });
  if (!BUCKET_PATTERN.test(name) || name.includes("..")) return t("site.bucketName.charset");
  if (RESERVED_PREFIXES.some((p) => name.startsWith(p)) || RESERVED_SUFFIXES.some((s) => name.endsWith(s)))
    return t("site.bucketName.reserved");
  return undefined;
}

/**
 * `<stack>-web-<account>-<region>`; a stack name too long for that is cut and
 * given a short hash of the whole, so two long stacks still differ.
 */
export function siteBucketName(stack: string, account: string, region: string): string {
  const tail = `-web-${account}-${region}`;
  let head = stack;
  if (head.length + tail.length > BUCKET_MAX) {
    const hash = createHash("sha256").update(stack).digest("hex").slice(0, 6);
    head = `${stack.slice(0, BUCKET_MAX - tail.length - hash.length - 1).replace(/-+$/, "")}-${hash}`;
  }
  const name = `${head}${tail}`;
  const problem = bucketNameProblem(name);
  if (problem)
    throw new MsdemoError(t("site.bucketName.invalid", { name, problem }), {
      hint: t("site.bucketName.hint"),
    });
  return name;
}

/** The comment msdemo gives its distribution: how a run finds it again without the state file. */
export const distributionComment = (stack: string) => `msdemo ${stack} web page`;

/** Origin access controls have names (up to 64 characters) but no tags. */
export const originAccessControlName = (stack: string) => `msdemo-${stack}-web`;
