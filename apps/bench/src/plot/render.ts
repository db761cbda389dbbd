/**
 * Render a Vega-Lite spec to a standalone SVG string in Node, with no browser and no canvas:
 * Vega's SVG renderer estimates text widths when `canvas` is absent, which is fine for plots.
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

export async function renderVegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const vgSpec = compile(spec).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
