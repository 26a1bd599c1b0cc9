// Narrow EKS wrappers: find, create, wait, delete for the cluster and its
// managed node group. Waits use pollUntil so each state change is reported.
import {
  type Addon,
  type AMITypes,
  type Cluster,
  CreateAddonCommand,
  CreateClusterCommand,
  CreateNodegroupCommand,
  DeleteClusterCommand,
  DeleteNodegroupCommand,
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  type EKSClient,
  type Nodegroup,
  paginateListNodegroups,
  TagResourceCommand,
  UpdateNodegroupConfigCommand,
} from "@aws-sdk/client-eks";
import { CLUSTER_SETTINGS } from "../desired.js";
import { t } from "../i18n/index.js";
import { isAwsErrorNamed, unlessAwsError } from "./errors.js";
import { pollInterval, pollUntil } from "./wait.js";

const NOT_FOUND = ["ResourceNotFoundException"];
const notFound = (error: unknown) => isAwsErrorNamed(error, ...NOT_FOUND);

export async function findCluster(eks: EKSClient, name: string): Promise<Cluster | undefined> {
  return unlessAwsError(
    NOT_FOUND,
    async () => (await eks.send(new DescribeClusterCommand({ name }))).cluster,
  );
}

export interface NewCluster {
  name: string;
  roleArn: string;
  version: string;
  subnetIds: string[];
  securityGroupIds: string[];
  tags: Record<string, string>;
}

export async function createCluster(eks: EKSClient, c: NewCluster): Promise<Cluster> {
  const answer = await eks.send(
    new CreateClusterCommand({
      name: c.name,
      roleArn: c.roleArn,
      version: c.version,
      resourcesVpcConfig: {
        subnetIds: c.subnetIds,
        securityGroupIds: c.securityGroupIds,
        endpointPublicAccess: CLUSTER_SETTINGS.endpointPublicAccess,
        endpointPrivateAccess: CLUSTER_SETTINGS.endpointPrivateAccess,
      },
      accessConfig: {
        authenticationMode: CLUSTER_SETTINGS.authenticationMode,
        bootstrapClusterCreatorAdminPermissions: CLUSTER_SETTINGS.bootstrapClusterCreatorAdminPermissions,
      },
      upgradePolicy: { supportType: CLUSTER_SETTINGS.supportType },
      tags: c.tags,
    }),
  );
  return answer.cluster!;
}

interface WaitOptions {
  signal: AbortSignal;
  onState: (state: string, elapsedMs: number) => void;
}

export async function waitClusterActive(
  eks: EKSClient,
  name: string,
  options: WaitOptions,
): Promise<Cluster> {
  const cluster = await pollUntil<Cluster>({
    what: t("aws.eks.waitActive", { name }),
    intervalMs: pollInterval(20_000),
    timeoutMs: 25 * 60_000,
    signal: options.signal,
    onState: options.onState,
    timeoutHint: t("aws.eks.waitActive.hint"),
    check: async () => {
      const found = await findCluster(eks, name);
      const state = found?.status ?? "missing";
      return {
        state,
        done: state === "ACTIVE",
        value: found,
        ...(state === "FAILED" || state === "missing"
          ? { failed: t("aws.eks.clusterFailed", { state }) }
          : {}),
      };
    },
  });
  return cluster!;
}

/** Waits until the cluster is no longer CREATING or UPDATING (EKS refuses to delete it meanwhile). */
export async function waitClusterSettled(
  eks: EKSClient,
  name: string,
  options: WaitOptions,
): Promise<Cluster | undefined> {
  return pollUntil<Cluster>({
    what: t("aws.eks.waitSettled", { name }),
    intervalMs: pollInterval(20_000),
    timeoutMs: 25 * 60_000,
    signal: options.signal,
    onState: options.onState,
    timeoutHint: t("aws.eks.waitSettled.hint"),
    check: async () => {
      const found = await findCluster(eks, name);
      const state = found?.status ?? "deleted";
      return {
        state,
        done: state !== "CREATING" && state !== "UPDATING" && state !== "PENDING",
        value: found,
      };
    },
  });
}

