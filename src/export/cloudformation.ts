// `msdemo export --format cloudformation`: the AWS side of what `plan` would
// make with the same flags, as one CloudFormation template. Names, sizes and
// settings come from where the steps take them (config.ts, desired.ts,
// routes.ts, tags.ts); what differs per account (VPC, subnets, roles, load
// balancer hostnames, or with --private their listeners' ARNs) is a parameter.
// Descriptions written into AWS stay English (they are data); the comments
// speak the user's language.
import { EKS_UNSUPPORTED_ZONE_IDS } from "../aws/subnets.js";
import { stackTagMap, stackTags, type Tag } from "../aws/tags.js";
import { type Config, type StepId, WALKTHROUGH } from "../config.js";
import {
  ACCESS_LOG_FORMAT,
  CLUSTER_SETTINGS,
  DB_PASSWORD_LENGTH,
  databaseSecretNames,
  dbInstanceSettings,
  dbSubnetGroupName,
  GATEWAY_SETTINGS,
  type IngressRule,
  ISSUER_PARAMETER,
  ingressRules,
  JWT_AUTHORIZER,
  nodegroupSettings,
  RDS_PASSWORD_EXCLUDED,
  REPOSITORY_SETTINGS,
  TOKEN_AUDIENCE,
} from "../desired.js";
import { t } from "../i18n/index.js";
import { THROTTLING } from "../limits.js";
import {
  integrationUri,
  privatePath,
  ROUTES,
  type Route,
  routeKey,
  SERVICE_NAMES,
  SERVICE_PORT,
  type ServiceName,
} from "../routes.js";
import { stepHeading, stepReference } from "./step-heading.js";
import { commentedYaml, type KeyComment } from "./yaml.js";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Resource = { Type: string; Condition?: string; [key: string]: Json | undefined };

const ref = (name: string): Json => ({ Ref: name });
const getAtt = (resource: string, attribute: string): Json => ({ "Fn::GetAtt": [resource, attribute] });
const sub = (text: string): Json => ({ "Fn::Sub": text });
/** A dynamic reference CloudFormation resolves at deploy time: the value never appears in the template. */
const secretField = (secret: string, key: string): Json =>
  sub(`{{resolve:secretsmanager:\${${secret}}:SecretString:${key}}}`);

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

/** `LabRole`-style logical id part of a service: auth → Auth. */
const serviceId = (service: ServiceName) => capitalized(service);

/** The parameter holding a service's load balancer hostname. */
const hostParameter = (service: ServiceName) => `${serviceId(service)}LoadBalancerHost`;

/** --private: the parameter holding the ARN of a service's internal NLB listener (the VPC link's target). */
const listenerParameter = (service: ServiceName) => `${serviceId(service)}ListenerArn`;

/** The parameter the gateway needs of each service: its listener with --private, else its hostname. */
const loadBalancerParameter = (config: Config, service: ServiceName) =>
  config.private ? listenerParameter(service) : hostParameter(service);

/** An NLB listener's ARN, or empty (the HTTP API waits for all three). */
const LISTENER_ARN_PATTERN = "^$|^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener/net/.+$";

/** A logical id from a route key: `ANY /api/orders/{proxy+}` → `AnyApiOrdersProxy`. */
function routeId(route: Route): string {
  return [route.method, ...route.path.split("/")]
    .map((part) => part.replace(/[^A-Za-z0-9]/g, ""))
    .filter(Boolean)
    .map(capitalized)
    .join("");
}

/** Tags as CloudFormation's list of Key/Value pairs. */
const tagList = (tags: Tag[] | Record<string, string>): Json =>
  (Array.isArray(tags) ? tags : Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))).map((tag) => ({
    Key: tag.Key,
    Value: tag.Value,
  }));

const GROUP_IDS = { node: "NodeSecurityGroup", db: "DbSecurityGroup" } as const;

function ruleId(rule: IngressRule): string {
  const from =
    rule.source.kind === "group"
      ? `${capitalized(rule.source.group)}Group`
      : rule.source.kind === "cluster"
        ? "ClusterGroup"
        : "Cidr";
  return `${capitalized(rule.group)}Ingress${rule.port}From${from}`;
}

