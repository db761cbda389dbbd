/**
 * Streaming log-sum-exp: log Σ exp(v_i) over values seen one at a time, in O(1) memory.
 *
 * Keeps the running maximum m and s = Σ exp(v_i − m); when a new maximum arrives, s is rescaled by
 * exp(m_old − m_new) (the one-pass algorithm of S. Nowozin, "Streaming log-sum-exp computation", 2016).
 */

/** Accumulates log Σ exp(v) one value at a time. */
export class StreamingLogSumExp {
  private max = Number.NEGATIVE_INFINITY;
  private sum = 0;
  private nan = false;

  /** Adds one value (−Infinity adds nothing; NaN makes the result NaN). */
  add(v: number): void {
    if (Number.isNaN(v)) {
      this.nan = true;
      return;
    }
    if (v <= this.max) {
      if (v !== Number.NEGATIVE_INFINITY) this.sum += Math.exp(v - this.max);
      return;
    }
    // New maximum: rescale the old sum (0 when max was −Infinity).
    this.sum = this.max === Number.NEGATIVE_INFINITY ? 1 : this.sum * Math.exp(this.max - v) + 1;
    this.max = v;
  }

  /** Adds every value of `a`. */
  addAll(a: ArrayLike<number>): void {
    for (let i = 0; i < a.length; i++) this.add(a[i]);
  }

  /** log Σ exp(v) of the values added so far (−Infinity when none). */
  value(): number {
    if (this.nan) return Number.NaN;
    if (this.max === Number.NEGATIVE_INFINITY || this.max === Number.POSITIVE_INFINITY) return this.max;
    return this.max + Math.log(this.sum);
  }

  /** Forgets every value. */
  reset(): void {
    this.max = Number.NEGATIVE_INFINITY;
    this.sum = 0;
    this.nan = false;
  }
}
