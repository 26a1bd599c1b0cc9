// A FAKE Kubernetes API server, for tests only. No real API server can be
// installed here, so this in-memory HTTP server speaks the small part of the
// REST protocol msdemo uses: discovery, server-side apply (PATCH
// application/apply-patch+yaml), GET, LIST with labelSelector, DELETE,
// Deployment status, LoadBalancer ingress filled after a delay, pods, pod logs
// and events. It is not Kubernetes: no validation, no controllers beyond these.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "yaml";

type Obj = {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown> & { name: string; namespace?: string };
  [k: string]: unknown;
};

const RESOURCES: Record<string, { group: string; kind: string; namespaced: boolean }[]> = {
  v1: [
    { group: "v1", kind: "Namespace", namespaced: false },
    { group: "v1", kind: "Secret", namespaced: true },
    { group: "v1", kind: "Service", namespaced: true },
    { group: "v1", kind: "Pod", namespaced: true },
    { group: "v1", kind: "Event", namespaced: true },
  ],
  "apps/v1": [{ group: "apps/v1", kind: "Deployment", namespaced: true }],
  "autoscaling/v2": [{ group: "autoscaling/v2", kind: "HorizontalPodAutoscaler", namespaced: true }],
};

const plural = (kind: string) =>
  kind === "HorizontalPodAutoscaler" ? "horizontalpodautoscalers" : `${kind.toLowerCase()}s`;

export type PodTrouble = "ImagePullBackOff" | "CrashLoopBackOff" | "Pending";

export interface FakeKubeOptions {
  /** Milliseconds before a Deployment reports its pods ready. */
  readyAfterMs?: number;
  /** Milliseconds before a LoadBalancer Service gets its hostname. */
  loadBalancerAfterMs?: number;
  /** Pods of these Deployments never get ready, for this reason. */
  trouble?: Record<string, PodTrouble>;
}

export interface FakeKubeApi {
  url: string;
  /** Bearer tokens the server saw. */
  tokens: string[];
  /** Every request as `METHOD path`. */
  requests: string[];
  objects(): Obj[];
  get(kind: string, name: string, namespace?: string): Obj | undefined;
  /** A kubeconfig file's text pointing at this server. */
  kubeconfig(token?: string): string;
  stop(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function notFound(res: ServerResponse, what: string): void {
  send(res, 404, {
    kind: "Status",
    apiVersion: "v1",
    status: "Failure",
    reason: "NotFound",
    code: 404,
    message: `${what} not found`,
  });
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    req.on("data", (c: Buffer) => {
      text += c.toString();
    });
    req.on("end", () => resolve(text));
  });
}

/** What an apply sets (so a re-apply of the same thing changes nothing). */
function desired(o: Obj): string {
  const { status: _s, ...rest } = o;
  return JSON.stringify({
    ...rest,
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace, labels: o.metadata.labels },
  });
}

