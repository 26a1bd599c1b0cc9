// What the database step gets from the network step, made directly in moto (the
// two security groups, in the stack's VPC) and recorded as that step's done
// outputs: the database tests then exercise the database step alone.
import { CreateSecurityGroupCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import type { AwsClients } from "../../src/aws/clients.js";
import type { Config } from "../../src/config.js";
import type { StepRecord } from "../../src/state/store.js";
import type { NetworkOutputs } from "../../src/steps/outputs.js";

export async function networkDone(
  config: Config,
  aws: AwsClients,
): Promise<{ net: NetworkOutputs; state: { network: StepRecord } }> {
  const vpcId =
    config.vpcId ??
    (await aws.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["true"] }] })))
      .Vpcs?.[0]?.VpcId;
  if (!vpcId) throw new Error("moto has no default VPC");
  const group = async (name: string) =>
    (await aws.ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId })))
      .GroupId!;
  const net: NetworkOutputs = {
    vpcId,
    nodeSecurityGroupId: await group(config.names.nodeSecurityGroup),
    dbSecurityGroupId: await group(config.names.dbSecurityGroup),
  };
  return { net, state: { network: { status: "done", outputs: net, updatedAt: "" } } };
}
