// A REAL Kubernetes control plane for tests, on 127.0.0.1 and free ports:
// etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok (which
// plays the kubelet: nodes heartbeat, scheduled pods turn Running and Ready,
// deleted pods go away), plus the load-balancer watcher of lb-watcher.ts in
// place of EKS's cloud controller. The binaries come from scripts/kube/build.sh
// (cached under ~/.cache/msdemo-kube); versions are pinned in scripts/kube/versions.env.
//
// start() returns once the API server is ready, both nodes are Ready and the
// controllers have made the default ServiceAccount; stop() ends every process.
// Each process is started under `setpriv --pdeathsig KILL`, so even a test
// worker that dies without stopping cannot leave one behind.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { makeCerts } from "./kube-certs.js";
import {
  type LoadBalancerWatcher,
  type LoadBalancerWatcherOptions,
  startLoadBalancerWatcher,
} from "./lb-watcher.js";
import { freePort, IN_CI, type ManagedProcess, startProcess, tempDir, waitForPort } from "./process.js";

const VERSIONS = resolve(import.meta.dirname, "../../scripts/kube/versions.env");
const NODES = ["kwok-node-0", "kwok-node-1"];

/** Bearer tokens the API server knows (static token file): who may do what. */
export const TOKENS = {
  /** Cluster admin (group system:masters), as msdemo is on EKS. */
  admin: "msdemo-admin-token",
  /** Authenticated but granted nothing: every call is 403. */
  nobody: "msdemo-nobody-token",
} as const;

/** Where scripts/kube/build.sh puts the binaries for the pinned versions. */
export function kubeBinDir(): string {
  const cache = process.env.MSDEMO_KUBE_CACHE || join(homedir(), ".cache", "msdemo-kube");
  // The same key scripts/kube/build.sh names the folder by: the versions built into the binaries.
  const pinned = readFileSync(VERSIONS, "utf8")
    .split("\n")
    .filter((line) => /^(KUBERNETES|CODE_GENERATOR|ETCD|KWOK)_VERSION=/.test(line));
  const key = createHash("sha256")
    .update(pinned.map((line) => `${line}\n`).join(""))
    .digest("hex")
    .slice(0, 12);
  return join(cache, "bin", key);
}

/** True when the control plane has been built (scripts/kube/build.sh ran to the end). */
export function kubeBinariesPresent(): boolean {
  return existsSync(join(kubeBinDir(), ".complete"));
}

/**
 * Whether the real-control-plane tests run. They run whenever the binaries
 * are present; in CI they must be (setup-test-env.sh builds them), so CI fails
 * rather than skips when they are not.
 */
export function realKubeAvailable(): boolean {
  if (kubeBinariesPresent()) return true;
  if (IN_CI) {
    throw new Error(
      `the Kubernetes control plane is not built (${kubeBinDir()}): run \`bash scripts/setup-test-env.sh\``,
    );
  }
  return false;
}

export interface KubeControlPlane {
  url: string;
  /** The cluster CA (PEM). */
  caCert: string;
  /** A KubeConfig for the cluster admin. */
  config: KubeConfig;
  /** Kubeconfig text with a bearer token (TLS verified against the cluster CA). */
  kubeconfig(token?: string): string;
  /** Writes kubeconfig(token) to a file and returns its path. */
  kubeconfigFile(token?: string): string;
  loadBalancers: LoadBalancerWatcher;
  /** The tail of every component's output, for a failing test's message. */
  logs(): string;
  /** The process ids of etcd, the API server, the controllers and kwok. */
  pids(): number[];
  /** Its working folder (certificates, etcd's data), removed by stop(). */
  dir: string;
  stop(): Promise<void>;
}

export interface ControlPlaneOptions {
  loadBalancers?: LoadBalancerWatcherOptions;
  /** Overall bound on start-up (default 3 minutes: a loaded machine is slow). */
  startTimeoutMs?: number;
}

const running = new Set<ManagedProcess>();
let exitHookInstalled = false;

