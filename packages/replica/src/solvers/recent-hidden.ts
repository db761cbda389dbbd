/**
 * The last few hidden-layer results of a channel in a network, keyed by the exact arguments (A, Ṽ, ρ̃). The
 * solvers revisit identical points (𝒜 and 𝒱 of one sweep, a start's first sweep, a restart from a stored fixed
 * point, the final φ and stationarity checks), and an interface average costs ~1 ms (a Generic one ~0.3 s); the
 * values are deterministic, so a hit returns exactly what a new pass would. SIZE covers a whole earlier run:
 * ML-VAMP from dnner's starts [δ, δ] and [ρ_1, δ] repeats the first run's first calls exactly (the δ layer's
 * A = 1/δ = 1e10 and what follows from it, the most expensive points of the run; Normal → HardTanh(0) →
 * ReLU(1e−5): 4 of start 2's calls, ~40 calls apart). A miss scans 3·SIZE numbers, nothing next to one
 * interface average. Each value keeps the accuracy it was asked at (0 = full, see Channel.hidden): it serves
 * requests at that accuracy or a looser one.
 */
import type { HiddenValues } from "../interface";

const SIZE = 64;

export class RecentHidden {
  private readonly keys = new Float64Array(3 * SIZE).fill(Number.NaN);
  private readonly accuracies = new Float64Array(SIZE);
  private readonly values: Readonly<HiddenValues>[] = [];
  private next = 0;

  /** The stored value at (A, Ṽ, ρ̃) computed at `accuracy` or finer (frozen: callers share it). */
  get(A: number, Vt: number, rho: number, accuracy = 0): Readonly<HiddenValues> | undefined {
    const k = this.keys;
    for (let i = 0; i < SIZE; i++) {
      if (k[3 * i] === A && k[3 * i + 1] === Vt && k[3 * i + 2] === rho && this.accuracies[i] <= accuracy) {
        return this.values[i];
      }
    }
    return undefined;
  }

  put(A: number, Vt: number, rho: number, h: HiddenValues, accuracy = 0): Readonly<HiddenValues> {
    const i = this.next;
    this.keys[3 * i] = A;
    this.keys[3 * i + 1] = Vt;
    this.keys[3 * i + 2] = rho;
    this.accuracies[i] = accuracy;
    this.values[i] = Object.freeze({ ...h });
    this.next = (i + 1) % SIZE;
    return this.values[i];
  }
}
