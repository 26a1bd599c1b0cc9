// The diagram model: the stack's real architecture, from its names, what the
// state file recorded and (optionally) what AWS reports live. Pure; its words
// follow the language, its ids and states do not.
import { type ResourceNames, type StepId, WALKTHROUGH } from "../config.js";
import type { LiveResource } from "../engine/types.js";
import { t } from "../i18n/index.js";
import { ROUTES, SERVICE_NAMES, SERVICE_PORT, type ServiceName } from "../routes.js";
import type { StackState } from "../state/store.js";
import { distributionComment } from "../steps/site-names.js";
import { apiPathPatterns } from "../steps/site-routes.js";
import { numberAt, objectAt, outputsOf, recordedState, stringAt } from "./outputs.js";
import type { DiagramEdge, DiagramGroup, DiagramModel, DiagramNode, Source } from "./types.js";

export interface ModelInput {
  names: ResourceNames;
  state?: StackState | undefined;
  live?: readonly LiveResource[] | undefined;
  region?: string;
  /** --private: the services behind internal NLBs, reached through a VPC link. Default: as the state remembers. */
  private?: boolean;
}

/** The order of the request path, left to right: renderers lay boxes out by it. */
export const RANK: Readonly<Record<DiagramNode["kind"], number>> = {
  client: 0,
  cdn: 1,
  api: 2,
  bucket: 2,
  "load-balancer": 3,
  service: 4,
  repository: 4,
  database: 5,
};

const DB_PORT = WALKTHROUGH.database.port;

/** `repo@sha256:0123456789abcdef…` → `repo@sha256:0123456789ab`: enough to tell images apart. */
function shortImage(reference: string): string {
  const at = reference.lastIndexOf("@sha256:");
  const repo =
    reference
      .slice(0, at < 0 ? undefined : at)
      .split("/")
      .pop() ?? reference;
  return at < 0 ? repo : `${repo}@sha256:${reference.slice(at + 8, at + 20)}`;
}

/** A route path's prefix in short: "/v1/auth/login" → "/v1/auth", "/.well-known/jwks.json" → "/.well-known". */
const prefixOf = (path: string, parts: number) => path.split("/").slice(0, parts).join("/");

/**
 * The walkthrough's routes of a service, then its other prefixes in short:
 * "(+ /v1/auth, /.well-known)", so the label stays one readable line.
 */
function routesOf(service: ServiceName): string {
  const own = ROUTES.filter((r) => r.service === service);
  const versioned = (path: string) => path.startsWith("/v1/");
  const discovery = (path: string) => path.startsWith("/.well-known/");
  const listed = own
    .filter((r) => !r.path.includes("{proxy+}") && !versioned(r.path) && !discovery(r.path))
    .map((r) => `${r.method} ${r.path}`);
  const others = [
    ...new Set([
      ...own.filter((r) => versioned(r.path)).map((r) => prefixOf(r.path, 3)),
      ...own.filter((r) => discovery(r.path)).map((r) => prefixOf(r.path, 2)),
    ]),
  ];
  return `${listed.join(", ")}${others.length ? ` (+ ${others.join(", ")})` : ""}`;
}

class Builder {
  readonly nodes: DiagramNode[] = [];
  readonly groups: DiagramGroup[] = [];
  readonly edges: DiagramEdge[] = [];

  constructor(private readonly input: ModelInput) {}

  /** Live state when AWS reported the resource; else the state file's word for its step. */
  stateOf(step: StepId, type: string, name: string): string {
    const found = this.input.live?.find((r) => r.type === type && r.name === name);
    return found?.state ?? recordedState(this.input.state, step);
  }

  liveId(type: string, name: string): string | undefined {
    return this.input.live?.find((r) => r.type === type && r.name === name)?.id;
  }

  recorded(step: StepId): string {
    return recordedState(this.input.state, step);
  }

  outputs(step: StepId) {
    return outputsOf(this.input.state, step);
  }
}

