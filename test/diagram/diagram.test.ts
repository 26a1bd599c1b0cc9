// The diagram of a planned, a half-built and a complete stack, in every format.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { resourceNames } from "../../src/config.js";
import { renderMermaid } from "../../src/diagram/mermaid.js";
import { buildModel } from "../../src/diagram/model.js";
import { renderSvg } from "../../src/diagram/svg.js";
import { renderText } from "../../src/diagram/text.js";
import type { DiagramModel } from "../../src/diagram/types.js";
import type { LiveResource } from "../../src/engine/types.js";
import { setLanguage } from "../../src/i18n/index.js";
import { ALL_STEPS, OUTPUTS, stateWith } from "./fixtures.js";

const names = resourceNames("node-microservices-demo");
const planned = buildModel({ names });
const half = buildModel({ names, state: stateWith(["network", "database", "registry"]) });
const complete = buildModel({ names, state: stateWith(ALL_STEPS) });

/** Every real name the walkthrough gives, and the endpoints the fixture state records. */
const REAL_NAMES = [
  "node-sg-service",
  "postgres-sg-rds",
  "pgdb-rds",
  "auth-service-repo",
  "orders-service-repo",
  "products-service-repo",
  "node-microservices-demo",
  "ng-general",
  "node-microservices-demo-api",
  "auth-service",
  "orders-service",
  "products-service",
];
const ENDPOINTS = [
  OUTPUTS.network.vpcId,
  OUTPUTS.network.nodeSecurityGroupId,
  OUTPUTS.network.dbSecurityGroupId,
  `${OUTPUTS.database.endpoint}:5432`,
  OUTPUTS.registry.repositories.auth.uri,
  OUTPUTS.cluster.endpoint,
  `${OUTPUTS.deploy.loadBalancers.orders}:3000`,
  OUTPUTS.gateway.apiUrl,
];

/** All the text an SVG shows, one string per <text> element. */
function svgTexts(svg: string): string[] {
  expect(XMLValidator.validate(svg)).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: true, preserveOrder: true, trimValues: false });
  const texts: string[] = [];
  const walk = (items: unknown[], inText: boolean, out: string[]) => {
    for (const item of items as Record<string, unknown>[]) {
      for (const [key, value] of Object.entries(item)) {
        if (key === "#text") out.push(String(value));
        else if (key === "text") {
          const parts: string[] = [];
          walk(value as unknown[], true, parts);
          texts.push(parts.join("\n"));
        } else if (Array.isArray(value)) walk(value, inText, out);
      }
    }
  };
  walk(parser.parse(svg) as unknown[], false, []);
  return texts;
}

function node(model: DiagramModel, id: string) {
  const found = model.nodes.find((n) => n.id === id) ?? model.groups.find((g) => g.id === id);
  if (!found) throw new Error(`no ${id} in the model`);
  return found;
}

