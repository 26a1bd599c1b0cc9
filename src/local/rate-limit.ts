// A token bucket, as API Gateway's stage throttling works: `burst` requests at
// once, refilled at `rate` per second. msdemo local applies the same numbers, so
// `smoke --load` meets a 429 locally where it would on AWS.
export interface RateLimit {
  rate: number;
  burst: number;
}

export function tokenBucket(limit: RateLimit, now: () => number = () => performance.now()): () => boolean {
  let tokens = limit.burst;
  let last = now();
  return () => {
    const at = now();
    tokens = Math.min(limit.burst, tokens + ((at - last) / 1000) * limit.rate);
    last = at;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
