/**
 * A tiny document model so the Markdown and the HTML report say exactly the same things: headings,
 * paragraphs, bullet lists, tables and plots (SVG files next to `report.md`, inlined in `report.html`).
 */
import type { PlotSpec } from "./plots";

export type Block =
  | { kind: "h"; level: 1 | 2 | 3; text: string }
  | { kind: "p"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; head: string[]; rows: string[][]; numeric?: boolean[] }
  | { kind: "plot"; plot: PlotSpec; svg: string; file: string }
  | { kind: "details"; summary: string; blocks: Block[] };

const mdCell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function toMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case "h":
        out.push(`${"#".repeat(b.level)} ${b.text}`, "");
        break;
      case "p":
        out.push(b.text, "");
        break;
      case "list":
        out.push(...b.items.map((i) => `- ${i}`), "");
        break;
      case "table":
        out.push(`| ${b.head.map(mdCell).join(" | ")} |`);
        out.push(`|${b.head.map((_, i) => (b.numeric?.[i] ? "---:" : "---")).join("|")}|`);
        for (const r of b.rows) out.push(`| ${r.map(mdCell).join(" | ")} |`);
        out.push("");
        break;
      case "plot":
        out.push(`![${b.plot.title}](${b.file})`, "", `*${b.plot.caption}*`, "");
        break;
      case "details":
        out.push(
          `<details><summary>${b.summary}</summary>`,
          "",
          toMarkdown(b.blocks).trimEnd(),
          "",
          "</details>",
          "",
        );
        break;
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** `code` spans and **bold** are the only inline Markdown the report uses. */
function inline(s: string): string {
  return escapeHtml(s)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
}

function htmlBlocks(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case "h":
        out.push(`<h${b.level}>${inline(b.text)}</h${b.level}>`);
        break;
      case "p":
        out.push(`<p>${inline(b.text)}</p>`);
        break;
      case "list":
        out.push(`<ul>${b.items.map((i) => `<li>${inline(i)}</li>`).join("")}</ul>`);
        break;
      case "table": {
        const cls = (i: number) => (b.numeric?.[i] ? ' class="num"' : "");
        const head = b.head.map((h, i) => `<th${cls(i)}>${inline(h)}</th>`).join("");
        const rows = b.rows.map(
          (r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${inline(c)}</td>`).join("")}</tr>`,
        );
        out.push(`<table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`);
        break;
      }
      case "plot":
        out.push(
          `<figure id="${b.plot.id}">${b.svg}<figcaption>${inline(b.plot.caption)}</figcaption></figure>`,
        );
        break;
      case "details":
        out.push(`<details><summary>${inline(b.summary)}</summary>${htmlBlocks(b.blocks)}</details>`);
        break;
    }
  }
  return out.join("\n");
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:13px}th,td{border:1px solid #ddd;padding:3px 7px}
th{background:#f4f4f4;text-align:left}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1em 0 2em}figcaption{color:#555;font-size:13px;max-width:800px}code{background:#f4f4f4;padding:0 3px}
summary{cursor:pointer;font-weight:600;margin:1em 0}`;

/** A self-contained page: inline style, inline SVG, no script and no external resource. */
export function toHtml(title: string, blocks: readonly Block[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head>
<body>
${htmlBlocks(blocks)}
</body></html>
`;
}