function kubeconfigText(server: string, caCert: string, user: Record<string, string>): string {
  const lines = [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "- name: test",
    "  cluster:",
    `    server: ${server}`,
    `    certificate-authority-data: ${Buffer.from(caCert).toString("base64")}`,
    "users:",
    "- name: test",
    "  user:",
    ...Object.entries(user).map(([k, v]) => `    ${k}: ${v}`),
    "contexts:",
    "- name: test",
    "  context:",
    "    cluster: test",
    "    user: test",
    "current-context: test",
    "",
  ];
  return lines.join("\n");
}

/** GET over HTTPS; resolves with the status code (0 when nothing answers). */
function httpsStatus(url: string, options: { ca?: string; token?: string }): Promise<number> {
  return new Promise((done) => {
    const req = request(
      url,
      {
        ...(options.ca ? { ca: options.ca } : { rejectUnauthorized: false }),
        headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
        timeout: 5_000,
      },
      (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => done(0));
    req.end();
  });
}

async function until(what: string, deadline: number, check: () => Promise<boolean>): Promise<void> {
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the test control plane did not become ready: still waiting for ${what}`);
}

export async function startKubeControlPlane(options: ControlPlaneOptions = {}): Promise<KubeControlPlane> {
  const bin = kubeBinDir();
  if (!kubeBinariesPresent()) {
    throw new Error(`the Kubernetes control plane is not built (${bin}): run \`bash scripts/kube/build.sh\``);
  }
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const p of running) p.child.kill("SIGKILL");
    });
  }
  const deadline = Date.now() + (options.startTimeoutMs ?? 180_000);
  const dir = tempDir("kube");
  const certs = makeCerts(dir);
  const caCert = readFileSync(certs.caCert, "utf8");
  // Each component is told the others' ports on its command line before any of
  // them starts, so none can bind port 0 and report: freed ports, the one case for them.
  const [etcdPort, peerPort, apiPort, cmPort, schedulerPort, kwokPort] = (await Promise.all(
    Array.from({ length: 6 }, () => freePort()),
  )) as [number, number, number, number, number, number];
  const url = `https://127.0.0.1:${apiPort}`;
  writeFileSync(
    join(dir, "tokens.csv"),
    `${TOKENS.admin},msdemo-admin,1000,"system:masters"\n${TOKENS.nobody},msdemo-nobody,1001\n`,
  );
  const clientKubeconfig = (name: string) => {
    const path = join(dir, `${name}.kubeconfig`);
    const client = certs.clients[name]!;
    writeFileSync(
      path,
      kubeconfigText(url, caCert, { "client-certificate": client.cert, "client-key": client.key }),
    );
    return path;
  };

  const processes: ManagedProcess[] = [];
  const spawn = (name: string, args: string[]) => {
    const p = startProcess("setpriv", ["--pdeathsig", "KILL", "--", join(bin, name), ...args], {
      env: { ...process.env },
    });
    processes.push(p);
    running.add(p);
    p.child.once("exit", () => running.delete(p));
    return p;
  };
  const logs = () =>
    processes.map((p) => `--- ${p.child.spawnargs[4]} ---\n${p.output().slice(-3_000)}`).join("\n");
  const stopAll = async () => {
    // Components first, etcd last, so none logs a storm of storage errors.
    const etcd = processes[0];
    await Promise.all(processes.slice(1).map((p) => p.stop()));
    await etcd?.stop();
  };

  let watcher: LoadBalancerWatcher | undefined;
  try {
    const etcd = spawn("etcd", [
      "--name=default",
      `--data-dir=${join(dir, "etcd")}`,
      `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
      `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-cluster=default=http://127.0.0.1:${peerPort}`,
      // A throwaway store: no fsync, so a loaded disk does not slow every write.
      "--unsafe-no-fsync",
      "--log-level=error",
    ]);
    await waitForPort(etcdPort, Math.max(1, deadline - Date.now()), etcd.child);

    const api = spawn("kube-apiserver", [
      `--etcd-servers=http://127.0.0.1:${etcdPort}`,
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      `--secure-port=${apiPort}`,
      `--cert-dir=${dir}`,
      `--tls-cert-file=${certs.serverCert}`,
      `--tls-private-key-file=${certs.serverKey}`,
      `--client-ca-file=${certs.caCert}`,
      `--token-auth-file=${join(dir, "tokens.csv")}`,
      "--authorization-mode=RBAC",
      `--service-account-key-file=${certs.serviceAccountPub}`,
      `--service-account-signing-key-file=${certs.serviceAccountKey}`,
      "--service-account-issuer=https://kubernetes.default.svc",
      "--service-cluster-ip-range=10.96.0.0/16",
      // The apiserver refuses a loopback address as the `kubernetes` Service's endpoint.
      "--endpoint-reconciler-type=none",
      "--profiling=false",
      "--v=0",
    ]);
    await until("kube-apiserver /readyz", deadline, async () => {
      if (api.child.exitCode !== null) throw new Error("kube-apiserver exited");
      return (await httpsStatus(`${url}/readyz`, { ca: caCert, token: TOKENS.admin })) === 200;
    });

    const cm = spawn("kube-controller-manager", [
      `--kubeconfig=${clientKubeconfig("controller-manager")}`,
      "--bind-address=127.0.0.1",
      `--secure-port=${cmPort}`,
      `--cert-dir=${dir}`,
      "--leader-elect=false",
      `--service-account-private-key-file=${certs.serviceAccountKey}`,
      `--root-ca-file=${certs.caCert}`,
      "--use-service-account-credentials=true",
      "--cluster-name=msdemo-test",
      "--profiling=false",
    ]);
    const scheduler = spawn("kube-scheduler", [
      `--kubeconfig=${clientKubeconfig("scheduler")}`,
      "--bind-address=127.0.0.1",
      `--secure-port=${schedulerPort}`,
      `--cert-dir=${dir}`,
      "--leader-elect=false",
      "--profiling=false",
    ]);
    const stages = join(bin, "stages");
    spawn("kwok", [
      `--kubeconfig=${clientKubeconfig("kwok")}`,
      "--manage-all-nodes=false",
      "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
      `--server-address=127.0.0.1:${kwokPort}`,
      "--cidr=10.0.0.1/16",
      "--node-ip=10.0.0.1",
      ...["node-initialize", "node-heartbeat", "pod-ready", "pod-complete", "pod-delete"].map(
        (stage) => `--config=${join(stages, `${stage}.yaml`)}`,
      ),
    ]);

    const config = new KubeConfig();
    config.loadFromString(kubeconfigText(url, caCert, { token: TOKENS.admin }));
    const core = config.makeApiClient(CoreV1Api);
    for (const name of NODES) {
      await core.createNode({
        body: {
          metadata: {
            name,
            annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
            labels: { "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", type: "kwok" },
          },
          status: {
            allocatable: { cpu: "32", memory: "256Gi", pods: "110" },
            capacity: { cpu: "32", memory: "256Gi", pods: "110" },
          },
        },
      });
    }
    await until("the kwok nodes to be Ready", deadline, async () => {
      const nodes = (await core.listNode()).items;
      return (
        nodes.length === NODES.length &&
        nodes.every((n) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"))
      );
    });
    await until("kube-controller-manager and kube-scheduler /healthz", deadline, async () => {
      if (cm.child.exitCode !== null || scheduler.child.exitCode !== null) throw new Error("exited");
      const codes = await Promise.all(
        [cmPort, schedulerPort].map((port) => httpsStatus(`https://127.0.0.1:${port}/healthz`, {})),
      );
      return codes.every((c) => c === 200);
    });
    await until("the default ServiceAccount (the controllers at work)", deadline, async () => {
      await core.readNamespacedServiceAccount({ name: "default", namespace: "default" });
      return true;
    });

    watcher = startLoadBalancerWatcher(config, options.loadBalancers);
    const files: string[] = [];
    const plane: KubeControlPlane = {
      url,
      caCert,
      config,
      kubeconfig: (token = TOKENS.admin) => kubeconfigText(url, caCert, { token }),
      kubeconfigFile(token = TOKENS.admin) {
        const path = join(tempDir("kubeconfig"), "config");
        writeFileSync(path, plane.kubeconfig(token));
        files.push(path);
        return path;
      },
      loadBalancers: watcher,
      logs,
      pids: () => processes.map((p) => p.child.pid!).filter(Boolean),
      dir,
      async stop() {
        await watcher?.stop();
        await stopAll();
        for (const path of [dir, ...files.map((f) => dirname(f))])
          rmSync(path, { recursive: true, force: true });
      },
    };
    return plane;
  } catch (error) {
    const output = logs();
    await watcher?.stop();
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${output}`);
  }
}