function network(b: Builder, names: ResourceNames): void {
  const out = b.outputs("network");
  const vpcId = stringAt(out?.vpcId);
  b.groups.push({
    id: "vpc",
    kind: "vpc",
    label: t("diagram.vpc"),
    name: vpcId ?? t("diagram.defaultVpc"),
    detail: [],
    state: vpcId ? "exists" : "planned",
  });
  const sgs = [
    {
      id: "sg_nodes",
      name: names.nodeSecurityGroup,
      groupId: stringAt(out?.nodeSecurityGroupId),
      rule: t("diagram.sg.http", { port: 80 }),
    },
    {
      id: "sg_db",
      name: names.dbSecurityGroup,
      groupId: stringAt(out?.dbSecurityGroupId),
      rule: t("diagram.sg.postgresIn", { port: DB_PORT }),
    },
  ];
  for (const sg of sgs) {
    const groupId = sg.groupId ?? b.liveId("EC2 security group", sg.name);
    b.groups.push({
      id: sg.id,
      kind: "security-group",
      label: t("diagram.securityGroup"),
      name: sg.name,
      detail: [...(groupId ? [groupId] : []), sg.rule],
      state: b.stateOf("network", "EC2 security group", sg.name),
      parent: "vpc",
    });
  }
}

function clusterAndNodes(b: Builder, names: ResourceNames): void {
  const cluster = b.outputs("cluster");
  const clusterName = stringAt(cluster?.clusterName) ?? names.cluster;
  b.groups.push({
    id: "cluster",
    kind: "cluster",
    label: t("diagram.cluster"),
    name: clusterName,
    detail: [stringAt(cluster?.endpoint), stringAt(cluster?.clusterSecurityGroupId)].filter(
      (d): d is string => d !== undefined,
    ),
    state: b.stateOf("cluster", "EKS cluster", clusterName),
    parent: "sg_nodes",
  });
  const nodes = b.outputs("nodes");
  const nodegroupName = stringAt(nodes?.nodegroupName) ?? names.nodeGroup;
  const scaling = objectAt(nodes?.scaling);
  const desired = numberAt(scaling?.desired);
  const instanceType = stringAt(nodes?.instanceType);
  const size =
    desired !== undefined && instanceType
      ? [
          t("diagram.nodeGroup.size", {
            desired,
            type: instanceType,
            min: numberAt(scaling?.min) ?? "?",
            max: numberAt(scaling?.max) ?? "?",
          }),
        ]
      : [];
  b.groups.push({
    id: "nodegroup",
    kind: "node-group",
    label: t("diagram.nodeGroup"),
    name: nodegroupName,
    detail: size,
    state: b.stateOf("nodes", "EKS node group", nodegroupName),
    parent: "cluster",
  });
}

function registry(b: Builder, names: ResourceNames): void {
  const out = b.outputs("registry");
  const repositories = objectAt(out?.repositories);
  const registryId = stringAt(out?.registryId);
  b.groups.push({
    id: "ecr",
    kind: "registry",
    label: t("diagram.ecr"),
    name: registryId ? t("diagram.registryId", { id: registryId }) : t("diagram.privateRegistry"),
    detail: [],
    state: b.recorded("registry"),
  });
  for (const service of SERVICE_NAMES) {
    const repo = objectAt(repositories?.[service]);
    const name = stringAt(repo?.name) ?? names.repositories[service];
    b.nodes.push({
      id: `repo_${service}`,
      kind: "repository",
      label: t("diagram.repository"),
      name,
      detail: [stringAt(repo?.uri)].filter((d): d is string => d !== undefined),
      state: b.stateOf("registry", "ECR repository", name),
      group: "ecr",
      service,
    });
  }
}

function services(b: Builder, isPrivate: boolean): void {
  const images = objectAt(b.outputs("images")?.images);
  const loadBalancers = objectAt(b.outputs("deploy")?.loadBalancers);
  const vpcLinkId = stringAt(b.outputs("gateway")?.vpcLinkId);
  for (const service of SERVICE_NAMES) {
    const k8sName = `${service}-service`;
    const host = stringAt(loadBalancers?.[service]);
    b.nodes.push({
      id: `lb_${service}`,
      kind: "load-balancer",
      label: t(isPrivate ? "diagram.loadBalancer.internal" : "diagram.loadBalancer"),
      name: k8sName,
      detail: [
        host ? `${host}:${SERVICE_PORT}` : t("diagram.loadBalancer.planned", { port: SERVICE_PORT }),
        // What --private changes, marked on every box it changes.
        ...(isPrivate ? [t("diagram.private.loadBalancer")] : []),
      ],
      state: b.stateOf("deploy", "Kubernetes LoadBalancer", k8sName),
      group: "vpc",
      service,
    });
    const image = stringAt(images?.[service]);
    b.nodes.push({
      id: `svc_${service}`,
      kind: "service",
      label: t("diagram.deployment", { service }),
      name: k8sName,
      detail: [
        t("diagram.deployment.pods", { replicas: WALKTHROUGH.deploy.replicas, port: SERVICE_PORT }),
        ...(image ? [shortImage(image)] : []),
      ],
      state: b.stateOf("deploy", "Kubernetes Deployment", k8sName),
      group: "nodegroup",
      service,
    });
    b.edges.push(
      {
        from: "api",
        to: `lb_${service}`,
        label: !isPrivate
          ? routesOf(service)
          : vpcLinkId
            ? t("diagram.edge.vpcLink", { routes: routesOf(service), id: vpcLinkId })
            : t("diagram.edge.vpcLinkPlanned", { routes: routesOf(service) }),
        style: "solid",
      },
      {
        from: `lb_${service}`,
        to: `svc_${service}`,
        label: t("diagram.edge.tcp", { port: SERVICE_PORT }),
        style: "solid",
      },
      {
        from: `svc_${service}`,
        to: "db",
        label: t("diagram.edge.postgres", { port: DB_PORT }),
        style: "solid",
      },
      { from: `repo_${service}`, to: `svc_${service}`, label: t("diagram.edge.image"), style: "dashed" },
    );
  }
}

