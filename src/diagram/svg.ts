// The diagram as a standalone SVG, drawn by msdemo itself: boxes in columns
// along the request path (client → API → load balancers → services → database),
// boundaries as rectangles around their members, arrows with markers, ECR
// under the cluster with one arrow for the image pulls. Text is escaped.

import { t } from "../i18n/index.js";
import { RANK } from "./model.js";
import { stateWord, toneOf } from "./tone.js";
import type { DiagramEdge, DiagramGroup, DiagramModel, DiagramNode, Tone } from "./types.js";

const CHAR_W = 7.3; // 12px monospace
const TITLE_CHAR_W = 6.7; // 11px monospace
const LINE_H = 16;
const PAD_X = 10;
const PAD_Y = 8;
const ROW_GAP = 28;
const GROUP_PAD = 14;
const MIN_GAP = 60;
const MARGIN = 20;

const FILL: Record<Tone, { fill: string; stroke: string }> = {
  ok: { fill: "#e6f4ea", stroke: "#1e8e3e" },
  pending: { fill: "#fef7e0", stroke: "#f29900" },
  bad: { fill: "#fce8e6", stroke: "#d93025" },
  planned: { fill: "#f1f3f4", stroke: "#80868b" },
  external: { fill: "#e8f0fe", stroke: "#1a73e8" },
};

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const n1 = (v: number) => String(Math.round(v * 10) / 10);
const boxLines = (node: DiagramNode) => [node.label, node.name, ...node.detail, stateWord(node.state)];
const titleLines = (group: DiagramGroup) => [
  `${group.label} ${group.name}`,
  [...group.detail, stateWord(group.state)].join(" · "),
];
const union = (rects: Rect[]): Rect => {
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  return {
    x,
    y,
    w: Math.max(...rects.map((r) => r.x + r.w)) - x,
    h: Math.max(...rects.map((r) => r.y + r.h)) - y,
  };
};

class SvgLayout {
  readonly boxes = new Map<string, Rect>();
  private readonly rects = new Map<string, Rect>();

  constructor(private readonly model: DiagramModel) {}

  ancestors(groupId: string | undefined): string[] {
    const chain: string[] = [];
    for (let id = groupId; id; id = this.model.groups.find((g) => g.id === id)?.parent) chain.push(id);
    return chain;
  }

  descendants(groupId: string): DiagramNode[] {
    return this.model.nodes.filter((n) => this.ancestors(n.group).includes(groupId));
  }

  /** A group's rectangle: its members, padded, with room for its two title lines on top. */
  groupRect(group: DiagramGroup): Rect {
    const known = this.rects.get(group.id);
    if (known) return known;
    const inner = [
      ...this.model.nodes.filter((n) => n.group === group.id).flatMap((n) => this.boxes.get(n.id) ?? []),
      ...this.model.groups.filter((g) => g.parent === group.id).map((g) => this.groupRect(g)),
    ];
    const around = union(inner);
    const top = GROUP_PAD + 2 * LINE_H;
    const titleW = Math.max(...titleLines(group).map((l) => l.length)) * TITLE_CHAR_W + 2 * PAD_X;
    const rect = {
      x: around.x - GROUP_PAD,
      y: around.y - top,
      w: Math.max(around.w + 2 * GROUP_PAD, titleW),
      h: around.h + top + GROUP_PAD,
    };
    if (this.descendants(group.id).every((n) => this.boxes.has(n.id))) this.rects.set(group.id, rect);
    return rect;
  }

  /** Columns left to right; each starts clear of the boxes and closed boundaries before it. */
  placeColumns(flow: DiagramNode[]): void {
    const columns = [...new Set(flow.map((n) => RANK[n.kind]))].sort((a, b) => a - b);
    const sizeOf = (n: DiagramNode) => ({
      w: Math.max(...boxLines(n).map((l) => l.length)) * CHAR_W + 2 * PAD_X,
      h: boxLines(n).length * LINE_H + 2 * PAD_Y,
    });
    const rowH = Math.max(...flow.map((n) => sizeOf(n).h)) + ROW_GAP;
    const tallest = Math.max(...columns.map((c) => flow.filter((n) => RANK[n.kind] === c).length));
    let x = MARGIN;
    columns.forEach((column, index) => {
      const members = flow.filter((n) => RANK[n.kind] === column);
      if (index > 0) x = this.nextColumnX(flow, columns[index - 1]!, members);
      const width = Math.max(...members.map((n) => sizeOf(n).w));
      members.forEach((node, row) => {
        const y = MARGIN + ((tallest - members.length) / 2 + row) * rowH;
        this.boxes.set(node.id, { x, y, w: width, h: sizeOf(node).h });
      });
    });
  }

