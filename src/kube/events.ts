// Progress of the Kubernetes work: the library never prints. Each report is a
// ready-made line and the structured event behind it, so a caller may pass a
// plain `(message) => void` (the step's ctx.progress) or use the event.
import type { ApplyOutcome } from "./apply.js";

export type KubeEvent =
  | { type: "applied"; kind: string; name: string; outcome: ApplyOutcome }
  | { type: "rollout"; deployment: string; ready: number; desired: number }
  | { type: "rolled-out"; deployment: string; replicas: number }
  | { type: "load-balancer"; service: string; hostname: string }
  | { type: "deleting"; kind: string; name: string }
  | { type: "load-balancer-gone"; hostname: string; gone: boolean }
  | { type: "held-by-finalizer"; kind: string; name: string; finalizer: string }
  | { type: "deleted"; kind: string; name: string }
  | { type: "namespace-terminating"; namespace: string };

export type KubeProgress = (message: string, event: KubeEvent) => void;
