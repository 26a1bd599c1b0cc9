// The one route table: each request path goes where API Gateway would send it,
// the walkthrough's routes and the versioned /v1 ones alike.
import { describe, expect, it } from "vitest";
import { matchRoute } from "../../src/routes.js";

const target = (method: string, path: string) => {
  const match = matchRoute(method, path);
  return match && `${match.route.service} ${match.servicePath}`;
};

describe("matchRoute", () => {
  it("serves the walkthrough's routes, exact paths before greedy ones", () => {
    expect(target("POST", "/api/login")).toBe("auth /api/login");
    expect(target("GET", "/products")).toBe("products /");
    expect(target("GET", "/api/orders")).toBe("orders /api/orders");
    expect(target("DELETE", "/api/products/7")).toBe("products /api/products/7");
  });

  it("serves /v1/auth, /v1/catalog and /v1/orders on the same services", () => {
    expect(target("POST", "/v1/auth/register")).toBe("auth /api/register");
    expect(target("POST", "/v1/auth/login")).toBe("auth /api/login");
    expect(target("GET", "/v1/catalog")).toBe("products /api/products");
    expect(target("POST", "/v1/catalog")).toBe("products /api/products");
    expect(target("GET", "/v1/catalog/3")).toBe("products /api/products/3");
    expect(target("GET", "/v1/orders")).toBe("orders /api/orders");
    expect(target("GET", "/v1/orders/5")).toBe("orders /api/orders/5");
  });

  it("serves the auth service's discovery document and JWKS at the API's root, without a token check", () => {
    expect(target("GET", "/.well-known/openid-configuration")).toBe("auth /.well-known/openid-configuration");
    expect(target("GET", "/.well-known/jwks.json")).toBe("auth /.well-known/jwks.json");
    expect(matchRoute("GET", "/.well-known/jwks.json")?.route.authorized).toBeUndefined();
    expect(matchRoute("GET", "/v1/orders/5")?.route.authorized).toBe(true);
    expect(matchRoute("POST", "/api/orders")?.route.authorized).toBe(true);
    expect(matchRoute("GET", "/orders")?.route.authorized).toBeUndefined();
  });

  it("refuses what the table does not name", () => {
    expect(target("GET", "/v1/auth/login")).toBeUndefined();
    expect(target("POST", "/v1/auth/anything")).toBeUndefined();
    expect(target("GET", "/v1")).toBeUndefined();
    expect(target("GET", "/api/unknown")).toBeUndefined();
  });
});
