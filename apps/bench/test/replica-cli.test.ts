/**
 * `infoflow replica` end to end (child process, as `pnpm infoflow replica` runs it): the --cases contract
 * (JSON array in input order, one failing case does not stop the others, exit 1 when any failed), a single
 * spec in human and --json form, and one-line errors.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { nonFinite } from "../src/commands/replica";
import { run } from "../src/program";
import { runCli } from "./cli-helpers";

/** The CLI in this process (program.run), capturing stdout/stderr: the child-process runs cost seconds each. */
async function runHere(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  try {
    const code = await run(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = 0;
  }
}

const SMALL = fileURLToPath(new URL("./fixtures/replica-cases-small.json", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../../../examples/replica/two-layer-linear.json", import.meta.url));

describe("infoflow replica --cases", () => {
  it("prints one result per case in input order; a failing case gets error and exit code 1 (child process)", async () => {
    const r = await runCli(["replica", "--cases", SMALL]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.map((o: { id: string }) => o.id)).toEqual([
      "cf/N0-lin0.01/gauss-a0.5",
      "hard/fail/bad-args/layers-weights-mismatch",
      "tests/test_multilayer/save_fixed_points/resume5",
      "cf/N0-lin0.1-lin0.01/gauss-1.5-0.5",
    ]);
    for (const o of out) {
      expect(Object.keys(o).sort()).toEqual(
        [
          "converged",
          "entropy",
          "error",
          "fixedPoints",
          "id",
          "iterations",
          "mi",
          "mmse",
          "seconds",
          "warnings",
        ].sort(),
      );
      expect(o.seconds).toBeGreaterThan(0);
    }
    // closed form of §6.1 (MP law, α = 0.5, Δ = 0.01): 0.637659855168
    expect(Math.abs(out[0].entropy - 0.637659855168)).toBeLessThan(1e-11);
    expect(out[0].error).toBeNull();
    expect(out[0].converged).toBe(true);
    expect(out[1].entropy).toBeNull();
    expect(out[1].error.message).toMatch(/layers\/weights count mismatch/);
    // dnner's max_iter = 5 resumed from a saved state: not converged, dnner's value (entropy1 case) to 1e-6
    expect(out[2].converged).toBe(false);
    expect(Math.abs(out[2].entropy - 0.24443752226462773)).toBeLessThan(1e-6);
    expect(out[3].fixedPoints[0].v.length).toBe(2);
  });
  it("exit 0 when every case succeeds", async () => {
    const dir = mkdtempSync(join(tmpdir(), "replica-cli-"));
    const file = join(dir, "ok.json");
    const cases = [
      {
        id: "a",
        layers: [
          { kind: "prior", name: "Normal", params: { mean: 0, var: 1 } },
          { kind: "activation", name: "Linear", params: { var_noise: 0.01 } },
        ],
        weights: [{ ensemble: "Gaussian", alpha: 2 }],
        call: "compute_mi",
        options: {},
      },
    ];
    writeFileSync(file, JSON.stringify(cases));
    const r = await runHere(["replica", "--cases", file]);
    expect(r.code).toBe(0);
    const [o] = JSON.parse(r.stdout);
    // §6.1 table, α = 2, Δ = 0.01: i = 2.500683246922
    expect(Math.abs(o.mi - 2.500683246922)).toBeLessThan(1e-11);
  });
  it("a non-array file is a one-line error", async () => {
    const r = await runHere(["replica", "--cases", EXAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([`infoflow: ${EXAMPLE}: expected a JSON array of cases`]);
  });
});

describe("infoflow replica SPEC.json", () => {
  it("human-readable by default, every layer with --all, JSON with --json", async () => {
    const human = await runHere(["replica", EXAMPLE]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/H\(T\)\/n0/);
    expect(human.stdout).toMatch(/converged: yes/);
    const all = await runHere(["replica", EXAMPLE, "--all", "--json"]);
    expect(all.code).toBe(0);
    const o = JSON.parse(all.stdout);
    expect(o.entropy.length).toBe(2);
    // T_2 of Normal → Linear(0) → Linear(0.01), Gaussian α = (1, 1): §6.5 table h = 0.7305103089, i = 1.6141568687
    expect(Math.abs(o.entropy[1] - 0.7305103089)).toBeLessThan(1e-9);
    expect(Math.abs(o.mi[1] - 1.6141568687)).toBeLessThan(1e-9);
  });
  it("--exact-sweeps: the same values with every sweep at full accuracy", async () => {
    const relu = fileURLToPath(new URL("../../../examples/replica/two-layer-relu.json", import.meta.url));
    const screened = JSON.parse((await runHere(["replica", relu, "--all", "--json"])).stdout);
    const exact = await runHere(["replica", relu, "--all", "--json", "--exact-sweeps"]);
    expect(exact.code).toBe(0);
    const o = JSON.parse(exact.stdout);
    for (let i = 0; i < 2; i++) {
      expect(Math.abs(o.entropy[i] - screened.entropy[i])).toBeLessThan(1e-12);
      expect(Math.abs(o.mi[i] - screened.mi[i])).toBeLessThan(1e-12);
    }
  });
  it("bad spec: one line naming the field, exit 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "replica-cli-"));
    const file = join(dir, "bad.json");
    writeFileSync(
      file,
      JSON.stringify({
        layers: [
          { kind: "prior", name: "Normal", params: { mean: 0, var: 1 } },
          { kind: "activation", name: "Linear", params: { var_noise: -0.1 } },
        ],
        weights: [{ ensemble: "Gaussian", alpha: 1 }],
      }),
    );
    const r = await runHere(["replica", file]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      "infoflow: case bad.json: layers[1].params.var_noise: must be >=0 (got -0.1)",
    ]);
    const none = await runHere(["replica"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/give either a SPEC.json or --cases FILE/);
  });
});

describe("JSON of non-finite numbers", () => {
  it("±∞ become strings; NaN (never produced) would too", () => {
    expect(JSON.stringify({ a: Number.POSITIVE_INFINITY, b: [Number.NEGATIVE_INFINITY, 1] }, nonFinite)).toBe(
      '{"a":"Infinity","b":["-Infinity",1]}',
    );
  });
});
