/**
 * Typed arrays on SharedArrayBuffers: the inputs and outputs of every kernel the worker pool
 * (`worker-pool.ts`) runs, so helper threads read and write them without a copy. Kernels are fed shared
 * arrays even on one thread: V8 optimises a loop for one typed-array backing, and mixing plain and shared
 * ones makes it polymorphic (measured ≈1.6× slower in the LSE kernel).
 */

/** A zero-filled Float64Array on shared memory. */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8), 0, length);
}

/** A zero-filled Int32Array on shared memory. */
export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length);
}

/** `a` itself when it already lives on shared memory, else a shared copy of it. */
export function toShared<T extends Float64Array | Int32Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const out = (a instanceof Float64Array ? sharedFloat64(a.length) : sharedInt32(a.length)) as T;
  out.set(a);
  return out;
}