export async function deleteCluster(eks: EKSClient, name: string, options: WaitOptions): Promise<void> {
  try {
    await eks.send(new DeleteClusterCommand({ name }));
  } catch (error) {
    if (!notFound(error)) throw error;
  }
  await waitClusterGone(eks, name, options);
}

/** Waits until the cluster no longer exists (one already DELETING, or just deleted). Reads only. */
export async function waitClusterGone(eks: EKSClient, name: string, options: WaitOptions): Promise<void> {
  await pollUntil({
    what: t("aws.eks.waitDeleted", { name }),
    intervalMs: pollInterval(20_000),
    timeoutMs: 25 * 60_000,
    signal: options.signal,
    onState: options.onState,
    timeoutHint: t("aws.eks.waitDeleted.hint"),
    check: async () => {
      const found = await findCluster(eks, name);
      return { state: found?.status ?? "deleted", done: !found };
    },
  });
}

/** Tags a cluster or node group by ARN (an adopted one gets the stack's tags). */
export async function tagEksResource(
  eks: EKSClient,
  arn: string,
  tags: Record<string, string>,
): Promise<void> {
  await eks.send(new TagResourceCommand({ resourceArn: arn, tags }));
}

/** The names of a cluster's node groups (all pages); none when the cluster is gone. */
export async function listNodegroups(eks: EKSClient, clusterName: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const page of paginateListNodegroups({ client: eks }, { clusterName }))
      names.push(...(page.nodegroups ?? []));
  } catch (error) {
    if (notFound(error)) return [];
    throw error;
  }
  return names;
}

export async function findNodegroup(
  eks: EKSClient,
  clusterName: string,
  nodegroupName: string,
): Promise<Nodegroup | undefined> {
  return unlessAwsError(
    NOT_FOUND,
    async () => (await eks.send(new DescribeNodegroupCommand({ clusterName, nodegroupName }))).nodegroup,
  );
}

export interface NewNodegroup {
  clusterName: string;
  name: string;
  roleArn: string;
  subnetIds: string[];
  instanceType: string;
  diskGiB: number;
  amiType: AMITypes;
  scaling: { desired: number; min: number; max: number };
  tags: Record<string, string>;
}

export async function createNodegroup(eks: EKSClient, n: NewNodegroup): Promise<Nodegroup> {
  const answer = await eks.send(
    new CreateNodegroupCommand({
      clusterName: n.clusterName,
      nodegroupName: n.name,
      nodeRole: n.roleArn,
      subnets: n.subnetIds,
      instanceTypes: [n.instanceType],
      diskSize: n.diskGiB,
      amiType: n.amiType,
      scalingConfig: { desiredSize: n.scaling.desired, minSize: n.scaling.min, maxSize: n.scaling.max },
      tags: n.tags,
    }),
  );
  return answer.nodegroup!;
}

export async function updateNodegroupScaling(
  eks: EKSClient,
  clusterName: string,
  name: string,
  scaling: NewNodegroup["scaling"],
): Promise<void> {
  await eks.send(
    new UpdateNodegroupConfigCommand({
      clusterName,
      nodegroupName: name,
      scalingConfig: { desiredSize: scaling.desired, minSize: scaling.min, maxSize: scaling.max },
    }),
  );
}

/** EKS's health issues of a node group, as one line. */
export function nodegroupProblem(group: Nodegroup | undefined): string {
  const issues = group?.health?.issues ?? [];
  return issues.length ? issues.map((i) => `${i.code}: ${i.message}`).join("; ") : t("aws.eks.noDetails");
}

