// CallLogs (step-harness.ts) over HTTP request logs, for the steps whose writes
// are not AWS SDK calls: the images step writes to a registry, the deploy step
// to the Kubernetes API. A request that writes is a POST, PUT, PATCH or DELETE.
import type { FakeKubeApi } from "./fake-kube-api.js";
import type { RegistryProxy } from "./registry.js";
import type { CallLog } from "./step-harness.js";

const WRITES = /^(POST|PUT|PATCH|DELETE) /;

/** A CallLog that reads `requests` live: `calls` grows as requests arrive, as the harness expects. */
function requestLog(requests: { method: string }[], path: (index: number) => string): CallLog {
  const log: CallLog = {
    get calls() {
      return requests.map((r, i) => `${r.method} ${path(i)}`);
    },
    mutating: () => log.calls.filter((c) => WRITES.test(c)),
    isMutating: (call) => WRITES.test(call),
    clear: () => {
      requests.length = 0;
    },
  };
  return log;
}

/** Every request the registry proxy passed on (blob uploads, manifest PUTs, HEADs…). */
export function registryRequests(proxy: RegistryProxy): CallLog {
  return requestLog(proxy.requests, (i) => proxy.requests[i]!.url.split("?")[0]!);
}

/** Every request the fake Kubernetes API server answered. */
export function kubeRequests(fake: FakeKubeApi): CallLog {
  return requestLog(fake.requests, (i) => fake.requests[i]!.path);
}
