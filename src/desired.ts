// What msdemo makes, setting by setting, where a setting is more than a name in
// WALKTHROUGH: read by the steps (through src/aws) when they create resources,
// and by `msdemo export`, so the exported template can never drift from `up`.
// No AWS import here: the export runs offline.
import type { Config } from "./config.js";
import { WALKTHROUGH } from "./config.js";

const DB = WALKTHROUGH.database;
const NET = WALKTHROUGH.network;

// ---------------------------------------------------------------------------
// Step 1: security group rules

/** Where an inbound rule admits traffic from: the other msdemo group, the EKS cluster's group, or a CIDR. */
export type RuleSource =
  | { kind: "group"; group: "node" | "db" }
  | { kind: "cluster" }
  | { kind: "cidr"; cidr: string };

export interface IngressRule {
  /** The group that admits. */
  group: "node" | "db";
  port: number;
  source: RuleSource;
  /** Stored in AWS as the rule's description (data, so English/Spanish as the walkthrough wrote it). */
  description: string;
}

/**
 * The inbound rules of the two groups (network step), plus the one the cluster
 * step adds once EKS made the cluster security group (the group the managed
 * nodes really carry). SSH only when --ssh-cidr asks for it.
 */
export function ingressRules(config: Pick<Config, "sshCidr">): IngressRule[] {
  const rules: IngressRule[] = [
    { group: "node", port: NET.httpPort, source: { kind: "group", group: "db" }, description: "Acceso web" },
  ];
  if (config.sshCidr) {
    rules.push({
      group: "node",
      port: NET.sshPort,
      source: { kind: "cidr", cidr: config.sshCidr },
      description: "Acceso SSH",
    });
  }
  rules.push(
    {
      group: "db",
      port: DB.port,
      source: { kind: "group", group: "node" },
      description: "Acceso PostgreSQL",
    },
    {
      group: "db",
      port: DB.port,
      source: { kind: "cluster" },
      description: "EKS cluster security group (the nodes)",
    },
  );
  return rules;
}

// ---------------------------------------------------------------------------
// Step 2: the database and its secrets

/** The DB subnet group msdemo makes when the stack's VPC is not the default one. */
export function dbSubnetGroupName(config: Pick<Config, "names">): string {
  return `${config.names.dbInstance}-subnets`;
}

export function databaseSecretNames(config: Pick<Config, "names">): { db: string; jwt: string } {
  return { db: `${config.names.secret}/db`, jwt: `${config.names.secret}/jwt` };
}

/** Storage autoscaling ceiling: 100 GiB, or five times the allocated storage if that is more. */
export function maxAllocatedStorage(storageGiB: number): number {
  return Math.min(65536, Math.max(DB.maxStorageGiB, storageGiB * 5));
}

/** Characters RDS refuses in a master password (besides space). */
export const RDS_PASSWORD_EXCLUDED = `/"@`;
export const DB_PASSWORD_LENGTH = 32;
/** The tokens' `aud` claim: what the auth service writes and the gateway's JWT authorizer expects. */
export const TOKEN_AUDIENCE = "msdemo";
/** The gateway's JWT authorizer: its name (one per API) and where it reads the token. */
export const JWT_AUTHORIZER = {
  name: "msdemo-jwt",
  identitySource: "$request.header.Authorization",
} as const;
/** The header every integration sets to the API's URL: the services' token issuer (services/shared/token.ts). */
export const ISSUER_PARAMETER = "overwrite:header.x-msdemo-issuer";
/** The RSA signing key's size: API Gateway's JWT authorizers verify RS256 with keys of 2048 bits and more. */
export const JWT_KEY_BITS = 2048;

/** The instance's settings, as RDS's CreateDBInstance names them (no network, password or tags). */
export function dbInstanceSettings(config: Pick<Config, "names" | "dbInstanceClass" | "dbStorage">) {
  return {
    DBInstanceIdentifier: config.names.dbInstance,
    Engine: DB.engine,
    EngineVersion: DB.engineVersion,
    DBInstanceClass: config.dbInstanceClass,
    AllocatedStorage: config.dbStorage,
    MaxAllocatedStorage: maxAllocatedStorage(config.dbStorage),
    StorageType: "gp3",
    StorageEncrypted: true,
    MultiAZ: false,
    PubliclyAccessible: false,
    MasterUsername: DB.masterUser,
    Port: DB.port,
    BackupRetentionPeriod: Math.max(1, DB.backupRetentionDays),
    CopyTagsToSnapshot: true,
    DeletionProtection: false,
    AutoMinorVersionUpgrade: true,
  } as const;
}

// ---------------------------------------------------------------------------
// Step 3: the repositories

/** The settings msdemo wants on every repository (the walkthrough's, plus scan on push). */
export const REPOSITORY_SETTINGS = {
  imageTagMutability: "MUTABLE",
  encryptionType: "AES256",
  scanOnPush: true,
} as const;

// ---------------------------------------------------------------------------
// Steps 5 and 6: the cluster and its node group

export const CLUSTER_SETTINGS = {
  // The walkthrough's "Public and private" endpoint access.
  endpointPublicAccess: true,
  endpointPrivateAccess: true,
  authenticationMode: "API_AND_CONFIG_MAP",
  bootstrapClusterCreatorAdminPermissions: true,
  // Never extended support: it bills $0.60 an hour instead of $0.10, and a
  // demo cluster is better upgraded by EKS than kept on an old version.
  supportType: "STANDARD",
} as const;

export function nodegroupSettings(config: Pick<Config, "instanceType" | "nodes" | "minNodes" | "maxNodes">) {
  return {
    instanceType: config.instanceType,
    diskGiB: WALKTHROUGH.nodes.diskGiB,
    amiType: WALKTHROUGH.nodes.amiType,
    scaling: { desired: config.nodes, min: config.minNodes, max: config.maxNodes },
  };
}

// ---------------------------------------------------------------------------
// Step 8: the HTTP API

export const GATEWAY_SETTINGS = {
  protocolType: "HTTP",
  integrationType: "HTTP_PROXY",
  payloadFormatVersion: "1.0",
  stageName: WALKTHROUGH.gateway.stageName,
  autoDeploy: true,
} as const;

/**
 * The stage's access-log line: one JSON object per request, from API Gateway's
 * $context variables (`msdemo logs --gateway` reads these fields back).
 */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  ip: "$context.identity.sourceIp",
  requestTime: "$context.requestTime",
  httpMethod: "$context.httpMethod",
  routeKey: "$context.routeKey",
  status: "$context.status",
  responseLength: "$context.responseLength",
  integrationLatency: "$context.integrationLatency",
  responseLatency: "$context.responseLatency",
});
