import { and, asc, eq, or, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { responseTemplates, savedFilters } from "../schema";

export type ResponseTemplateValues = Pick<typeof responseTemplates.$inferInsert, "categoryId" | "titleFa" | "titleEn" | "body" | "position">;

/** The city's ready answers, by category then position. */
export function listResponseTemplates(tx: Tx, p: { tenantId: string; activeOnly: boolean }) {
  return tx
    .select()
    .from(responseTemplates)
    .where(and(eq(responseTemplates.tenantId, p.tenantId), p.activeOnly ? eq(responseTemplates.active, true) : undefined))
    .orderBy(asc(responseTemplates.position), asc(responseTemplates.titleFa));
}

export async function insertResponseTemplate(tx: Tx, p: { tenantId: string; values: ResponseTemplateValues }) {
  const [row] = await tx.insert(responseTemplates).values({ ...p.values, tenantId: p.tenantId }).returning();
  return row!;
}

/** null when the template is not the city's. */
export async function updateResponseTemplate(tx: Tx, p: { tenantId: string; id: string; values: Partial<ResponseTemplateValues> & { active?: boolean } }) {
  const [row] = await tx
    .update(responseTemplates)
    .set({ ...p.values, updatedAt: sql`now()` })
    .where(and(eq(responseTemplates.tenantId, p.tenantId), eq(responseTemplates.id, p.id)))
    .returning();
  return row ?? null;
}

/** A member's own saved searches and those shared with the city. */
export function listSavedFilters(tx: Tx, p: { tenantId: string; staffId: string }) {
  return tx
    .select()
    .from(savedFilters)
    .where(and(eq(savedFilters.tenantId, p.tenantId), or(eq(savedFilters.staffId, p.staffId), eq(savedFilters.shared, true))))
    .orderBy(asc(savedFilters.name));
}

/** Saving under a name the member already uses replaces that search. */
export async function upsertSavedFilter(tx: Tx, p: { tenantId: string; staffId: string; name: string; query: Record<string, string>; shared: boolean }) {
  const [row] = await tx
    .insert(savedFilters)
    .values(p)
    .onConflictDoUpdate({ target: [savedFilters.tenantId, savedFilters.staffId, savedFilters.name], set: { query: p.query, shared: p.shared } })
    .returning();
  return row!;
}

/** Removes a search the member owns (or, for `any`, any of the city's); false when there was none. */
export async function deleteSavedFilter(tx: Tx, p: { tenantId: string; id: string; staffId: string; any: boolean }) {
  const rows = await tx
    .delete(savedFilters)
    .where(and(eq(savedFilters.tenantId, p.tenantId), eq(savedFilters.id, p.id), p.any ? undefined : eq(savedFilters.staffId, p.staffId)))
    .returning({ id: savedFilters.id });
  return rows.length > 0;
}
