/** Clustering measures on a configuration small enough to do by hand (exact up to round-off, 1e-15). */
import { describe, expect, it } from "vitest";
import { clusteringMeasures } from "../src/metrics/clustering";

describe("clusteringMeasures", () => {
  it("matches the hand computation for two classes of two points", () => {
    // class 0: (0,0), (1,0); class 1: (0,2), (1,2)
    const t = { data: Float64Array.from([0, 0, 1, 0, 0, 2, 1, 2]), n: 4, d: 2 };
    const m = clusteringMeasures(t, Int32Array.from([0, 0, 1, 1]));
    expect(m.withinDistance).toBeCloseTo(1, 15);
    expect(m.betweenDistance).toBeCloseTo((4 + 2 * Math.sqrt(5)) / 4, 15);
    expect(m.distanceRatio).toBeCloseTo(4 / (4 + 2 * Math.sqrt(5)), 15);
    // cosines skip the zero vector (0,0): within only (0,2)·(1,2) → 4/(2·√5);
    // between (1,0)·(0,2) = 0 and (1,0)·(1,2) = 1/√5
    expect(m.withinCosine).toBeCloseTo(2 / Math.sqrt(5), 15);
    expect(m.betweenCosine).toBeCloseTo(1 / Math.sqrt(5) / 2, 15);
    // class means (0.5,0), (0.5,2), overall (0.5,1): tr S_W = 4·0.25 = 1, tr S_B = 2·1 + 2·1 = 4
    expect(m.scatterRatio).toBeCloseTo(0.25, 15);
  });
});
