// The diagram marks what --private changes: internal NLBs reached only through
// the gateway's VPC link; the public shape has no such mark.
import { describe, expect, it } from "vitest";
import { resourceNames } from "../../src/config.js";
import { buildModel } from "../../src/diagram/model.js";
import { renderText } from "../../src/diagram/text.js";
import { t } from "../../src/i18n/index.js";
import type { StackState } from "../../src/state/store.js";
import { ALL_STEPS, stateWith } from "./fixtures.js";

const names = resourceNames("node-microservices-demo");
const LINK = "vl0abc12";

/** The complete stack as an up --private leaves it: the setting and the gateway's VPC link recorded. */
function privateState(): StackState {
  const state = stateWith(ALL_STEPS);
  const gateway = state.steps.gateway!;
  return {
    ...state,
    settings: { private: true },
    steps: { ...state.steps, gateway: { ...gateway, outputs: { ...gateway.outputs, vpcLinkId: LINK } } },
  };
}

const balancers = (model: ReturnType<typeof buildModel>) =>
  model.nodes.filter((n) => n.kind === "load-balancer");

describe("diagram --private", () => {
  it("marks each load balancer internal and private, and each gateway arrow through the VPC link", () => {
    const model = buildModel({ names, state: privateState() });
    expect(balancers(model)).toHaveLength(3);
    for (const lb of balancers(model)) {
      expect(lb.label).toBe(t("diagram.loadBalancer.internal"));
      expect(lb.detail).toContain(t("diagram.private.loadBalancer"));
    }
    const fromApi = model.edges.filter((e) => e.from === "api" && e.to.startsWith("lb_"));
    expect(fromApi).toHaveLength(3);
    for (const edge of fromApi) expect(edge.label).toContain(LINK);
    expect(renderText(model, { color: false, width: 200 })).toContain(t("diagram.private.loadBalancer"));
  });

  it("the public shape has no private mark; --no-private draws a private stack public, --private a plan private", () => {
    const shapes = [
      buildModel({ names, state: stateWith(ALL_STEPS) }),
      buildModel({ names, state: privateState(), private: false }),
    ];
    for (const model of shapes) {
      for (const lb of balancers(model)) {
        expect(lb.label).toBe(t("diagram.loadBalancer"));
        expect(lb.detail).not.toContain(t("diagram.private.loadBalancer"));
      }
    }
    const plannedPrivate = buildModel({ names, private: true });
    expect(
      balancers(plannedPrivate).every((lb) => lb.detail.includes(t("diagram.private.loadBalancer"))),
    ).toBe(true);
    const planned = plannedPrivate.edges.find((e) => e.from === "api" && e.to === "lb_auth");
    expect(planned?.label).toBe(
      t("diagram.edge.vpcLinkPlanned", {
        routes: "GET /auth, POST /api/register, POST /api/login (+ /v1/auth, /.well-known)",
      }),
    );
  });
});
