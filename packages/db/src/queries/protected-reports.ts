import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { protectedReportEntries, protectedReports, tenants, type ProtectedReportStatus } from "../schema";

export type ProtectedReportRow = typeof protectedReports.$inferSelect;
export type ProtectedEntryRow = typeof protectedReportEntries.$inferSelect;

/** The next report number of the city (gaps after a rolled-back insert are harmless). */
async function nextNumber(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${protectedReports.number}), 0)::int + 1` })
    .from(protectedReports)
    .where(eq(protectedReports.tenantId, tenantId));
  return row!.n;
}

export async function insertProtectedReport(tx: Tx, p: Omit<typeof protectedReports.$inferInsert, "number">) {
  // One writer at a time per city for the number (the lock ends with the transaction).
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`protected-report:${p.tenantId}`}))`);
  const [row] = await tx.insert(protectedReports).values({ ...p, number: await nextNumber(tx, p.tenantId) }).returning();
  return row!;
}

/** Rows whose receipt starts like this one: the candidates to check with scrypt. */
export function protectedReportsByPrefix(tx: Tx, p: { tenantId: string; prefix: string }) {
  return tx
    .select()
    .from(protectedReports)
    .where(and(eq(protectedReports.tenantId, p.tenantId), eq(protectedReports.receiptPrefix, p.prefix)));
}

export async function getProtectedReport(tx: Tx, p: { tenantId: string; id: string }) {
  const [row] = await tx.select().from(protectedReports).where(and(eq(protectedReports.tenantId, p.tenantId), eq(protectedReports.id, p.id)));
  return row ?? null;
}

/** Inspectors' list: what is not secret (number, status, days), newest first. */
export function listProtectedReports(tx: Tx, p: { tenantId: string }) {
  return tx
    .select({
      id: protectedReports.id,
      number: protectedReports.number,
      status: protectedReports.status,
      receivedOn: protectedReports.receivedOn,
      updatedOn: protectedReports.updatedOn,
    })
    .from(protectedReports)
    .where(eq(protectedReports.tenantId, p.tenantId))
    .orderBy(desc(protectedReports.number));
}

/** How many reports are open and closed: all that other roles may know. */
export async function countProtectedReports(tx: Tx, p: { tenantId: string }) {
  const rows = await tx
    .select({ closed: sql<boolean>`${protectedReports.status} = 'closed'`, n: count() })
    .from(protectedReports)
    .where(eq(protectedReports.tenantId, p.tenantId))
    .groupBy(sql`1`);
  return { open: rows.find((r) => !r.closed)?.n ?? 0, closed: rows.find((r) => r.closed)?.n ?? 0 };
}

export async function setProtectedReportStatus(tx: Tx, p: { tenantId: string; id: string; status: ProtectedReportStatus; on: string }) {
  const [row] = await tx
    .update(protectedReports)
    .set({ status: p.status, updatedOn: p.on })
    .where(and(eq(protectedReports.tenantId, p.tenantId), eq(protectedReports.id, p.id)))
    .returning();
  return row ?? null;
}

export function listProtectedEntries(tx: Tx, p: { tenantId: string; reportId: string }) {
  return tx
    .select()
    .from(protectedReportEntries)
    .where(and(eq(protectedReportEntries.tenantId, p.tenantId), eq(protectedReportEntries.reportId, p.reportId)))
    .orderBy(asc(protectedReportEntries.seq));
}

export async function getProtectedEntry(tx: Tx, p: { tenantId: string; reportId: string; id: string }) {
  const [row] = await tx
    .select()
    .from(protectedReportEntries)
    .where(and(eq(protectedReportEntries.tenantId, p.tenantId), eq(protectedReportEntries.reportId, p.reportId), eq(protectedReportEntries.id, p.id)));
  return row ?? null;
}

/** Appends entries after the report's last one; the caller holds the report (see lockProtectedReport). */
export async function appendProtectedEntries(tx: Tx, p: { tenantId: string; reportId: string; entries: Array<Omit<typeof protectedReportEntries.$inferInsert, "tenantId" | "reportId" | "seq" | "id"> & { id?: string }> }) {
  const [last] = await tx
    .select({ seq: sql<number>`coalesce(max(${protectedReportEntries.seq}), 0)::int` })
    .from(protectedReportEntries)
    .where(and(eq(protectedReportEntries.tenantId, p.tenantId), eq(protectedReportEntries.reportId, p.reportId)));
  if (p.entries.length === 0) return [];
  return tx
    .insert(protectedReportEntries)
    .values(p.entries.map((e, i) => ({ ...e, tenantId: p.tenantId, reportId: p.reportId, seq: last!.seq + i + 1 })))
    .returning();
}

/** Row lock on the report: one writer of its entries at a time. */
export async function lockProtectedReport(tx: Tx, p: { tenantId: string; id: string }) {
  await tx.execute(sql`select 1 from protected_reports where tenant_id = ${p.tenantId} and id = ${p.id} for update`);
}

/** Reports whose data key is wrapped under another KEK version than the current one (rotation). */
export function listStaleWrappedKeys(tx: Tx, p: { tenantId: string; current: string }) {
  return tx
    .select({ tenantId: protectedReports.tenantId, id: protectedReports.id, keyVersion: protectedReports.keyVersion, wrappedKey: protectedReports.wrappedKey })
    .from(protectedReports)
    .where(and(eq(protectedReports.tenantId, p.tenantId), sql`${protectedReports.keyVersion} <> ${p.current}`));
}

export async function setWrappedKey(tx: Tx, p: { tenantId: string; id: string; keyVersion: string; wrappedKey: string }) {
  await tx
    .update(protectedReports)
    .set({ keyVersion: p.keyVersion, wrappedKey: p.wrappedKey })
    .where(and(eq(protectedReports.tenantId, p.tenantId), eq(protectedReports.id, p.id)));
}

/** Every city, archived ones too (a rotation must reach every report before the old key goes). */
export function listAllTenantIds(tx: Tx) {
  return tx.select({ id: tenants.id }).from(tenants);
}
