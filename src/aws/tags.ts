// The tags every resource of a stack carries, so discovery and teardown find it
// without the state file.
import type { StepId } from "../config.js";

export const STACK_TAG = "msdemo:stack";
export const STEP_TAG = "msdemo:step";

export interface Tag {
  Key: string;
  Value: string;
}

export function stackTags(stack: string, step: StepId, name?: string): Tag[] {
  const tags = [
    { Key: STACK_TAG, Value: stack },
    { Key: STEP_TAG, Value: step },
  ];
  return name ? [...tags, { Key: "Name", Value: name }] : tags;
}

/** The same tags as a map, for APIs that take `Record<string, string>` (EKS, API Gateway v2). */
export function stackTagMap(stack: string, step: StepId): Record<string, string> {
  return { [STACK_TAG]: stack, [STEP_TAG]: step };
}

export function hasStackTag(tags: { Key?: string; Value?: string }[] | undefined, stack: string): boolean {
  return (tags ?? []).some((t) => t.Key === STACK_TAG && t.Value === stack);
}

export function tagMapHasStack(tags: Record<string, string> | undefined, stack: string): boolean {
  return tags?.[STACK_TAG] === stack;
}

/** Who a resource found by name belongs to, from its tags (a list or a map). */
export type Owner = { kind: "ours" } | { kind: "untagged" } | { kind: "other"; stack: string };

export function ownership(
  tags: readonly { Key?: string; Value?: string }[] | Record<string, string> | undefined,
  stack: string,
): Owner {
  const value = Array.isArray(tags)
    ? tags.find((t) => t.Key === STACK_TAG)?.Value
    : (tags as Record<string, string> | undefined)?.[STACK_TAG];
  if (value === undefined) return { kind: "untagged" };
  return value === stack ? { kind: "ours" } : { kind: "other", stack: value };
}
