import { asc, eq } from "drizzle-orm";
import type { Tx } from "../client";
import { categories } from "../schema";

export function listCategories(tx: Tx, p: { tenantId: string }) {
  return tx
    .select()
    .from(categories)
    .where(eq(categories.tenantId, p.tenantId))
    .orderBy(asc(categories.position), asc(categories.code));
}

/** Category id → ids from the root down to it, for routing on parents. */
export function categoryPaths(rows: Array<{ id: string; parentId: string | null }>): Map<string, string[]> {
  const parent = new Map(rows.map((r) => [r.id, r.parentId]));
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const path: string[] = [];
    for (let at: string | null | undefined = r.id; at && path.length < 32; at = parent.get(at)) path.unshift(at);
    out.set(r.id, path);
  }
  return out;
}
