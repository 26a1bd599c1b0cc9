// The registry of steps, in the walkthrough's order. A step appears here only
// once it works; the CLI's commands run over whatever is registered. Loaded
// lazily by the commands that need it, so `msdemo --help` never loads the SDK.
import type { AwsClients } from "../aws/clients.js";
import type { Config } from "../config.js";
import type { Step, StepContext } from "../engine/types.js";
import type { StepOutputs } from "./outputs.js";

export { OUTPUT_HANDOFF } from "./outputs.js";

/** The context every AWS step gets: msdemo's clients, config and typed outputs. */
export type AwsStepContext = StepContext<AwsClients, Config, StepOutputs>;
/** A step; S is its snapshot (what observe found). */
export type AwsStep<S = unknown> = Step<AwsClients, S, Config, StepOutputs>;

export async function loadSteps(): Promise<AwsStep[]> {
  const [network, database, registry, images, cluster, nodes, deploy, gateway, site] = await Promise.all([
    import("./network.js"),
    import("./database.js"),
    import("./registry.js"),
    import("./images.js"),
    import("./cluster.js"),
    import("./nodes.js"),
    import("./deploy.js"),
    import("./gateway.js"),
    import("./site.js"),
  ]);
  return [
    network.networkStep,
    database.databaseStep,
    registry.registryStep,
    images.imagesStep,
    cluster.clusterStep,
    nodes.nodesStep,
    deploy.deployStep,
    gateway.gatewayStep,
    site.siteStep,
  ] as AwsStep[];
}
