// The names of msdemo's steps, in the walkthrough's order: the one list the
// engine, the config and the UI share (the engine needs no more of the app).
export const STEP_IDS = [
  "network",
  "database",
  "registry",
  "images",
  "cluster",
  "nodes",
  "deploy",
  "gateway",
  "site",
] as const;
export type StepId = (typeof STEP_IDS)[number];
