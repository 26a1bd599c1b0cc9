// Where msdemo reaches the stack's Kubernetes API: a kubeconfig given with
// --kubeconfig (or KUBECONFIG), else the EKS cluster found by its name, signed
// in with an in-process token. Shared by the deploy step and the kubeconfig
// and logs commands.
import type { AwsClients } from "../aws/clients.js";
import { findCluster } from "../aws/eks.js";
import type { Config } from "../config.js";
import type { KubeTarget } from "./kubeconfig.js";

export interface KnownCluster {
  endpoint?: string;
  certificateAuthorityData?: string;
}

export interface EksClusterInfo {
  name: string;
  arn: string;
  endpoint: string;
  caData: string;
}

/** The EKS cluster's endpoint and CA data, from what a step recorded or from EKS. */
export async function eksClusterInfo(
  aws: AwsClients,
  config: Config,
  known?: KnownCluster,
): Promise<EksClusterInfo | undefined> {
  if (known?.endpoint && known.certificateAuthorityData) {
    return {
      name: config.names.cluster,
      arn: config.names.cluster,
      endpoint: known.endpoint,
      caData: known.certificateAuthorityData,
    };
  }
  const cluster = await findCluster(aws.eks, config.names.cluster);
  if (!cluster?.endpoint || !cluster.certificateAuthority?.data) return undefined;
  return {
    name: config.names.cluster,
    arn: cluster.arn ?? config.names.cluster,
    endpoint: cluster.endpoint,
    caData: cluster.certificateAuthority.data,
  };
}

export async function kubeTarget(
  aws: AwsClients,
  config: Config,
  known?: KnownCluster,
): Promise<KubeTarget | undefined> {
  if (config.kubeconfig) return { kind: "file", path: config.kubeconfig };
  const info = await eksClusterInfo(aws, config, known);
  if (!info) return undefined;
  return {
    kind: "eks",
    clusterName: info.name,
    endpoint: info.endpoint,
    caData: info.caData,
    region: config.region,
    credentials: aws.credentials(),
    ...(config.endpointUrl ? { stsEndpoint: config.endpointUrl } : {}),
  };
}
