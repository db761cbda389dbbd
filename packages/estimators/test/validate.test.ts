import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../src/errors";
import {
  checkFinite,
  checkInteger,
  checkLabels,
  checkNoConstantColumns,
  checkOneOf,
  checkRowsForK,
  checkSameRows,
  checkSamples,
  checkVariance,
  constantColumns,
  findDuplicateRows,
} from "../src/validate";

const s = (rows: number[][]) => ({
  data: Float64Array.from(rows.flat()),
  n: rows.length,
  d: rows[0].length,
});

describe("checkSamples", () => {
  it("accepts a well-formed Samples object and returns it", () => {
    const x = s([
      [1, 2],
      [3, 4],
    ]);
    expect(checkSamples(x, "x")).toBe(x);
  });

  it("names the argument, flat index, row and column of the first NaN", () => {
    const x = s([
      [1, 2],
      [3, Number.NaN],
      [Number.POSITIVE_INFINITY, 0],
    ]);
    expect(() => checkSamples(x, "y")).toThrow(InvalidInputError);
    expect(() => checkSamples(x, "y")).toThrow(
      "y.data[3] (row 1, column 1) is NaN; every value must be finite",
    );
  });

  it("names -Infinity in a single-column array by row", () => {
    expect(() => checkFinite([0, 1, Number.NEGATIVE_INFINITY], "t")).toThrow("t[2] (row 2) is -Infinity");
  });

  it("rejects a shape that does not match the data length", () => {
    expect(() => checkSamples({ data: new Float64Array(5), n: 2, d: 3 }, "x")).toThrow(
      "x: data has 5 values but shape is [2, 3] (expected 6)",
    );
  });

  it("rejects plain arrays and non-integer dimensions with the field name", () => {
    expect(() => checkSamples({ data: [1, 2], n: 2, d: 1 }, "x")).toThrow("x.data must be a Float64Array");
    expect(() => checkSamples({ data: new Float64Array(2), n: 2.5, d: 1 }, "x")).toThrow(
      "x.n must be an integer, got 2.5",
    );
    expect(() => checkSamples(null, "x")).toThrow("x must be samples");
  });

  it("enforces a minimum number of rows", () => {
    expect(() => checkSamples(s([[1]]), "x", 2)).toThrow("x has 1 rows; at least 2 are needed");
  });
});

describe("parameter checks", () => {
  it("kNN needs n ≥ k + 1", () => {
    expect(() => checkRowsForK(3, 3, "x")).toThrow(
      "x has 3 rows, too few for k = 3 (need at least k + 1 = 4)",
    );
    expect(() => checkRowsForK(4, 3, "x")).not.toThrow();
  });

  it("negative variance is explained as a variance", () => {
    expect(() => checkVariance(-0.1)).toThrow(
      "variance must be > 0 (it is a variance σ², not a standard deviation)",
    );
    expect(() => checkVariance(0)).toThrow("variance must be > 0");
    expect(() => checkVariance(Number.NaN)).toThrow("variance must be a finite number > 0, got NaN");
    expect(checkVariance(0.1)).toBe(0.1);
  });

  it("integers and options name the parameter", () => {
    expect(() => checkInteger(0, "k", 1)).toThrow("k must be an integer ≥ 1, got 0");
    expect(() => checkInteger(3.5, "k", 1)).toThrow("k must be an integer, got 3.5");
    expect(() => checkInteger(9, "bins", 2, 8)).toThrow("bins must be an integer in [2, 8], got 9");
    expect(() => checkOneOf("l3", "metric", ["max", "euclidean"])).toThrow(
      'metric must be one of max, euclidean, got "l3"',
    );
  });

  it("paired arguments must have equal row counts", () => {
    expect(() => checkSameRows(10, 9, "x", "y")).toThrow("y has 9 rows but x has 10");
  });
});

describe("checkLabels", () => {
  it("converts an integer array and checks its length", () => {
    expect(Array.from(checkLabels([0, 1, 1], 3))).toEqual([0, 1, 1]);
    expect(() => checkLabels([0, 1], 3)).toThrow("labels has 2 entries but there are 3 rows");
    expect(() => checkLabels([0, 0.5, 1], 3)).toThrow(
      "labels[1] must be a 32-bit integer class label, got 0.5",
    );
  });

  it("passes an Int32Array through unchanged", () => {
    const l = new Int32Array([2, 3]);
    expect(checkLabels(l, 2)).toBe(l);
  });
});

describe("constant columns", () => {
  it("finds exactly the constant columns", () => {
    const x = s([
      [1, 5, 0],
      [2, 5, 0],
      [3, 5, -0],
    ]);
    expect(constantColumns(x)).toEqual([1, 2]);
    expect(() => checkNoConstantColumns(x, "x")).toThrow("x column 1 is constant (every row equals 5)");
  });
});

describe("findDuplicateRows", () => {
  it("reports no ties for distinct rows", () => {
    expect(
      findDuplicateRows(
        s([
          [1, 2],
          [2, 1],
          [1, 3],
        ]),
      ),
    ).toEqual({ duplicateRows: 0, tiedGroups: 0, largestGroup: 1 });
  });

  it("counts groups of identical rows, -0 tying with +0", () => {
    const x = s([
      [0, 1],
      [5, 5],
      [-0, 1],
      [0, 1],
      [5, 5],
      [7, 7],
    ]);
    // groups {0,2,3} and {1,4}: 3 + 2 rows for 2 distinct values → 3 duplicates
    expect(findDuplicateRows(x)).toEqual({ duplicateRows: 3, tiedGroups: 2, largestGroup: 3 });
  });

  it("on joint rows, a tie needs both x and y to repeat", () => {
    const x = s([[1], [1], [1], [2]]);
    const y = s([[0], [0], [1], [0]]);
    expect(findDuplicateRows(x)).toEqual({ duplicateRows: 2, tiedGroups: 1, largestGroup: 3 });
    expect(findDuplicateRows(x, y)).toEqual({ duplicateRows: 1, tiedGroups: 1, largestGroup: 2 });
  });
});
