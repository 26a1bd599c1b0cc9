// ECR wrappers: the stack's image repositories. Find, create (mutable tags,
// AES-256, scan on push, tagged), fix settings drift, delete with images.
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeRepositoriesCommand,
  type ECRClient,
  ListTagsForResourceCommand,
  PutImageScanningConfigurationCommand,
  PutImageTagMutabilityCommand,
  type Repository,
  TagResourceCommand,
} from "@aws-sdk/client-ecr";
import { REPOSITORY_SETTINGS } from "../desired.js";
import { isAwsErrorNamed, unlessAwsError } from "./errors.js";
import type { Tag } from "./tags.js";

export type { Repository } from "@aws-sdk/client-ecr";

const NOT_FOUND = ["RepositoryNotFoundException"];

/** A repository by name; undefined when it does not exist. */
export async function findRepository(ecr: ECRClient, name: string): Promise<Repository | undefined> {
  return unlessAwsError(
    NOT_FOUND,
    async () =>
      (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }))).repositories?.[0],
  );
}

/** Creates a repository with msdemo's settings and tags; one created meanwhile by another run is returned. */
export async function createRepository(ecr: ECRClient, name: string, tags: Tag[]): Promise<Repository> {
  try {
    const result = await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: name,
        imageTagMutability: REPOSITORY_SETTINGS.imageTagMutability,
        encryptionConfiguration: { encryptionType: REPOSITORY_SETTINGS.encryptionType },
        imageScanningConfiguration: { scanOnPush: REPOSITORY_SETTINGS.scanOnPush },
        tags,
      }),
    );
    return result.repository!;
  } catch (error) {
    if (!isAwsErrorNamed(error, "RepositoryAlreadyExistsException")) throw error;
    const existing = await findRepository(ecr, name);
    if (!existing) throw error;
    return existing;
  }
}

export async function repositoryTags(ecr: ECRClient, arn: string): Promise<Tag[]> {
  const result = await ecr.send(new ListTagsForResourceCommand({ resourceArn: arn }));
  return (result.tags ?? []).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" }));
}

export async function tagRepository(ecr: ECRClient, arn: string, tags: Tag[]): Promise<void> {
  await ecr.send(new TagResourceCommand({ resourceArn: arn, tags }));
}

export type RepositoryFix = "scanOnPush" | "imageTagMutability";

/** The settings of an existing repository that differ from msdemo's and can be changed in place. */
export function repositoryDrift(repository: Repository): RepositoryFix[] {
  const fixes: RepositoryFix[] = [];
  if (repository.imageScanningConfiguration?.scanOnPush !== REPOSITORY_SETTINGS.scanOnPush)
    fixes.push("scanOnPush");
  if (repository.imageTagMutability !== REPOSITORY_SETTINGS.imageTagMutability)
    fixes.push("imageTagMutability");
  return fixes;
}

/** Encryption cannot change after creation: a repository encrypted otherwise stays so. */
export function encryptionDiffers(repository: Repository): boolean {
  const type = repository.encryptionConfiguration?.encryptionType ?? "AES256";
  return type !== REPOSITORY_SETTINGS.encryptionType;
}

export async function fixRepository(
  ecr: ECRClient,
  repository: Repository,
  fix: RepositoryFix,
): Promise<void> {
  const name = repository.repositoryName!;
  if (fix === "scanOnPush") {
    await ecr.send(
      new PutImageScanningConfigurationCommand({
        repositoryName: name,
        registryId: repository.registryId,
        imageScanningConfiguration: { scanOnPush: REPOSITORY_SETTINGS.scanOnPush },
      }),
    );
  } else {
    await ecr.send(
      new PutImageTagMutabilityCommand({
        repositoryName: name,
        registryId: repository.registryId,
        imageTagMutability: REPOSITORY_SETTINGS.imageTagMutability,
      }),
    );
  }
}

/** Deletes a repository and its images; gone counts as success. Returns whether it existed. */
export async function deleteRepository(ecr: ECRClient, name: string): Promise<boolean> {
  try {
    await ecr.send(new DeleteRepositoryCommand({ repositoryName: name, force: true }));
    return true;
  } catch (error) {
    if (isAwsErrorNamed(error, ...NOT_FOUND)) return false;
    throw error;
  }
}
