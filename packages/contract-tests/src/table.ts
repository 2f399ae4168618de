export interface TableRow {
  client: string;
  passed: number;
  total: number;
  /** The entry points and argument sets every operation went through. */
  via?: string;
}

/** `client | passed / total | %` as an aligned text table. */
export function formatTable(rows: TableRow[]): string {
  const cells = [
    ["client", "operations passed / total", "%", "called through"],
    ...rows.map((r) => [
      r.client,
      `${r.passed} / ${r.total}`,
      `${r.total === 0 ? 0 : Math.floor((1000 * r.passed) / r.total) / 10}%`,
      r.via ?? "",
    ]),
  ];
  const all = rows.reduce((a, r) => ({ passed: a.passed + r.passed, total: a.total + r.total }), { passed: 0, total: 0 });
  cells.push([
    "all clients",
    `${all.passed} / ${all.total}`,
    `${all.total === 0 ? 0 : Math.floor((1000 * all.passed) / all.total) / 10}%`,
    "",
  ]);
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length))) ?? [];
  const right = (i: number) => i === 1 || i === 2;
  const line = (row: string[]) =>
    `| ${row.map((c, i) => (right(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (right(i) ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return ["Contract (Stoplight Prism, request validation):", line(cells[0] ?? []), rule, ...cells.slice(1).map(line)].join("\n");
}
