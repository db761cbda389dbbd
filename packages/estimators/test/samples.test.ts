import { describe, expect, it } from "vitest";
import { classEntropy, classesOfLabels, targetClasses } from "../src/labels";
import { samples } from "../src/samples";
import { fromNats, unitFromBase } from "../src/units";

describe("samples builder", () => {
  it("accepts rows, {shape, data}, flat arrays with a shape, and 1-D columns, all row-major", () => {
    const expected = [1, 2, 3, 4, 5, 6];
    const rows = samples([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect([rows.n, rows.d, ...rows.data]).toEqual([3, 2, ...expected]);
    const shaped = samples({ shape: [3, 2], data: expected });
    expect([shaped.n, shaped.d, ...shaped.data]).toEqual([3, 2, ...expected]);
    const flat = samples(expected, 3, 2);
    expect([flat.n, flat.d]).toEqual([3, 2]);
    const column = samples({ shape: [6], data: expected });
    expect([column.n, column.d]).toEqual([6, 1]);
    expect([samples(expected).n, samples(expected).d]).toEqual([6, 1]);
  });

  it("uses a Float64Array without copying", () => {
    const data = new Float64Array([1, 2, 3, 4]);
    expect(samples(data, 2, 2).data).toBe(data);
  });

  it("names ragged rows, non-numbers, bad shapes and NaN", () => {
    expect(() => samples([[1, 2], [3]], undefined, undefined, "y")).toThrow(
      "y row 1 has length 1 but row 0 has 2; rows must be equal length",
    );
    expect(() => samples([[1, "a" as unknown as number]])).toThrow("x[0][1] must be a number, got string");
    expect(() => samples({ shape: [2, 2], data: [1, 2, 3] })).toThrow(
      "x: data has 3 values but shape is [2,2] (expected 4)",
    );
    expect(() => samples({ shape: [2, 2, 1], data: [1, 2, 3, 4] })).toThrow("x.shape must be [n] or [n, d]");
    expect(() => samples([1, 2, 3], 2, 2)).toThrow("x: data has 3 values but shape is [2, 2] (expected 4)");
    expect(() => samples([[0], [Number.NaN]])).toThrow("x.data[1] (row 1) is NaN");
    expect(() => samples([])).toThrow("x has no rows");
  });
});

describe("units", () => {
  it("maps base options to units and converts nats to bits by 1/ln 2", () => {
    expect(unitFromBase(undefined)).toBe("nats");
    expect(unitFromBase(2)).toBe("bits");
    expect(unitFromBase("2")).toBe("bits");
    expect(unitFromBase("e")).toBe("nats");
    expect(unitFromBase(Math.E)).toBe("nats");
    expect(fromNats(Math.LN2, "bits")).toBe(1);
    expect(fromNats(0.5, "nats")).toBe(0.5);
    expect(() => unitFromBase(10)).toThrow('base must be 2 (bits) or "e" (nats), got 10');
  });
});

describe("targets as classes", () => {
  it("labels map to dense ids in label order", () => {
    const c = classesOfLabels(new Int32Array([7, -1, 7, 3]));
    expect(Array.from(c.ids)).toEqual([2, 0, 2, 1]);
    expect(Array.from(c.counts)).toEqual([1, 1, 2]);
    expect(classEntropy(c)).toBeCloseTo(1.5 * Math.LN2, 15);
  });

  it("rows of y are classes by exact equality, and lengths must match", () => {
    const y = { data: new Float64Array([0, 1, 1, 0, 0, 1]), n: 3, d: 2 };
    expect(Array.from(targetClasses(y, 3).ids)).toEqual([0, 1, 0]);
    expect(() => targetClasses(y, 4)).toThrow("y has 3 rows but x has 4");
    expect(Array.from(targetClasses([1, 0, 1], 3).counts)).toEqual([1, 2]);
  });
});
