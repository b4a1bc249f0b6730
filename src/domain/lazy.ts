/**
 * A value built on first use. Only the API reads the read models' entry schemas and list filters;
 * building zod schemas is most of what importing the fact kinds costs, and every function's cold
 * start imports them (`npm run bench:coldstart`).
 */
export function lazy<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}
