// `msdemo logs SERVICE`: the logs of a service's pods, each line prefixed with
// its pod's name, like `kubectl logs -l app=… --prefix`. The log endpoint is
// read with node:http(s) and the KubeConfig's own TLS and auth options, so an
// abort or a dropped connection ends the stream cleanly.
import http from "node:http";
import https from "node:https";
import { CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import { MsdemoError } from "../errors.js";
import { t } from "../i18n/index.js";
import { explainKubeError } from "./errors.js";

export interface LogOptions {
  namespace: string;
  /** The pods' `app` label: the Deployment's name, e.g. `auth-service`. */
  app: string;
  /** Only lines newer than this many seconds. */
  sinceSeconds?: number;
  /** Only the last lines of each pod (before following). */
  tailLines?: number;
  /** Keep streaming new lines until the signal aborts (or the pods go away). */
  follow: boolean;
  signal?: AbortSignal;
  /** One log line, already prefixed: `[pod-name] text`. */
  onLine: (line: string) => void;
}

function logQuery(options: LogOptions): string {
  const query = new URLSearchParams();
  if (options.follow) query.set("follow", "true");
  if (options.sinceSeconds !== undefined) query.set("sinceSeconds", String(options.sinceSeconds));
  if (options.tailLines !== undefined) query.set("tailLines", String(options.tailLines));
  return query.toString();
}

/** Splits a byte stream into lines, calling `onLine` for each complete one. */
function lineSplitter(onLine: (text: string) => void) {
  let rest = "";
  return {
    push(chunk: string) {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) onLine(line.replace(/\r$/, ""));
    },
    flush() {
      if (rest) onLine(rest);
      rest = "";
    },
  };
}

async function streamPodLog(config: KubeConfig, pod: string, options: LogOptions): Promise<void> {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new MsdemoError(t("kube.logs.noCluster"));
  const path = `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/pods/${encodeURIComponent(pod)}/log`;
  const url = new URL(`${cluster.server.replace(/\/$/, "")}${path}?${logQuery(options)}`);
  const requestOptions: https.RequestOptions = { method: "GET", headers: {} };
  await config.applyToHTTPSOptions(requestOptions);
  const send = url.protocol === "http:" ? http.request : https.request;
  const split = lineSplitter((text) => options.onLine(`[${pod}] ${text}`));

  await new Promise<void>((resolve, reject) => {
    const request = send(
      url,
      { ...requestOptions, ...(options.signal ? { signal: options.signal } : {}) },
      (response) => {
        response.setEncoding("utf8");
        if (response.statusCode !== 200) {
          let body = "";
          response.on("data", (chunk: string) => {
            body += chunk;
          });
          response.on("end", () => {
            const message = (() => {
              try {
                return (JSON.parse(body) as { message?: string }).message;
              } catch {
                return body.trim();
              }
            })();
            reject(
              new MsdemoError(
                t("kube.logs.readFailed", {
                  pod,
                  status: String(response.statusCode),
                  detail: message ? ` — ${message}` : "",
                }),
              ),
            );
          });
          return;
        }
        response.on("data", (chunk: string) => split.push(chunk));
        // A follow stream cut by an abort or a lost connection: keep what was read.
        const finish = () => {
          split.flush();
          resolve();
        };
        response.on("error", finish);
        response.on("close", finish);
      },
    );
    request.on("error", (error) => {
      if (options.signal?.aborted) resolve();
      else reject(explainKubeError(error, t("kube.doing.readLog", { pod })));
    });
    request.end();
  });
}

/** Streams (or prints once) the logs of every pod of the service; returns the pods' names. */
export async function podLogs(config: KubeConfig, options: LogOptions): Promise<string[]> {
  const core = config.makeApiClient(CoreV1Api);
  const list = await core
    .listNamespacedPod({ namespace: options.namespace, labelSelector: `app=${options.app}` })
    .catch((error: unknown) =>
      Promise.reject(explainKubeError(error, t("kube.doing.listPods", { app: options.app }))),
    );
  const pods = list.items.flatMap((p) => (p.metadata?.name ? [p.metadata.name] : [])).sort();
  if (options.follow) {
    await Promise.all(pods.map((pod) => streamPodLog(config, pod, options)));
  } else {
    // One pod after the other, so each pod's lines stay together.
    for (const pod of pods) await streamPodLog(config, pod, options);
  }
  return pods;
}
