import { notFound, type ProtectedStatus } from "@city137/core";
import { appendProtectedEntries, getProtectedEntry, getProtectedReport, lockProtectedReport, recordAudit, setProtectedReportStatus, type Tx } from "@city137/db";
import type { CitySession } from "../../auth/session";
import { unwrapDataKey } from "../../protected/keys";
import type { ProtectedKeyring } from "../../protected/keys";
import { dayOf, decryptedReport, openEntry, sealEntries } from "./content";

/** What an inspector's procedure has: the city's door, the session, the keys. */
export interface InspectorCtx {
  tenantId: string;
  tenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  session: CitySession;
  ip: string | null;
  protectedKeys: ProtectedKeyring;
  now: () => Date;
}

async function reportOf(tx: Tx, ctx: InspectorCtx, id: string) {
  const row = await getProtectedReport(tx, { tenantId: ctx.tenantId, id });
  if (!row) throw notFound();
  return row;
}

type AuditAction = "protected_report.viewed" | "protected_report.downloaded" | "protected_report.asked" | "protected_report.status_changed";

/** Every inspector access leaves a line in the city's audit log (who, what, which report). */
const audit = (tx: Tx, ctx: InspectorCtx, what: { action: AuditAction }, reportId: string, detail: Record<string, unknown> = {}) =>
  recordAudit(tx, ctx.tenantId, { action: what.action, actorId: ctx.session.user.id, targetType: "protected_report", targetId: reportId, ip: ctx.ip, detail });

/** The report decrypted, for an inspector: the body, every entry (photos as links), status. Audited as "viewed". */
export function viewForInspector(ctx: InspectorCtx, id: string) {
  return ctx.tenant(async (tx) => {
    const row = await reportOf(tx, ctx, id);
    const report = await decryptedReport(ctx.protectedKeys, tx, row);
    await audit(tx, ctx, { action: "protected_report.viewed" }, row.id, { number: row.number });
    return { id: row.id, number: row.number, ...report };
  });
}

/** One photo's bytes, decrypted for an inspector. Audited as "downloaded". */
export function photoForInspector(ctx: InspectorCtx, id: string, entryId: string) {
  return ctx.tenant(async (tx) => {
    const row = await reportOf(tx, ctx, id);
    const entry = await getProtectedEntry(tx, { tenantId: ctx.tenantId, reportId: row.id, id: entryId });
    if (!entry || entry.kind !== "photo") throw notFound();
    const bytes = openEntry(unwrapDataKey(ctx.protectedKeys, row), row.id, entry);
    await audit(tx, ctx, { action: "protected_report.downloaded" }, row.id, { number: row.number, entry: entry.seq });
    return { mime: entry.mime!, data: bytes.toString("base64") };
  });
}

/** A question for the reporter, read with their receipt; the report waits for them. */
export function askReporter(ctx: InspectorCtx, id: string, text: string) {
  return ctx.tenant(async (tx) => {
    const row = await reportOf(tx, ctx, id);
    await lockProtectedReport(tx, row);
    const on = dayOf(ctx.now());
    await appendProtectedEntries(tx, { tenantId: ctx.tenantId, reportId: row.id, entries: sealEntries(unwrapDataKey(ctx.protectedKeys, row), row.id, "inspector", on, text, []) });
    await setProtectedReportStatus(tx, { tenantId: ctx.tenantId, id: row.id, status: "need_info", on });
    await audit(tx, ctx, { action: "protected_report.asked" }, row.id, { number: row.number });
    return { ok: true as const };
  });
}

export function setStatusByInspector(ctx: InspectorCtx, id: string, status: ProtectedStatus) {
  return ctx.tenant(async (tx) => {
    const row = await reportOf(tx, ctx, id);
    await setProtectedReportStatus(tx, { tenantId: ctx.tenantId, id: row.id, status, on: dayOf(ctx.now()) });
    await audit(tx, ctx, { action: "protected_report.status_changed" }, row.id, { number: row.number, from: row.status, to: status });
    return { status };
  });
}
