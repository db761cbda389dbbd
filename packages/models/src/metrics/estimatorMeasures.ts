/**
 * The sample-based measures of a layer, computed by `@infoflow/estimators` on Float64 activations:
 * sample propagation (Goldfeld et al. 2019, estimators-math.md §5), binning H(Bin(T)) of the
 * deterministic twin (§2; Goldfeld's bin size 10β, §5.5) and the Kolchinsky–Tracey pairwise bounds
 * (§3). All values in nats.
 */
import { binningMI, pairwiseBounds, type Samples, samplePropagationMI } from "@infoflow/estimators";

export interface SpMetrics {
  /** Î(X;T_ℓ) by sample propagation. */
  ixt: number;
  /** Monte-Carlo standard error of ixt. */
  stdError: number;
  /** ĥ(T_ℓ). */
  entropy: number;
  /** Î(T_ℓ;Y) from the class-conditional mixtures, when labels exist. */
  ity?: number;
}

export interface BinningMetrics {
  binSize: number;
  /** H(Bin(T_ℓ)) = I(X; Bin(T_ℓ)) for X uniform over distinct inputs. */
  ht: number;
  /** I(Bin(T_ℓ); Y), when labels exist. */
  ity?: number;
  /** Occupied joint bins. */
  occupied: number;
}

export interface KdeMetrics {
  variance: number;
  ixtUpper: number;
  ixtLower: number;
  /** I(T;Y) from the class-conditional mixtures (KL and BD versions; estimates, not bounds). */
  ityUpper?: number;
  ityLower?: number;
}

export function spMetrics(
  centres: Samples[],
  labels: Int32Array | undefined,
  opts: { noiseStd: number; seed: number; params: Record<string, unknown> },
): SpMetrics {
  const r = samplePropagationMI(centres, {
    ...opts.params,
    noiseStd: opts.noiseStd,
    seed: opts.seed,
    ...(labels ? { labels } : {}),
  });
  return {
    ixt: r.mutualInformation,
    stdError: r.stdError,
    entropy: r.entropy,
    ...(r.mutualInformationY !== undefined ? { ity: r.mutualInformationY } : {}),
  };
}

export function binningMetrics(t: Samples, labels: Int32Array | undefined, binSize: number): BinningMetrics {
  const r = binningMI(t, { mode: "width", width: binSize, ...(labels ? { labels } : {}) });
  return {
    binSize,
    ht: r.entropy,
    ...(r.mutualInformationY !== undefined ? { ity: r.mutualInformationY } : {}),
    occupied: r.occupied,
  };
}

export function kdeMetrics(t: Samples, labels: Int32Array | undefined, variance: number): KdeMetrics {
  const r = pairwiseBounds(t, { variance, ...(labels ? { labels } : {}) });
  return {
    variance,
    ixtUpper: r.mutualInformationX.upper,
    ixtLower: r.mutualInformationX.lower,
    ...(r.mutualInformationY
      ? { ityUpper: r.mutualInformationY.upper, ityLower: r.mutualInformationY.lower }
      : {}),
  };
}
