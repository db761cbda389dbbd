/** The rows `rows` of a row-major sample matrix, as a new Float64 matrix. */
import type { Samples } from "@infoflow/estimators";

export function selectRows(x: Samples, rows: ArrayLike<number>): Samples {
  const data = new Float64Array(rows.length * x.d);
  for (let i = 0; i < rows.length; i++)
    data.set(x.data.subarray(rows[i] * x.d, (rows[i] + 1) * x.d), i * x.d);
  return { data, n: rows.length, d: x.d };
}
