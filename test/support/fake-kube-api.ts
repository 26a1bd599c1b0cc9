// A FAKE Kubernetes API server, for tests only: for what the real control
// plane (kube-control-plane.ts) cannot show quickly — image pull errors, crash
// loops and failing readiness probes (kwok makes every pod Ready), pod logs
// (there is no kubelet), and which bearer tokens arrived. This in-memory server
// (plain HTTP, or HTTPS with a certificate the test supplies) speaks the part
// of the REST protocol msdemo uses: discovery, server-side apply (PATCH application/apply-patch+yaml, with
// resourceVersion and generation bumped only on a real change), GET, LIST with
// labelSelector/fieldSelector, DELETE (Services wait for their "cloud" load
// balancer, namespaces terminate then vanish with their contents), a toy
// Deployment controller making pods, a toy cloud provider giving LoadBalancer
// Services a hostname, pod logs (with follow), events, and a bearer-token check.
// It is NOT Kubernetes: no schema validation, no real field ownership merge.
import { randomBytes } from "node:crypto";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { isDeepStrictEqual } from "node:util";
import { parse } from "yaml";

export interface FakeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    resourceVersion?: string;
    generation?: number;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export type PodTrouble = "ImagePullBackOff" | "CrashLoopBackOff" | "Pending" | "Unready";
/** `manual`: only when the test calls markReady / provisionLoadBalancers. */
type Delay = number | "manual";

export interface FakeKubeOptions {
  /** After this long a Deployment's pods are ready (default 0). */
  readyAfterMs?: Delay;
  /** After this long a LoadBalancer Service gets its hostname (default 0). */
  loadBalancerAfterMs?: Delay;
  /** How long the fake cloud takes to delete a load balancer (default 0). */
  loadBalancerDeleteMs?: number;
  /** How long a namespace stays Terminating (default 0). */
  namespaceDeleteMs?: Delay;
  /** Pods of these Deployments never get ready, for this reason. */
  trouble?: Record<string, PodTrouble>;
  /** Only these bearer tokens are accepted (default: any non-empty token). */
  acceptToken?: (token: string) => boolean;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  /** The hostname the toy cloud gives a Service (default: a classic-ELB-like name), e.g. an NLB made in moto. */
  loadBalancerHostname?: (service: string) => string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
}

export interface FakeKubeApi {
  url: string;
  /** Bearer tokens the server saw, in order. */
  tokens: string[];
  /** Every request, in order. */
  requests: RecordedRequest[];
  /** Field managers of every apply, with its force flag. */
  applies: { kind: string; name: string; fieldManager: string; force: boolean }[];
  /** A timeline of what the fake did (`lb-deleted <host>`, `DELETE <path>`…), for order checks. */
  timeline: string[];
  /** What was applied (namespaces, Secrets, Deployments, Services, HPAs): not the pods or events it made. */
  objects(): FakeObject[];
  get(kind: string, name: string, namespace?: string): FakeObject | undefined;
  pods(namespace: string, app?: string): FakeObject[];
  /** Load balancers the fake cloud still lists (hostnames). */
  cloudLoadBalancers(): string[];
  /** Makes the pods of a Deployment ready now (with readyAfterMs "manual"). */
  markReady(deployment: string): void;
  /** Sets a Deployment's replica count as an HPA would (another field manager), and reconciles its pods. */
  scale(deployment: string, namespace: string, replicas: number): void;
  /** Sets an object's status as its controller would (an HPA fed by metrics-server). */
  setStatus(kind: string, name: string, namespace: string, status: Record<string, unknown>): void;
  /** Gives every pending LoadBalancer Service its hostname now. */
  provisionLoadBalancers(): void;
  /** Ends every Terminating namespace now (with namespaceDeleteMs "manual"). */
  finishNamespaceDeletions(): void;
  /** Appends a line to a pod's log (followers receive it). */
  appendLog(pod: string, line: string): void;
  /** Ends every follow stream. */
  endLogStreams(): void;
  /** A kubeconfig text pointing at this server with a static token. */
  kubeconfig(token?: string): string;
  stop(): Promise<void>;
}

