// Shared set-up for the kube tests: a REAL control plane (test/support/
// kube-control-plane.ts) or, for what a real one cannot show quickly, the FAKE
// API server; each reached through a kubeconfig file, as --kubeconfig would.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { KubeConfig } from "@kubernetes/client-node";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { KubeEvent } from "../../src/kube/events.js";
import { kubeConfigFor } from "../../src/kube/kubeconfig.js";
import { type FakeKubeApi, type FakeKubeOptions, startFakeKubeApi } from "../support/fake-kube-api.js";
import {
  type ControlPlaneOptions,
  type KubeControlPlane,
  startKubeControlPlane,
} from "../support/kube-control-plane.js";
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

/** A progress callback that keeps the structured events (tests assert on those, not on the wording). */
export function recorder(): {
  onProgress: (message: string, event: KubeEvent) => void;
  events: KubeEvent[];
} {
  const events: KubeEvent[] = [];
  return { events, onProgress: (_message, event) => events.push(event) };
}

export const never = (): AbortSignal => new AbortController().signal;

/**
 * One REAL control plane for the calling test file (started in beforeAll,
 * stopped in afterAll); each test works in a namespace of its own.
 */
export function realCluster(options: ControlPlaneOptions = {}): {
  plane(): KubeControlPlane;
  /** A KubeConfig for the plane, through a kubeconfig file as --kubeconfig would give it. */
  config(token?: string): KubeConfig;
  /** A fresh namespace name for one test. */
  namespace(): string;
} {
  let plane: KubeControlPlane | undefined;
  let count = 0;
  beforeAll(async () => {
    plane = await startKubeControlPlane(options);
  }, 240_000);
  afterAll(async () => {
    await plane?.stop();
  }, 60_000);
  const started = () => {
    if (!plane) throw new Error("the control plane did not start");
    return plane;
  };
  return {
    plane: started,
    config: (token) => kubeConfigFor({ kind: "file", path: started().kubeconfigFile(token) }),
    namespace: () => `t${++count}-${process.pid}`,
  };
}
