// State files for the diagram tests: what each step records, written out by
// hand with realistic ids and endpoints.
import type { Outputs, StackState } from "../../src/state/store.js";
import { STEP_IDS } from "../../src/step-ids.js";

export const REGION = "us-east-1";
export const ACCOUNT = "123456789012";
const REGISTRY = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;

export const OUTPUTS = {
  network: {
    vpcId: "vpc-0a1b2c3d4e5f60718",
    nodeSecurityGroupId: "sg-0aaa1111bbbb2222c",
    dbSecurityGroupId: "sg-0ddd3333eeee4444f",
  },
  database: {
    dbInstanceId: "pgdb-rds",
    endpoint: "pgdb-rds.c9xyzabcd123.us-east-1.rds.amazonaws.com",
    port: 5432,
  },
  registry: {
    registryId: ACCOUNT,
    repositories: {
      auth: { name: "auth-service-repo", uri: `${REGISTRY}/auth-service-repo` },
      orders: { name: "orders-service-repo", uri: `${REGISTRY}/orders-service-repo` },
      products: { name: "products-service-repo", uri: `${REGISTRY}/products-service-repo` },
    },
  },
  images: {
    images: {
      auth: `${REGISTRY}/auth-service-repo@sha256:${"a1".repeat(32)}`,
      orders: `${REGISTRY}/orders-service-repo@sha256:${"b2".repeat(32)}`,
      products: `${REGISTRY}/products-service-repo@sha256:${"c3".repeat(32)}`,
    },
  },
  cluster: {
    clusterName: "node-microservices-demo",
    endpoint: "https://0123456789ABCDEF0123456789ABCDEF.gr7.us-east-1.eks.amazonaws.com",
    clusterSecurityGroupId: "sg-0c1u2s3t4e5r6sg77",
  },
  nodes: {
    nodegroupName: "ng-general",
    instanceType: "t3.medium",
    scaling: { desired: 2, min: 2, max: 4 },
  },
  deploy: {
    loadBalancers: {
      auth: "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6-1234567890.us-east-1.elb.amazonaws.com",
      orders: "b1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6-2234567890.us-east-1.elb.amazonaws.com",
      products: "c1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6-3234567890.us-east-1.elb.amazonaws.com",
    },
  },
  gateway: {
    apiId: "a1b2c3d4e5",
    apiUrl: "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
  },
  site: {
    bucket: "node-microservices-demo-web-123456789012-us-east-1",
    distributionId: "E2ABCDEF123456",
    domainName: "d1234abcd5678.cloudfront.net",
    url: "https://d1234abcd5678.cloudfront.net",
  },
} satisfies Record<string, Outputs>;

export type StepName = keyof typeof OUTPUTS;

export function stateWith(steps: StepName[], partial: StepName[] = []): StackState {
  const at = "2025-03-01T10:00:00.000Z";
  return {
    schemaVersion: 1,
    stack: "node-microservices-demo",
    region: REGION,
    createdAt: at,
    updatedAt: at,
    steps: Object.fromEntries(
      steps.map((step) => [
        step,
        { status: partial.includes(step) ? "partial" : "done", outputs: OUTPUTS[step], updatedAt: at },
      ]),
    ),
  };
}

export const ALL_STEPS: StepName[] = [...STEP_IDS];