function entry(b: Builder, names: ResourceNames): void {
  const out = b.outputs("gateway");
  const apiId = stringAt(out?.apiId) ?? b.liveId("API Gateway HTTP API", names.api);
  b.nodes.push(
    {
      id: "client",
      kind: "client",
      label: t("diagram.clients"),
      name: t("diagram.webMobile"),
      detail: [],
      state: "external",
    },
    {
      id: "api",
      kind: "api",
      label: t("diagram.api"),
      name: names.api,
      detail: [stringAt(out?.apiUrl), apiId ? t("diagram.apiId", { id: apiId }) : undefined].filter(
        (d): d is string => d !== undefined,
      ),
      state: b.stateOf("gateway", "API Gateway HTTP API", names.api),
    },
  );
  b.edges.push({ from: "client", to: "api", label: t("diagram.edge.https"), style: "solid" });
}

/** The web page: CloudFront in front of the private bucket and of the API (none in a Learner Lab). */
function site(b: Builder, names: ResourceNames): void {
  const out = b.outputs("site");
  if (stringAt(out?.skipped)) return;
  const comment = distributionComment(names.stack);
  const bucket = stringAt(out?.bucket);
  b.nodes.push(
    {
      id: "cdn",
      kind: "cdn",
      label: t("site.diagram.cdn"),
      name: stringAt(out?.domainName) ?? comment,
      detail: [stringAt(out?.url), stringAt(out?.distributionId)].filter((d): d is string => d !== undefined),
      state: b.stateOf("site", "CloudFront distribution", comment),
    },
    {
      id: "bucket",
      kind: "bucket",
      label: t("site.diagram.bucket"),
      name: bucket ?? t("site.diagram.bucketPlanned"),
      detail: [t("site.diagram.bucketDetail")],
      state: bucket ? b.stateOf("site", "S3 bucket", bucket) : b.recorded("site"),
    },
  );
  b.edges.push(
    { from: "client", to: "cdn", label: t("diagram.edge.https"), style: "solid" },
    { from: "cdn", to: "bucket", label: t("site.diagram.edge.page"), style: "solid" },
    { from: "cdn", to: "api", label: apiPathPatterns().join(" "), style: "solid" },
  );
}

function database(b: Builder, names: ResourceNames): void {
  const out = b.outputs("database");
  const id = stringAt(out?.dbInstanceId) ?? names.dbInstance;
  const endpoint = stringAt(out?.endpoint);
  b.nodes.push({
    id: "db",
    kind: "database",
    label: t("diagram.database"),
    name: id,
    detail: endpoint
      ? [`${endpoint}:${numberAt(out?.port) ?? DB_PORT}`]
      : [t("diagram.database.private", { port: DB_PORT })],
    state: b.stateOf("database", "RDS DB instance", id),
    group: "sg_db",
  });
}

function sourceOf(input: ModelInput): Source {
  if (input.live) return "live";
  return input.state && Object.keys(input.state.steps).length > 0 ? "state" : "planned";
}

export function buildModel(input: ModelInput): DiagramModel {
  const b = new Builder(input);
  const { names } = input;
  const region = input.region ?? input.state?.region;
  const isPrivate = input.private ?? input.state?.settings?.private === true;
  entry(b, names);
  site(b, names);
  network(b, names);
  clusterAndNodes(b, names);
  services(b, isPrivate);
  database(b, names);
  registry(b, names);
  return {
    stack: names.stack,
    ...(region ? { region } : {}),
    source: sourceOf(input),
    nodes: b.nodes,
    groups: b.groups,
    edges: b.edges,
  };
}
