import { AppError, notFound, type RoutingTree } from "@city137/core";
import { getRoutingVersion, insertUnit, isUniqueViolation, listAreas, listUnits, recordAudit, updateUnit, type Tx } from "@city137/db";
import type { z } from "zod";
import type { ZUnitFields } from "@city137/validators";

type Fields = z.infer<typeof ZUnitFields>;
interface Actor {
  tenantId: string;
  actorId: string;
  ip: string | null;
}

export async function saveUnit(tx: Tx, a: Actor, fields: Fields, id?: string) {
  const units = await listUnits(tx, { tenantId: a.tenantId });
  const before = id ? units.find((u) => u.id === id) : undefined;
  if (id && !before) throw notFound();
  if (fields.parentUnitId && (!units.some((u) => u.id === fields.parentUnitId) || fields.parentUnitId === id)) {
    throw new AppError("NOT_FOUND", "errors.unit.unknownParent", { field: "parentUnitId" });
  }
  if (fields.areaId && !(await listAreas(tx, { tenantId: a.tenantId })).some((x) => x.id === fields.areaId)) {
    throw new AppError("NOT_FOUND", "errors.unit.unknownArea", { field: "areaId" });
  }
  try {
    const row = id ? await updateUnit(tx, { tenantId: a.tenantId, id, values: fields }) : await insertUnit(tx, { tenantId: a.tenantId, values: fields });
    await recordAudit(tx, a.tenantId, { action: id ? "config.unit_changed" : "config.unit_created", actorId: a.actorId, targetType: "unit", targetId: row!.id, detail: { before: before ?? null, after: fields }, ip: a.ip });
    return row!;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", "errors.unit.codeTaken", { field: "code" });
    throw err;
  }
}

/** A unit the live routing tree assigns work to cannot be deactivated: publish a tree without it first. */
export async function setUnitActive(tx: Tx, a: Actor, id: string, active: boolean) {
  if (!active) {
    const live = await getRoutingVersion(tx, { tenantId: a.tenantId, status: "published" });
    const tree = live?.tree as RoutingTree | undefined;
    const users = [...(tree?.rules ?? []).map((r) => ({ name: r.name, then: r.then })), ...(tree ? [{ name: "fallback", then: tree.fallback }] : [])];
    const rule = users.find((r) => r.then.assign.type === "unit" && r.then.assign.unitId === id);
    if (rule) throw new AppError("CONFLICT", "errors.unit.usedByRouting", { field: "active", params: { rule: rule.name } });
  }
  const row = await updateUnit(tx, { tenantId: a.tenantId, id, values: { active } });
  if (!row) throw notFound();
  await recordAudit(tx, a.tenantId, { action: active ? "config.unit_activated" : "config.unit_deactivated", actorId: a.actorId, targetType: "unit", targetId: id, ip: a.ip });
  return row;
}