  private nextColumnX(flow: DiagramNode[], previous: number, members: DiagramNode[]): number {
    const placed = flow.filter((n) => this.boxes.has(n.id));
    const memberGroups = new Set(members.flatMap((n) => this.ancestors(n.group)));
    // Boundaries that close before this column, and the boxes of the column before.
    const closed = this.model.groups.filter(
      (g) => !memberGroups.has(g.id) && this.descendants(g.id).some((n) => this.boxes.has(n.id)),
    );
    const obstacles = [
      ...placed.filter((n) => RANK[n.kind] === previous).map((n) => this.boxes.get(n.id)!),
      ...closed.map((g) => this.groupRect(g)),
    ];
    const right = Math.max(...obstacles.map((r) => r.x + r.w));
    const labels = this.model.edges.filter((e) => members.some((m) => m.id === e.to) && e.style === "solid");
    const labelW = Math.max(0, ...labels.map((e) => e.label.length * 6.2 + 16));
    // Boundaries that open at this column need their padding to the left of its boxes.
    const opened = new Set(placed.flatMap((n) => this.ancestors(n.group)));
    const opening = new Set(members.flatMap((n) => this.ancestors(n.group)).filter((g) => !opened.has(g)));
    return right + Math.max(MIN_GAP, labelW) + opening.size * GROUP_PAD;
  }

  /** Groups outside the request path (ECR): stacked under the column of the boxes they feed. */
  placeAside(aside: DiagramNode[]): void {
    const complete = this.model.groups.filter((g) => {
      const members = this.descendants(g.id);
      return members.length > 0 && members.every((n) => this.boxes.has(n.id));
    });
    const flowBottom = Math.max(
      ...[...this.boxes.values(), ...complete.map((g) => this.groupRect(g))].map((r) => r.y + r.h),
    );
    let y = flowBottom + ROW_GAP + GROUP_PAD + 2 * LINE_H;
    for (const node of aside) {
      const fed = this.model.edges.find((e) => e.from === node.id);
      const target = fed ? this.boxes.get(fed.to) : undefined;
      const w = Math.max(...boxLines(node).map((l) => l.length)) * CHAR_W + 2 * PAD_X;
      const h = boxLines(node).length * LINE_H + 2 * PAD_Y;
      this.boxes.set(node.id, { x: target?.x ?? MARGIN, y, w, h });
      y += h + ROW_GAP / 2;
    }
  }
}

function textLines(lines: string[], x: number, y: number, attrs = ""): string {
  const spans = lines.map(
    (line, i) => `<tspan x="${n1(x)}" dy="${i === 0 ? 0 : LINE_H}">${escapeXml(line)}</tspan>`,
  );
  return `<text x="${n1(x)}" y="${n1(y)}"${attrs}>${spans.join("")}</text>`;
}

function nodeSvg(node: DiagramNode, r: Rect): string {
  const colours = FILL[toneOf(node.state)];
  const dashed = toneOf(node.state) === "planned" ? ' stroke-dasharray="5 3"' : "";
  const [label, name, ...rest] = boxLines(node);
  return [
    `<g class="node ${node.kind}" id="node-${node.id}">`,
    `<rect x="${n1(r.x)}" y="${n1(r.y)}" width="${n1(r.w)}" height="${n1(r.h)}" rx="6" fill="${colours.fill}" stroke="${colours.stroke}"${dashed}/>`,
    textLines([label!], r.x + PAD_X, r.y + PAD_Y + 12, ' fill="#5f6368" font-size="11"'),
    textLines([name!], r.x + PAD_X, r.y + PAD_Y + 12 + LINE_H, ' font-weight="bold"'),
    textLines(rest, r.x + PAD_X, r.y + PAD_Y + 12 + 2 * LINE_H),
    "</g>",
  ].join("");
}

function groupSvg(group: DiagramGroup, r: Rect): string {
  const colours = FILL[toneOf(group.state)];
  return [
    `<g class="group ${group.kind}" id="group-${group.id}">`,
    `<rect x="${n1(r.x)}" y="${n1(r.y)}" width="${n1(r.w)}" height="${n1(r.h)}" rx="10" fill="none" stroke="${colours.stroke}" stroke-dasharray="${group.kind === "security-group" ? "8 4" : "none"}"/>`,
    textLines(titleLines(group), r.x + PAD_X, r.y + 16, ' font-size="11" fill="#3c4043"'),
    "</g>",
  ].join("");
}

