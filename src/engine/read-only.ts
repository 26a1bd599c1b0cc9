// The guard that makes "plan shows every change up makes" hold by construction:
// a step's observe, outputs and inspect run inside `readOnly`, and the clients
// that can write (AWS SDK middleware, the Kubernetes and registry clients) call
// `assertMayWrite` before each write. A write there is a bug, and it throws.
import { AsyncLocalStorage } from "node:async_hooks";

const phase = new AsyncLocalStorage<string>();

export class WriteWhileObservingError extends Error {
  constructor(call: string, where: string) {
    super(`${call} was called during ${where}, which may only read: a write belongs in a planned change`);
    this.name = "WriteWhileObservingError";
  }
}

/** Runs `fn` so that any write it (or anything it awaits) attempts throws. `where` names the phase. */
export function readOnly<T>(where: string, fn: () => Promise<T>): Promise<T> {
  return phase.run(where, fn);
}

/** Called by every client before a write; throws inside a read-only phase. */
export function assertMayWrite(call: string): void {
  const where = phase.getStore();
  if (where !== undefined) throw new WriteWhileObservingError(call, where);
}

/** Runs `fn` allowed to write again (a planned change's run, called from inside the engine). */
export function writable<T>(fn: () => Promise<T>): Promise<T> {
  return phase.exit(fn);
}
