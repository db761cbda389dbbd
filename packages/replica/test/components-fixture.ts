/**
 * Typed access to test/fixtures/components.json — a copy of shared/reference/replica-components.json
 * (dnner's scalar functions at given arguments; `seconds` is dnner's wall time per call).
 */
import fixture from "./fixtures/components.json";

export interface ComponentEntry {
  kind: "prior" | "output" | "interface" | "ensemble";
  spec: { kind?: string; name?: string; ensemble?: string; params?: Record<string, number> };
  method: string;
  args: Array<number | null>;
  result: number;
  seconds: number;
}

export const componentEntries = fixture.entries as ComponentEntry[];

export function describeEntry(e: ComponentEntry): string {
  const params = e.spec.params ? JSON.stringify(e.spec.params) : "";
  return `${e.kind} ${e.spec.name}${params} ${e.method}(${e.args.join(", ")})`;
}
