/** Turn a zod error into the one-line message the project's errors use: "<field.path>: <problem>". */
import type { z } from "zod";

export function zodMessage(root: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const path = [root, ...issue.path.map(String)].filter((p) => p !== "").join(".");
  return `${path}: ${issue.message}`;
}
