/** Render a training run's plots (trainPlots.ts) to SVG files in its run directory. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EpochRecord } from "@infoflow/models";
import { renderVegaLiteSvg } from "../plot/render";
import { trainPlots } from "./trainPlots";

/** Returns the paths written. */
export async function writeTrainPlots(
  records: readonly EpochRecord[],
  outDir: string,
  title: string,
): Promise<string[]> {
  const written: string[] = [];
  for (const plot of trainPlots(records, title)) {
    const path = join(outDir, `${plot.id}.svg`);
    writeFileSync(path, await renderVegaLiteSvg(plot.spec));
    written.push(path);
  }
  return written;
}