describe("the model", () => {
  it("plans every box with the stack's names when there is no state", () => {
    expect(planned.source).toBe("planned");
    const states = new Set(
      [...planned.nodes, ...planned.groups].filter((n) => n.id !== "client").map((n) => n.state),
    );
    expect(states).toEqual(new Set(["planned"]));
    expect(node(planned, "db").name).toBe("pgdb-rds");
    expect(node(planned, "repo_orders").name).toBe("orders-service-repo");
  });

  it("uses a named stack's own names", () => {
    const other = buildModel({ names: resourceNames("demo2") });
    expect(node(other, "db").name).toBe("demo2-pgdb-rds");
    expect(node(other, "api").name).toBe("demo2-api");
    expect(node(other, "cluster").name).toBe("demo2");
  });

  it("marks what the state file recorded and plans the rest of a half-built stack", () => {
    expect(node(half, "sg_db").state).toBe("created");
    expect(node(half, "db").detail).toContain(`${OUTPUTS.database.endpoint}:5432`);
    expect(node(half, "repo_auth").detail).toEqual([OUTPUTS.registry.repositories.auth.uri]);
    for (const id of ["cluster", "nodegroup", "lb_auth", "svc_products", "api"]) {
      expect(node(half, id).state).toBe("planned");
    }
  });

  it("shows a step that stopped half way as creating", () => {
    const model = buildModel({ names, state: stateWith(["network", "database"], ["database"]) });
    expect(node(model, "db").state).toBe("creating");
  });

  it("wires the request path and the image pulls", () => {
    const edges = complete.edges.map((e) => `${e.from}>${e.to}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        "client>api",
        "api>lb_auth",
        "lb_orders>svc_orders",
        "svc_products>db",
        "repo_auth>svc_auth",
      ]),
    );
    // 1 client edge + 4 per service (api→lb, lb→svc, svc→db, repo→svc) × 3 services
    // + the web page's 3 (client→CloudFront, CloudFront→bucket, CloudFront→api) = 16
    expect(complete.edges).toHaveLength(1 + 4 * 3 + 3);
    expect(edges).toEqual(expect.arrayContaining(["client>cdn", "cdn>bucket", "cdn>api"]));
  });

  it("draws the web page's CloudFront and bucket from the site step's outputs, and none in a Learner Lab", () => {
    expect(node(complete, "cdn").name).toBe(OUTPUTS.site.domainName);
    expect(node(complete, "cdn").detail).toContain(OUTPUTS.site.url);
    expect(node(complete, "bucket").name).toBe(OUTPUTS.site.bucket);
    expect(complete.edges.find((e) => e.from === "cdn" && e.to === "api")?.label).toBe(
      "/.well-known/* /api/* /auth* /orders* /products* /v1/*",
    );
    expect(node(planned, "cdn").state).toBe("planned");
    const lab = stateWith(ALL_STEPS);
    lab.steps.site = { ...lab.steps.site!, outputs: { skipped: "learner-lab" } };
    const model = buildModel({ names, state: lab });
    expect(model.nodes.map((n) => n.id)).not.toContain("cdn");
    expect(model.edges.some((e) => e.from === "cdn" || e.to === "cdn")).toBe(false);
  });

  it("prefers AWS's live state over the state file's", () => {
    const live: LiveResource[] = [
      { step: "database", type: "RDS DB instance", name: "pgdb-rds", state: "backing-up", managed: true },
      {
        step: "cluster",
        type: "EKS cluster",
        name: "node-microservices-demo",
        state: "missing",
        managed: true,
      },
      {
        step: "deploy",
        type: "Kubernetes Deployment",
        name: "orders-service",
        state: "progressing",
        managed: true,
      },
      {
        step: "deploy",
        type: "Kubernetes LoadBalancer",
        name: "auth-service",
        state: "pending",
        managed: true,
      },
    ];
    const model = buildModel({ names, state: stateWith(ALL_STEPS), live });
    expect(model.source).toBe("live");
    expect(node(model, "db").state).toBe("backing-up");
    expect(node(model, "cluster").state).toBe("missing");
    expect(node(model, "api").state).toBe("created");
    expect(node(model, "svc_orders").state).toBe("progressing");
    expect(node(model, "svc_auth").state).toBe("created");
    expect(node(model, "lb_auth").state).toBe("pending");
  });
});

describe("text", () => {
  for (const [what, model] of [
    ["planned", planned],
    ["half-built", half],
    ["complete", complete],
  ] as const) {
    it(`names every box and its state (${what})`, () => {
      const text = renderText(model, { color: false, width: 120 });
      for (const item of [...model.nodes, ...model.groups]) {
        expect(text).toContain(item.name);
        expect(text).toContain(item.state);
      }
      expect(text.includes("\u001b[")).toBe(false);
    });
  }

  it("shows the endpoints of a complete stack and lists the image pulls", () => {
    const text = renderText(complete, { color: false, width: 120 });
    for (const endpoint of ENDPOINTS) expect(text).toContain(endpoint);
    expect(text).toContain("auth-service-repo ⇢ auth-service (image)");
  });

  it("colours the states when asked", () => {
    const text = renderText(complete, { color: true, width: 120 });
    expect(text).toContain("\u001b[32m● created");
  });

  it("keeps every line within the width when the boxes fit it", () => {
    const lines = renderText(planned, { color: false, width: 120 }).split("\n");
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(120);
  });
});

describe("mermaid", () => {
  const mermaid = renderMermaid(complete);

  it("is a left-to-right flowchart with subgraphs for the boundaries", () => {
    expect(mermaid.split("\n")[1]).toBe("flowchart LR");
    for (const group of ["vpc", "sg_nodes", "sg_db", "cluster", "nodegroup", "ecr"]) {
      expect(mermaid).toMatch(new RegExp(`^\\s*subgraph ${group} \\[`, "m"));
    }
    const opened = mermaid.match(/^\s*subgraph /gm)!.length;
    expect(mermaid.match(/^\s*end$/gm)!.length).toBe(opened);
  });

  it("has the node ids and the edges", () => {
    for (const id of ["client", "api", "lb_auth", "svc_orders", "db", "repo_products"]) {
      expect(mermaid).toMatch(new RegExp(`^\\s*${id}[[(]`, "m"));
    }
    expect(mermaid).toContain('client -->|"HTTPS"| api');
    expect(mermaid).toContain('lb_auth -->|"TCP 3000"| svc_auth');
    expect(mermaid).toContain('svc_products -->|"PostgreSQL 5432"| db');
    expect(mermaid).toContain('repo_orders -.->|"image"| svc_orders');
  });

  it("escapes what would break a label", () => {
    const model = buildModel({ names });
    model.nodes[0]!.name = 'say "hi" <b>';
    expect(renderMermaid(model)).toContain("say #quot;hi#quot; #lt;b#gt;");
  });
});

describe("svg", () => {
  for (const [what, model] of [
    ["planned", planned],
    ["half-built", half],
    ["complete", complete],
  ] as const) {
    it(`is well-formed XML naming every resource (${what})`, () => {
      const texts = svgTexts(renderSvg(model)).join("\n");
      for (const name of REAL_NAMES) expect(texts).toContain(name);
    });
  }

  it("shows every endpoint of a complete stack in its text", () => {
    const texts = svgTexts(renderSvg(complete)).join("\n");
    for (const endpoint of ENDPOINTS) expect(texts).toContain(endpoint);
  });

  it("escapes text so it stays XML", () => {
    const model = buildModel({ names });
    model.nodes[0]!.name = "a < b & \"c\" 'd'";
    const texts = svgTexts(renderSvg(model));
    expect(texts.some((t) => t.includes("a < b & \"c\" 'd'"))).toBe(true);
  });

  it("draws one box per node, one frame per boundary and an arrow per request edge plus the image pulls", () => {
    const svg = renderSvg(complete);
    expect(svg.match(/<g class="node /g)).toHaveLength(complete.nodes.length);
    expect(svg.match(/<g class="group /g)).toHaveLength(complete.groups.length);
    // 10 solid edges (client→api, and api→lb, lb→svc, svc→db for 3 services) + 1 bundled ECR → node group
    // arrow + the web page's 3 (client→CloudFront, CloudFront→bucket, CloudFront→api)
    expect(svg.match(/marker-end="url\(#arrow\)"/g)).toHaveLength(1 + 3 * 3 + 1 + 3);
  });

  it("lays the boxes out without overlap, each boundary around its members", () => {
    const svg = renderSvg(complete);
    const rects = new Map<string, { x: number; y: number; w: number; h: number }>();
    for (const m of svg.matchAll(
      /id="(?:node|group)-(\w+)"><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"/g,
    )) {
      rects.set(m[1]!, { x: Number(m[2]), y: Number(m[3]), w: Number(m[4]), h: Number(m[5]) });
    }
    const overlap = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
      a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    const inside = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
      a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
    const boxes = complete.nodes.map((n) => [n.id, rects.get(n.id)!] as const);
    for (const [i, [idA, a]] of boxes.entries()) {
      for (const [idB, b] of boxes.slice(i + 1)) expect(overlap(a, b), `${idA} overlaps ${idB}`).toBe(false);
    }
    for (const n of complete.nodes.filter((n) => n.group)) {
      expect(inside(rects.get(n.id)!, rects.get(n.group!)!), `${n.id} inside ${n.group}`).toBe(true);
    }
    for (const g of complete.groups.filter((g) => g.parent)) {
      expect(inside(rects.get(g.id)!, rects.get(g.parent!)!), `${g.id} inside ${g.parent}`).toBe(true);
    }
    // Sibling boundaries do not cross: the two security groups, and the VPC and ECR.
    expect(overlap(rects.get("sg_nodes")!, rects.get("sg_db")!)).toBe(false);
    expect(overlap(rects.get("vpc")!, rects.get("ecr")!)).toBe(false);
  });
});

describe("in Spanish", () => {
  it("words every format in Spanish and keeps the real names, ids and AWS states", () => {
    setLanguage("es");
    try {
      const model = buildModel({ names, state: stateWith(["network", "database", "registry"]) });
      const text = renderText(model, { color: false, width: 120 });
      expect(text).toContain("según el archivo de estado");
      expect(text).toContain("Grupo de seguridad");
      expect(text).toContain("○ planificado");
      expect(text).toContain("● creado");
      expect(text).toContain("puerto 3000");
      expect(text).not.toMatch(/\b(planned|created|Security group|Classic load balancer)\b/);
      const mermaid = renderMermaid(model);
      expect(mermaid).toContain('repo_orders -.->|"imagen"| svc_orders');
      expect(mermaid).toContain("Balanceador de carga clásico");
      const texts = svgTexts(renderSvg(model)).join("\n");
      expect(texts).toContain("Clúster EKS");
      for (const name of REAL_NAMES) {
        expect(text).toContain(name);
        expect(texts).toContain(name);
      }
    } finally {
      setLanguage("en");
    }
    expect(renderText(planned, { color: false, width: 120 })).toContain(
      "planned architecture (no stack yet)",
    );
  });
});
