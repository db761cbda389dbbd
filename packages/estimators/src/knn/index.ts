/**
 * kNN estimators (shared/docs/estimators-math.md §4): Kozachenko–Leonenko entropy and KSG mutual
 * information with exact neighbour search, their `Estimator` factories, and the tie policy.
 */
export { type KnnMetric, logUnitBallVolume } from "./ball-volume";
export { createKozachenkoLeonenkoEstimator, createKsgEstimator } from "./estimators";
export { DEFAULT_JITTER } from "./jitter";
export { type KlOptions, klEntropy } from "./kl-entropy";
export type { KsgVariant } from "./ksg";
export { type KsgOptions, ksgMI } from "./ksg-mi";
export type { KnnOptions, TiePolicy } from "./options";
export type { TieDiagnostics } from "./ties";
