/**
 * Test helpers: a seeded database (PGlite, or Postgres with TEST_DATABASE_URL)
 * and messages inserted through the same queries the API uses.
 */
import { trackingCode, type MessageKind, type RequestState } from "@city137/core";
import { insertRequest, listActiveTenants, listCategories, listUnits, nextCounter, updateRequest, withoutTenant, withTenant, type Database } from "@city137/db";
import { createTestDb } from "@city137/db/testing";

export async function seededDb() {
  const t = await createTestDb();
  const cities = await withoutTenant(t.db, (tx) => listActiveTenants(tx));
  const city = (slug: string) => cities.find((c) => c.slug === slug)!.id;
  return { ...t, tehran: city("tehran"), shiraz: city("shiraz") };
}

export async function unitsOf(db: Database, tenantId: string) {
  const units = await withTenant(db, tenantId, (tx) => listUnits(tx, { tenantId }));
  const district = units.find((u) => u.kind === "district_office" && u.parentUnitId)!;
  return {
    all: units,
    district,
    region: units.find((u) => u.id === district.parentUnitId)!,
    hq: units.find((u) => u.kind === "hq")!,
    inspection: units.find((u) => u.code === "INSPECTION")!,
  };
}

let counter = 0;

/** One open message of a city with the given deadline, assigned to a district office unless told otherwise. */
export async function addRequest(
  db: Database,
  tenantId: string,
  p: { deadline: Date | null; unitId?: string | null; kind?: MessageKind; status?: RequestState },
) {
  const units = await unitsOf(db, tenantId);
  return withTenant(db, tenantId, async (tx) => {
    const category = (await listCategories(tx, { tenantId })).find((c) => c.code === "waste.collection")!;
    const seq = await nextCounter(tx, { tenantId, name: "tracking" });
    return insertRequest(tx, {
      tenantId,
      seq,
      trackingCode: trackingCode(tenantId, seq),
      values: {
        kind: p.kind ?? "complaint",
        categoryId: category.id,
        channel: "phone",
        description: `پیام آزمایشی ${++counter}`,
        searchText: `پیام آزمایشی ${counter}`,
        priority: "normal",
        status: p.status ?? "referred",
        unitId: p.unitId === undefined ? units.district.id : p.unitId,
        deadline: p.deadline,
      },
    });
  });
}

export function setRequest(db: Database, tenantId: string, id: string, values: { status?: RequestState; deadline?: Date | null }) {
  return withTenant(db, tenantId, (tx) => updateRequest(tx, { tenantId, id, values }));
}

export interface OutboxRow {
  tenant_id: string;
  topic: string;
  dedupe_key: string;
  payload: Record<string, unknown>;
  sent: boolean;
  attempts: number;
  last_error: string | null;
}

/** Every outbox row (read as the owner, below row-level security), optionally of some messages only. */
export async function outboxRows(owner: Database, requestIds?: string[]): Promise<OutboxRow[]> {
  const rows = await owner.query<OutboxRow>("select tenant_id::text as tenant_id, topic, dedupe_key, payload, sent_at is not null as sent, attempts::int as attempts, last_error from outbox order by created_at, dedupe_key");
  return requestIds ? rows.filter((r) => requestIds.includes(r.payload.requestId as string)) : rows;
}

export interface EventRow {
  tenant_id: string;
  request_id: string;
  type: string;
  unit_id: string | null;
  data: Record<string, unknown> | null;
}

export async function eventRows(owner: Database, requestIds: string[], types = ["reminder", "escalated"]): Promise<EventRow[]> {
  const rows = await owner.query<EventRow>("select tenant_id::text as tenant_id, request_id::text as request_id, type, unit_id::text as unit_id, data from request_events order by recorded_at");
  return rows.filter((r) => requestIds.includes(r.request_id) && types.includes(r.type));
}

/** Polls until check() returns a truthy value (or fails after timeoutMs). */
export async function waitFor<T>(check: () => Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;
