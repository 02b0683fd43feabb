import {
  categoryRowsToCsv,
  createsCycle,
  parseCategoryCsv,
  parseCategoryJson,
  type CategoryRow,
  type RowProblem,
} from "@city137/core";
import { listCategories, recordAudit, upsertCategoryRows, type Tx } from "@city137/db";

/**
 * Checks every row (columns, values, parents, loops) and applies the file
 * only when asked and only when nothing is wrong: all or nothing.
 */
export async function importCategories(
  tx: Tx,
  p: { tenantId: string; actorId: string; ip: string | null; format: "csv" | "json"; text: string; dryRun: boolean },
) {
  const { rows, problems } = p.format === "csv" ? parseCategoryCsv(p.text) : parseCategoryJson(p.text);
  const existing = await listCategories(tx, { tenantId: p.tenantId });
  const codeOfId = new Map(existing.map((c) => [c.id, c.code]));
  const known = new Set([...existing.map((c) => c.code), ...rows.map((r) => r.code)]);
  const rowNo = (i: number) => (p.format === "csv" ? i + 2 : i);
  rows.forEach((r, i) => {
    if (r.parentCode && !known.has(r.parentCode)) problems.push({ row: rowNo(i), field: "parent", messageKey: "errors.category.unknownParent" });
  });
  // Loops: the merged tree, by code.
  const merged = new Map(existing.map((c) => [c.code, c.parentId ? codeOfId.get(c.parentId) ?? null : null]));
  for (const r of rows) merged.set(r.code, r.parentCode);
  const asRows = [...merged].map(([id, parentId]) => ({ id, parentId }));
  rows.forEach((r, i) => {
    if (createsCycle(asRows, r.code, r.parentCode)) problems.push({ row: rowNo(i), field: "parent", messageKey: "errors.category.cycle" });
  });
  problems.sort((a: RowProblem, b: RowProblem) => a.row - b.row);
  const applied = !p.dryRun && problems.length === 0 && rows.length > 0;
  if (applied) {
    await upsertCategoryRows(tx, { tenantId: p.tenantId, rows });
    await recordAudit(tx, p.tenantId, { action: "config.categories_imported", actorId: p.actorId, targetType: "categories", detail: { rows: rows.length, format: p.format }, ip: p.ip });
  }
  return { applied, rows: rows.length, problems };
}

export async function exportCategories(tx: Tx, p: { tenantId: string; format: "csv" | "json" }) {
  const all = await listCategories(tx, { tenantId: p.tenantId });
  const codeOf = new Map(all.map((c) => [c.id, c.code]));
  const rows: CategoryRow[] = all.map((c) => ({
    code: c.code,
    parentCode: c.parentId ? codeOf.get(c.parentId)! : null,
    nameFa: c.nameFa,
    nameEn: c.nameEn,
    kinds: c.kinds,
    priority: c.priority,
    slaMinutes: c.slaMinutes,
    public: c.public,
    externalAgency: c.externalAgency,
  }));
  if (p.format === "csv") return { format: "csv" as const, text: categoryRowsToCsv(rows) };
  const json = rows.map((r) => ({ code: r.code, parent: r.parentCode, name_fa: r.nameFa, name_en: r.nameEn, kinds: r.kinds, priority: r.priority, sla_minutes: r.slaMinutes, public: r.public, external_agency: r.externalAgency }));
  return { format: "json" as const, text: JSON.stringify(json, null, 2) };
}

