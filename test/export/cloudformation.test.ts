// msdemo export --format cloudformation, through the built CLI with no AWS to
// reach (the endpoint is a closed port): linted by cfn-lint, deployed to moto's
// CloudFormation as far as moto knows the resource types, and the rest checked
// by parsing. moto 5.2 has no CloudFormation support for AWS::SecretsManager::Secret,
// AWS::EKS::Cluster, AWS::EKS::Nodegroup and AWS::ApiGatewayV2::*, nor for the
// DBInstance attribute MasterUserSecret.SecretArn; its DBInstance ignores
// VPCSecurityGroups and its Repository keeps ScanOnPush/EncryptionType unread.
// The --private shape differs only in the gateway's ApiGatewayV2 resources, so it
// is linted and parsed, never deployed.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type SecurityGroup,
} from "@aws-sdk/client-ec2";
import { DescribeRepositoriesCommand, ListTagsForResourceCommand } from "@aws-sdk/client-ecr";
import { DescribeDBInstancesCommand, DescribeDBSubnetGroupsCommand } from "@aws-sdk/client-rds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { StateStore } from "../../src/state/store.js";
import { type CliResult, runCli } from "../support/cli.js";
import { cfnLint, createStack } from "../support/cloudformation.js";
import { type Moto, startMoto } from "../support/moto.js";
import { CLOSED_PORT, tempDir } from "../support/process.js";

type Node = Record<string, unknown>;
interface Template {
  Parameters: Record<string, Node>;
  Conditions: Node;
  Resources: Record<string, { Type: string; Condition?: string; Properties: Node }>;
  Outputs: Record<string, Node>;
}

const CLUSTER_ROLE = "arn:aws:iam::123456789012:role/LabEksClusterRole";
const NODE_ROLE = "arn:aws:iam::123456789012:role/LabRole";
/** A second stack with every option that changes the template, commented in Spanish. */
const CUSTOM = [
  "--stack",
  "class-b",
  "--db-password-mode",
  "generated",
  "--ssh-cidr",
  "203.0.113.0/24",
  "--vpc-id",
  "vpc-0123456789abcdef0",
  "--cluster-role-arn",
  CLUSTER_ROLE,
  "--node-role-arn",
  NODE_ROLE,
  "--instance-type",
  "t3.large",
  "--nodes",
  "3",
  "--max-nodes",
  "5",
  "--db-storage",
  "30",
  "--lang",
  "es",
];

let dir: string;
let deadEndpoint: string;

async function exportCfn(args: string[], stateDir = join(dir, "state")): Promise<CliResult> {
  return runCli(["export", "--format", "cloudformation", "--state-dir", stateDir, ...args], {
    // No credentials and an endpoint nobody listens on: an AWS call would fail the export.
    env: {
      AWS_ENDPOINT_URL: deadEndpoint,
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_PROFILE: undefined,
      AWS_REGION: "us-east-1",
    },
  });
}

async function templateText(args: string[]): Promise<string> {
  const result = await exportCfn(args);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout;
}

let defaults: string;
let custom: string;
/** The walkthrough's options with --private: the services behind internal NLBs, reached through a VPC link. */
let privateShape: string;

