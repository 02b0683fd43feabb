/** The rows of `tx.execute`: postgres.js answers with the rows, PGlite with { rows }. */
export function rowsOf<T>(res: unknown): T[] {
  return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
}