export async function waitNodegroupActive(
  eks: EKSClient,
  clusterName: string,
  name: string,
  options: WaitOptions & {
    /** DEGRADED ends the wait instead of failing it: the node group exists and runs, with health issues. */
    acceptDegraded?: boolean;
  },
): Promise<Nodegroup> {
  const group = await pollUntil<Nodegroup>({
    what: t("aws.eks.waitNodegroupActive", { name }),
    intervalMs: pollInterval(20_000),
    timeoutMs: 25 * 60_000,
    signal: options.signal,
    onState: options.onState,
    timeoutHint: t("aws.eks.waitNodegroupActive.hint"),
    check: async () => {
      const found = await findNodegroup(eks, clusterName, name);
      const state = found?.status ?? "missing";
      const degradedOk = state === "DEGRADED" && options.acceptDegraded === true;
      const failed =
        state === "CREATE_FAILED" ||
        (state === "DEGRADED" && !degradedOk) ||
        state === "DELETE_FAILED" ||
        state === "missing";
      return {
        state,
        done: state === "ACTIVE" || degradedOk,
        value: found,
        ...(failed ? { failed: `${state} (${nodegroupProblem(found)})` } : {}),
      };
    },
  });
  return group!;
}

export async function deleteNodegroup(
  eks: EKSClient,
  clusterName: string,
  name: string,
  options: WaitOptions,
): Promise<void> {
  const send = () => eks.send(new DeleteNodegroupCommand({ clusterName, nodegroupName: name }));
  try {
    await send();
  } catch (error) {
    if (isAwsErrorNamed(error, "ResourceInUseException")) {
      // Still being created or updated (a run killed midway): EKS deletes it once that ends.
      const settled = await pollUntil<string>({
        what: t("aws.eks.waitNodegroupSettled", { name }),
        intervalMs: pollInterval(20_000),
        timeoutMs: 25 * 60_000,
        signal: options.signal,
        onState: options.onState,
        timeoutHint: t("aws.eks.waitNodegroupSettled.hint"),
        check: async () => {
          const state = (await findNodegroup(eks, clusterName, name))?.status ?? "deleted";
          return { state, done: state !== "CREATING" && state !== "UPDATING", value: state };
        },
      });
      // Already on its way out (DELETING) or gone: nothing more to ask.
      if (settled !== "DELETING" && settled !== "deleted")
        await send().catch((again: unknown) => {
          if (!notFound(again)) throw again;
        });
    } else if (!notFound(error)) throw error;
  }
  await waitNodegroupGone(eks, clusterName, name, options);
}

/** Waits until the node group no longer exists (one already DELETING, or just deleted). Reads only. */
export async function waitNodegroupGone(
  eks: EKSClient,
  clusterName: string,
  name: string,
  options: WaitOptions,
): Promise<void> {
  await pollUntil({
    what: t("aws.eks.waitNodegroupDeleted", { name }),
    intervalMs: pollInterval(20_000),
    timeoutMs: 25 * 60_000,
    signal: options.signal,
    onState: options.onState,
    timeoutHint: t("aws.eks.waitNodegroupDeleted.hint"),
    check: async () => {
      const found = await findNodegroup(eks, clusterName, name);
      return { state: found?.status ?? "deleted", done: !found };
    },
  });
}

/** An EKS add-on of the cluster; undefined when it (or the cluster) does not exist. */
export async function findAddon(
  eks: EKSClient,
  clusterName: string,
  addonName: string,
): Promise<Addon | undefined> {
  return unlessAwsError(
    NOT_FOUND,
    async () => (await eks.send(new DescribeAddonCommand({ clusterName, addonName }))).addon,
  );
}

/** Installs an EKS add-on at its default version; one installed meanwhile counts as done. */
export async function createAddon(
  eks: EKSClient,
  clusterName: string,
  addonName: string,
  tags: Record<string, string>,
): Promise<void> {
  try {
    await eks.send(new CreateAddonCommand({ clusterName, addonName, resolveConflicts: "OVERWRITE", tags }));
  } catch (error) {
    if (!isAwsErrorNamed(error, "ResourceInUseException")) throw error;
  }
}