beforeAll(async () => {
  dir = tempDir("export-cfn");
  deadEndpoint = `http://127.0.0.1:${CLOSED_PORT}`;
  // `defaults`: the walkthrough's options with the password kept by RDS, so moto can deploy the
  // database (the generated mode, msdemo's default and `custom`'s, needs a secret moto cannot make).
  [defaults, custom, privateShape] = await Promise.all([
    templateText(["--db-password-mode", "managed"]),
    templateText(CUSTOM),
    templateText(["--private"]),
  ]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("export --format cloudformation", () => {
  it("lints with zero errors (cfn-lint), with the defaults, with every option set and with --private", async () => {
    const files = { "defaults.yaml": defaults, "custom.yaml": custom, "private.yaml": privateShape };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const lint = await cfnLint(Object.keys(files).map((f) => join(dir, f)));
    expect(lint.errors, lint.output).toEqual([]);
    // Bit 1 would be a crash, bit 2 errors; warnings (4) and notes (8) may come and go with cfn-lint's rules.
    expect(lint.code! & 3, lint.output).toBe(0);
  });

  it("is byte-identical for the same options, through stdout or -o, and changes with them", async () => {
    const file = join(dir, "again.yaml");
    const written = await exportCfn([...CUSTOM, "-o", file]);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain(file);
    expect(readFileSync(file, "utf8")).toBe(custom);
    expect(await templateText(CUSTOM)).toBe(custom);
    const bigger = await templateText([
      ...CUSTOM.filter((a) => a !== "--lang" && a !== "es"),
      "--nodes",
      "4",
    ]);
    expect(bigger).not.toBe(custom);
    expect(parse(bigger).Resources.NodeGroup.Properties.ScalingConfig.DesiredSize).toBe(4);
  });

  it("says which walkthrough step each block is, in English or Spanish", () => {
    for (const [n, title] of [
      [1, "Security groups"],
      [2, "RDS PostgreSQL database"],
      [3, "ECR repositories"],
      [5, "EKS cluster"],
      [6, "EKS node group"],
      [8, "API Gateway"],
    ] as const) {
      expect(defaults).toContain(`# Walkthrough step ${n}: ${title}`);
    }
    expect(custom).toContain("# Paso 1 de la guía: Grupos de seguridad");
    expect(custom).toContain("# Paso 5 de la guía: Clúster EKS");
    expect(custom).not.toContain("Walkthrough step");
    // Steps 4 and 7 are named as what the template does not do.
    expect(defaults).toMatch(/Not in this template: step 4 \(Service images\)/);
  });

  it("gives the cluster and node roles as parameters, with the options' values as defaults", () => {
    const plain = parse(defaults) as Template;
    const set = parse(custom) as Template;
    expect(Object.keys(plain.Parameters)).toEqual([
      "VpcId",
      "VpcIsDefault",
      "SubnetIds",
      "ClusterRoleArn",
      "NodeRoleArn",
      "JwtPrivateKey",
      "AuthLoadBalancerHost",
      "OrdersLoadBalancerHost",
      "ProductsLoadBalancerHost",
    ]);
    expect(plain.Parameters.ClusterRoleArn!.Default).toBeUndefined();
    expect(plain.Parameters.VpcIsDefault!.Default).toBe("true");
    expect(set.Parameters.ClusterRoleArn!.Default).toBe(CLUSTER_ROLE);
    expect(set.Parameters.NodeRoleArn!.Default).toBe(NODE_ROLE);
    expect(set.Parameters.VpcId!.Default).toBe("vpc-0123456789abcdef0");
    expect(set.Parameters.VpcIsDefault!.Default).toBe("false");
    expect(plain.Resources.Cluster!.Properties.RoleArn).toEqual({ Ref: "ClusterRoleArn" });
    expect(plain.Resources.NodeGroup!.Properties.NodeRole).toEqual({ Ref: "NodeRoleArn" });
  });

  it("never holds a password: generated secrets and dynamic references only", () => {
    const plain = parse(defaults) as Template;
    const set = parse(custom) as Template;
    for (const template of [plain, set]) {
      // CloudFormation cannot make an RSA key: the signing key comes in a NoEcho parameter.
      const jwt = template.Resources.JwtSecret!;
      expect(jwt.Type).toBe("AWS::SecretsManager::Secret");
      expect(jwt.Properties.SecretString).toEqual({ Ref: "JwtPrivateKey" });
      expect(template.Parameters.JwtPrivateKey).toMatchObject({ Type: "String", NoEcho: true });
      expect(template.Parameters.JwtPrivateKey!.Default).toBeUndefined();
    }
    // managed: RDS keeps the password; generated (the default): Secrets Manager makes it, RDS reads it by reference.
    expect(plain.Resources.DbSecret).toBeUndefined();
    expect(plain.Resources.Database!.Properties.ManageMasterUserPassword).toBe(true);
    expect(plain.Resources.Database!.Properties.MasterUserPassword).toBeUndefined();
    expect(plain.Outputs.DbSecretArn!.Value).toEqual({
      "Fn::GetAtt": ["Database", "MasterUserSecret.SecretArn"],
    });
    const dbSecret = set.Resources.DbSecret!;
    expect(dbSecret.Properties.Name).toBe("msdemo/class-b/db");
    expect(dbSecret.Properties.SecretString).toBeUndefined();
    const generate = dbSecret.Properties.GenerateSecretString as Node;
    expect(JSON.parse(generate.SecretStringTemplate as string)).toEqual({ username: "postgres" });
    expect(generate.GenerateStringKey).toBe("password");
    for (const refused of ["/", '"', "@"]) expect(generate.ExcludeCharacters).toContain(refused);
    expect(set.Resources.Database!.Properties.MasterUserPassword).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
      "Fn::Sub": "{{resolve:secretsmanager:${DbSecret}:SecretString:password}}",
    });
    expect(set.Resources.Database!.Properties.ManageMasterUserPassword).toBeUndefined();
    expect(set.Outputs.DbSecretArn!.Value).toEqual({ Ref: "DbSecret" });
  });

  it("makes the cluster, its database rule and the node group as the walkthrough's steps 5 and 6 say", () => {
    const plain = parse(defaults) as Template;
    const cluster = plain.Resources.Cluster!;
    expect(cluster.Type).toBe("AWS::EKS::Cluster");
    expect(cluster.Properties).toMatchObject({
      Name: "node-microservices-demo",
      Version: "1.35",
      ResourcesVpcConfig: {
        SubnetIds: { Ref: "SubnetIds" },
        SecurityGroupIds: [{ "Fn::GetAtt": ["NodeSecurityGroup", "GroupId"] }],
        EndpointPublicAccess: true,
        EndpointPrivateAccess: true,
      },
      UpgradePolicy: { SupportType: "STANDARD" },
      Tags: [
        { Key: "msdemo:stack", Value: "node-microservices-demo" },
        { Key: "msdemo:step", Value: "cluster" },
      ],
    });
    expect(plain.Resources.DbIngress5432FromClusterGroup!.Properties).toMatchObject({
      GroupId: { "Fn::GetAtt": ["DbSecurityGroup", "GroupId"] },
      FromPort: 5432,
      ToPort: 5432,
      SourceSecurityGroupId: { "Fn::GetAtt": ["Cluster", "ClusterSecurityGroupId"] },
    });
    expect(plain.Resources.NodeGroup!.Properties).toMatchObject({
      ClusterName: { Ref: "Cluster" },
      NodegroupName: "ng-general",
      Subnets: { Ref: "SubnetIds" },
      InstanceTypes: ["t3.medium"],
      DiskSize: 20,
      AmiType: "AL2023_x86_64_STANDARD",
      ScalingConfig: { DesiredSize: 2, MinSize: 2, MaxSize: 4 },
      Tags: { "msdemo:stack": "node-microservices-demo", "msdemo:step": "nodes" },
    });
    const set = parse(custom) as Template;
    expect(set.Resources.Cluster!.Properties.Name).toBe("class-b");
    expect(set.Resources.NodeGroup!.Properties).toMatchObject({
      NodegroupName: "class-b-ng-general",
      InstanceTypes: ["t3.large"],
      ScalingConfig: { DesiredSize: 3, MinSize: 2, MaxSize: 5 },
    });
  });

  it("makes the HTTP API with the route table's seventeen routes, once the load balancers are known", () => {
    const plain = parse(defaults) as Template;
    const ofType = (type: string) =>
      Object.entries(plain.Resources).filter(([, r]) => r.Type === `AWS::ApiGatewayV2::${type}`);
    const gateway = Object.values(plain.Resources).filter((r) => r.Type.startsWith("AWS::ApiGatewayV2::"));
    expect(gateway.every((r) => r.Condition === "HasLoadBalancers")).toBe(true);
    expect(ofType("Api").map(([, r]) => r.Properties)).toEqual([
      {
        Name: "node-microservices-demo-api",
        ProtocolType: "HTTP",
        Tags: { "msdemo:stack": "node-microservices-demo", "msdemo:step": "gateway" },
      },
    ]);
    expect(ofType("Stage").map(([, r]) => r.Properties)).toEqual([
      {
        ApiId: { Ref: "Api" },
        StageName: "$default",
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
        AccessLogSettings: {
          DestinationArn: { "Fn::GetAtt": ["AccessLogGroup", "Arn"] },
          Format: expect.stringContaining('"status":"$context.status"'),
        },
      },
    ]);
    expect(plain.Resources.AccessLogGroup).toMatchObject({
      Type: "AWS::Logs::LogGroup",
      Condition: "HasLoadBalancers",
      Properties: { LogGroupName: "/msdemo/node-microservices-demo/gateway-access", RetentionInDays: 1 },
    });
    // The JWT authorizer trusts the API's own URL as issuer, and guards exactly the orders routes.
    expect(ofType("Authorizer").map(([, r]) => r.Properties)).toEqual([
      {
        ApiId: { Ref: "Api" },
        Name: "msdemo-jwt",
        AuthorizerType: "JWT",
        IdentitySource: ["$request.header.Authorization"],
        JwtConfiguration: { Issuer: { "Fn::GetAtt": ["Api", "ApiEndpoint"] }, Audience: ["msdemo"] },
      },
    ]);
    const routes = ofType("Route").map(([, r]) => r.Properties);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(
      [
        "GET /auth",
        "POST /api/register",
        "POST /api/login",
        "GET /.well-known/openid-configuration",
        "GET /.well-known/jwks.json",
        "GET /orders",
        "ANY /api/orders",
        "ANY /api/orders/{proxy+}",
        "GET /products",
        "ANY /api/products",
        "ANY /api/products/{proxy+}",
        "POST /v1/auth/register",
        "POST /v1/auth/login",
        "ANY /v1/catalog",
        "ANY /v1/catalog/{proxy+}",
        "ANY /v1/orders",
        "ANY /v1/orders/{proxy+}",
      ].sort(),
    );
    const integrationOf = (key: string) => {
      const route = routes.find((r) => r.RouteKey === key)!;
      const target = (route.Target as { "Fn::Join": [string, [string, { Ref: string }]] })["Fn::Join"];
      expect(target[1][0]).toBe("integrations");
      return plain.Resources[target[1][1].Ref]!.Properties;
    };
    expect(integrationOf("ANY /api/orders/{proxy+}")).toEqual({
      ApiId: { Ref: "Api" },
      IntegrationType: "HTTP_PROXY",
      IntegrationMethod: "ANY",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
      IntegrationUri: { "Fn::Sub": "http://${OrdersLoadBalancerHost}:3000/api/orders/{proxy}" },
      PayloadFormatVersion: "1.0",
      RequestParameters: { "overwrite:header.x-msdemo-issuer": { "Fn::GetAtt": ["Api", "ApiEndpoint"] } },
    });
    const guarded = routes.filter((r) => r.AuthorizationType === "JWT").map((r) => r.RouteKey);
    expect(guarded.sort()).toEqual(
      ["ANY /api/orders", "ANY /api/orders/{proxy+}", "ANY /v1/orders", "ANY /v1/orders/{proxy+}"].sort(),
    );
    for (const route of routes.filter((r) => r.AuthorizationType === "JWT"))
      expect(route.AuthorizerId).toEqual({ Ref: "JwtAuthorizer" });
    expect(integrationOf("POST /api/login").IntegrationUri).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
      "Fn::Sub": "http://${AuthLoadBalancerHost}:3000/api/login",
    });
    expect(plain.Outputs.ApiUrl).toMatchObject({ Condition: "HasLoadBalancers" });
  });
});

