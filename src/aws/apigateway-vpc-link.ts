// API Gateway VPC links (--private): how an HTTP API reaches load balancers
// that only answer inside the VPC.
import {
  type ApiGatewayV2Client,
  CreateVpcLinkCommand,
  DeleteVpcLinkCommand,
  GetVpcLinkCommand,
  GetVpcLinksCommand,
  type VpcLink,
} from "@aws-sdk/client-apigatewayv2";
import { isAwsErrorNamed } from "./errors.js";

export async function listVpcLinks(client: ApiGatewayV2Client): Promise<VpcLink[]> {
  const links: VpcLink[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new GetVpcLinksCommand({ NextToken: token }));
    links.push(...(page.Items ?? []));
    token = page.NextToken;
  } while (token);
  return links;
}

export async function createVpcLink(
  client: ApiGatewayV2Client,
  link: { name: string; subnetIds: string[]; securityGroupIds: string[]; tags: Record<string, string> },
): Promise<VpcLink> {
  const { $metadata: _, ...made } = await client.send(
    new CreateVpcLinkCommand({
      Name: link.name,
      SubnetIds: link.subnetIds,
      SecurityGroupIds: link.securityGroupIds,
      Tags: link.tags,
    }),
  );
  return made as VpcLink;
}

/** The link's status (PENDING, AVAILABLE, DELETING, FAILED…); undefined once AWS no longer has it. */
export async function vpcLinkStatus(client: ApiGatewayV2Client, id: string): Promise<string | undefined> {
  try {
    const found = await client.send(new GetVpcLinkCommand({ VpcLinkId: id }));
    return found.VpcLinkStatus ?? "";
  } catch (error) {
    if (isAwsErrorNamed(error, "NotFoundException")) return undefined;
    throw error;
  }
}

export async function deleteVpcLink(client: ApiGatewayV2Client, id: string): Promise<void> {
  try {
    await client.send(new DeleteVpcLinkCommand({ VpcLinkId: id }));
  } catch (error) {
    if (!isAwsErrorNamed(error, "NotFoundException")) throw error;
  }
}