function ingressResource(rule: IngressRule): Resource {
  const source: Record<string, Json> =
    rule.source.kind === "cidr"
      ? { CidrIp: rule.source.cidr }
      : rule.source.kind === "cluster"
        ? { SourceSecurityGroupId: getAtt("Cluster", "ClusterSecurityGroupId") }
        : { SourceSecurityGroupId: getAtt(GROUP_IDS[rule.source.group], "GroupId") };
  return {
    Type: "AWS::EC2::SecurityGroupIngress",
    Properties: {
      GroupId: getAtt(GROUP_IDS[rule.group], "GroupId"),
      IpProtocol: "tcp",
      FromPort: rule.port,
      ToPort: rule.port,
      ...source,
      Description: rule.description,
    },
  };
}

interface Block {
  step: StepId;
  /** Comment of the block, beyond its step number and title. */
  note: string;
  resources: [string, Resource][];
  /** Comments of single resources in the block. */
  notes?: Record<string, string>;
}

/** What the HTTP API points at: the load balancers' hostnames, or with --private their listeners. */
function loadBalancerParameters(config: Config): Record<string, Json> {
  const namespace = config.names.namespace;
  return Object.fromEntries(
    SERVICE_NAMES.map((service): [string, Json] => [
      loadBalancerParameter(config, service),
      config.private
        ? {
            Type: "String",
            Default: "",
            AllowedPattern: LISTENER_ARN_PATTERN,
            ConstraintDescription: "the ARN of a network load balancer's listener, or empty",
            Description: `ARN of the port ${SERVICE_PORT} listener of the ${service}-service internal network load balancer (aws elbv2 describe-listeners, for the NLB whose DNS name kubectl get service -n ${namespace} shows); the HTTP API is made once all three are given`,
          }
        : {
            Type: "String",
            Default: "",
            Description: `DNS name of the ${service}-service load balancer (kubectl get service -n ${namespace}); the HTTP API is made once all three are given`,
          },
    ]),
  );
}

function parameters(config: Config): Record<string, Json> {
  return {
    VpcId: {
      Type: "AWS::EC2::VPC::Id",
      Description: "The VPC of the stack (the walkthrough uses the default VPC)",
      ...(config.vpcId ? { Default: config.vpcId } : {}),
    },
    VpcIsDefault: {
      Type: "String",
      AllowedValues: ["true", "false"],
      Default: config.vpcId ? "false" : "true",
      Description:
        "true for the default VPC (RDS uses its default DB subnet group); false makes one over SubnetIds",
    },
    SubnetIds: {
      Type: "List<AWS::EC2::Subnet::Id>",
      Description: `Subnets of VpcId in at least two availability zones, for the EKS cluster, its nodes and RDS; none in zone IDs ${[...EKS_UNSUPPORTED_ZONE_IDS].join(", ")}, where EKS places no control plane`,
    },
    ClusterRoleArn: {
      Type: "String",
      Description: `ARN of the EKS cluster role (${WALKTHROUGH.cluster.roleNamePattern} in a Learner Lab)`,
      ...(config.clusterRoleArn ? { Default: config.clusterRoleArn } : {}),
    },
    NodeRoleArn: {
      Type: "String",
      Description: `ARN of the node role (${WALKTHROUGH.nodes.roleNames.join(" or ")} in a Learner Lab)`,
      ...(config.nodeRoleArn ? { Default: config.nodeRoleArn } : {}),
    },
    JwtPrivateKey: {
      Type: "String",
      NoEcho: true,
      Description:
        "The services' RS256 signing key, PKCS8 PEM (CloudFormation cannot make an RSA key): openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048",
    },
    ...loadBalancerParameters(config),
  };
}