function arrowSvg(
  from: { x: number; y: number },
  to: { x: number; y: number },
  label: string,
  dashed: boolean,
): string {
  const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  return [
    `<line x1="${n1(from.x)}" y1="${n1(from.y)}" x2="${n1(to.x)}" y2="${n1(to.y)}" stroke="#3c4043" marker-end="url(#arrow)"${dashed ? ' stroke-dasharray="6 4"' : ""}/>`,
    `<text x="${n1(mid.x)}" y="${n1(mid.y - 4)}" text-anchor="middle" font-size="10" fill="#202124" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(label)}</text>`,
  ].join("");
}

export function renderSvg(model: DiagramModel): string {
  const layout = new SvgLayout(model);
  const flowIds = new Set(model.edges.filter((e) => e.style === "solid").flatMap((e) => [e.from, e.to]));
  const flow = model.nodes.filter((n) => flowIds.has(n.id));
  layout.placeColumns(flow);
  layout.placeAside(model.nodes.filter((n) => !flowIds.has(n.id)));

  const groupRects = model.groups.map((g) => ({ group: g, rect: layout.groupRect(g) }));
  const box = (id: string) => layout.boxes.get(id)!;
  const solid = model.edges
    .filter((e) => e.style === "solid")
    .map((e) => {
      const a = box(e.from);
      const b = box(e.to);
      return arrowSvg({ x: a.x + a.w, y: a.y + a.h / 2 }, { x: b.x, y: b.y + b.h / 2 }, e.label, false);
    });
  const pulls = bundled(
    model,
    model.edges.filter((e) => e.style === "dashed"),
  ).map(({ from, to, label }) => {
    const a = layout.groupRect(from);
    const b = layout.groupRect(to);
    // A vertical arrow through the span the two boundaries share, else from the middle of the source.
    const lo = Math.max(a.x, b.x);
    const hi = Math.min(a.x + a.w, b.x + b.w);
    const x = hi > lo ? (lo + hi) / 2 : a.x + a.w / 2;
    return arrowSvg({ x, y: a.y }, { x, y: b.y + b.h }, label, true);
  });

  const everything = union([...layout.boxes.values(), ...groupRects.map((g) => g.rect)]);
  const view = {
    x: everything.x - MARGIN,
    y: everything.y - MARGIN - 24,
    w: everything.w + 2 * MARGIN,
    h: everything.h + 2 * MARGIN + 24,
  };
  const title = `${model.stack}${model.region ? ` (${model.region})` : ""}: ${t(`diagram.source.${model.source}`)}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n1(view.w)}" height="${n1(view.h)}" viewBox="${n1(view.x)} ${n1(view.y)} ${n1(view.w)} ${n1(view.h)}" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="12">`,
    `<title>${escapeXml(t("diagram.svgTitle", { title }))}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#3c4043"/></marker></defs>',
    `<rect x="${n1(view.x)}" y="${n1(view.y)}" width="${n1(view.w)}" height="${n1(view.h)}" fill="#ffffff"/>`,
    textLines([title], view.x + MARGIN, view.y + MARGIN + 4, ' font-size="14" font-weight="bold"'),
    ...groupRects.map(({ group, rect }) => groupSvg(group, rect)),
    ...model.nodes.map((n) => nodeSvg(n, box(n.id))),
    ...solid,
    ...pulls,
    "</svg>",
    "",
  ].join("\n");
}

/** Dashed edges between the same two groups drawn as one arrow (the nodes pull every image). */
function bundled(model: DiagramModel, edges: DiagramEdge[]) {
  const groupOf = (id: string) =>
    model.groups.find((g) => g.id === model.nodes.find((n) => n.id === id)?.group);
  const bundles = new Map<string, { from: DiagramGroup; to: DiagramGroup; label: string }>();
  for (const e of edges) {
    const from = groupOf(e.from);
    const to = groupOf(e.to);
    if (!from || !to) continue;
    const key = `${from.id}>${to.id}`;
    if (!bundles.has(key)) bundles.set(key, { from, to, label: t("diagram.pulls", { label: e.label }) });
  }
  return [...bundles.values()];
}
