// The diagram as text for a terminal, drawn like the walkthrough's: the
// request path top to bottom, boundaries as frames, each box with its real
// name, endpoint and state (coloured when asked). Boxes of one rank sit side
// by side when they fit the width, else one under the other.
import { stripVTControlCharacters } from "node:util";
import { Chalk, type ChalkInstance } from "chalk";
import { t } from "../i18n/index.js";
import { wrap } from "../ui/format.js";
import { RANK } from "./model.js";
import { stateWord, toneOf } from "./tone.js";
import type { DiagramEdge, DiagramGroup, DiagramModel, DiagramNode, Tone } from "./types.js";

export interface TextOptions {
  color: boolean;
  /** The widest a line may be; rows that do not fit are stacked. */
  width?: number;
}

type Block = string[];
type Item = { kind: "node"; node: DiagramNode } | { kind: "group"; group: DiagramGroup };

const DEFAULT_WIDTH = 120;
const GAP = "  ";
/** ECR draws beside the VPC (as S3 sits beside the services in the walkthrough). */
const BESIDE: Partial<Record<DiagramGroup["kind"], DiagramGroup["kind"]>> = { registry: "vpc" };

const ARROW = "  │ ";
const CONTINUED = "  │     ";
const visible = (line: string) => stripVTControlCharacters(line).length;
const widthOf = (block: Block) => Math.max(0, ...block.map(visible));
const padTo = (line: string, width: number) => line + " ".repeat(Math.max(0, width - visible(line)));

class TextDiagram {
  private readonly paint: ChalkInstance;
  /** Edges drawn between two rows; the rest are listed at the end. */
  private readonly drawn = new Set<DiagramEdge>();

  constructor(
    private readonly model: DiagramModel,
    options: TextOptions,
  ) {
    this.paint = new Chalk({ level: options.color ? 1 : 0 });
  }

  state(state: string): string {
    const tones: Record<Tone, (s: string) => string> = {
      ok: this.paint.green,
      pending: this.paint.yellow,
      bad: this.paint.red,
      planned: this.paint.gray,
      external: this.paint.cyan,
    };
    const tone = toneOf(state);
    return tones[tone](`${tone === "planned" ? "○" : "●"} ${stateWord(state)}`);
  }

  nodeBlock(node: DiagramNode): Block {
    const content = [
      this.paint.dim(node.label),
      this.paint.bold(node.name),
      ...node.detail,
      this.state(node.state),
    ];
    const width = widthOf(content);
    return [
      `┌${"─".repeat(width + 2)}┐`,
      ...content.map((line) => `│ ${padTo(line, width)} │`),
      `└${"─".repeat(width + 2)}┘`,
    ];
  }

  groupBlock(group: DiagramGroup, width: number): Block {
    const inner = this.container(this.childrenOf(group.id), width - 4);
    const title = ` ${group.label} ${this.paint.bold(group.name)} · ${this.state(group.state)} `;
    const content = [
      ...group.detail.map((d) => this.paint.dim(d)),
      ...(group.detail.length ? [""] : []),
      ...inner,
    ];
    const w = Math.max(widthOf(content), visible(title) + 1);
    return [
      `╭─${title}${"─".repeat(w + 1 - visible(title))}╮`,
      ...content.map((line) => `│ ${padTo(line, w)} │`),
      `╰${"─".repeat(w + 2)}╯`,
    ];
  }

  childrenOf(groupId: string | undefined): Item[] {
    return [
      ...this.model.groups
        .filter((g) => g.parent === groupId)
        .map((group): Item => ({ kind: "group", group })),
      ...this.model.nodes.filter((n) => n.group === groupId).map((node): Item => ({ kind: "node", node })),
    ];
  }

  /** Ids of the nodes an item holds (itself, for a node). */
  nodeIds(item: Item): string[] {
    if (item.kind === "node") return [item.node.id];
    return this.childrenOf(item.group.id).flatMap((child) => this.nodeIds(child));
  }

  rank(item: Item): number {
    if (item.kind === "node") return RANK[item.node.kind];
    const beside = BESIDE[item.group.kind];
    const twin = beside && this.model.groups.find((g) => g.kind === beside);
    if (twin) return this.rank({ kind: "group", group: twin });
    return Math.min(...this.nodeIds(item).map((id) => RANK[this.node(id).kind]));
  }

  node(id: string): DiagramNode {
    return this.model.nodes.find((n) => n.id === id)!;
  }

  block(item: Item, width: number): Block {
    return item.kind === "node" ? this.nodeBlock(item.node) : this.groupBlock(item.group, width);
  }

  /** One rank's blocks: side by side when they fit, else stacked. */
  row(items: Item[], width: number): Block {
    const blocks = items.map((item) => this.block(item, width));
    const total = blocks.reduce((sum, b) => sum + widthOf(b), 0) + GAP.length * (blocks.length - 1);
    if (total > width) return blocks.flatMap((b, i) => (i === 0 ? b : ["", ...b]));
    const height = Math.max(...blocks.map((b) => b.length));
    return Array.from({ length: height }, (_, line) =>
      blocks
        .map((b) => padTo(b[line] ?? "", widthOf(b)))
        .join(GAP)
        .trimEnd(),
    );
  }

  /** The arrow from one row to the next, labelled with the edges it stands for, wrapped to `width`. */
  connector(upper: Item[], lower: Item[], width: number): Block {
    const from = new Set(upper.flatMap((i) => this.nodeIds(i)));
    const to = new Set(lower.flatMap((i) => this.nodeIds(i)));
    const edges = this.model.edges.filter((e) => from.has(e.from) && to.has(e.to));
    for (const e of edges) this.drawn.add(e);
    if (edges.length === 0) return [""];
    const labels = new Set(edges.map((e) => e.label));
    const texts =
      labels.size === 1
        ? [edges[0]!.label]
        : edges.map((e) => `${this.node(e.from).name} → ${this.node(e.to).name}: ${e.label}`);
    // Continuation lines are indented under the arrow; the room left keeps them within `width`.
    const room = Math.max(20, width - CONTINUED.length);
    const lines = texts.flatMap((text) =>
      wrap(text, room).map((piece, i) => `${i === 0 ? ARROW : CONTINUED}${piece}`),
    );
    return [...lines, "  ▼"];
  }

  container(items: Item[], width: number): Block {
    const ranks = [...new Set(items.map((i) => this.rank(i)))].sort((a, b) => a - b);
    const rows = ranks.map((r) => items.filter((i) => this.rank(i) === r));
    return rows.flatMap((row, i) => [
      ...(i > 0 ? this.connector(rows[i - 1]!, row, width) : []),
      ...this.row(row, width),
    ]);
  }

  render(width: number): string {
    const { stack, region, source } = this.model;
    const body = this.container(this.childrenOf(undefined), width);
    const rest = this.model.edges.filter((e) => !this.drawn.has(e));
    const also = rest.map((e) => `  ${this.node(e.from).name} ⇢ ${this.node(e.to).name} (${e.label})`);
    return [
      `${this.paint.bold(stack)}${region ? ` (${region})` : ""}: ${t(`diagram.source.${source}`)}`,
      "",
      ...body,
      ...(also.length ? ["", t("diagram.also"), ...also] : []),
    ].join("\n");
  }
}

export function renderText(model: DiagramModel, options: TextOptions): string {
  return `${new TextDiagram(model, options).render(options.width ?? DEFAULT_WIDTH)}\n`;
}