function networkBlock(config: Config): Block {
  const NET = WALKTHROUGH.network;
  const group = (name: string, description: string): Resource => ({
    Type: "AWS::EC2::SecurityGroup",
    Properties: {
      GroupName: name,
      GroupDescription: description,
      VpcId: ref("VpcId"),
      Tags: tagList(stackTags(config.stack, "network", name)),
    },
  });
  const rules = ingressRules(config).filter((r) => r.source.kind !== "cluster");
  return {
    step: "network",
    note: t("export.cfn.network", {
      nodeGroup: config.names.nodeSecurityGroup,
      dbGroup: config.names.dbSecurityGroup,
    }),
    resources: [
      [GROUP_IDS.node, group(config.names.nodeSecurityGroup, NET.nodeGroupDescription)],
      [GROUP_IDS.db, group(config.names.dbSecurityGroup, NET.dbGroupDescription)],
      ...rules.map((rule): [string, Resource] => [ruleId(rule), ingressResource(rule)]),
    ],
  };
}

function databaseBlock(config: Config): Block {
  const secrets = databaseSecretNames(config);
  const generated = config.dbPasswordMode === "generated";
  // RDS's API names, which CloudFormation's DBInstance shares.
  const settings = dbInstanceSettings(config);
  const resources: [string, Resource][] = [
    [
      "JwtSecret",
      {
        Type: "AWS::SecretsManager::Secret",
        Properties: {
          Name: secrets.jwt,
          Description: `msdemo stack ${config.stack}: the services' RS256 token signing key`,
          // NoEcho parameter: the key is never written into the template.
          SecretString: ref("JwtPrivateKey"),
          Tags: tagList(stackTags(config.stack, "database", secrets.jwt)),
        },
      },
    ],
  ];
  if (generated) {
    resources.push([
      "DbSecret",
      {
        Type: "AWS::SecretsManager::Secret",
        Properties: {
          Name: secrets.db,
          Description: `msdemo stack ${config.stack}: master credentials of RDS instance ${config.names.dbInstance}`,
          GenerateSecretString: {
            SecretStringTemplate: JSON.stringify({ username: settings.MasterUsername }),
            GenerateStringKey: "password",
            PasswordLength: DB_PASSWORD_LENGTH,
            ExcludeCharacters: RDS_PASSWORD_EXCLUDED,
            RequireEachIncludedType: true,
          },
          Tags: tagList(stackTags(config.stack, "database", secrets.db)),
        },
      },
    ]);
  }
  const subnetGroup = dbSubnetGroupName(config);
  resources.push(
    [
      "DbSubnetGroup",
      {
        Type: "AWS::RDS::DBSubnetGroup",
        Condition: "MakeDbSubnetGroup",
        Properties: {
          DBSubnetGroupName: subnetGroup,
          DBSubnetGroupDescription: sub(`msdemo stack ${config.stack}: subnets of \${VpcId}`),
          SubnetIds: ref("SubnetIds"),
          Tags: tagList(stackTags(config.stack, "database", subnetGroup)),
        },
      },
    ],
    [
      "Database",
      {
        Type: "AWS::RDS::DBInstance",
        // msdemo teardown deletes without a final snapshot; so does deleting this stack.
        DeletionPolicy: "Delete",
        UpdateReplacePolicy: "Delete",
        Properties: {
          ...settings,
          // CloudFormation types these two as strings.
          AllocatedStorage: String(settings.AllocatedStorage),
          Port: String(settings.Port),
          VPCSecurityGroups: [getAtt(GROUP_IDS.db, "GroupId")],
          DBSubnetGroupName: { "Fn::If": ["MakeDbSubnetGroup", ref("DbSubnetGroup"), ref("AWS::NoValue")] },
          ...(generated
            ? {
                MasterUsername: secretField("DbSecret", "username"),
                MasterUserPassword: secretField("DbSecret", "password"),
              }
            : { ManageMasterUserPassword: true }),
          Tags: tagList(stackTags(config.stack, "database", config.names.dbInstance)),
        },
      },
    ],
  );
  return {
    step: "database",
    note: t(generated ? "export.cfn.database.generated" : "export.cfn.database.managed", {
      instance: config.names.dbInstance,
      jwt: secrets.jwt,
      db: secrets.db,
    }),
    resources,
    notes: { DbSubnetGroup: t("export.cfn.subnetGroup") },
  };
}

