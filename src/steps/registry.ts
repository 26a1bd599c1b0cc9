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
import { hasStackTag, stackTags, type Tag } from "../aws/tags.js";
import type { Config } from "../config.js";
import type { Action, LiveResource } from "../engine/types.js";
import { type PlainMessageKey, t } from "../i18n/index.js";
import { SERVICE_NAMES, type ServiceName } from "../routes.js";
import type { AwsStep, AwsStepContext } from "./index.js";
import type { RegistryOutputs } from "./outputs.js";
import { adoptDetail, claim, deletable, type Owner, ownership } from "./ownership.js";

const RESOURCE = "ECR repository";

export type RepositoryRef = RegistryOutputs["repositories"][ServiceName];

const FIX_TEXT: Record<RepositoryFix, PlainMessageKey> = {
  scanOnPush: "registry.fix.scanOnPush",
  imageTagMutability: "registry.fix.imageTagMutability",
};

/** What fixing `fix` does, in the current language. */
function fixText(fix: RepositoryFix): string {
  return t(FIX_TEXT[fix]);
}

interface Found {
  service: ServiceName;
  name: string;
  repository: Repository | undefined;
  tags: Tag[];
}

/** What observe found: each repository by name, and the registry's id once known. */
interface Snapshot {
  found: Found[];
  registryId: string;
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

/** Records the repositories known so far, so a kill right after a create leaks nothing. */
async function recordKnown(ctx: AwsStepContext, snapshot: Snapshot): Promise<void> {
  const repositories: Record<string, RepositoryRef> = {};
  for (const f of snapshot.found) if (f.repository) repositories[f.service] = ref(f.repository);
  await ctx.record({ repositories, registryId: snapshot.registryId });
}

function encryptionWarning(found: Found): string | undefined {
  if (!found.repository || !encryptionDiffers(found.repository)) return undefined;
  return t("registry.otherEncryption", {
    name: found.name,
    encryption: String(found.repository.encryptionConfiguration?.encryptionType),
  });
}

/** The one change a repository needs, if any. */
function repositoryAction(found: Found, owner: Owner, stack: string): Action<AwsStepContext, Snapshot> {
  const { name } = found;
  const repository = found.repository;
  const base = { resource: RESOURCE, name };
  if (!repository) {
    return {
      change: { ...base, action: "create", detail: t("registry.plan.create") },
      async run(ctx, snapshot) {
        const made = await createRepository(ctx.aws.ecr, name, stackTags(stack, "registry", name));
        found.repository = made;
        snapshot.registryId = made.registryId ?? snapshot.registryId;
        await recordKnown(ctx, snapshot);
      },
    };
  }
  const fixes = repositoryDrift(repository);
  const warning = encryptionWarning(found);
  const fixAll = async (ctx: AwsStepContext) => {
    for (const fix of fixes) await fixRepository(ctx.aws.ecr, repository, fix);
  };
  if (owner.kind === "untagged") {
    return {
      change: {
        ...base,
        action: "adopt",
        detail: [adoptDetail(stack), ...fixes.map(fixText)].join("; "),
        warning,
      },
      async run(ctx) {
        await tagRepository(ctx.aws.ecr, repository.repositoryArn!, stackTags(stack, "registry", name));
        await fixAll(ctx);
      },
    };
  }
  if (fixes.length > 0) {
    return {
      change: { ...base, action: "update", detail: fixes.map(fixText).join("; "), warning },
      run: fixAll,
    };
  }
  return { change: { ...base, action: "none", warning } };
}

export const registryStep: AwsStep<Snapshot> = {
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

  async observe(ctx) {
    const recorded = ctx.previous?.registryId;
    return {
      found: await lookUp(ctx.aws.ecr, ctx.config),
      registryId: typeof recorded === "string" ? recorded : "",
    };
  },

  diff(snapshot, ctx) {
    const stack = ctx.config.names.stack;
    return snapshot.found.map((found) => {
      const owner = ownership(found.tags, stack);
      claim(owner, RESOURCE, found.name);
      return repositoryAction(found, owner, stack);
    });
  },

  async outputs(snapshot) {
    const repositories = {} as Record<ServiceName, RepositoryRef>;
    let registryId = snapshot.registryId;
    for (const { service, repository } of snapshot.found) {
      repositories[service] = ref(repository!);
      registryId = repository!.registryId ?? registryId;
    }
    return { repositories, registryId } satisfies RegistryOutputs;
  },

  async destroy(ctx) {
    const { config } = ctx;
    const ecr = ctx.aws.ecr;
    for (const { name, repository, tags } of await lookUp(ecr, config)) {
      if (!repository) continue;
      const verdict = deletable(ownership(tags, config.names.stack), RESOURCE, name);
      if (!verdict.ok) {
        ctx.warn(verdict.note);
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
