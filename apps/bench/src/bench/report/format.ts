/** Number formatting for the report: significant digits, a dash for missing values, never "NaN". */

export function sig(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return "—";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e6) return String(Number(v.toPrecision(digits)));
  return v.toExponential(digits - 1);
}

export function pct(v: number): string {
  return Number.isFinite(v) ? `${sig(100 * v, 3)}%` : "—";
}

export function secs(v: number): string {
  return Number.isFinite(v) ? sig(v, 3) : "—";
}