interface ResourceType {
  groupVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

const TYPES: ResourceType[] = [
  { groupVersion: "v1", kind: "Namespace", plural: "namespaces", namespaced: false },
  { groupVersion: "v1", kind: "Secret", plural: "secrets", namespaced: true },
  { groupVersion: "v1", kind: "Service", plural: "services", namespaced: true },
  { groupVersion: "v1", kind: "Pod", plural: "pods", namespaced: true },
  { groupVersion: "v1", kind: "Event", plural: "events", namespaced: true },
  { groupVersion: "apps/v1", kind: "Deployment", plural: "deployments", namespaced: true },
  {
    groupVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    plural: "horizontalpodautoscalers",
    namespaced: true,
  },
];
const CONTROLLER_KINDS = new Set(["Pod", "Event"]);
const SERVER_METADATA = [
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "managedFields",
  "deletionTimestamp",
  "finalizers",
];

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  send(res, code, {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    reason,
    message,
    code,
  });
}

function send(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      text += chunk;
    });
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}

const clone = <T>(value: T): T => structuredClone(value);

/** `a=b,c=d` equality selectors, as kubectl writes them. */
function selectorMatches(selector: string | null, fields: Record<string, string | undefined>): boolean {
  if (!selector) return true;
  return selector.split(",").every((term) => {
    const [k, v] = term.split("=");
    return fields[k ?? ""] === v;
  });
}

/** The part of an object an apply sets: everything but server metadata and status. */
function content(o: FakeObject): unknown {
  const { status: _s, metadata, ...rest } = o;
  const meta = Object.fromEntries(Object.entries(metadata).filter(([k]) => !SERVER_METADATA.includes(k)));
  return { ...rest, metadata: meta };
}