describe("export --format cloudformation --private", () => {
  /** What up's gateway step sends each route to with --private (its VPC link integrations), by route key. */
  const PRIVATE_TARGETS: Record<string, [service: string, path: string]> = {
    "GET /auth": ["Auth", "/"],
    "POST /api/register": ["Auth", "/api/register"],
    "POST /api/login": ["Auth", "/api/login"],
    "GET /.well-known/openid-configuration": ["Auth", "/.well-known/openid-configuration"],
    "GET /.well-known/jwks.json": ["Auth", "/.well-known/jwks.json"],
    "GET /orders": ["Orders", "/"],
    "ANY /api/orders": ["Orders", "/api/orders"],
    "ANY /api/orders/{proxy+}": ["Orders", "/api/orders/$request.path.proxy"],
    "GET /products": ["Products", "/"],
    "ANY /api/products": ["Products", "/api/products"],
    "ANY /api/products/{proxy+}": ["Products", "/api/products/$request.path.proxy"],
    "POST /v1/auth/register": ["Auth", "/api/register"],
    "POST /v1/auth/login": ["Auth", "/api/login"],
    "ANY /v1/catalog": ["Products", "/api/products"],
    "ANY /v1/catalog/{proxy+}": ["Products", "/api/products/$request.path.proxy"],
    "ANY /v1/orders": ["Orders", "/api/orders"],
    "ANY /v1/orders/{proxy+}": ["Orders", "/api/orders/$request.path.proxy"],
  };

  it("makes up's VPC link, in the stack's subnets with the node group, tagged for the stack", async () => {
    const template = parse(privateShape) as Template;
    const links = Object.entries(template.Resources).filter(
      ([, r]) => r.Type === "AWS::ApiGatewayV2::VpcLink",
    );
    expect(links.map(([id]) => id)).toEqual(["VpcLink"]);
    expect(template.Resources.VpcLink).toEqual({
      Type: "AWS::ApiGatewayV2::VpcLink",
      Condition: "HasLoadBalancers",
      Properties: {
        Name: "node-microservices-demo-api-vpc-link",
        SubnetIds: { Ref: "SubnetIds" },
        SecurityGroupIds: [{ "Fn::GetAtt": ["NodeSecurityGroup", "GroupId"] }],
        Tags: { "msdemo:stack": "node-microservices-demo", "msdemo:step": "gateway" },
      },
    });
    // The public shape has none.
    expect((parse(defaults) as Template).Resources.VpcLink).toBeUndefined();
    expect(privateShape).toContain(
      "# The VPC link node-microservices-demo-api-vpc-link, made before the routes",
    );
    const spanish = await templateText(["--private", "--lang", "es"]);
    expect(spanish).toContain(
      "# El VPC link node-microservices-demo-api-vpc-link, creado antes de las rutas",
    );
    expect(spanish).toContain("# La API HTTP con --private:");
  });

  it("asks for each service's listener ARN instead of its load balancer's hostname, and makes the API once all three are given", () => {
    const template = parse(privateShape) as Template;
    const gatewayParameters = ["AuthListenerArn", "OrdersListenerArn", "ProductsListenerArn"];
    expect(Object.keys(template.Parameters)).toEqual([
      "VpcId",
      "VpcIsDefault",
      "SubnetIds",
      "ClusterRoleArn",
      "NodeRoleArn",
      "JwtPrivateKey",
      ...gatewayParameters,
    ]);
    for (const name of gatewayParameters) {
      const parameter = template.Parameters[name]!;
      expect(parameter).toMatchObject({ Type: "String", Default: "" });
      const pattern = new RegExp(parameter.AllowedPattern as string);
      expect(pattern.test("")).toBe(true);
      expect(
        pattern.test(
          "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/a1b2c3/0123456789abcdef/fedcba9876543210",
        ),
      ).toBe(true);
      expect(pattern.test("a1b2c3-123.elb.us-east-1.amazonaws.com")).toBe(false);
    }
    expect(JSON.stringify(template.Conditions.HasLoadBalancers)).not.toContain("LoadBalancerHost");
    for (const name of gatewayParameters) {
      expect(JSON.stringify(template.Conditions.HasLoadBalancers)).toContain(`{"Ref":"${name}"}`);
    }
    // The header's deploy line names the parameters to give and the private Kubernetes export.
    expect(privateShape).toMatch(/AuthListenerArn, OrdersListenerArn and\s+(# +)?ProductsListenerArn/);
    expect(privateShape).toMatch(/msdemo export --format kubernetes\s+(# +)?--private/);
  });

  it("sends every route through the VPC link to its service's listener, with up's overwrite:path and issuer header", () => {
    const template = parse(privateShape) as Template;
    const routes = Object.values(template.Resources).filter((r) => r.Type === "AWS::ApiGatewayV2::Route");
    expect(routes.map((r) => r.Properties.RouteKey as string).sort()).toEqual(
      Object.keys(PRIVATE_TARGETS).sort(),
    );
    const integrations = Object.values(template.Resources).filter(
      (r) => r.Type === "AWS::ApiGatewayV2::Integration",
    );
    expect(integrations).toHaveLength(routes.length);
    for (const route of routes) {
      const key = route.Properties.RouteKey as string;
      const target = (route.Properties.Target as { "Fn::Join": [string, [string, { Ref: string }]] })[
        "Fn::Join"
      ];
      const integration = template.Resources[target[1][1].Ref]!;
      const [service, path] = PRIVATE_TARGETS[key]!;
      expect(integration.Condition, key).toBe("HasLoadBalancers");
      expect(integration.Properties, key).toEqual({
        ApiId: { Ref: "Api" },
        IntegrationType: "HTTP_PROXY",
        IntegrationMethod: key.split(" ")[0],
        ConnectionType: "VPC_LINK",
        ConnectionId: { Ref: "VpcLink" },
        IntegrationUri: { Ref: `${service}ListenerArn` },
        PayloadFormatVersion: "1.0",
        RequestParameters: {
          "overwrite:header.x-msdemo-issuer": { "Fn::GetAtt": ["Api", "ApiEndpoint"] },
          "overwrite:path": path,
        },
      });
    }
    // The rest of the gateway is the public shape's.
    const rest = (text: string) =>
      Object.fromEntries(
        Object.entries((parse(text) as Template).Resources).filter(
          ([id]) =>
            ["Api", "JwtAuthorizer", "AccessLogGroup", "DefaultStage"].includes(id) || id.startsWith("Route"),
        ),
      );
    expect(rest(privateShape)).toEqual(rest(defaults));
  });

  it("is byte-identical on a rerun, follows the stack's remembered --private, and --no-private turns it off", async () => {
    expect(await templateText(["--private"])).toBe(privateShape);
    const remembered = join(dir, "private-state");
    const store = new StateStore(remembered, "node-microservices-demo");
    store.write({ ...store.readOrNew("node-microservices-demo", "us-east-1"), settings: { private: true } });
    const fromState = await exportCfn([], remembered);
    expect(fromState.code).toBe(0);
    expect(fromState.stdout).toBe(privateShape);
    const turnedOff = await exportCfn(["--no-private"], remembered);
    expect(turnedOff.code).toBe(0);
    expect(turnedOff.stdout).toBe(await templateText([]));
    expect(turnedOff.stdout).not.toContain("VPC_LINK");
  });
});

// ---------------------------------------------------------------------------
// Deployed to moto's CloudFormation.

/** Resource types moto's CloudFormation cannot create (it refuses a template that references them). */
const MOTO_LACKS = [
  "AWS::SecretsManager::Secret",
  "AWS::EKS::Cluster",
  "AWS::EKS::Nodegroup",
  "AWS::ApiGatewayV2::",
];
/** Outputs whose Fn::GetAtt attribute moto does not know. */
const MOTO_LACKS_OUTPUTS = ["DbSecretArn"];

/** Logical ids a node of the template refers to (Ref, Fn::GetAtt, ${X} in Fn::Sub). */
function referencesIn(node: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== "object") return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === "Ref" && typeof inner === "string") found.add(inner);
      else if (key === "Fn::GetAtt" && Array.isArray(inner)) found.add(String(inner[0]));
      else if (key === "Fn::Sub" && typeof inner === "string")
        for (const m of inner.matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)) found.add(m[1]!);
      walk(inner);
    }
  };
  walk(node);
  return found;
}

