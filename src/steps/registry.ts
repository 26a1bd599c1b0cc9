// Step 3 of the walkthrough: the three ECR repositories (auth-service-repo,
// orders-service-repo, products-service-repo), mutable tags, AES-256.
import type { ECRClient } from "@aws-sdk/client-ecr";
import {
  createRepository,
  deleteRepository,
  encryptionDiffers,
  findRepository,
  fixRepository,
  type Repository,
  type RepositoryFix,
  repositoryDrift,
  repositoryTags,
  tagRepository,
} from "../aws/ecr.js";
import { hasStackTag, STACK_TAG, stackTags, type Tag } from "../aws/tags.js";
import type { Config } from "../config.js";
import type { Change, LiveResource } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
import { SERVICE_NAMES, type ServiceName } from "../routes.js";
import type { AwsStep } from "./index.js";

const RESOURCE = "ECR repository";

export interface RepositoryRef {
  [key: string]: string;
  name: string;
  /** Push/pull address: <account>.dkr.ecr.<region>.amazonaws.com/<name>. */
  uri: string;
  arn: string;
}

export interface RegistryOutputs {
  [key: string]: string | Record<ServiceName, RepositoryRef>;
  repositories: Record<ServiceName, RepositoryRef>;
  registryId: string;
}

const FIX_TEXT: Record<RepositoryFix, string> = {
  scanOnPush: "turn on scan on push",
  imageTagMutability: "make tags mutable",
};

function ownerOf(tags: Tag[]): string | undefined {
  return tags.find((t) => t.Key === STACK_TAG)?.Value;
}

function otherStackError(name: string, owner: string): MsdemoError {
  return new MsdemoError(`ECR repository ${name} belongs to msdemo stack "${owner}", not to this one.`, {
    hint: "Use another --stack name (every resource name is then prefixed), or tear that stack down first.",
  });
}

interface Found {
  service: ServiceName;
  name: string;
  repository: Repository | undefined;
  tags: Tag[];
}

async function lookUp(ecr: ECRClient, config: Config): Promise<Found[]> {
  const found: Found[] = [];
  for (const service of SERVICE_NAMES) {
    const name = config.names.repositories[service];
    const repository = await findRepository(ecr, name);
    const tags = repository?.repositoryArn ? await repositoryTags(ecr, repository.repositoryArn) : [];
    found.push({ service, name, repository, tags });
  }
  return found;
}

function ref(repository: Repository): RepositoryRef {
  return { name: repository.repositoryName!, uri: repository.repositoryUri!, arn: repository.repositoryArn! };
}

export const registryStep: AwsStep = {
  id: "registry",
  title: "ECR repositories",
  needs: [],
  console:
    "ECR → Private registry → Repositories → Create repository, three times: " +
    `${SERVICE_NAMES.map((s) => `"${s}-service-repo"`).join(", ")}; image tag mutability Mutable, encryption AES-256. ` +
    'Then "View push commands" shows how to log Docker in and push.',
  deviations: [
    "Scan on push is turned on, so ECR checks each pushed image for known vulnerabilities (free basic scanning); the walkthrough leaves it off.",
    "Teardown deletes the repositories with their images (force).",
  ],

  async plan(ctx) {
    const { config } = ctx;
    const changes: Change[] = [];
    for (const { name, repository, tags } of await lookUp(ctx.aws.ecr, config)) {
      if (!repository) {
        changes.push({
          action: "create",
          resource: RESOURCE,
          name,
          detail: "mutable tags, AES-256, scan on push",
        });
        continue;
      }
      const owner = ownerOf(tags);
      if (owner !== undefined && owner !== config.names.stack) throw otherStackError(name, owner);
      const fixes = repositoryDrift(repository).map((f) => FIX_TEXT[f]);
      if (owner === undefined) {
        changes.push({
          action: "adopt",
          resource: RESOURCE,
          name,
          detail: [`tag it for stack ${config.names.stack}`, ...fixes].join("; "),
        });
      } else if (fixes.length > 0) {
        changes.push({ action: "update", resource: RESOURCE, name, detail: fixes.join("; ") });
      } else {
        changes.push({ action: "none", resource: RESOURCE, name });
      }
    }
    return changes;
  },

  async apply(ctx) {
    const { config } = ctx;
    const ecr = ctx.aws.ecr;
    const stack = config.names.stack;
    const repositories = {} as Record<ServiceName, RepositoryRef>;
    let registryId = typeof ctx.previous?.registryId === "string" ? ctx.previous.registryId : "";
    for (const found of await lookUp(ecr, config)) {
      ctx.signal.throwIfAborted();
      let repository = found.repository;
      if (!repository) {
        ctx.progress(`Creating ECR repository ${found.name}`);
        repository = await createRepository(ecr, found.name, stackTags(stack, "registry", found.name));
      } else {
        const owner = ownerOf(found.tags);
        if (owner !== undefined && owner !== stack) throw otherStackError(found.name, owner);
        if (owner === undefined) {
          ctx.progress(`Adopting existing ECR repository ${found.name}`);
          await tagRepository(ecr, repository.repositoryArn!, stackTags(stack, "registry", found.name));
        }
        for (const fix of repositoryDrift(repository)) {
          ctx.progress(`${found.name}: ${FIX_TEXT[fix]}`);
          await fixRepository(ecr, repository, fix);
        }
        if (encryptionDiffers(repository)) {
          ctx.warn(
            `ECR repository ${found.name} is encrypted with ${repository.encryptionConfiguration?.encryptionType}, not AES-256; ECR cannot change that after creation, so msdemo leaves it.`,
          );
        }
      }
      repositories[found.service] = ref(repository);
      registryId = repository.registryId ?? registryId;
      const recorded = ctx.previous?.repositories as Record<string, RepositoryRef> | undefined;
      if (recorded?.[found.service]?.arn !== repository.repositoryArn) {
        await ctx.record({ repositories: { ...recorded, ...repositories }, registryId });
      }
    }
    const outputs: RegistryOutputs = { repositories, registryId };
    return outputs;
  },

  async destroy(ctx) {
    const { config } = ctx;
    const ecr = ctx.aws.ecr;
    for (const { name, repository, tags } of await lookUp(ecr, config)) {
      if (!repository) continue;
      const owner = ownerOf(tags);
      if (owner !== undefined && owner !== config.names.stack) {
        ctx.warn(`Leaving ECR repository ${name} alone: it belongs to stack ${owner}.`);
        continue;
      }
      ctx.progress(`Deleting ECR repository ${name} and its images`);
      await deleteRepository(ecr, name);
    }
  },

  async inspect(ctx) {
    const { config } = ctx;
    const resources: LiveResource[] = [];
    const endpoints: Record<string, string> = {};
    for (const { name, repository, tags } of await lookUp(ctx.aws.ecr, config)) {
      if (!repository) {
        resources.push({ step: "registry", type: RESOURCE, name, state: "missing", managed: false });
        continue;
      }
      resources.push({
        step: "registry",
        type: RESOURCE,
        name,
        id: repository.repositoryArn!,
        state: "exists",
        managed: hasStackTag(tags, config.names.stack),
        ...(repository.createdAt ? { createdAt: repository.createdAt.toISOString() } : {}),
      });
      endpoints[name] = repository.repositoryUri!;
    }
    return Object.keys(endpoints).length > 0 ? { resources, endpoints } : { resources };
  },
};