function registryBlock(config: Config): Block {
  return {
    step: "registry",
    note: t("export.cfn.registry", {
      repositories: SERVICE_NAMES.map((s) => config.names.repositories[s]).join(", "),
      settings: t("registry.plan.create"),
    }),
    resources: SERVICE_NAMES.map((service): [string, Resource] => {
      const name = config.names.repositories[service];
      return [
        `${serviceId(service)}Repository`,
        {
          Type: "AWS::ECR::Repository",
          Properties: {
            RepositoryName: name,
            ImageTagMutability: REPOSITORY_SETTINGS.imageTagMutability,
            EncryptionConfiguration: { EncryptionType: REPOSITORY_SETTINGS.encryptionType },
            ImageScanningConfiguration: { ScanOnPush: REPOSITORY_SETTINGS.scanOnPush },
            // msdemo teardown deletes the repositories with their images.
            EmptyOnDelete: true,
            Tags: tagList(stackTags(config.stack, "registry", name)),
          },
        },
      ];
    }),
  };
}

function clusterBlock(config: Config): Block {
  const clusterRule = ingressRules(config).find((r) => r.source.kind === "cluster")!;
  return {
    step: "cluster",
    note: t("export.cfn.cluster", { name: config.names.cluster, nodeGroup: config.names.nodeSecurityGroup }),
    resources: [
      [
        "Cluster",
        {
          Type: "AWS::EKS::Cluster",
          Properties: {
            Name: config.names.cluster,
            Version: config.k8sVersion,
            RoleArn: ref("ClusterRoleArn"),
            ResourcesVpcConfig: {
              SubnetIds: ref("SubnetIds"),
              SecurityGroupIds: [getAtt(GROUP_IDS.node, "GroupId")],
              EndpointPublicAccess: CLUSTER_SETTINGS.endpointPublicAccess,
              EndpointPrivateAccess: CLUSTER_SETTINGS.endpointPrivateAccess,
            },
            AccessConfig: {
              AuthenticationMode: CLUSTER_SETTINGS.authenticationMode,
              BootstrapClusterCreatorAdminPermissions:
                CLUSTER_SETTINGS.bootstrapClusterCreatorAdminPermissions,
            },
            UpgradePolicy: { SupportType: CLUSTER_SETTINGS.supportType },
            Tags: tagList(stackTagMap(config.stack, "cluster")),
          },
        },
      ],
      [ruleId(clusterRule), ingressResource(clusterRule)],
    ],
    notes: { [ruleId(clusterRule)]: t("export.cfn.clusterRule") },
  };
}

function nodesBlock(config: Config): Block {
  const settings = nodegroupSettings(config);
  return {
    step: "nodes",
    note: t("export.cfn.nodes", {
      name: config.names.nodeGroup,
      ami: settings.amiType,
      disk: settings.diskGiB,
    }),
    resources: [
      [
        "NodeGroup",
        {
          Type: "AWS::EKS::Nodegroup",
          Properties: {
            ClusterName: ref("Cluster"),
            NodegroupName: config.names.nodeGroup,
            NodeRole: ref("NodeRoleArn"),
            Subnets: ref("SubnetIds"),
            InstanceTypes: [settings.instanceType],
            DiskSize: settings.diskGiB,
            AmiType: settings.amiType,
            ScalingConfig: {
              DesiredSize: settings.scaling.desired,
              MinSize: settings.scaling.min,
              MaxSize: settings.scaling.max,
            },
            Tags: stackTagMap(config.stack, "nodes"),
          },
        },
      ],
    ],
  };
}

/** A resource of the gateway step: made once the three load balancers (or listeners) are given. */
const withApi = ({ Type, ...rest }: Resource): Resource => ({
  Type,
  Condition: "HasLoadBalancers",
  ...rest,
});

/**
 * A route's integration, as the gateway step makes it: to the service's load
 * balancer over the internet, or with --private through the VPC link to its
 * internal NLB's listener, the path set by overwrite:path.
 */
