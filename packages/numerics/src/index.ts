/**
 * @infoflow/numerics — Float64 special functions, Gaussian quadrature, scalar solvers, seeded random
 * numbers and small linear algebra (docs/contracts.md).
 */

// linear algebra
export { Matrix } from "ml-matrix";
export { BracketError, ConvergenceError, InvalidInputError, NumericsError } from "./errors";
export type {
  GaussianExpectationOptions,
  GaussKronrodOptions,
  GaussKronrodVectorOptions,
  MinimizeResult,
  QuadResult,
  QuadratureRule,
  QuadVectorResult,
  Rng,
  RootResult,
  RowMajorMatrix,
} from "./interface";
export { gaussianMatrix } from "./linalg/gaussian-matrix";
export { gramEigenvalues } from "./linalg/gram-eigenvalues";
export { haarOrthogonal } from "./linalg/haar-orthogonal";
export { logDetSpd } from "./linalg/log-det-spd";
export { matmulRowMajor } from "./linalg/matmul-row-major";
export type { MatrixInput } from "./linalg/matrix-input";
export { fromRowMajor, toRowMajor } from "./linalg/row-major";
export { singularValues } from "./linalg/singular-values";
export { symmetricEigenvalues } from "./linalg/symmetric-eigenvalues";
// quadrature
export { GAUSS_HERMITE_MAX_ORDER, gaussHermite } from "./quadrature/gauss-hermite";
export { gaussKronrod } from "./quadrature/gauss-kronrod";
export { gaussKronrodVector } from "./quadrature/gauss-kronrod-vector";
export {
  DEFAULT_GAUSS_HERMITE_ORDER,
  GAUSSIAN_BREAKPOINTS,
  gaussianExpectation,
} from "./quadrature/gaussian-expectation";
export { DEFAULT_GAUSS_HERMITE_ORDER_2D, gaussianExpectation2D } from "./quadrature/gaussian-expectation-2d";
// random numbers
export { createRng } from "./random/rng";
// scalar solvers
export { type BrentMinimizeOptions, brentMinimize } from "./solvers/brent-minimize";
export { type BrentRootOptions, brentRoot } from "./solvers/brent-root";
// special functions
export { digamma } from "./special/digamma";
export { erf } from "./special/erf";
export { erfc } from "./special/erfc";
export { erfcx } from "./special/erfcx";
export { expm1 } from "./special/expm1";
export { logErfc } from "./special/log-erfc";
export { logErfcx } from "./special/log-erfcx";
export { logGamma } from "./special/log-gamma";
export { logSumExp } from "./special/log-sum-exp";
export { log1p } from "./special/log1p";
export { log2cosh } from "./special/log2cosh";
export { logistic } from "./special/logistic";
export { normalCdf } from "./special/normal-cdf";
export { normalLogCdf } from "./special/normal-log-cdf";
export { normalPdf } from "./special/normal-pdf";
export { normalQuantile } from "./special/normal-quantile";
export { softplus } from "./special/softplus";
export { StreamingLogSumExp } from "./special/streaming-log-sum-exp";
