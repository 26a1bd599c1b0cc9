// Tables (and the products seed) set up on start, and again in the background
// until it works: pods on EKS often start before RDS answers. Requests that
// need the tables wait on the same attempt instead of failing on a missing one.
import { type Pool, type PoolClient, withSchemaLock } from "./db.js";

export interface SchemaEvents {
  ready(): void;
  retrying(error: Error, delayMs: number): void;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 10_000;

export class SchemaSetup {
  #ready = false;
  #stopped = false;
  #attempt: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #delayMs = FIRST_RETRY_MS;

  constructor(
    private readonly pool: Pool,
    private readonly setup: (client: PoolClient) => Promise<void>,
    private readonly events: SchemaEvents,
  ) {}

  get ready(): boolean {
    return this.#ready;
  }

  /** Resolves once the schema is in place; one attempt at a time, shared by all callers. */
  ensure(): Promise<void> {
    if (this.#ready) return Promise.resolve();
    this.#attempt ??= withSchemaLock(this.pool, this.setup)
      .then(() => {
        this.#ready = true;
        if (this.#timer) clearTimeout(this.#timer);
        this.events.ready();
      })
      .finally(() => {
        this.#attempt = undefined;
      });
    return this.#attempt;
  }

  /** Tries now, then keeps retrying with backoff until it works or stop() is called. */
  async start(): Promise<void> {
    try {
      await this.ensure();
    } catch (error) {
      this.#retryLater(error as Error);
    }
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
  }

  #retryLater(error: Error): void {
    if (this.#stopped || this.#ready) return;
    const delay = this.#delayMs;
    this.#delayMs = Math.min(this.#delayMs * 2, MAX_RETRY_MS);
    this.events.retrying(error, delay);
    this.#timer = setTimeout(() => void this.start(), delay);
    this.#timer.unref();
  }
}
