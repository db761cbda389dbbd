export { createEnsemble, ensembleFromSpec, usvEnsemble } from "./create-ensemble";
export { empiricalEnsemble } from "./empirical";
export { gaussianEnsemble, marchenkoPasturStieltjes } from "./gaussian";
export { type Spectrum, spectrumFromEigenvalues, spectrumFromPositive } from "./spectrum";
export { isDeflatable, type ThetaRoot, ThetaSolver } from "./theta-solver";
