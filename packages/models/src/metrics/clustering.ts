/**
 * Clustering measures of a layer's representations (Goldfeld et al., ICML 2019; estimators-math.md
 * §5.7): mean within-class and between-class Euclidean distance and cosine similarity over all
 * pairs of distinct samples, their ratios, and the scatter ratio tr(S_W)/tr(S_B). Compression of
 * I(X;T) in noisy networks goes with same-class representations clustering together: within-class
 * distances shrink relative to between-class ones, and within-class cosine similarity grows.
 *
 * Hand-written: one O(n²·d) pass over pairs in Float64; no library computes these class-split means.
 * Pairs with a zero-norm vector have no cosine and are left out of the cosine means.
 */
import type { Samples } from "@infoflow/estimators";

export interface ClusteringMeasures {
  withinDistance: number;
  betweenDistance: number;
  /** withinDistance / betweenDistance */
  distanceRatio: number;
  withinCosine: number;
  betweenCosine: number;
  /** tr(S_W) / tr(S_B), S_W = Σ_c Σ_{i∈c} (t_i−μ_c)(t_i−μ_c)ᵀ, S_B = Σ_c n_c (μ_c−μ)(μ_c−μ)ᵀ */
  scatterRatio: number;
}

export function clusteringMeasures(t: Samples, labels: Int32Array): ClusteringMeasures {
  const { data, n, d } = t;
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += data[i * d + k] ** 2;
    norms[i] = Math.sqrt(s);
  }
  let wD = 0;
  let bD = 0;
  let wC = 0;
  let bC = 0;
  let wN = 0;
  let bN = 0;
  let wCN = 0;
  let bCN = 0;
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    for (let j = i + 1; j < n; j++) {
      const oj = j * d;
      let sq = 0;
      let dot = 0;
      for (let k = 0; k < d; k++) {
        const a = data[oi + k];
        const b = data[oj + k];
        sq += (a - b) * (a - b);
        dot += a * b;
      }
      const dist = Math.sqrt(sq);
      const den = norms[i] * norms[j];
      const same = labels[i] === labels[j];
      if (same) {
        wD += dist;
        wN++;
      } else {
        bD += dist;
        bN++;
      }
      if (den > 0) {
        if (same) {
          wC += dot / den;
          wCN++;
        } else {
          bC += dot / den;
          bCN++;
        }
      }
    }
  }
  const withinDistance = wD / wN;
  const betweenDistance = bD / bN;
  return {
    withinDistance,
    betweenDistance,
    distanceRatio: withinDistance / betweenDistance,
    withinCosine: wC / wCN,
    betweenCosine: bC / bCN,
    scatterRatio: scatterRatio(t, labels),
  };
}

function scatterRatio(t: Samples, labels: Int32Array): number {
  const { data, n, d } = t;
  let nClasses = 0;
  for (let i = 0; i < n; i++) nClasses = Math.max(nClasses, labels[i] + 1);
  const means = new Float64Array(nClasses * d);
  const counts = new Float64Array(nClasses);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    counts[c]++;
    for (let k = 0; k < d; k++) {
      means[c * d + k] += data[i * d + k];
      mean[k] += data[i * d + k] / n;
    }
  }
  for (let c = 0; c < nClasses; c++)
    for (let k = 0; k < d; k++) if (counts[c] > 0) means[c * d + k] /= counts[c];
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    for (let k = 0; k < d; k++) sw += (data[i * d + k] - means[c * d + k]) ** 2;
  }
  let sb = 0;
  for (let c = 0; c < nClasses; c++)
    for (let k = 0; k < d; k++) sb += counts[c] * (means[c * d + k] - mean[k]) ** 2;
  return sw / sb;
}
