// A queue for CPU-heavy work (password hashing): at most `concurrency` jobs run
// at once and at most `maxWaiting` wait. Beyond that a caller is turned away at
// once (QueueFull: answer 503 with retry-after) rather than queued behind work
// it would give up on; and a waiting job whose caller has gone (its
// AbortSignal fired, e.g. the client hung up) is dropped before it starts.
// A job that has started runs to its end: scrypt cannot be interrupted.

export class QueueFull extends Error {
  constructor() {
    super("too much work is waiting");
  }
}

export class CallerGone extends Error {
  constructor() {
    super("the caller left before its work started");
  }
}

interface Waiter {
  start(): void;
}

export class WorkQueue {
  #running = 0;
  #waiting: Waiter[] = [];
  #dropped = 0;

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {}

  /** Jobs running, waiting, and dropped so far because their caller had gone. */
  get load(): { running: number; waiting: number; dropped: number } {
    return { running: this.#running, waiting: this.#waiting.length, dropped: this.#dropped };
  }

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw this.#drop();
    if (this.#running < this.concurrency) this.#running++;
    else await this.#wait(signal);
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next.start();
      else this.#running--;
    }
  }

  /** Resolves when a running job hands over its slot. */
  #wait(signal: AbortSignal | undefined): Promise<void> {
    if (this.#waiting.length >= this.maxWaiting) return Promise.reject(new QueueFull());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start() {
          signal?.removeEventListener("abort", leave);
          resolve();
        },
      };
      const leave = () => {
        const at = this.#waiting.indexOf(waiter);
        if (at < 0) return;
        this.#waiting.splice(at, 1);
        reject(this.#drop());
      };
      signal?.addEventListener("abort", leave, { once: true });
      this.#waiting.push(waiter);
    });
  }

  #drop(): CallerGone {
    this.#dropped++;
    return new CallerGone();
  }
}