function integrationProperties(config: Config, route: Route): Record<string, Json> {
  // The services' token issuer: the API's own URL, as up sets it.
  const issuer = { [ISSUER_PARAMETER]: getAtt("Api", "ApiEndpoint") };
  const common = {
    ApiId: ref("Api"),
    IntegrationType: GATEWAY_SETTINGS.integrationType,
    IntegrationMethod: route.method,
  };
  if (!config.private) {
    return {
      ...common,
      IntegrationUri: sub(integrationUri(route, `\${${hostParameter(route.service)}}`)),
      PayloadFormatVersion: GATEWAY_SETTINGS.payloadFormatVersion,
      RequestParameters: issuer,
    };
  }
  return {
    ...common,
    ConnectionType: "VPC_LINK",
    ConnectionId: ref("VpcLink"),
    IntegrationUri: ref(listenerParameter(route.service)),
    PayloadFormatVersion: GATEWAY_SETTINGS.payloadFormatVersion,
    RequestParameters: { ...issuer, "overwrite:path": privatePath(route) },
  };
}

/** --private: the link the integrations go through, in the stack's subnets with the node group. */
function vpcLinkResource(config: Config): [string, Resource] {
  return [
    "VpcLink",
    withApi({
      Type: "AWS::ApiGatewayV2::VpcLink",
      Properties: {
        Name: config.names.vpcLink,
        SubnetIds: ref("SubnetIds"),
        SecurityGroupIds: [getAtt(GROUP_IDS.node, "GroupId")],
        Tags: stackTagMap(config.stack, "gateway"),
      },
    }),
  ];
}

function gatewayBlock(config: Config): Block {
  const perRoute = ROUTES.flatMap((route): [string, Resource][] => {
    const id = routeId(route);
    return [
      [
        `Integration${id}`,
        withApi({ Type: "AWS::ApiGatewayV2::Integration", Properties: integrationProperties(config, route) }),
      ],
      [
        `Route${id}`,
        withApi({
          Type: "AWS::ApiGatewayV2::Route",
          Properties: {
            ApiId: ref("Api"),
            RouteKey: routeKey(route),
            Target: { "Fn::Join": ["/", ["integrations", ref(`Integration${id}`)]] },
            ...(route.authorized ? { AuthorizationType: "JWT", AuthorizerId: ref("JwtAuthorizer") } : {}),
          },
        }),
      ],
    ];
  });
  return {
    step: "gateway",
    note: config.private
      ? t("export.cfn.gateway.private", { link: config.names.vpcLink, namespace: config.names.namespace })
      : t("export.cfn.gateway"),
    ...(config.private
      ? {
          notes: {
            VpcLink: t("export.cfn.vpcLink", {
              name: config.names.vpcLink,
              nodeGroup: config.names.nodeSecurityGroup,
            }),
          },
        }
      : {}),
    resources: [
      [
        "Api",
        withApi({
          Type: "AWS::ApiGatewayV2::Api",
          Properties: {
            Name: config.names.api,
            ProtocolType: GATEWAY_SETTINGS.protocolType,
            Tags: stackTagMap(config.stack, "gateway"),
          },
        }),
      ],
      // Before the routes that go through it, as up makes it.
      ...(config.private ? [vpcLinkResource(config)] : []),
      [
        "JwtAuthorizer",
        withApi({
          Type: "AWS::ApiGatewayV2::Authorizer",
          Properties: {
            ApiId: ref("Api"),
            Name: JWT_AUTHORIZER.name,
            AuthorizerType: "JWT",
            IdentitySource: [JWT_AUTHORIZER.identitySource],
            JwtConfiguration: { Issuer: getAtt("Api", "ApiEndpoint"), Audience: [TOKEN_AUDIENCE] },
          },
        }),
      ],
      [
        "AccessLogGroup",
        withApi({
          Type: "AWS::Logs::LogGroup",
          Properties: {
            LogGroupName: config.names.accessLogGroup,
            RetentionInDays: config.logRetentionDays,
            Tags: tagList(stackTagMap(config.stack, "gateway")),
          },
        }),
      ],
      [
        "DefaultStage",
        withApi({
          Type: "AWS::ApiGatewayV2::Stage",
          Properties: {
            ApiId: ref("Api"),
            StageName: GATEWAY_SETTINGS.stageName,
            AutoDeploy: GATEWAY_SETTINGS.autoDeploy,
            // The rate limits up sets on the stage (and msdemo local applies).
            DefaultRouteSettings: {
              ThrottlingRateLimit: THROTTLING.rateLimit,
              ThrottlingBurstLimit: THROTTLING.burstLimit,
            },
            AccessLogSettings: { DestinationArn: getAtt("AccessLogGroup", "Arn"), Format: ACCESS_LOG_FORMAT },
          },
        }),
      ],
      ...perRoute,
    ],
  };
}

