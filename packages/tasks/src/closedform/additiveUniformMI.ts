/**
 * X ~ U(0,1), Y = X + U(−ε, ε) (bmi `AdditiveUniformSampler`; estimators-math §7.1, §8 item 6):
 * I = ε − ln(2ε) for ε ≤ ½, 1/(4ε) for ε > ½. Derivation: I = h(Y) − ln(2ε), with h(Y) of the
 * trapezoidal density of Y = U(0,1) + U(−ε, ε).
 */
export function additiveUniformMI(epsilon: number): number {
  return epsilon <= 0.5 ? epsilon - Math.log(2 * epsilon) : 1 / (4 * epsilon);
}
