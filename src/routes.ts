// The one route table of the system. The `gateway` step turns each entry into an
// API Gateway HTTP API route + HTTP_PROXY integration; `msdemo local` serves the
// same entries from its own gateway. Taken from the walkthrough's API Gateway
// section, plus greedy `{proxy+}` routes for sub-paths of the resources.

export type ServiceName = "auth" | "orders" | "products";
export const SERVICE_NAMES: readonly ServiceName[] = ["auth", "orders", "products"] as const;

/** The port every service listens on, in its container and behind its load balancer. */
export const SERVICE_PORT = 3000;

export type RouteMethod = "GET" | "POST" | "ANY";

export interface Route {
  method: RouteMethod;
  /** API Gateway path, with `{proxy+}` for a greedy tail. */
  path: string;
  service: ServiceName;
  /** Path on the service; `{proxy}` is replaced by the greedy tail. */
  target: string;
  /** The gateway checks a token before the request reaches the service. */
  authorized?: boolean;
}

export const ROUTES: readonly Route[] = [
  { method: "GET", path: "/auth", service: "auth", target: "/" },
  { method: "POST", path: "/api/register", service: "auth", target: "/api/register" },
  { method: "POST", path: "/api/login", service: "auth", target: "/api/login" },
  // The auth service's issuer metadata and keys, at the API's root because the
  // API's URL is the tokens' issuer: API Gateway's JWT authorizer fetches them there.
  {
    method: "GET",
    path: "/.well-known/openid-configuration",
    service: "auth",
    target: "/.well-known/openid-configuration",
  },
  { method: "GET", path: "/.well-known/jwks.json", service: "auth", target: "/.well-known/jwks.json" },
  { method: "GET", path: "/orders", service: "orders", target: "/" },
  { method: "ANY", path: "/api/orders", service: "orders", target: "/api/orders", authorized: true },
  {
    method: "ANY",
    path: "/api/orders/{proxy+}",
    service: "orders",
    target: "/api/orders/{proxy}",
    authorized: true,
  },
  { method: "GET", path: "/products", service: "products", target: "/" },
  { method: "ANY", path: "/api/products", service: "products", target: "/api/products" },
  { method: "ANY", path: "/api/products/{proxy+}", service: "products", target: "/api/products/{proxy}" },
  // Versioned routes from the course's checklist (`/v1/auth`, `/v1/catalog`, `/v1/orders`),
  // beside the walkthrough's: the same services, so clients can move to /v1 one call at a time.
  { method: "POST", path: "/v1/auth/register", service: "auth", target: "/api/register" },
  { method: "POST", path: "/v1/auth/login", service: "auth", target: "/api/login" },
  { method: "ANY", path: "/v1/catalog", service: "products", target: "/api/products" },
  { method: "ANY", path: "/v1/catalog/{proxy+}", service: "products", target: "/api/products/{proxy}" },
  { method: "ANY", path: "/v1/orders", service: "orders", target: "/api/orders", authorized: true },
  {
    method: "ANY",
    path: "/v1/orders/{proxy+}",
    service: "orders",
    target: "/api/orders/{proxy}",
    authorized: true,
  },
];

/** API Gateway's route key, e.g. `ANY /api/orders/{proxy+}`. */
export function routeKey(route: Route): string {
  return `${route.method} ${route.path}`;
}

/**
 * The integration URI for a route behind a service's load balancer. Plain http:
 * the walkthrough writes https://, but a Kubernetes LoadBalancer Service on port
 * 3000 speaks HTTP and has no certificate for its AWS hostname.
 */
export function integrationUri(route: Route, loadBalancerHost: string): string {
  return `http://${loadBalancerHost}:${SERVICE_PORT}${route.target}`;
}

/**
 * The path an integration through a VPC link (--private) sends, as its
 * `overwrite:path` parameter: a listener ARN has no path of its own. The
 * route's target, its greedy tail taken from the request.
 */
export function privatePath(route: Route): string {
  return route.target.replace("{proxy}", "$request.path.proxy");
}

export interface RouteMatch {
  route: Route;
  /** The path to forward to the service. */
  servicePath: string;
}

/** Finds the route for a request the way API Gateway does: exact paths before greedy ones. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const upper = method.toUpperCase();
  const methodFits = (route: Route) => route.method === "ANY" || route.method === upper;
  for (const route of ROUTES) {
    if (!route.path.includes("{proxy+}") && route.path === path && methodFits(route)) {
      return { route, servicePath: route.target };
    }
  }
  for (const route of ROUTES) {
    const prefix = route.path.replace("{proxy+}", "");
    if (route.path.includes("{proxy+}") && path.startsWith(prefix) && path.length > prefix.length) {
      if (methodFits(route)) {
        return { route, servicePath: route.target.replace("{proxy}", path.slice(prefix.length)) };
      }
    }
  }
  return undefined;
}
