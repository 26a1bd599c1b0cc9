// The state the steps before the gateway leave for a --private stack in moto:
// the cluster's subnets, the node group's security group, and each service's
// load balancer and NLB listener (made up: moto sends no traffic through them).
import { CreateSecurityGroupCommand, DescribeSubnetsCommand } from "@aws-sdk/client-ec2";
import type { AwsClients } from "../../src/aws/clients.js";
import type { StepId } from "../../src/config.js";
import type { StepRecord } from "../../src/state/store.js";
import { clusterRecord } from "../kube/fixtures.js";

export const HOSTS = {
  auth: "a-auth.elb.example",
  orders: "a-orders.elb.example",
  products: "a-products.elb.example",
};
export const LISTENERS = {
  auth: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/auth/1/a",
  orders: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/orders/1/o",
  products: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/products/1/p",
};

export const done = (outputs: StepRecord["outputs"]): StepRecord => ({
  status: "done",
  outputs,
  updatedAt: "",
});

/** The state the steps before the gateway leave: the cluster's subnets, the node group, the load balancers. */
export async function stepsBefore(aws: AwsClients): Promise<Partial<Record<StepId, StepRecord>>> {
  const subnets = ((await aws.ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? []).slice(0, 2);
  const vpcId = subnets[0]!.VpcId!;
  const group = await aws.ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: "node-sg-service",
      Description: "Access Node",
      VpcId: vpcId,
    }),
  );
  return {
    network: done({ vpcId, nodeSecurityGroupId: group.GroupId!, dbSecurityGroupId: "sg-0000" }),
    cluster: clusterRecord(subnets.map((s) => s.SubnetId!)),
    deploy: done({ namespace: "msdemo", loadBalancers: HOSTS, listeners: LISTENERS }),
  };
}
