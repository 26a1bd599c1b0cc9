// Counts what exists in the emulator, independently of msdemo's own code, so
// tests can assert "exactly one of each" and "nothing left".
import { GetApisCommand } from "@aws-sdk/client-apigatewayv2";
import { ListDistributionsCommand, ListOriginAccessControlsCommand } from "@aws-sdk/client-cloudfront";
import { DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeSecurityGroupsCommand } from "@aws-sdk/client-ec2";
import { DescribeRepositoriesCommand } from "@aws-sdk/client-ecr";
import { ListClustersCommand, ListNodegroupsCommand } from "@aws-sdk/client-eks";
import { DescribeDBInstancesCommand } from "@aws-sdk/client-rds";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { ListSecretsCommand } from "@aws-sdk/client-secrets-manager";
import type { AwsClients } from "../../src/aws/clients.js";

export interface Inventory {
  securityGroups: string[];
  dbInstances: string[];
  repositories: string[];
  clusters: string[];
  nodegroups: string[];
  apis: string[];
  secrets: string[];
  buckets: string[];
  /** CloudFront distributions by comment. */
  distributions: string[];
  originAccessControls: string[];
  /** CloudWatch Logs groups (the gateway's access log). */
  logGroups: string[];
}

export async function inventory(aws: AwsClients): Promise<Inventory> {
  const groups = await aws.ec2.send(new DescribeSecurityGroupsCommand({}));
  const dbs = await aws.rds.send(new DescribeDBInstancesCommand({}));
  const repos = await aws.ecr.send(new DescribeRepositoriesCommand({}));
  const clusters = (await aws.eks.send(new ListClustersCommand({}))).clusters ?? [];
  const nodegroups: string[] = [];
  for (const cluster of clusters) {
    const listed = await aws.eks.send(new ListNodegroupsCommand({ clusterName: cluster }));
    nodegroups.push(...(listed.nodegroups ?? []).map((n) => `${cluster}/${n}`));
  }
  const apis = await aws.apigateway.send(new GetApisCommand({}));
  const secrets = await aws.secrets.send(new ListSecretsCommand({}));
  const buckets = await aws.s3.send(new ListBucketsCommand({}));
  const distributions = await aws.cloudfront.send(new ListDistributionsCommand({}));
  const oacs = await aws.cloudfront.send(new ListOriginAccessControlsCommand({}));
  const logGroups = (await aws.logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? [];
  return {
    securityGroups: (groups.SecurityGroups ?? [])
      .map((g) => g.GroupName ?? "")
      .filter((n) => n !== "default")
      .sort(),
    dbInstances: (dbs.DBInstances ?? []).map((d) => d.DBInstanceIdentifier ?? "").sort(),
    repositories: (repos.repositories ?? []).map((r) => r.repositoryName ?? "").sort(),
    clusters: [...clusters].sort(),
    nodegroups: nodegroups.sort(),
    apis: (apis.Items ?? []).map((a) => a.Name ?? "").sort(),
    secrets: (secrets.SecretList ?? []).map((s) => s.Name ?? "").sort(),
    buckets: (buckets.Buckets ?? []).map((b) => b.Name ?? "").sort(),
    distributions: (distributions.DistributionList?.Items ?? []).map((d) => d.Comment ?? "").sort(),
    originAccessControls: (oacs.OriginAccessControlList?.Items ?? []).map((o) => o.Name ?? "").sort(),
    logGroups: logGroups.map((g) => g.logGroupName ?? "").sort(),
  };
}

export function isEmpty(inv: Inventory): boolean {
  return Object.values(inv).every((list) => list.length === 0);
}
