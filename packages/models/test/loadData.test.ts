/**
 * Training data from @infoflow/tasks: teacher–student (forward) and decoder–encoder (generative) roles,
 * the replica chain of X each provides, and the SZT split (read from ../shared when present).
 */
import { existsSync } from "node:fs";
import { logDetSpd } from "@infoflow/numerics";
import { createTask, resolveSztPath, type TeacherTask } from "@infoflow/tasks";
import { describe, expect, it } from "vitest";
import { loadData } from "../src/training/loadData";

const teacher = {
  family: "teacher",
  n0: 12,
  prior: { name: "Normal", mean: 0, var: 2 },
  layers: [{ activation: "Linear", alpha: 1.5, varNoise: 0.1 }],
  seed: 4,
};

describe("loadData from tasks", () => {
  it("forward role: x = X, y = T₁, the chain is the prior and Σ_X = var·I", () => {
    const d = loadData(
      { source: "task", task: teacher, role: "forward", target: "values", nTrain: 50, nTest: 20 },
      9,
    );
    expect([d.train.x.n, d.train.x.d, d.train.y!.d, d.test.x.n]).toEqual([50, 12, 18, 20]);
    expect(d.inputChain!.layers).toHaveLength(1);
    expect(d.inputChain!.layers[0].name).toBe("Normal");
    expect(d.inputChain!.n0).toBe(12);
    expect(d.inputCovariance!.data[0]).toBe(2);
    expect(d.inputCovariance!.data[1]).toBe(0);
    // the train sample is the task's own sample for the derived seed (same numbers, not a resampling)
    const again = loadData(
      { source: "task", task: teacher, role: "forward", target: "values", nTrain: 50, nTest: 20 },
      9,
    );
    expect(Array.from(again.train.x.data)).toEqual(Array.from(d.train.x.data));
  });

  it("generative role: x = T₁ (decoder output, with its noise), target = sign of latent 1, chain prior → decoder", () => {
    const d = loadData(
      { source: "task", task: teacher, role: "generative", target: "sign", nTrain: 40, nTest: 10 },
      9,
    );
    expect([d.train.x.d, d.train.nClasses]).toEqual([18, 2]);
    expect(d.inputChain!.layers.map((l) => l.name)).toEqual(["Normal", "Linear"]);
    // Σ of the decoder output: its log-det gives the task's own exact entropy H(T₁) (tasks' independent route)
    const task = createTask(teacher) as TeacherTask;
    const exact = task.exactLinearGaussian!(1).entropy;
    const h = 0.5 * (18 * Math.log(2 * Math.PI * Math.E) + logDetSpd(d.inputCovariance!));
    expect(Math.abs(h - exact)).toBeLessThan(1e-10 * Math.abs(exact));
    // labels are the signs of the latent's first component: both classes occur in 40 draws
    const ones = d.train.labels!.reduce((a, v) => a + v, 0);
    expect(ones).toBeGreaterThan(0);
    expect(ones).toBeLessThan(40);
  });

  it("rejects the generative role for a non-teacher task, naming the field", () => {
    expect(() =>
      loadData(
        {
          source: "task",
          task: { family: "multinormal", dimX: 2, dimY: 2, covariance: { kind: "identity" } },
          role: "generative",
          target: "values",
          nTrain: 5,
          nTest: 5,
        },
        1,
      ),
    ).toThrow(/data\.role/);
  });
});

const sztPath = resolveSztPath();
const haveSzt = existsSync(sztPath);
if (!haveSzt) console.warn(`loadData SZT test skipped: ${sztPath} absent (third-party data, not committed)`);

describe.runIf(haveSzt)("loadData SZT", () => {
  it("splits the 4096 inputs into disjoint train and test sets by a seeded permutation", () => {
    const d = loadData({ source: "szt", testFraction: 0.25 }, 3);
    expect([d.train.x.n, d.test.x.n, d.train.x.d, d.train.nClasses]).toEqual([3072, 1024, 12, 2]);
    const code = (x: Float64Array, r: number) =>
      x.subarray(r * 12, r * 12 + 12).reduce((a, b) => 2 * a + b, 0);
    const seen = new Set<number>();
    for (let r = 0; r < 3072; r++) seen.add(code(d.train.x.data, r));
    for (let r = 0; r < 1024; r++) seen.add(code(d.test.x.data, r));
    expect(seen.size).toBe(4096);
  });
});
