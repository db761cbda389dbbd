/**
 * Tie policy of the kNN estimators (shared/docs/estimators-math.md §4.5, §10 item 7; users-ask.md §1
 * item 4; scikit-learn issue #30772, where exact ties made an MI estimate 210× too large).
 *
 * Exact duplicate rows put a neighbour at distance 0. Once a row has k duplicates its radius is 0, KSG-1's
 * strict counts are 0 and each such row adds ψ(N) − ψ(1) − … to the sum, so the estimate grows with N
 * whatever the true dependence; the Kozachenko–Leonenko entropy takes ln 0. The estimators assume
 * continuous data, so duplicates are looked for first (a hash of the rows, O(N·d)) and then, by `ties`:
 *   - "jitter" (default): add N(0, (1e-10·std_c)²) noise to every non-constant column (`jitter.ts`,
 *     seeded) and search again. A block of identical rows becomes a tiny cloud of independent noise,
 *     which contributes ≈ ln(N/N_block) per row — the discrete part of the MI of a mixed distribution —
 *     instead of ≈ ψ(N). The diagnostics say how many rows were tied and that noise was added.
 *   - "error": throw, naming the argument and the number of duplicate rows.
 * Data without duplicates are never touched, so every reference value is reproduced exactly. Looking
 * first also keeps the search fast: a big group of identical rows would otherwise make every query of
 * an exact-tie search (KSG-2) visit the whole group.
 * Duplicates in one marginal only (e.g. an integer-valued x) leave every radius positive and are
 * counted exactly; they are reported, not altered.
 */
import { InvalidInputError } from "../errors";
import type { Samples } from "../interface";
import { sharedFloat64 } from "../kernels/shared-memory";
import { findDuplicateRows, type TieReport } from "../validate";
import { addJitter, DEFAULT_JITTER } from "./jitter";
import type { ResolvedKnnOptions, TiePolicy } from "./options";

/** Rows whose nearest other row is at distance 0 (members of a duplicate group), and rows whose k-th is. */
export interface ZeroDistances {
  readonly tiedRows: number;
  readonly zeroRadiusRows: number;
}

export function zeroDistances(dist: Float64Array, n: number, k: number): ZeroDistances {
  let tiedRows = 0;
  let zeroRadiusRows = 0;
  for (let i = 0; i < n; i++) {
    if (dist[i * k] === 0) tiedRows++;
    if (dist[i * k + k - 1] === 0) zeroRadiusRows++;
  }
  return { tiedRows, zeroRadiusRows };
}

export interface TieDiagnostics extends TieReport {
  readonly policy: TiePolicy;
  /** "jittered": noise added because of duplicates; "none": no duplicates, or jitter was requested anyway */
  readonly action: "none" | "jittered";
  /** relative jitter applied (× column standard deviation), 0 when none */
  readonly jitter: number;
  /** rows still tied after jittering (0 unless the noise was lost to rounding) */
  readonly tiedRowsAfterJitter?: number;
}

/**
 * Apply the policy once duplicates were seen: returns the duplicate report for the diagnostics, or
 * throws under "error". `parts` are the arrays whose joint rows were searched (x, or x and y).
 */
export function handleTies(policy: TiePolicy, what: string, x: Samples, y?: Samples): TieReport {
  const report = findDuplicateRows(x, y);
  if (policy === "error") {
    throw new InvalidInputError(
      `${what} has ${report.duplicateRows} exact duplicate rows (largest group ${report.largestGroup}); ` +
        `kNN estimators need continuous data — pass ties: "jitter" to break them with spread-scaled noise`,
    );
  }
  return report;
}

export const NO_TIES: TieReport = { duplicateRows: 0, tiedGroups: 0, largestGroup: 1 };

/** Mix a 32-bit word into a running hash (Murmur3's finaliser constants). */
function mix(h: number, w: number): number {
  let x = Math.imul(w, 0xcc9e2d51);
  x = (x << 15) | (x >>> 17);
  h ^= Math.imul(x, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * Whether two rows of `rows` (n × d) are exactly equal (values compared numerically, so −0 and +0 tie,
 * as they do for any distance): open-addressing hash table over the rows' bits, O(n·d) expected.
 */
export function hasDuplicateRows(rows: Float64Array, n: number, d: number): boolean {
  let size = 1;
  while (size < 2 * n) size <<= 1;
  const table = new Int32Array(size).fill(-1);
  const value = new Float64Array(1);
  const word = new Int32Array(value.buffer);
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (let c = 0; c < d; c++) {
      value[0] = rows[i * d + c] + 0; // −0 + 0 = +0
      h = mix(mix(h, word[0]), word[1]);
    }
    for (let slot = h & (size - 1); ; slot = (slot + 1) & (size - 1)) {
      const j = table[slot];
      if (j < 0) {
        table[slot] = i;
        break;
      }
      let same = true;
      for (let c = 0; c < d && same; c++) same = rows[i * d + c] === rows[j * d + c];
      if (same) return true;
    }
  }
  return false;
}

/** A neighbour computation whose rows may be re-run with jitter. */
export interface TieAware {
  readonly zero: ZeroDistances;
}

/**
 * Run `search` on `rows` (n × d, shared memory; never modified) under the tie policy: requested jitter
 * first; otherwise, when `rows` has duplicate rows, "jitter" searches a jittered copy and "error"
 * throws. Throws as well if rows still sit on k identical neighbours after jittering. Returns the
 * result, the rows it was computed on and the tie diagnostics.
 */
export function withTiePolicy<T extends TieAware>(
  rows: Float64Array,
  n: number,
  d: number,
  opts: ResolvedKnnOptions,
  what: string,
  parts: readonly [Samples] | readonly [Samples, Samples],
  search: (rows: Float64Array) => T,
): { result: T; rows: Float64Array; ties: TieDiagnostics } {
  const jittered = (relative: number): Float64Array => {
    const copy = sharedFloat64(n * d);
    copy.set(rows);
    addJitter(copy, n, d, relative, opts.seed);
    return copy;
  };
  const duplicates = hasDuplicateRows(rows, n, d);
  // requested jitter breaks the duplicates anyway: report them, do not apply the policy
  const report = !duplicates
    ? NO_TIES
    : opts.jitter > 0
      ? findDuplicateRows(parts[0], parts[1])
      : handleTies(opts.ties, what, parts[0], parts[1]);
  let used = rows;
  let ties: TieDiagnostics = { ...report, policy: opts.ties, action: "none", jitter: opts.jitter };
  if (opts.jitter > 0) used = jittered(opts.jitter);
  else if (duplicates) {
    used = jittered(DEFAULT_JITTER);
    ties = { ...report, policy: opts.ties, action: "jittered", jitter: DEFAULT_JITTER };
  }
  const result = search(used);
  if (ties.jitter > 0) ties = { ...ties, tiedRowsAfterJitter: result.zero.tiedRows };
  if (result.zero.zeroRadiusRows > 0) {
    throw new InvalidInputError(
      `${what}: ${result.zero.zeroRadiusRows} rows still have k identical neighbours after jitter ${ties.jitter}; ` +
        "pass a larger jitter",
    );
  }
  return { result, rows: used, ties };
}
