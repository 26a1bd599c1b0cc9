// S3 wrappers for the web page's bucket: find it with its tags and settings,
// create it private (all public access blocked), upload files with their
// cache headers, list what is there by ETag, empty and delete it.
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { isAwsErrorNamed, unlessAwsError } from "./errors.js";
import type { Tag } from "./tags.js";

/** Every public-access switch on: the bucket is reachable only through the policy's CloudFront grant. */
export const BLOCK_ALL_PUBLIC_ACCESS = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
} as const;

export interface BucketState {
  tags: Tag[];
  publicAccessBlocked: boolean;
  /** The bucket policy as JSON text; undefined when it has none. */
  policy: string | undefined;
}

/** Whether the bucket exists in this account; undefined when not. */
export async function findBucket(s3: S3Client, name: string): Promise<BucketState | undefined> {
  const exists = await unlessAwsError(["NotFound", "NoSuchBucket"], async () => {
    await s3.send(new HeadBucketCommand({ Bucket: name }));
    return true;
  });
  if (!exists) return undefined;
  const tags = await unlessAwsError(
    ["NoSuchTagSet"],
    async () => (await s3.send(new GetBucketTaggingCommand({ Bucket: name }))).TagSet,
  );
  const block = await unlessAwsError(
    ["NoSuchPublicAccessBlockConfiguration"],
    async () =>
      (await s3.send(new GetPublicAccessBlockCommand({ Bucket: name }))).PublicAccessBlockConfiguration,
  );
  const policy = await unlessAwsError(
    ["NoSuchBucketPolicy"],
    async () => (await s3.send(new GetBucketPolicyCommand({ Bucket: name }))).Policy,
  );
  return {
    tags: (tags ?? []).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" })),
    publicAccessBlocked: Object.entries(BLOCK_ALL_PUBLIC_ACCESS).every(
      ([key, value]) => block?.[key as keyof typeof BLOCK_ALL_PUBLIC_ACCESS] === value,
    ),
    policy,
  };
}

/** Creates the bucket in `region`; one this account already owns counts as made. */
export async function createBucket(s3: S3Client, name: string, region: string): Promise<void> {
  try {
    await s3.send(
      new CreateBucketCommand({
        Bucket: name,
        // us-east-1 is S3's default location and refuses to be named.
        ...(region === "us-east-1"
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
      }),
    );
  } catch (error) {
    if (!isAwsErrorNamed(error, "BucketAlreadyOwnedByYou")) throw error;
  }
}

export async function blockPublicAccess(s3: S3Client, name: string): Promise<void> {
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: name,
      PublicAccessBlockConfiguration: BLOCK_ALL_PUBLIC_ACCESS,
    }),
  );
}

/** Adds `tags` to the bucket's own (S3 replaces the whole set, so the others are kept). */
export async function tagBucket(s3: S3Client, name: string, existing: Tag[], tags: Tag[]): Promise<void> {
  const keys = new Set(tags.map((t) => t.Key));
  await s3.send(
    new PutBucketTaggingCommand({
      Bucket: name,
      Tagging: { TagSet: [...existing.filter((t) => !keys.has(t.Key)), ...tags] },
    }),
  );
}

export async function putBucketPolicy(s3: S3Client, name: string, policy: string): Promise<void> {
  await s3.send(new PutBucketPolicyCommand({ Bucket: name, Policy: policy }));
}

/** Every object's key and ETag (for a single-part upload without KMS: the MD5 of its bytes, hex). */
export async function listObjects(s3: S3Client, name: string): Promise<Map<string, string>> {
  const objects = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: name, ContinuationToken: token }));
    for (const o of page.Contents ?? []) objects.set(o.Key!, (o.ETag ?? "").replaceAll('"', ""));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

export interface Upload {
  key: string;
  body: Uint8Array;
  contentType: string;
  cacheControl: string;
  /** MD5 of the body, base64, so S3 refuses a body damaged on the way. */
  md5Base64: string;
}

export async function putObject(s3: S3Client, bucket: string, file: Upload): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: file.key,
      Body: file.body,
      ContentType: file.contentType,
      CacheControl: file.cacheControl,
      ContentMD5: file.md5Base64,
    }),
  );
}

/** Deletes these keys, 1000 at a time (S3's limit per call). */
export async function deleteObjects(s3: S3Client, bucket: string, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) {
    const batch = keys.slice(i, i + 1000);
    await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
      }),
    );
  }
}

/** Empties and deletes the bucket; gone counts as success. Returns whether it existed. */
export async function deleteBucket(s3: S3Client, name: string): Promise<boolean> {
  try {
    await deleteObjects(s3, name, [...(await listObjects(s3, name)).keys()]);
    await s3.send(new DeleteBucketCommand({ Bucket: name }));
    return true;
  } catch (error) {
    if (isAwsErrorNamed(error, "NoSuchBucket", "NotFound")) return false;
    throw error;
  }
}
