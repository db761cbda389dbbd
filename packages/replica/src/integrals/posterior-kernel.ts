/**
 * The generic term kernel (term-kernel.ts) of any piecewise-linear activation: the pointwise posterior of
 * replica-math §4.3(a) (piecewise-posterior.ts) evaluated at each node.
 */
import { type Pieces, PiecewisePosterior } from "./piecewise-posterior";
import type { TermKernel } from "./term-kernel";

export class PosteriorKernel implements TermKernel {
  private readonly post: PiecewisePosterior;
  private readonly S: Float64Array;
  private A = 0;
  private sqrtM = 0;

  constructor(p: Pieces) {
    this.post = new PiecewisePosterior(p);
    this.S = new Float64Array(p.kappa.length);
  }

  setPoint(A: number, v: number, m: number): void {
    this.post.setPoint(A, v);
    this.A = A;
    this.sqrtM = Math.sqrt(m);
    const kappa = this.post.p.kappa;
    for (let k = 0; k < kappa.length; k++) this.S[k] = Math.sqrt(A * (1 + A * kappa[k] * kappa[k] * v));
  }

  private point(k: number, b: number, w: number, vals: Float64Array, i: number): void {
    const post = this.post;
    const omega = this.sqrtM * w;
    const B = this.A * (post.p.kappa[k] * omega + post.p.c[k]) + this.S[k] * b;
    post.evaluate(B, omega);
    const mk = Math.exp(post.logM[k]);
    vals[3 * i] = mk * post.logZ;
    vals[3 * i + 1] = mk * post.fV;
    vals[3 * i + 2] = mk * post.fA;
  }

  evalOverW(k: number, b: number, w: Float64Array, from: number, count: number, vals: Float64Array): void {
    for (let i = from; i < from + count; i++) this.point(k, b, w[i], vals, i);
  }

  evalOverB(k: number, w: number, b: Float64Array, from: number, count: number, vals: Float64Array): void {
    for (let i = from; i < from + count; i++) this.point(k, b[i], w, vals, i);
  }

  logFlatMass(j: number, omega: number): number {
    return this.post.logMass(j, 0, omega);
  }
}
