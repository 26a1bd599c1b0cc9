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
import { type PlainMessageKey, t } from "../i18n/index.js";
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

const FIX_TEXT: Record<RepositoryFix, PlainMessageKey> = {
  scanOnPush: "registry.fix.scanOnPush",
  imageTagMutability: "registry.fix.imageTagMutability",
};

/** What fixing `fix` does, in the current language. */
function fixText(fix: RepositoryFix): string {
  return t(FIX_TEXT[fix]);
}

function ownerOf(tags: Tag[]): string | undefined {
  return tags.find((t) => t.Key === STACK_TAG)?.Value;
}

function otherStackError(name: string, owner: string): MsdemoError {
  return new MsdemoError(t("registry.otherStack", { name, stack: owner }), {
    hint: t("registry.otherStack.hint"),
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
  get title() {
    return t("step.registry.title");
  },
  needs: [],
  get console() {
    return t("registry.console", {
      repositories: SERVICE_NAMES.map((s) => `"${s}-service-repo"`).join(", "),
    });
  },
  get deviations() {
    return [t("registry.deviation.scan"), t("registry.deviation.teardown")];
  },

  async plan(ctx) {
    const { config } = ctx;
    const changes: Change[] = [];
    for (const { name, repository, tags } of await lookUp(ctx.aws.ecr, config)) {
      if (!repository) {
        changes.push({
          action: "create",
          resource: RESOURCE,
          name,
          detail: t("registry.plan.create"),
        });
        continue;
      }
      const owner = ownerOf(tags);
      if (owner !== undefined && owner !== config.names.stack) throw otherStackError(name, owner);
      const fixes = repositoryDrift(repository).map(fixText);
      if (owner === undefined) {
        changes.push({
          action: "adopt",
          resource: RESOURCE,
          name,
          detail: [t("registry.plan.adopt", { stack: config.names.stack }), ...fixes].join("; "),
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
        ctx.progress(t("registry.creating", { name: found.name }));
        repository = await createRepository(ecr, found.name, stackTags(stack, "registry", found.name));
      } else {
        const owner = ownerOf(found.tags);
        if (owner !== undefined && owner !== stack) throw otherStackError(found.name, owner);
        if (owner === undefined) {
          ctx.progress(t("registry.adopting", { name: found.name }));
          await tagRepository(ecr, repository.repositoryArn!, stackTags(stack, "registry", found.name));
        }
        for (const fix of repositoryDrift(repository)) {
          ctx.progress(`${found.name}: ${fixText(fix)}`);
          await fixRepository(ecr, repository, fix);
        }
        if (encryptionDiffers(repository)) {
          ctx.warn(
            t("registry.otherEncryption", {
              name: found.name,
              encryption: String(repository.encryptionConfiguration?.encryptionType),
            }),
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
        ctx.warn(t("registry.leavingOther", { name, stack: owner }));
        continue;
      }
      ctx.progress(t("registry.deleting", { name }));
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
