// Which paths CloudFront sends to API Gateway, from the one route table. No
// AWS SDK here: the diagram draws these without loading the step.
import { ROUTES } from "../routes.js";

/**
 * The CloudFront path patterns that go to API Gateway, from the route table:
 * `/auth` (a route of its own, and anything after it) becomes `/auth*`;
 * `/api/register` (only sub-paths) becomes `/api/*`.
 */
export function apiPathPatterns(): string[] {
  const bySegment = new Map<string, boolean>();
  for (const route of ROUTES) {
    const segment = route.path.split("/")[1]!;
    const exact = route.path === `/${segment}`;
    bySegment.set(segment, (bySegment.get(segment) ?? false) || exact);
  }
  return [...bySegment].map(([segment, exact]) => (exact ? `/${segment}*` : `/${segment}/*`)).sort();
}
