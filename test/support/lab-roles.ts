// The IAM roles an AWS Academy Learner Lab account comes with, created in the
// emulator so role detection finds them as it would in a student's account.
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import type { AwsClients } from "../../src/aws/clients.js";

const trust = (service: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });

export async function createLabRoles(
  aws: AwsClients,
): Promise<{ clusterRoleArn: string; nodeRoleArn: string }> {
  const cluster = await aws.iam.send(
    new CreateRoleCommand({
      RoleName: "LabEksClusterRole",
      AssumeRolePolicyDocument: trust("eks.amazonaws.com"),
    }),
  );
  const node = await aws.iam.send(
    new CreateRoleCommand({ RoleName: "LabRole", AssumeRolePolicyDocument: trust("ec2.amazonaws.com") }),
  );
  return { clusterRoleArn: cluster.Role!.Arn!, nodeRoleArn: node.Role!.Arn! };
}
