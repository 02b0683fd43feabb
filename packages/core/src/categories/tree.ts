/** Would making `parentId` the parent of `id` close a loop in the tree? */
export function createsCycle(
  rows: ReadonlyArray<{ id: string; parentId: string | null }>,
  id: string,
  parentId: string | null,
): boolean {
  const parent = new Map(rows.map((r) => [r.id, r.parentId]));
  parent.set(id, parentId);
  const seen = new Set<string>();
  for (let at: string | null | undefined = id; at; at = parent.get(at)) {
    if (seen.has(at)) return true;
    seen.add(at);
  }
  return false;
}
