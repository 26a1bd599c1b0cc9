// Values the kube tests render the templates with: realistic, and with a
// password full of YAML syntax to prove it cannot inject anything.
import { CreateSecretCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { StackValues } from "../../src/kube/render.js";
import { rsaKeyPair } from "../support/token-keys.js";

const repo = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

export const STACK: StackValues = {
  namespace: "msdemo",
  images: {
    auth: `${repo}/auth-service-repo@sha256:${"a".repeat(64)}`,
    orders: `${repo}/orders-service-repo@sha256:${"b".repeat(64)}`,
    products: `${repo}/products-service-repo@sha256:${"c".repeat(64)}`,
  },
  db: { host: "pgdb-rds.abc123.us-east-1.rds.amazonaws.com", port: 5432, name: "postgres", user: "postgres" },
  secrets: {
    dbPassword: "p@ss: word\"' {{ image }}\n- injected: true",
    jwtSecret: rsaKeyPair().privateKey,
  },
};

/** The database step's record for a stack whose secrets are at these ARNs (the deploy step reads STACK.db from it). */
export function databaseRecord(passwordSecretArn: string, jwtSecretArn: string) {
  return {
    status: "done" as const,
    updatedAt: "",
    outputs: {
      dbInstanceId: "pgdb-rds",
      endpoint: STACK.db.host,
      port: STACK.db.port,
      dbName: STACK.db.name,
      masterUsername: STACK.db.user,
      passwordSecretArn,
      jwtSecretArn,
      passwordMode: "generated",
    },
  };
}

/** The cluster step's record for an EKS cluster in these subnets (--private reads only the subnets). */
export function clusterRecord(subnetIds: string[]) {
  return {
    status: "done" as const,
    updatedAt: "",
    outputs: {
      clusterName: "node-microservices-demo",
      clusterArn: "arn:aws:eks:us-east-1:123456789012:cluster/node-microservices-demo",
      endpoint: "https://example.eks",
      certificateAuthorityData: "",
      clusterSecurityGroupId: null,
      subnetIds,
      roleArn: "arn:aws:iam::123456789012:role/LabEksClusterRole",
      k8sVersion: "1.35",
    },
  };
}

/** The password secret's value, as the database step stores it. */
export const dbCredentials = (password: string) => JSON.stringify({ username: STACK.db.user, password });

/**
 * The stack's two secrets made in Secrets Manager (moto) as `<prefix>-db` and
 * `<prefix>-jwt`, and the database step's record that points at them.
 */
export async function recordedSecrets(secrets: SecretsManagerClient, prefix: string) {
  const db = await secrets.send(
    new CreateSecretCommand({ Name: `${prefix}-db`, SecretString: dbCredentials(STACK.secrets.dbPassword) }),
  );
  const jwt = await secrets.send(
    new CreateSecretCommand({ Name: `${prefix}-jwt`, SecretString: STACK.secrets.jwtSecret }),
  );
  return { dbArn: db.ARN!, record: databaseRecord(db.ARN!, jwt.ARN!) };
}