export async function startFakeKubeApi(options: FakeKubeOptions = {}): Promise<FakeKubeApi> {
  const store = new Map<string, FakeObject>();
  const logs = new Map<string, string[]>();
  const previousLogs = new Map<string, string[]>();
  const followers = new Map<string, Set<ServerResponse>>();
  const cloud = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const trouble = { ...(options.trouble ?? {}) };
  const tokens: string[] = [];
  const requests: RecordedRequest[] = [];
  const applies: FakeKubeApi["applies"] = [];
  const timeline: string[] = [];
  let version = 100;
  let uid = 0;

  const key = (kind: string, namespace: string | undefined, name: string) =>
    `${kind}/${namespace ?? ""}/${name}`;
  const later = (ms: Delay | undefined, action: () => void) => {
    if (ms === "manual") return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms ?? 0);
    timers.add(timer);
  };
  const bump = (o: FakeObject) => {
    o.metadata.resourceVersion = String(++version);
  };
  const put = (o: FakeObject) => store.set(key(o.kind, o.metadata.namespace, o.metadata.name), o);
  const find = (kind: string, namespace: string | undefined, name: string) =>
    store.get(key(kind, namespace, name));
  const all = (kind: string, namespace?: string) =>
    [...store.values()].filter(
      (o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace),
    );

  function newMetadata(name: string, namespace: string | undefined) {
    return {
      name,
      ...(namespace ? { namespace } : {}),
      uid: `uid-${++uid}`,
      resourceVersion: String(++version),
      creationTimestamp: new Date().toISOString(),
    };
  }

  function addEvent(namespace: string, about: FakeObject, type: string, reason: string, message: string) {
    const event: FakeObject = {
      apiVersion: "v1",
      kind: "Event",
      metadata: newMetadata(`${about.metadata.name}.${randomBytes(4).toString("hex")}`, namespace),
      involvedObject: { kind: about.kind, name: about.metadata.name, namespace },
      type,
      reason,
      message,
      lastTimestamp: new Date().toISOString(),
    };
    put(event);
  }

  // ---- the toy Deployment controller: pods per replica, ready after a delay ----
  function podStatus(app: string, ready: boolean): Record<string, unknown> {
    const problem = trouble[app];
    const waiting = (reason: string, message: string) => ({
      phase: "Pending",
      containerStatuses: [
        {
          name: app,
          ready: false,
          restartCount: 0,
          image: "",
          imageID: "",
          state: { waiting: { reason, message } },
        },
      ],
    });
    if (problem === "Pending")
      return { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False" }] };
    if (problem === "ImagePullBackOff")
      return waiting("ImagePullBackOff", 'Back-off pulling image "the-image"');
    if (problem === "CrashLoopBackOff") {
      return {
        phase: "Running",
        containerStatuses: [
          {
            name: app,
            ready: false,
            restartCount: 4,
            image: "",
            imageID: "",
            state: {
              waiting: { reason: "CrashLoopBackOff", message: "back-off 1m20s restarting failed container" },
            },
            lastState: { terminated: { exitCode: 1, reason: "Error" } },
          },
        ],
      };
    }
    const isReady = ready && problem !== "Unready";
    return {
      phase: "Running",
      containerStatuses: [
        { name: app, ready: isReady, restartCount: 0, image: "", imageID: "", state: { running: {} } },
      ],
    };
  }

  function deploymentStatus(d: FakeObject, ready: number) {
    const replicas = (d.spec as { replicas?: number }).replicas ?? 1;
    d.status = {
      observedGeneration: d.metadata.generation,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: ready,
      availableReplicas: ready,
    };
    bump(d);
  }

  function reconcileDeployment(d: FakeObject) {
    const namespace = d.metadata.namespace!;
    const app = d.metadata.name;
    const spec = d.spec as {
      replicas?: number;
      template: { metadata?: { labels?: Record<string, string> } };
    };
    for (const pod of all("Pod", namespace).filter((p) => p.metadata.ownerName === app)) {
      store.delete(key("Pod", namespace, pod.metadata.name));
    }
    const hash = randomBytes(4).toString("hex");
    const pods = Array.from({ length: spec.replicas ?? 1 }, () => {
      const name = `${app}-${hash}-${randomBytes(3).toString("hex")}`;
      const pod: FakeObject = {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          ...newMetadata(name, namespace),
          labels: { ...(spec.template.metadata?.labels ?? {}) },
          ownerName: app,
        },
        status: podStatus(app, false),
      };
      put(pod);
      logs.set(name, [`${app} listening on port 3000`, "database ready"]);
      if (trouble[app] === "CrashLoopBackOff") {
        previousLogs.set(name, [
          `${app} starting`,
          "Error: connect ECONNREFUSED 10.0.0.5:5432",
          "    at TCPConnectWrap",
        ]);
      }
      if (trouble[app] === "Pending") {
        addEvent(
          namespace,
          pod,
          "Warning",
          "FailedScheduling",
          "0/2 nodes are available: 2 Insufficient cpu.",
        );
      }
      if (trouble[app] === "ImagePullBackOff") {
        addEvent(namespace, pod, "Warning", "Failed", 'Failed to pull image "the-image": not found');
      }
      return pod;
    });
    deploymentStatus(d, 0);
    const generation = d.metadata.generation;
    later(options.readyAfterMs, () => {
      if (find("Deployment", namespace, app)?.metadata.generation === generation) makeReady(d, pods);
    });
  }

  function makeReady(d: FakeObject, pods: FakeObject[]) {
    if (trouble[d.metadata.name]) return;
    for (const pod of pods) {
      pod.status = podStatus(d.metadata.name, true);
      bump(pod);
    }
    deploymentStatus(d, pods.length);
  }

  // ---- the toy cloud provider: a hostname for LoadBalancer Services ----
  const hostnameFor = (service: string) =>
    options.loadBalancerHostname?.(service) ??
    `a${service.replace(/-/g, "")}-1234567890.us-east-1.elb.amazonaws.com`;

  function provision(service: FakeObject) {
    if (
      service.metadata.deletionTimestamp ||
      (service.status as { loadBalancer?: { ingress?: unknown[] } })?.loadBalancer?.ingress
    ) {
      return;
    }
    const hostname = hostnameFor(service.metadata.name);
    cloud.add(hostname);
    service.status = { loadBalancer: { ingress: [{ hostname }] } };
    service.metadata.finalizers = ["service.kubernetes.io/load-balancer-cleanup"];
    bump(service);
    timeline.push(`lb-created ${hostname}`);
  }

  function deleteService(service: FakeObject) {
    service.metadata.deletionTimestamp = new Date().toISOString();
    bump(service);
    const hostname = (service.status as { loadBalancer?: { ingress?: { hostname: string }[] } })?.loadBalancer
      ?.ingress?.[0]?.hostname;
    const gone = () => store.delete(key("Service", service.metadata.namespace, service.metadata.name));
    if (!hostname) return gone();
    // The cloud controller deletes the load balancer, then drops the finalizer.
    later(options.loadBalancerDeleteMs, () => {
      cloud.delete(hostname);
      timeline.push(`lb-deleted ${hostname}`);
      gone();
    });
  }

  function deleteNamespace(ns: FakeObject) {
    ns.metadata.deletionTimestamp = new Date().toISOString();
    ns.status = { phase: "Terminating" };
    bump(ns);
    later(options.namespaceDeleteMs, () => finishNamespace(ns.metadata.name));
  }

  function finishNamespace(name: string) {
    if (!find("Namespace", undefined, name)) return;
    for (const [k, o] of store) if (o.metadata.namespace === name) store.delete(k);
    store.delete(key("Namespace", undefined, name));
    timeline.push(`namespace-deleted ${name}`);
  }

  // ---- server-side apply ----
  async function apply(
    req: IncomingMessage,
    res: ServerResponse,
    type: ResourceType,
    ns: string | undefined,
    name: string,
    url: URL,
  ) {
    const contentType = req.headers["content-type"] ?? "";
    if (contentType !== "application/apply-patch+yaml") {
      return status(
        res,
        415,
        "UnsupportedMediaType",
        `the fake only takes server-side apply, not ${contentType}`,
      );
    }
    const fieldManager = url.searchParams.get("fieldManager");
    if (!fieldManager)
      return status(res, 422, "Invalid", "fieldManager: Required value: is required for apply patch");
    const applied = parse(await readBody(req)) as FakeObject;
    if (applied?.metadata?.name !== name || applied.kind !== type.kind) {
      return status(res, 400, "BadRequest", "the object's kind or name does not match the URL");
    }
    if (ns) {
      const namespace = find("Namespace", undefined, ns);
      if (!namespace) return status(res, 404, "NotFound", `namespaces "${ns}" not found`);
      if (namespace.metadata.deletionTimestamp) {
        return status(res, 403, "Forbidden", `namespace ${ns} is being terminated`);
      }
    }
    applies.push({ kind: type.kind, name, fieldManager, force: url.searchParams.get("force") === "true" });
    const wanted = clone(applied);
    wanted.metadata = { ...wanted.metadata, ...(ns ? { namespace: ns } : {}) };
    if (type.kind === "Secret" && wanted.stringData) {
      const stringData = wanted.stringData as Record<string, string>;
      wanted.data = {
        ...((wanted.data as object) ?? {}),
        ...Object.fromEntries(
          Object.entries(stringData).map(([k, v]) => [k, Buffer.from(v).toString("base64")]),
        ),
      };
      delete wanted.stringData;
    }
    const existing = find(type.kind, ns, name);
    if (!existing) {
      const created: FakeObject = {
        ...wanted,
        metadata: {
          ...wanted.metadata,
          ...newMetadata(name, ns),
          ...(wanted.spec ? { generation: 1 } : {}),
          managedFields: [{ manager: fieldManager, operation: "Apply", apiVersion: type.groupVersion }],
        },
      };
      if (type.kind === "Service") (created.spec as Record<string, unknown>).clusterIP = `10.100.0.${uid}`;
      if (type.kind === "Namespace") created.status = { phase: "Active" };
      put(created);
      if (type.kind === "Deployment") reconcileDeployment(created);
      if (type.kind === "Service" && (created.spec as { type?: string }).type === "LoadBalancer") {
        later(options.loadBalancerAfterMs, () => {
          const live = find("Service", ns, name);
          if (live) provision(live);
        });
      }
      return send(res, 201, created);
    }
    // Server-assigned fields survive an apply, as fields owned by other managers would.
    if (type.kind === "Service") {
      (wanted.spec as Record<string, unknown>).clusterIP = (
        existing.spec as Record<string, unknown>
      ).clusterIP;
    }
    const specChanged = !isDeepStrictEqual(wanted.spec, existing.spec);
    if (!isDeepStrictEqual(content(wanted), content(existing))) {
      const serverMeta = Object.fromEntries(
        Object.entries(existing.metadata).filter(([k]) => SERVER_METADATA.includes(k)),
      );
      const updated: FakeObject = { ...wanted, metadata: { ...wanted.metadata, ...serverMeta } };
      if (existing.status) updated.status = existing.status;
      if (specChanged && updated.metadata.generation !== undefined) updated.metadata.generation += 1;
      bump(updated);
      put(updated);
      if (type.kind === "Deployment" && specChanged) reconcileDeployment(updated);
      return send(res, 200, updated);
    }
    return send(res, 200, existing);
  }

  function serveLog(res: ServerResponse, podName: string, url: URL) {
    const previous = url.searchParams.get("previous") === "true";
    let lines = (previous ? previousLogs.get(podName) : logs.get(podName)) ?? [];
    if (previous && !previousLogs.has(podName)) {
      return status(res, 400, "BadRequest", `previous terminated container in pod "${podName}" not found`);
    }
    const tail = url.searchParams.get("tailLines");
    if (tail) lines = lines.slice(-Number(tail));
    res.writeHead(200, { "content-type": "text/plain" });
    res.write(lines.map((l) => `${l}\n`).join(""));
    if (url.searchParams.get("follow") !== "true") return res.end();
    const set = followers.get(podName) ?? new Set();
    set.add(res);
    followers.set(podName, set);
    res.on("close", () => set.delete(res));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(req.headers["content-type"] ? { contentType: req.headers["content-type"] } : {}),
    });
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (token) tokens.push(token);
    if (!token || !(options.acceptToken ?? (() => true))(token)) {
      return status(res, 401, "Unauthorized", "Unauthorized");
    }
    const path = url.pathname.replace(/\/$/, "");
    if (path === "/api") return send(res, 200, { kind: "APIVersions", versions: ["v1"] });
    if (path === "/apis") {
      const groups = [...new Set(TYPES.map((t) => t.groupVersion).filter((gv) => gv.includes("/")))].map(
        (gv) => {
          const [name, version] = gv.split("/");
          const v = { groupVersion: gv, version };
          return { name, versions: [v], preferredVersion: v };
        },
      );
      return send(res, 200, { kind: "APIGroupList", apiVersion: "v1", groups });
    }
    for (const gv of new Set(TYPES.map((t) => t.groupVersion))) {
      if (path === (gv === "v1" ? "/api/v1" : `/apis/${gv}`)) {
        const resources = TYPES.filter((t) => t.groupVersion === gv).map((t) => ({
          name: t.plural,
          singularName: t.kind.toLowerCase(),
          kind: t.kind,
          namespaced: t.namespaced,
          verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
        }));
        if (gv === "v1")
          resources.push({ ...resources.find((r) => r.kind === "Pod")!, name: "pods/log", verbs: ["get"] });
        return send(res, 200, { kind: "APIResourceList", apiVersion: "v1", groupVersion: gv, resources });
      }
    }
    const m =
      /^\/(?:api\/(v1)|apis\/([\w.-]+\/\w+))(?:\/namespaces\/([^/]+))?\/([a-z]+)(?:\/([^/]+))?(?:\/(log))?$/.exec(
        path,
      );
    // `/api/v1/namespaces/<name>` is the namespace object itself.
    const nsObject = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(path);
    const groupVersion = m ? (m[1] ?? m[2]) : undefined;
    const type = nsObject
      ? TYPES[0]
      : TYPES.find((t) => t.groupVersion === groupVersion && t.plural === m?.[4]);
    if (!type) return status(res, 404, "NotFound", `the fake does not serve ${path}`);
    const ns = nsObject ? undefined : m?.[3];
    const name = nsObject ? decodeURIComponent(nsObject[1]!) : m?.[5] && decodeURIComponent(m[5]);

    if (m?.[6] === "log") {
      if (!find("Pod", ns, name ?? "")) return status(res, 404, "NotFound", `pods "${name}" not found`);
      return serveLog(res, name!, url);
    }
    if (method === "PATCH" && name) return apply(req, res, type, ns, name, url);
    if (method === "GET" && name) {
      const found = find(type.kind, ns, name);
      return found
        ? send(res, 200, found)
        : status(res, 404, "NotFound", `${type.plural} "${name}" not found`);
    }
    if (method === "GET") {
      const labels = url.searchParams.get("labelSelector");
      const fields = url.searchParams.get("fieldSelector");
      const items = all(type.kind, ns).filter(
        (o) =>
          selectorMatches(labels, o.metadata.labels ?? {}) &&
          selectorMatches(fields, {
            "metadata.name": o.metadata.name,
            "involvedObject.kind": (o.involvedObject as { kind?: string } | undefined)?.kind,
            "involvedObject.name": (o.involvedObject as { name?: string } | undefined)?.name,
          }),
      );
      return send(res, 200, {
        kind: `${type.kind}List`,
        apiVersion: type.groupVersion,
        metadata: { resourceVersion: String(version) },
        items,
      });
    }
    if (method === "DELETE" && name) {
      const found = find(type.kind, ns, name);
      if (!found) return status(res, 404, "NotFound", `${type.plural} "${name}" not found`);
      if (found.metadata.deletionTimestamp && type.kind === "Namespace") {
        return status(
          res,
          409,
          "Conflict",
          `Operation cannot be fulfilled on namespaces "${name}": The system is ensuring all content is removed from this namespace.`,
        );
      }
      timeline.push(`DELETE ${path}`);
      if (type.kind === "Namespace") deleteNamespace(found);
      else if (type.kind === "Service") deleteService(found);
      else store.delete(key(type.kind, ns, name));
      return send(res, 200, found);
    }
    return status(res, 405, "MethodNotAllowed", `${method} ${path} is not supported by the fake`);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => status(res, 500, "InternalError", String(error)));
  };
  const server: Server = options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `${options.tls ? "https" : "http"}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const endLogStreams = () => {
    for (const set of followers.values()) for (const res of set) res.end();
    followers.clear();
  };

  return {
    url,
    tokens,
    requests,
    applies,
    timeline,
    objects: () => [...store.values()].filter((o) => !CONTROLLER_KINDS.has(o.kind)).map(clone),
    get: (kind, name, namespace) => {
      const found = find(kind, namespace, name);
      return found && clone(found);
    },
    pods: (namespace, app) =>
      all("Pod", namespace)
        .filter((p) => !app || p.metadata.labels?.app === app)
        .map(clone),
    cloudLoadBalancers: () => [...cloud],
    setStatus(kind, name, namespace, status) {
      const o = find(kind, namespace, name);
      if (!o) throw new Error(`no ${kind} ${namespace}/${name}`);
      const updated: FakeObject = { ...o, status };
      bump(updated);
      put(updated);
    },
    scale(deployment, namespace, replicas) {
      const d = find("Deployment", namespace, deployment);
      if (!d) throw new Error(`no Deployment ${namespace}/${deployment}`);
      const scaled: FakeObject = { ...d, spec: { ...(d.spec as object), replicas } };
      bump(scaled);
      put(scaled);
      reconcileDeployment(scaled);
    },
    markReady(deployment) {
      for (const d of all("Deployment").filter((o) => o.metadata.name === deployment)) {
        makeReady(
          d,
          all("Pod", d.metadata.namespace).filter((p) => p.metadata.ownerName === deployment),
        );
      }
    },
    provisionLoadBalancers() {
      for (const s of all("Service")) if ((s.spec as { type?: string }).type === "LoadBalancer") provision(s);
    },
    finishNamespaceDeletions() {
      for (const ns of all("Namespace")) if (ns.metadata.deletionTimestamp) finishNamespace(ns.metadata.name);
    },
    appendLog(pod, line) {
      logs.set(pod, [...(logs.get(pod) ?? []), line]);
      for (const res of followers.get(pod) ?? []) res.write(`${line}\n`);
    },
    endLogStreams,
    kubeconfig: (token = "fake-token") =>
      [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: fake",
        "  cluster:",
        `    server: ${url}`,
        "    insecure-skip-tls-verify: true",
        "users:",
        "- name: fake",
        "  user:",
        `    token: ${token}`,
        "contexts:",
        "- name: fake",
        "  context:",
        "    cluster: fake",
        "    user: fake",
        "current-context: fake",
        "",
      ].join("\n"),
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      endLogStreams();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
