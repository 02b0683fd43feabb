import { AppError, createsCycle, notFound } from "@city137/core";
import { insertCategory, isUniqueViolation, listCategories, recordAudit, updateCategory, type Tx } from "@city137/db";
import type { z } from "zod";
import type { ZCategoryFields } from "@city137/validators";

type Fields = z.infer<typeof ZCategoryFields>;
interface Actor {
  tenantId: string;
  actorId: string;
  ip: string | null;
}

/** Creates or changes one category; a parent must exist in this city and must not be a descendant. */
export async function saveCategory(tx: Tx, a: Actor, fields: Fields, id?: string) {
  const all = await listCategories(tx, { tenantId: a.tenantId });
  const before = id ? all.find((c) => c.id === id) : undefined;
  if (id && !before) throw notFound();
  if (fields.parentId && !all.some((c) => c.id === fields.parentId)) {
    throw new AppError("NOT_FOUND", "errors.category.unknownParent", { field: "parentId" });
  }
  if (id && createsCycle(all, id, fields.parentId)) {
    throw new AppError("BAD_REQUEST", "errors.category.cycle", { field: "parentId" });
  }
  try {
    const row = id
      ? await updateCategory(tx, { tenantId: a.tenantId, id, values: fields })
      : await insertCategory(tx, { tenantId: a.tenantId, values: fields });
    await recordAudit(tx, a.tenantId, {
      action: id ? "config.category_changed" : "config.category_created",
      actorId: a.actorId,
      targetType: "category",
      targetId: row!.id,
      detail: { before: before ?? null, after: fields },
      ip: a.ip,
    });
    return row!;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", "errors.category.codeTaken", { field: "code" });
    throw err;
  }
}
