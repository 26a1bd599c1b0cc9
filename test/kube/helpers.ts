// Shared set-up for the kube tests: a FAKE API server (test/support) and a
// KubeConfig reaching it through a kubeconfig file, as --kubeconfig would.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { KubeConfig } from "@kubernetes/client-node";
import { afterEach } from "vitest";
import type { KubeEvent } from "../../src/kube/events.js";
import { kubeConfigFor } from "../../src/kube/kubeconfig.js";
import { type FakeKubeApi, type FakeKubeOptions, startFakeKubeApi } from "../support/fake-kube-api.js";
import { tempDir } from "../support/process.js";

const started: FakeKubeApi[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.stop()));
});

/** A fake API server (stopped after the test) and a KubeConfig for it. */
export async function fakeCluster(
  options: FakeKubeOptions = {},
  token = "fake-token",
): Promise<{ fake: FakeKubeApi; config: KubeConfig; kubeconfigPath: string }> {
  const fake = await startFakeKubeApi(options);
  started.push(fake);
  const kubeconfigPath = join(tempDir("kubeconfig"), "config");
  writeFileSync(kubeconfigPath, fake.kubeconfig(token));
  return { fake, config: kubeConfigFor({ kind: "file", path: kubeconfigPath }), kubeconfigPath };
}

/** A progress callback that keeps what it was given. */
export function recorder(): {
  onProgress: (message: string, event: KubeEvent) => void;
  messages: string[];
  events: KubeEvent[];
} {
  const messages: string[] = [];
  const events: KubeEvent[] = [];
  return {
    messages,
    events,
    onProgress: (message, event) => {
      messages.push(message);
      events.push(event);
    },
  };
}

export const never = (): AbortSignal => new AbortController().signal;