/** The template without what moto lacks and without whatever refers to it; and what was left out. */
function motoSubset(text: string): { body: string; left: string[] } {
  const template = parse(text) as Template;
  const left = new Set(
    Object.entries(template.Resources)
      .filter(([, r]) => MOTO_LACKS.some((type) => r.Type.startsWith(type)))
      .map(([id]) => id),
  );
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, resource] of Object.entries(template.Resources)) {
      if (left.has(id) || ![...referencesIn(resource)].some((r) => left.has(r))) continue;
      left.add(id);
      grew = true;
    }
  }
  const kept = {
    ...template,
    Resources: Object.fromEntries(Object.entries(template.Resources).filter(([id]) => !left.has(id))),
    Outputs: Object.fromEntries(
      Object.entries(template.Outputs).filter(
        ([key, output]) =>
          !MOTO_LACKS_OUTPUTS.includes(key) && ![...referencesIn(output)].some((r) => left.has(r)),
      ),
    ),
  };
  return { body: JSON.stringify(kept), left: [...left].sort() };
}

const GATEWAY_IDS = [
  "Api",
  "DefaultStage",
  "JwtAuthorizer",
  ...["GetAuth", "PostApiRegister", "PostApiLogin", "GetOrders", "AnyApiOrders", "AnyApiOrdersProxy"],
  ...["GetWellknownOpenidconfiguration", "GetWellknownJwksjson"],
  ...["GetProducts", "AnyApiProducts", "AnyApiProductsProxy"],
  ...[
    "PostV1AuthRegister",
    "PostV1AuthLogin",
    "AnyV1Catalog",
    "AnyV1CatalogProxy",
    "AnyV1Orders",
    "AnyV1OrdersProxy",
  ],
].flatMap((id) =>
  ["Api", "DefaultStage", "JwtAuthorizer"].includes(id) ? [id] : [`Integration${id}`, `Route${id}`],
);

