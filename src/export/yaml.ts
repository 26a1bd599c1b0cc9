// YAML with comments, for exports a person reads: a header, and a comment
// before chosen keys. Same data and comments in, same bytes out (no dates, no
// map reordering), so an export is reproducible.
import { Document, isMap, isScalar, type Pair, visit } from "yaml";

export interface KeyComment {
  /** Path of the key, e.g. ["Resources", "Cluster"]. */
  path: readonly string[];
  text: string;
}

const WIDTH = 100;

/** Word-wraps each line of prose to at most WIDTH characters (a long word stays whole). */
function commentLines(text: string): string {
  return text
    .split("\n")
    .flatMap((paragraph) => {
      // An indented line is a command to copy: kept whole.
      if (paragraph.startsWith("  ")) return [paragraph];
      const lines: string[] = [];
      let line = "";
      for (const word of paragraph.split(" ")) {
        if (line && line.length + 1 + word.length > WIDTH) {
          lines.push(line);
          line = `  ${word}`;
        } else {
          line = line ? `${line} ${word}` : word;
        }
      }
      lines.push(line);
      return lines;
    })
    .map((line) => (line ? ` ${line}` : ""))
    .join("\n");
}

function pairAt(doc: Document, path: readonly string[]): Pair | undefined {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  if (!isMap(parent)) return undefined;
  return parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]) as
    | Pair
    | undefined;
}

function isFirstKey(doc: Document, path: readonly string[]): boolean {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  return isMap(parent) && parent.items[0] === pairAt(doc, path);
}

/** Strings a YAML 1.1 reader (PyYAML, older tools) would take for a date, a time or a boolean. */
const YAML11_LOOKALIKE = /^(\d{4}-\d\d?-\d\d?([Tt ].*)?|\d+(:[0-5]?\d)+|y|n|yes|no|on|off)$/i;

/** `data` as YAML, with `header` on top and each comment above its key (a blank line before it). */
export function commentedYaml(data: unknown, header: string, comments: readonly KeyComment[] = []): string {
  const doc = new Document(data);
  doc.commentBefore = commentLines(header);
  for (const { path, text } of comments) {
    const pair = pairAt(doc, path);
    if (!pair || !isScalar(pair.key)) throw new Error(`no key ${path.join(".")} to comment`);
    pair.key.commentBefore = commentLines(text);
    // A blank line sets a block apart, except at the top of its map.
    pair.key.spaceBefore = !isFirstKey(doc, path);
  }
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && YAML11_LOOKALIKE.test(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return doc.toString({ lineWidth: 0 });
}
