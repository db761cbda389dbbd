/** The task spec: validation messages, defaults, stable ids, params echo, the family list. */
import { describe, expect, it } from "vitest";
import { createTask, InvalidInputError, listTaskFamilies, parseTaskSpec, taskId } from "../src/index";

const dense = {
  family: "multinormal",
  dimX: 3,
  dimY: 3,
  covariance: { kind: "dense", correlation: 0.5 },
} as const;

describe("taskSpecSchema errors: one line naming the field", () => {
  it.each([
    [{ family: "nope" }, /^invalid task spec: family: unknown value "nope" \(.*multinormal.*teacher/],
    [{ dimX: 1 }, /^invalid task spec: family: unknown value \(missing\)/],
    [{ ...dense, dimX: 0 }, /^invalid task spec: dimX: /],
    [
      { ...dense, covariance: { kind: "dense", correlation: 1 } },
      /^invalid task spec: covariance\.correlation: /,
    ],
    [
      { ...dense, covariance: { kind: "dense", correlation: -0.3 } },
      /covariance\.correlation: must be > −1\/\(dimX\+dimY−1\)/,
    ],
    [
      { ...dense, covariance: { kind: "sparse", pairs: 4 } },
      /covariance\.pairs: must be ≤ min\(dimX, dimY\) = 3/,
    ],
    [{ ...dense, covariance: { kind: "matrix", matrix: [[1]] } }, /covariance\.matrix: must be 6×6/],
    [{ ...dense, transforms: ["cube"] }, /^invalid task spec: transforms\[0\]: /],
    [{ ...dense, colour: "red" }, /^invalid task spec: spec: Unrecognized key: "colour"/],
    [{ family: "student-t", dimX: 1, dimY: 1, dof: 0 }, /^invalid task spec: dof: /],
    [{ family: "additive-uniform", epsilon: -1 }, /^invalid task spec: epsilon: /],
    [{ family: "linear-gaussian", dimX: 2, dimY: 2 }, /^invalid task spec: varNoise: /],
    [{ family: "teacher", n0: 10, layers: [] }, /^invalid task spec: layers: /],
    [
      { family: "teacher", n0: 10, layers: [{ activation: "Tanh", varNoise: 1 }] },
      /layers\[0\]\.activation: unknown value "Tanh"/,
    ],
    [
      { family: "teacher", n0: 10, layers: [{ activation: "ReLU", varNoise: -1 }] },
      /layers\[0\]\.varNoise: /,
    ],
    [
      { family: "teacher", n0: 10, layers: [{ activation: "ReLU" }] },
      /layers\[0\]\.varNoise: must be > 0 on the observed layer/,
    ],
    [
      {
        family: "teacher",
        n0: 10,
        layers: [
          { activation: "ReLU", varNoise: 0.1 },
          { activation: "Linear", varNoise: 0.1 },
        ],
      },
      /layers\[0\]\.varNoise: must be 0 for layers before the observed layer 2/,
    ],
    [
      { family: "teacher", n0: 10, observe: 2, layers: [{ activation: "ReLU", varNoise: 1 }] },
      /observe: is 2 but the network has 1 layer/,
    ],
    [
      { family: "teacher", n0: 10, layers: [{ activation: "LeakyReLU", varNoise: 1 }] },
      /layers\[0\]\.gamma: /,
    ],
    [
      {
        family: "teacher",
        n0: 10,
        layers: [
          {
            activation: "Linear",
            varNoise: 1,
            alpha: 0.5,
            weights: { ensemble: "usv", singularValues: [1, 2] },
          },
        ],
      },
      /layers\[0\]\.weights\.singularValues: has 2 values but the 5×10 matrix has min\(n_out, n_in\) = 5/,
    ],
    [
      {
        family: "teacher",
        n0: 10,
        prior: { name: "Bimodal", prob: 1 },
        layers: [{ activation: "Probit", varNoise: 1 }],
      },
      /prior\.prob: /,
    ],
    [
      { family: "teacher", n0: 10, seed: -1, layers: [{ activation: "Probit", varNoise: 1 }] },
      /^invalid task spec: seed: /,
    ],
  ])("%j", (spec, message) => {
    let error: unknown;
    try {
      parseTaskSpec(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });
});

describe("defaults, params and ids", () => {
  it("params echo the spec with defaults filled in", () => {
    const task = createTask({ family: "teacher", n0: 20, layers: [{ activation: "ReLU", varNoise: 0.1 }] });
    expect(task.params).toEqual({
      family: "teacher",
      n0: 20,
      seed: 0,
      prior: { name: "Normal", mean: 0, var: 1 },
      layers: [{ activation: "ReLU", alpha: 1, varNoise: 0.1, weights: { ensemble: "gaussian", scale: 1 } }],
    });
    expect(createTask({ ...dense, transforms: [] }).params).toEqual({ ...dense, transforms: [] });
  });

  it("the id is stable: key order and explicit defaults do not change it; any value does", () => {
    const a = createTask(dense).id;
    const b = createTask({
      covariance: { correlation: 0.5, kind: "dense" },
      dimY: 3,
      dimX: 3,
      family: "multinormal",
      transforms: [],
    }).id;
    expect(a).toBe(b);
    expect(a).toMatch(/^multinormal-dense0\.5-3x3-[0-9a-f]{10}$/);
    expect(createTask({ ...dense, dimY: 4 }).id).not.toBe(a);
    expect(createTask({ ...dense, covariance: { kind: "dense", correlation: 0.50001 } }).id).not.toBe(a);
    expect(createTask({ ...dense, transforms: ["asinh"] }).id).not.toBe(a);
  });

  it("the id is a pure function of the resolved spec (the recorded hash of a fixed spec never changes)", () => {
    // Recomputed from a canonical JSON string written out by hand: sha256 of it, first 10 hex digits.
    const canonical =
      '{"covariance":{"correlation":0.5,"kind":"dense"},"dimX":3,"dimY":3,"family":"multinormal","transforms":[]}';
    return import("node:crypto").then(({ createHash }) => {
      const hash = createHash("sha256").update(canonical).digest("hex").slice(0, 10);
      expect(createTask(dense).id).toBe(`multinormal-dense0.5-3x3-${hash}`);
    });
  });

  it("a label replaces the readable part but not the hash, and stays filename-safe", () => {
    const plain = createTask(dense).id;
    const labelled = createTask({ ...dense, label: "my task / v2" }).id;
    expect(labelled).toBe(`my_task_v2-${plain.slice(-10)}`);
    expect(taskId(parseTaskSpec({ ...dense, label: "x" }))).toMatch(/^[A-Za-z0-9._=-]+$/);
  });

  it("teacher ids differ by seed and by n0 and name the observed chain", () => {
    const spec = {
      family: "teacher",
      n0: 50,
      seed: 3,
      layers: [
        { activation: "ReLU", varNoise: 0 },
        { activation: "Linear", alpha: 0.5, varNoise: 0.01 },
      ],
    } as const;
    const id = createTask(spec).id;
    expect(id).toMatch(/^teacher-Normal-n0=50-ReLU0-Linear0\.01-s3-[0-9a-f]{10}$/);
    expect(createTask({ ...spec, seed: 4 }).id).not.toBe(id);
    expect(createTask({ ...spec, n0: 51 }).id).not.toBe(id);
  });
});

describe("listTaskFamilies", () => {
  it("lists every family of the schema once with a valid example", () => {
    const families = listTaskFamilies();
    expect(families.map((f) => f.family).sort()).toEqual(
      ["additive-uniform", "linear-gaussian", "multinormal", "student-t", "teacher"].sort(),
    );
    for (const f of families) {
      expect(parseTaskSpec(f.example).family).toBe(f.family);
      expect(f.description.length).toBeGreaterThan(20);
      const task = createTask(f.example);
      const { x, y } = task.sample(5, 1);
      expect([x.d, y.d]).toEqual([task.dimX, task.dimY]);
      // closed-form truths are immediate; the teacher's (a replica solve) is in teacherNonlinear.test.ts
      if (f.family !== "teacher") expect(task.mutualInformation()).toBeGreaterThan(0);
    }
  });

  it("returns copies (callers cannot edit the registry)", () => {
    const first = listTaskFamilies();
    (first[0].example as { n0?: number }).n0 = 1;
    expect(listTaskFamilies()[0].example).not.toEqual(first[0].example);
  });
});
