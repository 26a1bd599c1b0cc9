// Limits at the API's door and the targets it is held to. No imports: the CLI's
// help reads the defaults without loading the rest of msdemo.
/**
 * Rate limits at the door: API Gateway's stage throttling and msdemo local's
 * gateway alike. Small enough that a class sharing one account does not starve
 * it, large enough that the walkthrough's journey never meets them.
 */
export const THROTTLING = {
  /** Steady requests per second. */
  rateLimit: 50,
  /** Requests allowed at once above the steady rate. */
  burstLimit: 100,
} as const;

/** What `smoke --load` holds each route to (the course asks for p95 latency and the error rate). */
export const SLO_TARGETS = {
  p95Ms: 300,
  /** Fraction of calls answered 5xx or not at all. */
  errorRate: 0.01,
} as const;
