import { and, eq } from "drizzle-orm";
import type { CategoryRow } from "@city137/core";
import type { Tx } from "../client";
import { categories, units } from "../schema";

type CategoryValues = Omit<typeof categories.$inferInsert, "tenantId" | "id" | "createdAt">;
type UnitValues = Omit<typeof units.$inferInsert, "tenantId" | "id" | "createdAt">;

export async function insertCategory(tx: Tx, p: { tenantId: string; values: CategoryValues }) {
  const [row] = await tx.insert(categories).values({ ...p.values, tenantId: p.tenantId }).returning();
  return row!;
}

export async function updateCategory(tx: Tx, p: { tenantId: string; id: string; values: Partial<CategoryValues> }) {
  const [row] = await tx
    .update(categories)
    .set(p.values)
    .where(and(eq(categories.tenantId, p.tenantId), eq(categories.id, p.id)))
    .returning();
  return row ?? null;
}

/** Imports by code: existing codes are updated, new ones added; parents resolved after all exist. */
export async function upsertCategoryRows(tx: Tx, p: { tenantId: string; rows: CategoryRow[] }) {
  const existing = await tx.select({ id: categories.id, code: categories.code }).from(categories).where(eq(categories.tenantId, p.tenantId));
  const idOf = new Map(existing.map((c) => [c.code, c.id]));
  for (const r of p.rows) {
    const values = {
      nameFa: r.nameFa,
      nameEn: r.nameEn,
      kinds: r.kinds,
      priority: r.priority,
      slaMinutes: r.slaMinutes,
      public: r.public,
      externalAgency: r.externalAgency,
    };
    const id = idOf.get(r.code);
    if (id) await updateCategory(tx, { tenantId: p.tenantId, id, values });
    else idOf.set(r.code, (await insertCategory(tx, { tenantId: p.tenantId, values: { ...values, code: r.code } })).id);
  }
  for (const r of p.rows) {
    await updateCategory(tx, { tenantId: p.tenantId, id: idOf.get(r.code)!, values: { parentId: r.parentCode ? idOf.get(r.parentCode)! : null } });
  }
  return p.rows.length;
}

export async function insertUnit(tx: Tx, p: { tenantId: string; values: UnitValues }) {
  const [row] = await tx.insert(units).values({ ...p.values, tenantId: p.tenantId }).returning();
  return row!;
}

export async function updateUnit(tx: Tx, p: { tenantId: string; id: string; values: Partial<UnitValues> }) {
  const [row] = await tx
    .update(units)
    .set(p.values)
    .where(and(eq(units.tenantId, p.tenantId), eq(units.id, p.id)))
    .returning();
  return row ?? null;
}
