// The diagram as a Mermaid flowchart for a report or a README: subgraphs for
// the VPC, the security groups, the cluster, the node group and ECR; one class
// per state tone so the boxes are coloured as in the terminal.
import { t } from "../i18n/index.js";
import { stateWord, toneOf } from "./tone.js";
import type { DiagramGroup, DiagramModel, DiagramNode, Tone } from "./types.js";

const CLASS_STYLE: Record<Tone, string> = {
  ok: "fill:#e6f4ea,stroke:#1e8e3e,color:#0d3d1a",
  pending: "fill:#fef7e0,stroke:#f29900,color:#5c3c00",
  bad: "fill:#fce8e6,stroke:#d93025,color:#5f1410",
  planned: "fill:#f1f3f4,stroke:#80868b,color:#3c4043,stroke-dasharray:4 3",
  external: "fill:#e8f0fe,stroke:#1a73e8,color:#0b3a82",
};

/** Text inside a quoted Mermaid label: entity codes for what would end or break it. */
export function mermaidText(text: string): string {
  return text
    .replace(/&/g, "#amp;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/\|/g, "#124;");
}

function label(parts: string[]): string {
  return `"${parts.map(mermaidText).join("<br/>")}"`;
}

function shape(node: DiagramNode): string {
  const text = label([node.label, node.name, ...node.detail, stateWord(node.state)]);
  if (node.kind === "client") return `${node.id}([${text}])`;
  if (node.kind === "database") return `${node.id}[(${text})]`;
  return `${node.id}[${text}]`;
}

function groupLines(model: DiagramModel, group: DiagramGroup, indent: string): string[] {
  const title = label([`${group.label} ${group.name}`, ...group.detail, stateWord(group.state)]);
  return [
    `${indent}subgraph ${group.id} [${title}]`,
    ...members(model, group.id, `${indent}  `),
    `${indent}end`,
  ];
}

function members(model: DiagramModel, groupId: string | undefined, indent: string): string[] {
  return [
    ...model.nodes.filter((n) => n.group === groupId).map((n) => `${indent}${shape(n)}`),
    ...model.groups.filter((g) => g.parent === groupId).flatMap((g) => groupLines(model, g, indent)),
  ];
}

export function renderMermaid(model: DiagramModel): string {
  const edges = model.edges.map(
    (e) => `  ${e.from} ${e.style === "dashed" ? "-.->" : "-->"}|${label([e.label])}| ${e.to}`,
  );
  const byTone = new Map<Tone, string[]>();
  for (const item of [...model.nodes, ...model.groups]) {
    const tone = toneOf(item.state);
    byTone.set(tone, [...(byTone.get(tone) ?? []), item.id]);
  }
  const classes = [...byTone].flatMap(([tone, ids]) => [
    `  classDef ${tone} ${CLASS_STYLE[tone]}`,
    `  class ${ids.join(",")} ${tone}`,
  ]);
  return [
    `%% ${t("diagram.mermaidHeading", {
      stack: model.stack,
      region: model.region ? t("diagram.inRegion", { region: model.region }) : "",
      source: t(`diagram.source.${model.source}`),
    })}`,
    "flowchart LR",
    ...members(model, undefined, "  "),
    ...edges,
    ...classes,
    "",
  ].join("\n");
}
