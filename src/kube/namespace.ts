// A namespace that is being deleted (a teardown just ran, or was interrupted)
// stays Terminating until the namespace controller has removed everything in
// it; meanwhile the API server refuses anything new in it (403). Applying the
// stack then must first wait until it is gone, so teardown followed by up works.
import { CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import { t } from "../i18n/index.js";
import { explainKubeError, unlessNotFound } from "./errors.js";
import type { KubeProgress } from "./events.js";
import { type PollOptions, until } from "./poll.js";

export interface NamespaceWaitOptions extends PollOptions {
  onProgress?: KubeProgress;
}

/** Returns at once for an absent or active namespace; waits out a Terminating one. */
export async function waitUntilNotTerminating(
  config: KubeConfig,
  namespace: string,
  options: NamespaceWaitOptions,
): Promise<void> {
  const core = config.makeApiClient(CoreV1Api);
  const read = () =>
    unlessNotFound(() => core.readNamespace({ name: namespace })).catch((error: unknown) =>
      Promise.reject(explainKubeError(error, t("kube.doing.readNamespace", { namespace }))),
    );
  const found = await read();
  if (!found?.metadata?.deletionTimestamp) return;
  options.onProgress?.(t("kube.namespace.terminating", { namespace }), {
    type: "namespace-terminating",
    namespace,
  });
  await until(
    t("kube.remove.waitNamespace", { namespace }),
    async () => !(await read())?.metadata?.deletionTimestamp,
    options,
    t("kube.namespace.terminating.hint", { namespace }),
  );
}
