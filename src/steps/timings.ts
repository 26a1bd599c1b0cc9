// How long each step usually takes on AWS (measured on real accounts), for
// the time estimate before a run. No imports: read before the steps load.
import type { StepId } from "../step-ids.js";

export const TYPICAL_SECONDS: Record<StepId, number> = {
  network: 1,
  registry: 1,
  database: 360,
  images: 120,
  cluster: 600,
  nodes: 180,
  deploy: 120,
  gateway: 5,
  // Most of it is CloudFront deploying the distribution to its edge locations.
  site: 300,
};
