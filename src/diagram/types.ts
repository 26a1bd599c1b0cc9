// The architecture as a graph: boxes (nodes), arrows (edges) and boundaries
// (groups: the VPC, the security groups, the cluster, the node group, ECR).
import type { ServiceName } from "../routes.js";

export type NodeKind =
  | "client"
  | "cdn"
  | "bucket"
  | "api"
  | "load-balancer"
  | "service"
  | "database"
  | "repository";
export type GroupKind = "vpc" | "security-group" | "cluster" | "node-group" | "registry";

/** Where a box's facts come from: the plan (names only), the state file, or AWS itself. */
export type Source = "planned" | "state" | "live";

export interface DiagramNode {
  /** A stable id, safe in Mermaid and SVG: letters, digits and underscores. */
  id: string;
  kind: NodeKind;
  /** What it is: "RDS PostgreSQL", "Classic load balancer", … */
  label: string;
  /** Its real name in AWS or Kubernetes. */
  name: string;
  /** Endpoints and ids, one per line. */
  detail: string[];
  state: string;
  group?: string;
  /** The service a per-service box belongs to. */
  service?: ServiceName;
}

export interface DiagramGroup {
  id: string;
  kind: GroupKind;
  label: string;
  name: string;
  detail: string[];
  state: string;
  parent?: string;
}

export interface DiagramEdge {
  from: string;
  to: string;
  label: string;
  /** dashed: not request traffic (an image pull). */
  style: "solid" | "dashed";
}

export interface DiagramModel {
  stack: string;
  region?: string;
  source: Source;
  nodes: DiagramNode[];
  groups: DiagramGroup[];
  edges: DiagramEdge[];
}

/** How a state reads at a glance: drives colour in every format. */
export type Tone = "ok" | "pending" | "bad" | "planned" | "external";