describe("export --format cloudformation, deployed to moto", () => {
  let moto: Moto;

  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  const tagsOf = (tags: { Key?: string; Value?: string }[] | undefined) =>
    Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));

  async function groupNamed(vpcId: string, name: string): Promise<SecurityGroup> {
    const { SecurityGroups } = await moto.clients().ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: "vpc-id", Values: [vpcId] },
          { Name: "group-name", Values: [name] },
        ],
      }),
    );
    expect(SecurityGroups, name).toHaveLength(1);
    return SecurityGroups![0]!;
  }

  const sources = (group: SecurityGroup, port: number) =>
    (group.IpPermissions ?? [])
      .filter((p) => p.FromPort === port && p.ToPort === port)
      .flatMap((p) => [
        ...(p.UserIdGroupPairs ?? []).map((g) => g.GroupId),
        ...(p.IpRanges ?? []).map((r) => r.CidrIp),
      ]);

  it("creates the walkthrough's groups, rules, database and repositories in the default VPC", async () => {
    await moto.reset();
    const ec2 = moto.clients().ec2;
    const vpc = (
      await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["true"] }] }))
    ).Vpcs![0]!.VpcId!;
    const subnets = (
      await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpc] }] }))
    ).Subnets!.map((s) => s.SubnetId!);
    const { body, left } = motoSubset(defaults);
    expect(left).toEqual(
      ["Cluster", "DbIngress5432FromClusterGroup", "JwtSecret", "NodeGroup", ...GATEWAY_IDS].sort(),
    );
    const stack = await createStack(moto.url, moto.region, "msdemo-export", body, {
      VpcId: vpc,
      SubnetIds: subnets.slice(0, 2).join(","),
      ClusterRoleArn: CLUSTER_ROLE,
      NodeRoleArn: NODE_ROLE,
      // Only the secret moto cannot make reads it.
      JwtPrivateKey: "unused-here",
    });
    expect(stack.resources.every((r) => r.ResourceStatus === "CREATE_COMPLETE")).toBe(true);
    // In the default VPC RDS uses its default subnet group, as the walkthrough does: none is made.
    expect(stack.resources.map((r) => r.LogicalResourceId)).not.toContain("DbSubnetGroup");

    const node = await groupNamed(vpc, "node-sg-service");
    const db = await groupNamed(vpc, "postgres-sg-rds");
    expect(node.Description).toBe("Access Node");
    expect(db.Description).toBe("Acceso postgreSQL");
    for (const [group, name] of [
      [node, "node-sg-service"],
      [db, "postgres-sg-rds"],
    ] as const) {
      // CloudFormation adds its own aws:cloudformation:* tags besides msdemo's.
      expect(tagsOf(group.Tags)).toMatchObject({
        "msdemo:stack": "node-microservices-demo",
        "msdemo:step": "network",
        Name: name,
      });
    }
    expect(sources(node, 80)).toEqual([db.GroupId]);
    expect(sources(node, 22)).toEqual([]);
    expect(sources(db, 5432)).toEqual([node.GroupId]);

    const rds = moto.clients().rds;
    const instance = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: "pgdb-rds" })))
      .DBInstances![0]!;
    expect(instance).toMatchObject({
      Engine: "postgres",
      EngineVersion: "17.6",
      DBInstanceClass: "db.t3.micro",
      AllocatedStorage: 20,
      MultiAZ: false,
      PubliclyAccessible: false,
      MasterUsername: "postgres",
    });
    // moto's CloudFormation reads the instance's groups from "VpcSecurityGroupIds" (the API's
    // name), not CloudFormation's "VPCSecurityGroups", so the link is checked in the template.
    expect((parse(defaults) as Template).Resources.Database!.Properties.VPCSecurityGroups).toEqual([
      { "Fn::GetAtt": ["DbSecurityGroup", "GroupId"] },
    ]);
    expect(tagsOf(instance.TagList)).toMatchObject({
      "msdemo:stack": "node-microservices-demo",
      "msdemo:step": "database",
    });

    const ecr = moto.clients().ecr;
    const repositories = (await ecr.send(new DescribeRepositoriesCommand({}))).repositories ?? [];
    expect(repositories.map((r) => r.repositoryName).sort()).toEqual([
      "auth-service-repo",
      "orders-service-repo",
      "products-service-repo",
    ]);
    // moto keeps scanning and encryption settings in CloudFormation's spelling (ScanOnPush),
    // which the SDK does not read back: those two are checked in the template.
    for (const [id, resource] of Object.entries((parse(defaults) as Template).Resources)) {
      if (resource.Type !== "AWS::ECR::Repository") continue;
      expect(resource.Properties, id).toMatchObject({
        ImageScanningConfiguration: { ScanOnPush: true },
        EncryptionConfiguration: { EncryptionType: "AES256" },
      });
    }
    for (const repository of repositories) {
      expect(repository.imageTagMutability).toBe("MUTABLE");
      const { tags } = await ecr.send(
        new ListTagsForResourceCommand({ resourceArn: repository.repositoryArn! }),
      );
      expect(tagsOf(tags)).toMatchObject({
        "msdemo:stack": "node-microservices-demo",
        "msdemo:step": "registry",
      });
    }
    const outputs = Object.fromEntries(stack.outputs.map((o) => [o.OutputKey, o.OutputValue]));
    expect(outputs.DatabaseEndpoint).toBe(instance.Endpoint?.Address);
    expect(outputs.AuthRepositoryUri).toMatch(/\.dkr\.ecr\.us-east-1\.amazonaws\.com\/auth-service-repo$/);
  });

  it("in another VPC, makes the DB subnet group and the SSH rule, with the second stack's prefixed names", async () => {
    await moto.reset();
    const ec2 = moto.clients().ec2;
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.42.0.0/16" }))).Vpc!.VpcId!;
    const subnets: string[] = [];
    for (const [i, zone] of ["us-east-1a", "us-east-1b"].entries()) {
      const made = await ec2.send(
        new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.42.${i}.0/24`, AvailabilityZone: zone }),
      );
      subnets.push(made.Subnet!.SubnetId!);
    }
    const { body, left } = motoSubset(custom);
    // Generated mode: the instance reads its password from DbSecret, which moto cannot make,
    // so the instance is left out here and checked by parsing above.
    expect(left).toEqual(
      [
        "Cluster",
        "Database",
        "DbIngress5432FromClusterGroup",
        "DbSecret",
        "JwtSecret",
        "NodeGroup",
        ...GATEWAY_IDS,
      ].sort(),
    );
    await createStack(moto.url, moto.region, "msdemo-export-b", body, {
      VpcId: vpc,
      SubnetIds: subnets.join(","),
      ClusterRoleArn: CLUSTER_ROLE,
      NodeRoleArn: NODE_ROLE,
      // Only the secret moto cannot make reads it.
      JwtPrivateKey: "unused-here",
    });
    const node = await groupNamed(vpc, "class-b-node-sg-service");
    const db = await groupNamed(vpc, "class-b-postgres-sg-rds");
    expect(tagsOf(node.Tags)["msdemo:stack"]).toBe("class-b");
    expect(sources(node, 22)).toEqual(["203.0.113.0/24"]);
    expect(sources(db, 5432)).toEqual([node.GroupId]);
    const group = (
      await moto
        .clients()
        .rds.send(new DescribeDBSubnetGroupsCommand({ DBSubnetGroupName: "class-b-pgdb-rds-subnets" }))
    ).DBSubnetGroups![0]!;
    expect(group.VpcId).toBe(vpc);
    expect(group.Subnets?.map((s) => s.SubnetIdentifier).sort()).toEqual([...subnets].sort());
    const repositories =
      (await moto.clients().ecr.send(new DescribeRepositoriesCommand({}))).repositories ?? [];
    expect(repositories.map((r) => r.repositoryName).sort()).toEqual([
      "class-b-auth-service-repo",
      "class-b-orders-service-repo",
      "class-b-products-service-repo",
    ]);
  });
});

describe("export: bad input", () => {
  it.each([
    [[], "--format is needed"],
    [["--format", "terraform"], "--format must be one of cloudformation, kubernetes (got terraform)"],
    [["--format", "cloudformation", "--nodes", "0"], "--nodes"],
    [["--format", "cloudformation", "--ssh-cidr", "0.0.0.0/99"], "--ssh-cidr"],
    [["--format", "cloudformation", "--node-role-arn", "LabRole"], "--node-role-arn"],
    [["--format", "kubernetes", "--account-id", "12345"], "--account-id must be 12 digits"],
    [
      ["--format", "kubernetes", "--private", "--source-cidrs", "10.0.0.0/16,10.0.300.0/24"],
      "--source-cidrs must be IPv4 CIDRs such as 172.31.0.0/20, comma-separated (got 10.0.300.0/24)",
    ],
    [["--format", "kubernetes", "--private", "--source-cidrs", "10.0.0.0"], "(got 10.0.0.0)"],
    [
      ["--format", "kubernetes", "--source-cidrs", "10.0.0.0/16"],
      "--source-cidrs is only for --format kubernetes with --private",
    ],
    [
      ["--format", "cloudformation", "--private", "--source-cidrs", "10.0.0.0/16"],
      "--source-cidrs is only for --format kubernetes with --private",
    ],
  ])("%j: exit 2, says what is wrong, writes nothing", async (args, message) => {
    const output = join(dir, "never.yaml");
    const result = await runCli(["export", "--state-dir", join(dir, "state"), ...args, "-o", output], {
      env: { AWS_ENDPOINT_URL: deadEndpoint, AWS_REGION: "us-east-1" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(existsSync(output)).toBe(false);
  });
});
