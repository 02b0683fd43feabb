import { AppError, directSessionStep, firstClash, forbidden, notFound, slotOf, tehranSlot, weeklySlots, type CityRole, type DirectSessionAction } from "@city137/core";
import { getDirectSession, getStaff, insertDirectSessions, listUnits, managerSlots, setDirectSessionStatus, type Tx } from "@city137/db";
import type { CreateDirectSessionInput } from "@city137/validators";

export interface Actor {
  tenantId: string;
  staffId: string;
  roles: readonly CityRole[];
}

const isLead = (a: Actor) => a.roles.includes("city_admin") || a.roles.includes("supervisor");

/** One dated session, or `weeks` of them on the same weekday and Tehran time; none may overlap the manager's others. */
export async function createSessions(tx: Tx, actor: Actor, input: CreateDirectSessionInput) {
  const { tenantId } = actor;
  const manager = await getStaff(tx, { tenantId, staffId: input.staffId });
  if (!manager || !manager.active) throw new AppError("NOT_FOUND", "errors.directSession.unknownManager", { field: "staffId" });
  const unit = (await listUnits(tx, { tenantId })).find((u) => u.id === input.unitId && u.active);
  if (!unit) throw new AppError("NOT_FOUND", "errors.request.unknownUnit", { field: "unitId" });
  const first = slotOf(input.date, input.start, input.end);
  if (!first) throw new AppError("BAD_REQUEST", "errors.directSession.endBeforeStart", { field: "end" });
  const slots = weeklySlots(first, input.weeks);
  const clash = firstClash(slots, await managerSlots(tx, { tenantId, managerStaffId: manager.id }));
  if (clash) throw new AppError("CONFLICT", "errors.directSession.overlap", { field: "date", params: { date: tehranSlot(clash).date } });
  const rows = await insertDirectSessions(
    tx,
    slots.map((s) => ({ tenantId, managerStaffId: manager.id, managerTitleFa: input.titleFa, managerTitleEn: input.titleEn, unitId: unit.id, startsAt: s.startsAt, endsAt: s.endsAt, createdBy: actor.staffId })),
  );
  return rows.map((r) => ({ id: r.id, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(), status: r.status }));
}

/**
 * Start, end, publish or cancel. The timetable's owners (admin, supervisor)
 * do everything; the session's own manager starts, ends and publishes it;
 * operators start and end the session they take calls for.
 */
export async function stepSession(tx: Tx, actor: Actor, input: { id: string; action: DirectSessionAction }) {
  const session = await getDirectSession(tx, { tenantId: actor.tenantId, id: input.id });
  if (!session) throw notFound();
  const own = session.managerStaffId === actor.staffId;
  const allowed = isLead(actor) || (input.action !== "cancel" && own) || ((input.action === "start" || input.action === "end") && actor.roles.includes("operator"));
  if (!allowed) throw forbidden();
  const to = directSessionStep(session.status, input.action);
  if (!to) throw new AppError("CONFLICT", "errors.directSession.wrongStatus", { field: "action", params: { status: session.status } });
  const updated = await setDirectSessionStatus(tx, { tenantId: actor.tenantId, id: session.id, from: session.status, to });
  if (!updated) throw new AppError("CONFLICT", "errors.directSession.wrongStatus", { field: "action", params: { status: session.status } });
  return { id: updated.id, status: updated.status };
}

/** Who answers in a session: its manager, or the timetable's owners. */
export async function sessionForAnswer(tx: Tx, actor: Actor, sessionId: string) {
  const session = await getDirectSession(tx, { tenantId: actor.tenantId, id: sessionId });
  if (!session) throw notFound();
  if (!isLead(actor) && session.managerStaffId !== actor.staffId) throw forbidden();
  if (session.status !== "live" && session.status !== "ended") throw new AppError("CONFLICT", "errors.directSession.wrongStatus", { field: "requestId", params: { status: session.status } });
  return session;
}
