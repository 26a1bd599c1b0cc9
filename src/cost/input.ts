// From the stack's configuration (and what the state file recorded) to the
// estimate's input. The node disk size is the walkthrough's: msdemo has no flag for it.
import { WALKTHROUGH } from "../config.js";
import type { StackState } from "../state/store.js";
import type { CostInput } from "./types.js";

/** The part of a Config the estimate reads (a Config fits). */
export interface SizingConfig {
  region: string;
  instanceType: string;
  nodes: number;
  dbInstanceClass: string;
  dbStorage: number;
  /** --private: internal NLBs instead of classic ELBs. */
  private?: boolean;
}

export function costInput(config: SizingConfig, requestsPerMonth?: number): CostInput {
  return {
    region: config.region,
    instanceType: config.instanceType,
    nodes: config.nodes,
    nodeDiskGiB: WALKTHROUGH.nodes.diskGiB,
    dbInstanceClass: config.dbInstanceClass,
    dbStorageGiB: config.dbStorage,
    ...(config.private ? { privateLoadBalancers: true } : {}),
    ...(requestsPerMonth !== undefined ? { requestsPerMonth } : {}),
  };
}

/** What the node group was made with, per the state file: the real sizes beat the defaults. */
export function recordedSizing(state: StackState | undefined): { instanceType?: string; nodes?: number } {
  const outputs = state?.steps.nodes?.outputs;
  const instanceType = outputs?.instanceType;
  const scaling = outputs?.scaling;
  const desired =
    scaling && typeof scaling === "object" && !Array.isArray(scaling) ? scaling.desired : undefined;
  return {
    ...(typeof instanceType === "string" && instanceType ? { instanceType } : {}),
    ...(typeof desired === "number" ? { nodes: desired } : {}),
  };
}
