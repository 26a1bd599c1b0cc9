// Step 7 of the walkthrough: what `aws eks update-kubeconfig` + `kubectl apply
// -f aws-*-service.yaml` did, with no kubectl or aws CLI: the templates rendered
// with the stack's images, database and secrets, applied server-side, then the
// rollouts and the load balancers awaited. Teardown removes the load balancers
// first and waits until AWS no longer lists them.
import { readDbPassword, readSecretValue } from "../aws/secrets.js";
import { pollInterval } from "../aws/wait.js";
import type { Change, LiveResource, Outputs } from "../engine/types.js";
import { MsdemoError } from "../errors.js";
import { kubeTarget } from "../kube/cluster-access.js";
import { clusterLoadBalancers, deleteLoadBalancer, loadBalancerGone } from "../kube/elb.js";
import { isUnreachable } from "../kube/errors.js";
import { kubeConfigFor } from "../kube/kubeconfig.js";
import { removeDeployment } from "../kube/remove.js";
import { workloadName } from "../kube/render.js";
import { deployStack } from "../kube/stack.js";
import { SERVICE_NAMES, type ServiceName } from "../routes.js";
import type { ClusterOutputs } from "./cluster.js";
import type { DatabaseOutputs } from "./database.js";
import type { ImagesOutputs } from "./images.js";
import type { AwsStep, AwsStepContext } from "./index.js";

export interface DeployOutputs extends Outputs {
  namespace: string;
  loadBalancers: { [service: string]: string };
}

const WAIT_MS = 15 * 60_000;

/** --kubeconfig (or KUBECONFIG) wins; else the EKS cluster, with an in-process token. */
function kubeTargetOf(ctx: AwsStepContext) {
  return kubeTarget(ctx.aws, ctx.config, ctx.outputsOf<ClusterOutputs>("cluster"));
}

function needed<T extends Outputs>(ctx: AwsStepContext, step: "database" | "images", hint: string): T {
  const outputs = ctx.outputsOf<T>(step);
  if (!outputs) throw new MsdemoError(`The deployment needs the ${step} step's outputs.`, { hint });
  return outputs;
}

export const deployStep: AwsStep = {
  id: "deploy",
  title: "Kubernetes deployment",
  console:
    "CloudShell: edit aws-auth-service.yaml, aws-orders-service.yaml and aws-products-service.yaml (account id, RDS endpoint, RDS password), `aws eks update-kubeconfig --name node-microservices-demo`, then `kubectl apply -f` each file and `kubectl get all` until the LoadBalancers have an external address.",
  deviations: [
    "The DB password and JWT secret go into a Kubernetes Secret, read through secretKeyRef, never a plain value in the manifests.",
    "Images run by digest; pods run as non-root with a read-only filesystem, probes on /readyz and /healthz, CPU and memory limits, and a HorizontalPodAutoscaler (2 to 4 pods at 70 % CPU).",
    "Teardown deletes the LoadBalancer Services first and waits until AWS has removed their load balancers, so nothing keeps the VPC busy or costing money.",
  ],
  needs: ["nodes", "images", "database"],

  async plan(ctx): Promise<Change[]> {
    const previous = ctx.previous as DeployOutputs | undefined;
    return SERVICE_NAMES.map((service) =>
      previous?.loadBalancers?.[service]
        ? {
            action: "none",
            resource: "Kubernetes Deployment + LoadBalancer",
            name: workloadName(service),
            detail: "re-applied server-side; unchanged objects stay as they are",
          }
        : {
            action: "create",
            resource: "Kubernetes Deployment + LoadBalancer",
            name: workloadName(service),
            detail: "2 replicas, port 3000",
          },
    );
  },

  async apply(ctx): Promise<DeployOutputs> {
    const database = needed<DatabaseOutputs>(ctx, "database", "run msdemo up --steps database first");
    const images = needed<ImagesOutputs>(ctx, "images", "run msdemo up --steps images first");
    const target = await kubeTargetOf(ctx);
    if (!target)
      throw new MsdemoError("No Kubernetes cluster to deploy to.", {
        hint: "run msdemo up --steps cluster,nodes first, or pass --kubeconfig",
      });
    const [dbPassword, jwtSecret] = await Promise.all([
      readDbPassword(ctx.aws.secrets, database.passwordSecretArn),
      readSecretValue(ctx.aws.secrets, database.jwtSecretArn),
    ]);
    const namespace = ctx.config.names.namespace;
    await ctx.record({ namespace });
    ctx.progress("applying the manifests, then waiting for the pods and the load balancers");
    const { loadBalancers } = await deployStack(kubeConfigFor(target), {
      namespace,
      images: images.images as Record<ServiceName, string>,
      db: {
        host: database.endpoint,
        port: database.port,
        name: database.dbName,
        user: database.masterUsername,
      },
      secrets: { dbPassword, jwtSecret },
      signal: ctx.signal,
      onProgress: (message) => ctx.progress(message),
      rolloutTimeoutMs: WAIT_MS,
      loadBalancerTimeoutMs: WAIT_MS,
      intervalMs: pollInterval(5_000),
    });
    return { namespace, loadBalancers };
  },

  async destroy(ctx) {
    const target = await kubeTargetOf(ctx);
    if (target) {
      try {
        await removeDeployment(kubeConfigFor(target), {
          namespace: ctx.config.names.namespace,
          signal: ctx.signal,
          intervalMs: pollInterval(10_000),
          timeoutMs: WAIT_MS,
          loadBalancerGone: (host) => loadBalancerGone(ctx.aws.elb, host),
          onProgress: ctx.progress,
        });
        return;
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        ctx.warn(
          "the cluster's Kubernetes API does not answer; removing its load balancers through the ELB API instead",
        );
      }
    }
    // No cluster to ask (or it does not answer): Kubernetes tags the load
    // balancers it made with the cluster's name, so they are found and removed anyway.
    for (const name of await clusterLoadBalancers(ctx.aws.elb, ctx.config.names.cluster)) {
      ctx.progress(`deleting load balancer ${name}`);
      await deleteLoadBalancer(ctx.aws.elb, name);
    }
  },

  async inspect(ctx) {
    const previous = ctx.previous as DeployOutputs | undefined;
    const resources: LiveResource[] = Object.entries(previous?.loadBalancers ?? {}).map(
      ([service, host]) => ({
        step: "deploy",
        type: "Kubernetes LoadBalancer",
        name: `${service}-service`,
        id: host,
        state: "deployed",
        managed: true,
      }),
    );
    return { resources };
  },
};
