// Small text helpers shared by the renderers and tables.

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
}

/** The width to fit output to: the terminal's columns, or none when the stream is not a terminal. */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout): number | undefined {
  return stream.isTTY && stream.columns > 0 ? stream.columns : undefined;
}

/** Below this many columns the last column is not wrapped beside the others but under them. */
const NARROWEST_LAST_COLUMN = 24;
const GAP = "  ";

/**
 * A plain-text table: columns padded to their widest cell. Given a width (a
 * terminal's), a table wider than it wraps its last column inside that column;
 * when too little room is left for that, each row's last cell goes on indented
 * lines of its own. Without a width (a pipe, a log) rows stay one line each.
 */
export function formatTable(headers: string[], rows: string[][], options: { width?: number } = {}): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const last = headers.length - 1;
  const lead = widths.slice(0, last).reduce((sum, w) => sum + w + GAP.length, 0);
  const total = lead + widths[last]!;
  const { width } = options;
  if (width === undefined || total <= width) {
    return [headers, widths.map((w) => "─".repeat(w)), ...rows]
      .map((cells) => joinRow(cells, widths))
      .join("\n");
  }
  if (width - lead >= NARROWEST_LAST_COLUMN) {
    const room = width - lead;
    const fitted = widths.map((w, i) => (i === last ? Math.min(w, room) : w));
    const out = [
      joinRow(headers, fitted),
      joinRow(
        fitted.map((w) => "─".repeat(w)),
        fitted,
      ),
    ];
    for (const row of rows) {
      const [first = "", ...more] = wrap(row[last] ?? "", room);
      out.push(joinRow([...row.slice(0, last), first], fitted));
      for (const piece of more) out.push(`${" ".repeat(lead)}${piece}`);
    }
    return out.join("\n");
  }
  // Stacked: the leading cells on one line, the last cell under them, indented.
  const indent = "    ";
  const out: string[] = [];
  for (const row of rows) {
    const head = joinRow(row.slice(0, last), widths.slice(0, last));
    out.push(...(head.length <= width ? [head] : wrap(head, width)));
    for (const piece of wrap(row[last] ?? "", width - indent.length)) out.push(`${indent}${piece}`);
  }
  return out.join("\n");
}

function joinRow(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
    .join(GAP)
    .trimEnd();
}

/** Word-wraps `text` to lines of at most `width` characters; a longer word is cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > width) {
      if (line) {
        lines.push(line);
        line = "";
      }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
