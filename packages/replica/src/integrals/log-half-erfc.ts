/**
 * log(½erfc(z)) = log Φ(−√2 z), the log-mass of a flat piece (replica-math §4.0 logErfc), with the fast erfcx:
 * z ≥ 0: log(½erfcx(z)) − z²;  z < 0: log1p(−½erfcx(−z)e^{−z²}).
 */
import { fastErfcx } from "./fast-erfcx";

/** Bound once (a namespace import read per call costs a getter when transpiled). */
const erfcx = fastErfcx;

export function logHalfErfc(z: number): number {
  return z >= 0 ? Math.log(0.5 * erfcx(z)) - z * z : Math.log1p(-0.5 * erfcx(-z) * Math.exp(-z * z));
}