export async function startFakeKubeApi(options: FakeKubeOptions = {}): Promise<FakeKubeApi> {
  const store = new Map<string, Obj & { applied: string; createdAt: number }>();
  const tokens: string[] = [];
  const requests: string[] = [];
  let version = 1;
  const key = (kind: string, name: string, ns?: string) => `${kind}/${ns ?? ""}/${name}`;
  const trouble = options.trouble ?? {};

  const withStatus = (o: Obj & { createdAt: number }): Obj => {
    const age = Date.now() - o.createdAt;
    if (o.kind === "Deployment") {
      const spec = o.spec as { replicas?: number };
      const ready =
        age >= (options.readyAfterMs ?? 0) && !trouble[o.metadata.name] ? (spec.replicas ?? 1) : 0;
      return {
        ...o,
        status: {
          observedGeneration: o.metadata.generation,
          replicas: spec.replicas,
          updatedReplicas: ready,
          readyReplicas: ready,
          availableReplicas: ready,
        },
      };
    }
    if (
      o.kind === "Service" &&
      (o.spec as { type?: string }).type === "LoadBalancer" &&
      age >= (options.loadBalancerAfterMs ?? 0)
    ) {
      return {
        ...o,
        status: {
          loadBalancer: {
            ingress: [
              { hostname: `a${o.metadata.name.replace(/-/g, "")}-1234567890.us-east-1.elb.amazonaws.com` },
            ],
          },
        },
      };
    }
    return o;
  };

  const pods = (ns: string): Obj[] =>
    [...store.values()]
      .filter((o) => o.kind === "Deployment" && o.metadata.namespace === ns)
      .flatMap((d) => {
        const app = d.metadata.name;
        const problem = trouble[app];
        return [0, 1].map((i) => ({
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: `${app}-pod${i}`, namespace: ns, labels: { app } },
          status: {
            phase: problem === "Pending" ? "Pending" : "Running",
            containerStatuses:
              problem && problem !== "Pending"
                ? [
                    {
                      name: app,
                      ready: false,
                      state: {
                        waiting: {
                          reason: problem,
                          message:
                            problem === "ImagePullBackOff" ? "Back-off pulling image" : "back-off restarting",
                        },
                      },
                    },
                  ]
                : [{ name: app, ready: !problem, state: { running: {} } }],
          },
        }));
      });

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    requests.push(`${req.method} ${url.pathname}`);
    const auth = req.headers.authorization;
    if (auth?.startsWith("Bearer ")) tokens.push(auth.slice(7));
    const path = url.pathname;
    if (path === "/api") return send(res, 200, { kind: "APIVersions", versions: ["v1"] });
    if (path === "/apis") return send(res, 200, { kind: "APIGroupList", groups: [] });
    for (const [gv, list] of Object.entries(RESOURCES)) {
      const prefix = gv === "v1" ? "/api/v1" : `/apis/${gv}`;
      if (path === prefix) {
        return send(res, 200, {
          kind: "APIResourceList",
          groupVersion: gv,
          resources: list.map((r) => ({
            name: plural(r.kind),
            kind: r.kind,
            namespaced: r.namespaced,
            verbs: ["get", "list", "patch", "delete"],
          })),
        });
      }
    }
    const m =
      /^\/(?:api\/v1|apis\/([\w.]+\/\w+))(?:\/namespaces\/([^/]+))?\/(\w+)(?:\/([^/]+))?(?:\/(log))?$/.exec(
        path,
      );
    // A namespace itself: /api/v1/namespaces/<name>
    const nsOnly = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(path);
    let kind: string | undefined;
    let ns: string | undefined;
    let name: string | undefined;
    if (nsOnly) {
      kind = "Namespace";
      name = nsOnly[1];
    } else if (m) {
      const all = Object.values(RESOURCES).flat();
      kind = all.find((r) => plural(r.kind) === m[3])?.kind;
      ns = m[2];
      name = m[4];
      if (m[5] === "log" && kind === "Pod") {
        const pod = pods(ns ?? "").find((p) => p.metadata.name === name);
        if (!pod) return notFound(res, `pod ${name}`);
        res.writeHead(200, { "content-type": "text/plain" });
        return res.end(`listening on 3000\nrequest served by ${name}\n`);
      }
    }
    if (!kind) return notFound(res, path);
    if (req.method === "PATCH" && name) {
      const text = await body(req);
      const applied = parse(text) as Obj;
      const k = key(kind, name, ns);
      const existing = store.get(k);
      const wanted = desired(applied);
      if (existing && existing.applied === wanted) return send(res, 200, withStatus(existing));
      const generation = existing ? Number(existing.metadata.generation ?? 1) + 1 : 1;
      const object = {
        ...applied,
        metadata: {
          ...applied.metadata,
          namespace: ns,
          resourceVersion: String(++version),
          generation,
          managedFields: [{ manager: url.searchParams.get("fieldManager") ?? "" }],
        },
        applied: wanted,
        createdAt: existing?.createdAt ?? Date.now(),
      };
      store.set(k, object);
      return send(res, existing ? 200 : 201, withStatus(object));
    }
    if (req.method === "GET" && kind === "Pod" && !name)
      return send(res, 200, { kind: "PodList", items: pods(ns ?? "").filter((p) => matches(p, url)) });
    if (req.method === "GET" && kind === "Event" && !name) {
      const about = url.searchParams.get("fieldSelector")?.replace("involvedObject.name=", "");
      const items = pods(ns ?? "")
        .filter((p) => p.metadata.name === about && (p.status as { phase: string }).phase === "Pending")
        .map((p) => ({
          metadata: { name: `${p.metadata.name}.evt` },
          message: "0/2 nodes are available: 2 Insufficient cpu.",
        }));
      return send(res, 200, { kind: "EventList", items });
    }
    if (req.method === "GET" && !name) {
      const items = [...store.values()]
        .filter((o) => o.kind === kind && (!ns || o.metadata.namespace === ns))
        .map(withStatus)
        .filter((o) => matches(o, url));
      return send(res, 200, { kind: `${kind}List`, items });
    }
    if (req.method === "GET" && name) {
      const found = store.get(key(kind, name, ns));
      return found ? send(res, 200, withStatus(found)) : notFound(res, `${kind} ${name}`);
    }
    if (req.method === "DELETE" && name) {
      const k = key(kind, name, ns);
      const found = store.get(k);
      if (!found) return notFound(res, `${kind} ${name}`);
      store.delete(k);
      if (kind === "Namespace")
        for (const [other, o] of store) if (o.metadata.namespace === name) store.delete(other);
      return send(res, 200, { kind: "Status", status: "Success" });
    }
    return send(res, 405, { kind: "Status", message: `${req.method} not supported by the fake` });
  });

  function matches(o: Obj, url: URL): boolean {
    const selector = url.searchParams.get("labelSelector");
    if (!selector) return true;
    const labels = (o.metadata.labels ?? {}) as Record<string, string>;
    return selector.split(",").every((pair) => {
      const [k, v] = pair.split("=");
      return labels[k ?? ""] === v;
    });
  }

  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    tokens,
    requests,
    objects: () => [...store.values()].map(withStatus),
    get: (kind, name, namespace) => {
      const o = store.get(key(kind, name, namespace));
      return o && withStatus(o);
    },
    kubeconfig: (token = "fake-token") =>
      `apiVersion: v1\nkind: Config\nclusters:\n- name: fake\n  cluster:\n    server: ${url}\n    insecure-skip-tls-verify: true\nusers:\n- name: fake\n  user:\n    token: ${token}\ncontexts:\n- name: fake\n  context:\n    cluster: fake\n    user: fake\ncurrent-context: fake\n`,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
