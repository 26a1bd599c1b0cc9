// The database's DB subnet group, only for a VPC other than the default one:
// there RDS needs one naming the VPC's subnets (in at least two zones). In the
// default VPC nothing is made: RDS uses its "default" group, as the walkthrough does.
import type { Subnet } from "@aws-sdk/client-ec2";
import type { DBSubnetGroup } from "@aws-sdk/client-rds";
import { isDefaultVpc, listSubnets } from "../aws/ec2.js";
import { createDbSubnetGroup, findDbSubnetGroup } from "../aws/rds.js";
import { stackTags } from "../aws/tags.js";
import type { Config } from "../config.js";
import { dbSubnetGroupName } from "../desired.js";
import type { Action } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { AwsStepContext } from "./index.js";

const SUBNET_GROUP = "RDS DB subnet group";

/** msdemo's own DB subnet group, for a VPC other than the default one. */
export interface SubnetGroupFound {
  name: string;
  vpcId: string;
  existing: DBSubnetGroup | undefined;
  /** The VPC's subnets, for a group to be made. */
  subnets: Subnet[];
}

/** For a VPC other than the default one: msdemo's DB subnet group, as it is. */
export async function observeSubnetGroup(
  ctx: AwsStepContext,
  vpcId: string | undefined,
): Promise<SubnetGroupFound | undefined> {
  // In the default VPC nothing is named: RDS uses (and on a new account creates)
  // the "default" DB subnet group, as the walkthrough chooses.
  if (!vpcId || (await isDefaultVpc(ctx.aws.ec2, vpcId))) return undefined;
  const name = dbSubnetGroupName(ctx.config);
  const existing = await findDbSubnetGroup(ctx.aws.rds, name);
  return { name, vpcId, existing, subnets: existing ? [] : await listSubnets(ctx.aws.ec2, vpcId) };
}

export function subnetGroupAction<S>(found: SubnetGroupFound, config: Config): Action<AwsStepContext, S> {
  const { name, vpcId, existing, subnets } = found;
  const base = { resource: SUBNET_GROUP, name };
  if (existing) {
    if (existing.VpcId !== vpcId) {
      throw new MsdemoError(
        t("database.subnetGroupElsewhere", { name, vpc: String(existing.VpcId), stackVpc: vpcId }),
        { hint: t("database.subnetGroupElsewhere.hint") },
      );
    }
    return { change: { ...base, action: "none" } };
  }
  const zones = new Set(subnets.map((s) => s.AvailabilityZone));
  if (zones.size < 2) {
    throw new MsdemoError(t("database.tooFewZones", { vpc: vpcId, count: zones.size }), {
      hint: t("database.tooFewZones.hint"),
    });
  }
  const stack = config.names.stack;
  return {
    change: { ...base, action: "create", detail: t("database.plan.subnets", { vpc: vpcId }) },
    async run(ctx) {
      ctx.progress(t("database.creatingSubnetGroup", { name, count: subnets.length, vpc: vpcId }));
      await createDbSubnetGroup(ctx.aws.rds, {
        name,
        description: `msdemo stack ${stack}: subnets of ${vpcId}`,
        subnetIds: subnets.map((s) => s.SubnetId!),
        tags: stackTags(stack, "database", name),
      });
    },
  };
}
