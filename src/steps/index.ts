// The registry of steps, in the walkthrough's order. A step appears here only
// once it works; the CLI's commands run over whatever is registered.
import type { AwsClients } from "../aws/clients.js";
import type { Step, StepContext } from "../engine/types.js";

export type AwsStep = Step<AwsClients>;
export type AwsStepContext = StepContext<AwsClients>;

export async function loadSteps(): Promise<AwsStep[]> {
  return [];
}