function outputs(config: Config): Record<string, Json> {
  const repositories = Object.fromEntries(
    SERVICE_NAMES.map((service) => [
      `${serviceId(service)}RepositoryUri`,
      {
        Description: `Push address of ${config.names.repositories[service]}`,
        Value: getAtt(`${serviceId(service)}Repository`, "RepositoryUri"),
      },
    ]),
  );
  return {
    ApiUrl: {
      Condition: "HasLoadBalancers",
      Description: "Invoke URL of the HTTP API (stage $default)",
      Value: getAtt("Api", "ApiEndpoint"),
    },
    ClusterName: { Description: "The EKS cluster", Value: ref("Cluster") },
    DatabaseEndpoint: {
      Description: "Host name of the database",
      Value: getAtt("Database", "Endpoint.Address"),
    },
    DbSecretArn: {
      Description: "Secret holding the database's username and password",
      Value:
        config.dbPasswordMode === "generated"
          ? ref("DbSecret")
          : getAtt("Database", "MasterUserSecret.SecretArn"),
    },
    JwtSecretArn: { Description: "Secret holding the services' JWT signing key", Value: ref("JwtSecret") },
    ...repositories,
  };
}

/** The template, as readable YAML with comments in the current language. */
export function cloudFormationTemplate(config: Config): string {
  const blocks = [
    networkBlock(config),
    databaseBlock(config),
    registryBlock(config),
    clusterBlock(config),
    nodesBlock(config),
    gatewayBlock(config),
  ];
  const template = {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `msdemo stack ${config.stack}: the cloud course's microservices walkthrough (security groups, RDS PostgreSQL, ECR, EKS, API Gateway)`,
    Parameters: parameters(config),
    Conditions: {
      MakeDbSubnetGroup: { "Fn::Equals": [ref("VpcIsDefault"), "false"] },
      HasLoadBalancers: {
        "Fn::And": SERVICE_NAMES.map((service) => ({
          "Fn::Not": [{ "Fn::Equals": [ref(loadBalancerParameter(config, service)), ""] }],
        })),
      },
    },
    Resources: Object.fromEntries(blocks.flatMap((b) => b.resources)),
    Outputs: outputs(config),
  };
  const comments: KeyComment[] = [
    { path: ["Parameters"], text: t("export.cfn.parameters") },
    ...blocks.flatMap((block): KeyComment[] => [
      {
        path: ["Resources", block.resources[0]![0]],
        text: `${stepHeading(block.step)}\n${block.note}`,
      },
      ...Object.entries(block.notes ?? {}).map(([id, text]) => ({ path: ["Resources", id], text })),
    ]),
    { path: ["Outputs"], text: t("export.cfn.outputs") },
  ];
  const header = [
    t("export.cfn.header", { stack: config.stack }),
    t("export.cfn.deploy", {
      stack: config.stack,
      clusterRole: WALKTHROUGH.cluster.roleNamePattern,
      nodeRole: WALKTHROUGH.nodes.roleNames.at(-1)!,
      kubeExport: `msdemo export --format kubernetes${config.private ? " --private" : ""}`,
      auth: loadBalancerParameter(config, "auth"),
      orders: loadBalancerParameter(config, "orders"),
      products: loadBalancerParameter(config, "products"),
    }),
    t("export.cfn.notHere", {
      images: stepReference("images"),
      deploy: stepReference("deploy"),
    }),
  ].join("\n");
  return commentedYaml(template, header, comments);
}
