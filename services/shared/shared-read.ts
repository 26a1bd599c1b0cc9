// One database read shared by the requests that wait for it, never answering a
// request with data read before it arrived. While a read is in flight, new
// arrivals do not join it (it may predate a write they have already seen
// committed); they wait for the next read, issued as soon as the current one
// ends, and share that. Every answer is therefore as fresh as a query of its
// own, and under load the database sees one query per batch, not per request.
interface Waiting<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function waiting<T>(): Waiting<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export class SharedRead<T> {
  #inFlight = false;
  #next: Waiting<T> | undefined;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.#inFlight) return this.#issue();
    this.#next ??= waiting<T>();
    return this.#next.promise;
  }

  #issue(): Promise<T> {
    this.#inFlight = true;
    const result = this.read();
    const settled = () => {
      this.#inFlight = false;
      const batch = this.#next;
      this.#next = undefined;
      if (batch) this.#issue().then(batch.resolve, batch.reject);
    };
    result.then(settled, settled);
    return result;
  }
}
