// `msdemo logs SERVICE`: the pods' logs, each line prefixed by its pod's name.
import { Writable } from "node:stream";
import { CoreV1Api, type KubeConfig, Log } from "@kubernetes/client-node";

export interface LogOptions {
  namespace: string;
  app: string;
  sinceSeconds?: number;
  follow: boolean;
  write: (line: string) => void;
  signal?: AbortSignal;
}

function prefixed(pod: string, write: (line: string) => void): Writable {
  let rest = "";
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const lines = (rest + chunk.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) write(`${pod} ${line}\n`);
      done();
    },
    final(done) {
      if (rest) write(`${pod} ${rest}\n`);
      done();
    },
  });
}

export async function podLogs(config: KubeConfig, options: LogOptions): Promise<number> {
  const core = config.makeApiClient(CoreV1Api);
  const pods = (
    await core.listNamespacedPod({ namespace: options.namespace, labelSelector: `app=${options.app}` })
  ).items;
  const names = pods.map((p) => p.metadata?.name ?? "").filter(Boolean);
  if (!options.follow) {
    for (const name of names) {
      const text = await core.readNamespacedPodLog({
        name,
        namespace: options.namespace,
        ...(options.sinceSeconds ? { sinceSeconds: options.sinceSeconds } : {}),
      });
      const stream = prefixed(name, options.write);
      stream.end(String(text));
    }
    return names.length;
  }
  const log = new Log(config);
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const out = prefixed(name, options.write);
          out.on("finish", resolve);
          log
            .log(options.namespace, name, "", out, {
              follow: true,
              ...(options.sinceSeconds ? { sinceSeconds: options.sinceSeconds } : {}),
            })
            .then((controller) => options.signal?.addEventListener("abort", () => controller.abort()))
            .catch(reject);
        }),
    ),
  );
  return names.length;
}
