/**
 * `infoflow estimate` end to end in this process (the same `run(argv)` as `pnpm infoflow`): file formats,
 * targets, units, --json, --list, and one-line errors naming the argument. Values are checked against
 * the closed forms / §2.8, §3.8 test vectors of shared/docs/estimators-math.md.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseParam } from "../src/commands/estimate";
import { runInProcess } from "./cli-helpers";
import { tempDir } from "./helpers";

const dir = tempDir();
function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
}

// §3.8 points as rows, labels (i − 1) mod 2
const rows = Array.from({ length: 20 }, (_, k) => {
  const i = k + 1;
  return [Math.sin(i * i), Math.sin(i * i) + 0.5 * Math.cos(3 * i + 1)];
});
const labels = rows.map((_, k) => k % 2);
const spec = file("spec.json", { x: rows, labels });
const shaped = file("shaped.json", { x: { shape: [20, 2], data: rows.flat() } });

describe("infoflow estimate", () => {
  it("kde-upper: entropy of x + noise from rows, human-readable", async () => {
    const r = await runInProcess(["estimate", "--estimator", "kde-upper", "--param", "variance=0.1", shaped]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("kde-upper: h(T) = 2.370077099 nats");
    expect(r.stdout).toContain("params: variance=0.1 base=e threads=auto shuffles=0 seed=0");
  });

  it("--json prints the Estimate; labels give I(T;Y); base=2 gives bits", async () => {
    const r = await runInProcess([
      "estimate",
      "--estimator",
      "kde-lower",
      "--param",
      "variance=0.1",
      "--param",
      "base=2",
      "--json",
      spec,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.unit).toBe("bits");
    expect(e.value).toBeCloseTo(0.1797619451 / Math.LN2, 9);
    expect(e.params.base).toBe(2);
  });

  it("binning with an IDNNs range and bins (§2.8 vector, bits)", async () => {
    const t = [
      [-0.95, 0.1],
      [-0.9, 0.12],
      [0.05, 0.49],
      [0.07, 0.51],
      [0.93, -0.99],
      [0.99, -0.97],
      [0.51, 0.02],
      [0.49, 0.03],
    ];
    const f = file("t.json", { x: t, labels: { shape: [8], data: [0, 0, 0, 0, 1, 1, 1, 1] } });
    const args = ["--param", "mode=idnns", "--param", "bins=3", "--param", "range=-1,1", "--param", "base=2"];
    const r = await runInProcess(["estimate", "--estimator", "binning", ...args, "--json", f]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).value).toBeCloseTo(0.5, 12);
  });

  it("sp: seeded entropy with a standard error", async () => {
    const args = ["--param", "variance=0.1", "--param", "nmc=500", "--param", "seed=3", "--json", shaped];
    const a = await runInProcess(["estimate", "--estimator", "sp", ...args]);
    const b = await runInProcess(["estimate", "--estimator", "sp", ...args]);
    expect(a.code, a.stderr).toBe(0);
    const e = JSON.parse(a.stdout);
    expect(Math.abs(e.value - 1.8403)).toBeLessThan(3 * Math.hypot(e.stdError, 0.0009));
    expect(JSON.parse(b.stdout).value).toBe(e.value);
  });

  it("--list shows every estimator with parameters and defaults", async () => {
    const r = await runInProcess(["estimate", "--list"]);
    expect(r.code, r.stderr).toBe(0);
    for (const id of ["ksg1", "ksg2", "kl", "kde-upper", "kde-lower", "binning", "sp"]) {
      expect(r.stdout).toMatch(new RegExp(`^${id} \\(`, "m"));
    }
    expect(r.stdout).toContain("    variance: noise VARIANCE σ² [default 0.1]");
    const j = await runInProcess(["estimate", "--list", "--json"]);
    expect(JSON.parse(j.stdout)).toHaveLength(7);
  });

  const errors: Array<[string, string[], string]> = [
    ["no estimator", [spec], "infoflow: --estimator is required (see --list)"],
    ["unknown estimator", ["--estimator", "foo", spec], "infoflow: unknown estimator 'foo'; known: ksg1"],
    [
      "bad param syntax",
      ["--estimator", "sp", "--param", "nmc", spec],
      "infoflow: --param expects key=value, got 'nmc'",
    ],
    [
      "unknown param",
      ["--estimator", "sp", "--param", "k=3", spec],
      "infoflow: unknown parameter 'k' for estimator sp",
    ],
    [
      "negative variance",
      ["--estimator", "kde-upper", "--param", "variance=-1", spec],
      "infoflow: variance must be > 0",
    ],
    ["missing file", ["--estimator", "sp", join(dir, "none.json")], "infoflow: FILE: cannot read"],
    ["bad JSON", ["--estimator", "sp", file("bad.json", "{x:")], "infoflow: FILE: "],
    ["no x", ["--estimator", "sp", file("nox.json", { y: [[1]] })], "infoflow: FILE: "],
    [
      "NaN in x",
      ["--estimator", "sp", file("nan.json", { x: { shape: [2, 1], data: [1, "NaN"] } })],
      "infoflow: x.data[1] must be a number, got string",
    ],
    [
      "ragged rows",
      ["--estimator", "binning", file("ragged.json", { x: [[1, 2], [3]] })],
      "infoflow: x row 1 has length 1 but row 0 has 2",
    ],
    [
      "labels length",
      ["--estimator", "binning", file("len.json", { x: [[1], [2], [3]], labels: [0, 1] })],
      "infoflow: labels has 2 entries but there are 3 rows",
    ],
    [
      "both y and labels",
      ["--estimator", "binning", file("both.json", { x: [[1], [2]], y: [[1], [2]], labels: [0, 1] })],
      "infoflow: FILE: give either 'y' or 'labels', not both",
    ],
  ];
  for (const [what, args, message] of errors) {
    it(`error: ${what} → one line, exit 1`, async () => {
      const r = await runInProcess(["estimate", ...args]);
      expect(r.code).toBe(1);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(message);
    });
  }
});

describe("parseParam", () => {
  it("parses numbers, lists, JSON arrays and text", () => {
    expect(parseParam("k=5")).toEqual(["k", 5]);
    expect(parseParam("range=-1,1")).toEqual(["range", [-1, 1]]);
    expect(parseParam("range=[0, 8]")).toEqual(["range", [0, 8]]);
    expect(parseParam("metric=max")).toEqual(["metric", "max"]);
    expect(parseParam("base=e")).toEqual(["base", "e"]);
  });
});
