/**
 * Parameter grids: `{ base, grid: { "a.b": [1, 2], c: ["x", "y"] } }` expands to the Cartesian product of
 * the grid's values written into copies of `base` at the dotted paths (the last key varies fastest).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One grid point: the expanded object and the values it took on the grid's paths (for labels). */
export interface GridPoint {
  value: JsonObject;
  point: Record<string, Json>;
}

export function expandGrid(base: JsonObject, grid: Record<string, Json[]> | undefined): GridPoint[] {
  const paths = Object.keys(grid ?? {});
  let points: GridPoint[] = [{ value: structuredClone(base), point: {} }];
  for (const path of paths) {
    const values = grid![path];
    const next: GridPoint[] = [];
    for (const p of points) {
      for (const v of values) {
        const value = structuredClone(p.value);
        setPath(value, path, structuredClone(v));
        next.push({ value, point: { ...p.point, [path]: v } });
      }
    }
    points = next;
  }
  return points;
}

function setPath(target: JsonObject, path: string, v: Json): void {
  const keys = path.split(".");
  let node: JsonObject = target;
  for (const key of keys.slice(0, -1)) {
    const child = node[key];
    // arrays stay arrays: a path like `layers.1.params.var_noise` indexes into them
    if (child === undefined || child === null || typeof child !== "object") node[key] = {};
    node = node[key] as JsonObject;
  }
  node[keys[keys.length - 1]] = v;
}

/** `k=3,variance=0.1` — a short, stable rendering of a grid point or parameter record. */
export function formatPoint(point: Record<string, unknown>): string {
  return Object.keys(point)
    .sort()
    .map((k) => `${k}=${formatValue(point[k])}`)
    .join(",");
}

function formatValue(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}
