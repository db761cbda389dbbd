/**
 * The package's error class (docs/contracts.md: `class ReplicaError extends Error`, one-line message).
 * Thrown for bad layer parameters and for quantities that are infinite or undefined at the requested point.
 */
export class ReplicaError extends Error {
  override readonly name = "ReplicaError";
}
