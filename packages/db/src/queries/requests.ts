import { and, asc, desc, eq, getTableColumns, gte, inArray, lt, ne, sql } from "drizzle-orm";
import type { MessageKind, RequestScope, RequestState } from "@city137/core";
import type { Tx } from "../client";
import { builtOnce, type BuiltOnce } from "../built-once";
import { outbox, requestEvents, requests, staff, tenantCounters } from "../schema";
import { chooseWordPlan, mergedMessages, wordConditions, type WordPlan } from "./request-search";

export type NewRequest = Omit<typeof requests.$inferInsert, "tenantId" | "id" | "seq" | "trackingCode">;

/** The next number of a per-city counter; the row lock orders concurrent intakes in one city. */
export async function nextCounter(tx: Tx, p: { tenantId: string; name: string }): Promise<number> {
  const [row] = await tx
    .insert(tenantCounters)
    .values({ tenantId: p.tenantId, name: p.name, value: 1 })
    .onConflictDoUpdate({ target: [tenantCounters.tenantId, tenantCounters.name], set: { value: sql`${tenantCounters.value} + 1` } })
    .returning({ value: tenantCounters.value });
  return row!.value;
}

/**
 * Reserves `size` numbers of a per-city counter at once and answers the last
 * of them (the block is last - size + 1 … last). Run it in a transaction of
 * its own: the row lock is then held only until that short commit, not for a
 * whole registration (docs/decisions/022).
 */
export async function reserveCounterBlock(tx: Tx, p: { tenantId: string; name: string; size: number }): Promise<number> {
  const [row] = await tx
    .insert(tenantCounters)
    .values({ tenantId: p.tenantId, name: p.name, value: p.size })
    .onConflictDoUpdate({ target: [tenantCounters.tenantId, tenantCounters.name], set: { value: sql`${tenantCounters.value} + ${p.size}` } })
    .returning({ value: tenantCounters.value });
  return row!.value;
}

/** What intake answers with, for a new message and for a replay: not the whole row (descriptions, attributes) it does not send back. */
const registered = {
  id: requests.id,
  trackingCode: requests.trackingCode,
  status: requests.status,
  channel: requests.channel,
  unitId: requests.unitId,
  deadline: requests.deadline,
  idempotencyHash: requests.idempotencyHash,
};
export type RegisteredRequest = { [K in keyof typeof registered]: (typeof requests.$inferSelect)[K] };

const byIdempotencyKey = builtOnce("request_by_idempotency_key", (tx) =>
  tx.select(registered).from(requests).where(and(eq(requests.tenantId, sql.placeholder("tenantId")), eq(requests.idempotencyKey, sql.placeholder("key")))),
);

/** The message registered under an idempotency key (what intake answers with). On every registration: built once (docs/decisions/028). */
export async function findRequestByIdempotencyKey(tx: Tx, p: { tenantId: string; key: string }): Promise<RegisteredRequest | null> {
  const [row] = await byIdempotencyKey.run(tx, p);
  return row ?? null;
}

/** `id` may be given (intake makes it, so the timeline and outbox rows can travel in the same round trip). */
export async function insertRequest(tx: Tx, p: { tenantId: string; seq: number; trackingCode: string; id?: string; values: NewRequest }) {
  const [row] = await tx
    .insert(requests)
    .values({ ...p.values, ...(p.id ? { id: p.id } : {}), tenantId: p.tenantId, seq: p.seq, trackingCode: p.trackingCode })
    .returning();
  return row!;
}

/** The columns a registration writes, every one given (null where it has no value): its statement is built once. */
const REGISTRATION_COLUMNS = [
  "tenantId", "id", "seq", "trackingCode", "kind", "categoryId", "channel", "description", "searchText", "attributes", "lat", "lon", "address",
  "districtId", "regionId", "citizenName", "citizenMobile", "citizenNationalId", "citizenLocale", "priority", "status", "unitId", "deadline",
  "routingVersionId", "routingRuleId", "idempotencyKey", "idempotencyHash", "createdBy", "directSessionId", "createdAt",
] as const; // prettier-ignore
export type RegistrationRow = { [K in (typeof REGISTRATION_COLUMNS)[number]]-?: Exclude<(typeof requests.$inferInsert)[K], undefined> };

const placeholders = <K extends string>(keys: readonly K[], suffix = "") =>
  Object.fromEntries(keys.map((k) => [k, sql.placeholder(k + suffix)])) as Record<K, ReturnType<typeof sql.placeholder>>;

const registration = builtOnce("request_register", (tx) =>
  tx.insert(requests).values(placeholders(REGISTRATION_COLUMNS) as never).returning(registered),
);

/**
 * A new message from intake (console, portal, Open311). The same insert as
 * `insertRequest` with every registration column given, so drizzle builds its
 * statement once per process instead of per call (docs/decisions/028).
 */
export async function insertRegistration(tx: Tx, row: RegistrationRow): Promise<RegisteredRequest> {
  const [inserted] = await registration.run(tx, row);
  return inserted!;
}

/** A registration's first timeline entries: registered, and the automatic referral when routed. */
export interface RegistrationEvent {
  tenantId: string;
  requestId: string;
  at: Date;
  actorStaffId: string | null;
  type: string;
  fromStatus: string | null;
  toStatus: string;
  unitId: string | null;
  data: unknown;
}
const EVENT_COLUMNS = ["tenantId", "requestId", "at", "actorStaffId", "type", "fromStatus", "toStatus", "unitId", "data"] as const;
const registrationEvents = new Map<number, BuiltOnce<unknown>>();

/** One statement for the entries, in their order (recorded_at, clock_timestamp(), follows it); built once per row count. */
export async function insertRegistrationEvents(tx: Tx, rows: RegistrationEvent[]) {
  if (!rows.length) return;
  let statement = registrationEvents.get(rows.length);
  if (!statement) {
    const n = rows.length;
    statement = builtOnce(`request_events_register_${n}`, (t) =>
      t.insert(requestEvents).values(Array.from({ length: n }, (_, i) => placeholders(EVENT_COLUMNS, `_${i}`)) as never),
    );
    registrationEvents.set(n, statement);
  }
  const values: Record<string, unknown> = {};
  rows.forEach((row, i) => {
    for (const k of EVENT_COLUMNS) values[`${k}_${i}`] = row[k];
  });
  await statement.run(tx, values);
}

export async function getRequest(tx: Tx, p: { tenantId: string; id?: string; trackingCode?: string }) {
  const [row] = await tx
    .select()
    .from(requests)
    .where(and(eq(requests.tenantId, p.tenantId), p.id ? eq(requests.id, p.id) : eq(requests.trackingCode, p.trackingCode ?? "")));
  return row ?? null;
}

export async function updateRequest(tx: Tx, p: { tenantId: string; id: string; values: Partial<typeof requests.$inferInsert> }) {
  const [row] = await tx
    .update(requests)
    .set({ ...p.values, updatedAt: sql`now()` })
    .where(and(eq(requests.tenantId, p.tenantId), eq(requests.id, p.id)))
    .returning();
  return row ?? null;
}

/**
 * Tie-break for timeline entries written in the same instant (registration and
 * automatic referral share a transaction, and PGlite's clock is per millisecond):
 * the registration comes first.
 */
export const registeredFirst = sql`case when ${requestEvents.type} = 'registered' then 0 else 1 end`;

/** The timeline, oldest first, with each actor's display name. */
export function listRequestEvents(tx: Tx, p: { tenantId: string; requestId: string }) {
  return tx
    .select({ ...getTableColumns(requestEvents), actorName: staff.displayName })
    .from(requestEvents)
    .leftJoin(staff, and(eq(staff.tenantId, requestEvents.tenantId), eq(staff.id, requestEvents.actorStaffId)))
    .where(and(eq(requestEvents.tenantId, p.tenantId), eq(requestEvents.requestId, p.requestId)))
    .orderBy(asc(requestEvents.at), asc(requestEvents.recordedAt), registeredFirst);
}

export async function insertRequestEvent(tx: Tx, p: typeof requestEvents.$inferInsert) {
  await tx.insert(requestEvents).values(p);
}

/** Several timeline entries in one statement (in the given order of recording). */
export async function insertRequestEvents(tx: Tx, rows: Array<typeof requestEvents.$inferInsert>) {
  if (rows.length) await tx.insert(requestEvents).values(rows);
}

const outboxInsert = builtOnce("outbox_enqueue", (tx) =>
  tx
    .insert(outbox)
    .values(placeholders(["tenantId", "topic", "dedupeKey", "payload"]) as never)
    .onConflictDoNothing({ target: [outbox.tenantId, outbox.dedupeKey] }),
);

/** A notification to send after commit; the same dedupe key twice is written once. Built once (docs/decisions/028). */
export async function enqueueOutbox(tx: Tx, p: { tenantId: string; topic: string; dedupeKey: string; payload: unknown }) {
  await outboxInsert.run(tx, { tenantId: p.tenantId, topic: p.topic, dedupeKey: p.dedupeKey, payload: p.payload });
}

export function listOutbox(tx: Tx, p: { tenantId: string }) {
  return tx.select().from(outbox).where(eq(outbox.tenantId, p.tenantId)).orderBy(asc(outbox.createdAt));
}

const OPEN: RequestState[] = ["registered", "referred", "in_progress", "reopened"];

export interface RequestFilter {
  tenantId: string;
  /** What the viewer may see (core's requestScope), applied before paging. */
  scope: RequestScope;
  unitIds?: string[];
  mobile?: string;
  trackingCode?: string;
  /** Persian-normalised, lower-cased words; every word must occur in the description. */
  words?: string[];
  statuses?: RequestState[];
  categoryId?: string;
  districtId?: string;
  kind?: MessageKind;
  /** Only messages whose deadline is before this instant (breach and near-breach lists). */
  deadlineBefore?: Date;
  from?: Date;
  to?: Date;
  openOnly: boolean;
  limit: number;
  offset?: number;
}

function filterWhere(p: RequestFilter, plan: WordPlan = { kind: "walk" }) {
  const units = p.scope.units;
  return and(
    eq(requests.tenantId, p.tenantId),
    p.scope.corruption ? undefined : ne(requests.kind, "corruption_report"),
    units === "all" ? undefined : units.length ? inArray(requests.unitId, [...units]) : sql`false`,
    p.unitIds ? (p.unitIds.length ? inArray(requests.unitId, p.unitIds) : sql`false`) : undefined,
    p.mobile ? eq(requests.citizenMobile, p.mobile) : undefined,
    p.trackingCode ? eq(requests.trackingCode, p.trackingCode) : undefined,
    ...wordConditions(p.tenantId, p.words ?? [], plan),
    p.statuses?.length ? inArray(requests.status, p.statuses) : p.openOnly ? inArray(requests.status, OPEN) : undefined,
    p.categoryId ? eq(requests.categoryId, p.categoryId) : undefined,
    p.districtId ? eq(requests.districtId, p.districtId) : undefined,
    p.kind ? eq(requests.kind, p.kind) : undefined,
    p.deadlineBefore ? lt(requests.deadline, p.deadlineBefore) : undefined,
    p.from ? gte(requests.createdAt, p.from) : undefined,
    p.to ? lt(requests.createdAt, p.to) : undefined,
  );
}

/** What a list row shows. */
const listColumns = {
  id: requests.id,
  trackingCode: requests.trackingCode,
  kind: requests.kind,
  categoryId: requests.categoryId,
  channel: requests.channel,
  status: requests.status,
  priority: requests.priority,
  unitId: requests.unitId,
  districtId: requests.districtId,
  regionId: requests.regionId,
  deadline: requests.deadline,
  createdAt: requests.createdAt,
  description: requests.description,
};

/** Queues and search: open work nearest the deadline first, otherwise newest first. */
export async function listRequests(tx: Tx, p: RequestFilter) {
  return requestListQuery(tx, p, await chooseListPlan(tx, p));
}

/** The word plan listRequests uses for a filter (docs/decisions/030, 033; the benchmark explains it). */
export function chooseListPlan(tx: Tx, p: RequestFilter): Promise<WordPlan> {
  return chooseWordPlan(tx, { tenantId: p.tenantId, words: p.words ?? [], limit: p.limit, offset: p.offset, newestFirst: !openOrder(p) });
}

/** The open queue's order (nearest deadline first) rather than newest first. */
const openOrder = (p: RequestFilter) => p.openOnly && !p.statuses?.length;

/** listRequests' query for a chosen word plan (the benchmark explains it). */
export function requestListQuery(tx: Tx, p: RequestFilter, plan: WordPlan) {
  const open = openOrder(p);
  if (plan.kind === "merge") {
    if (open) throw new Error("a merged word search is newest first only");
    // The messages having every word, newest first from the word table (docs/decisions/033),
    // each read by key and filtered; the page stops after its matches. (created_at, seq) is the
    // list's order and unique in a city, so ordering by the stream's copy of it is the same order.
    return tx
      .select(listColumns)
      .from(sql`(${mergedMessages(p.tenantId, plan.words)}) as m`)
      .innerJoin(requests, sql`${requests.tenantId} = ${p.tenantId} and ${requests.id} = m.request_id`)
      .where(filterWhere(p, plan))
      .orderBy(sql`m.created_at desc`, sql`m.seq desc`)
      .limit(p.limit)
      .offset(p.offset ?? 0);
  }
  return tx
    .select(listColumns)
    .from(requests)
    .where(filterWhere(p, plan))
    .orderBy(...(open ? [asc(requests.deadline), asc(requests.seq)] : [desc(requests.createdAt), desc(requests.seq)]))
    .limit(p.limit)
    .offset(p.offset ?? 0);
}


/** Messages registered in [from, to) per operator shift (Tehran time: morning 06–14, noon 14–22, night 22–06). */
export async function countsByShift(tx: Tx, p: { tenantId: string; scope: RequestScope; from: Date; to: Date }) {
  const minute = sql`((extract(epoch from ${requests.createdAt})::bigint / 60 + 210) % 1440)`;
  const shift = sql<string>`case when ${minute} >= 360 and ${minute} < 840 then 'morning' when ${minute} >= 840 and ${minute} < 1320 then 'noon' else 'night' end`;
  const rows = await tx
    .select({ shift, count: sql<number>`count(*)::int` })
    .from(requests)
    .where(filterWhere({ tenantId: p.tenantId, scope: p.scope, openOnly: false, limit: 0, from: p.from, to: p.to }))
    .groupBy(shift);
  const out = { morning: 0, noon: 0, night: 0 };
  for (const r of rows) out[r.shift as keyof typeof out] = r.count;
  return out;
}

/** Open load per unit for the supervisor view: open, overdue and due within the window. */
export function openLoadByUnit(tx: Tx, p: { tenantId: string; now: Date; soon: Date }) {
  // Raw fragments get ISO text, not Date objects (postgres.js does not take a Date as a bare parameter).
  const now = sql`${p.now.toISOString()}::timestamptz`;
  const soon = sql`${p.soon.toISOString()}::timestamptz`;
  return tx
    .select({
      unitId: requests.unitId,
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${requests.deadline} < ${now}))::int`,
      dueSoon: sql<number>`(count(*) filter (where ${requests.deadline} >= ${now} and ${requests.deadline} < ${soon}))::int`,
    })
    .from(requests)
    .where(and(eq(requests.tenantId, p.tenantId), ne(requests.kind, "corruption_report"), inArray(requests.status, OPEN)))
    .groupBy(requests.unitId);
}

/** Open messages of a category inside a box (the caller then measures real distances). */
export function openRequestsInBox(
  tx: Tx,
  p: { tenantId: string; categoryId: string; minLat: number; maxLat: number; minLon: number; maxLon: number; limit: number },
) {
  return tx
    .select({ id: requests.id, trackingCode: requests.trackingCode, status: requests.status, lat: requests.lat, lon: requests.lon, description: requests.description, createdAt: requests.createdAt, kind: requests.kind, unitId: requests.unitId })
    .from(requests)
    .where(
      and(
        eq(requests.tenantId, p.tenantId),
        eq(requests.categoryId, p.categoryId),
        inArray(requests.status, OPEN),
        sql`${requests.lat} between ${p.minLat} and ${p.maxLat}`,
        sql`${requests.lon} between ${p.minLon} and ${p.maxLon}`,
      ),
    )
    .orderBy(desc(requests.createdAt))
    .limit(p.limit);
}

/** The newest messages with what routing reads, for replaying a draft tree over real traffic. */
export function recentRequestsForReplay(tx: Tx, p: { tenantId: string; limit: number }) {
  return tx
    .select({
      id: requests.id,
      trackingCode: requests.trackingCode,
      kind: requests.kind,
      categoryId: requests.categoryId,
      channel: requests.channel,
      regionId: requests.regionId,
      districtId: requests.districtId,
      description: requests.description,
      createdAt: requests.createdAt,
    })
    .from(requests)
    .where(eq(requests.tenantId, p.tenantId))
    .orderBy(desc(requests.createdAt), desc(requests.seq))
    .limit(p.limit);
}

/** Escalations and re-referrals since `since`, newest first, with the message they belong to (the supervisor view). */
export function recentRoutingEvents(tx: Tx, p: { tenantId: string; since: Date; corruption: boolean; limit: number }) {
  return tx
    .select({
      id: requestEvents.id,
      at: requestEvents.at,
      type: requestEvents.type,
      unitId: requestEvents.unitId,
      note: requestEvents.note,
      data: requestEvents.data,
      actorName: staff.displayName,
      trackingCode: requests.trackingCode,
      status: requests.status,
      currentUnitId: requests.unitId,
    })
    .from(requestEvents)
    .innerJoin(requests, and(eq(requests.tenantId, requestEvents.tenantId), eq(requests.id, requestEvents.requestId)))
    .leftJoin(staff, and(eq(staff.tenantId, requestEvents.tenantId), eq(staff.id, requestEvents.actorStaffId)))
    .where(
      and(
        eq(requestEvents.tenantId, p.tenantId),
        // The partial index's own predicate, so the planner can use it.
        sql`${requestEvents.type} in ('escalated','refer','return_to_hq','reopen')`,
        gte(requestEvents.at, p.since),
        p.corruption ? undefined : ne(requests.kind, "corruption_report"),
      ),
    )
    .orderBy(desc(requestEvents.at))
    .limit(p.limit);
}

/** The city's configuration version (moved by a trigger on every configuration write; migration 0012). */
const configVersionOf = builtOnce("config_version", (tx) =>
  tx
    .select({ value: tenantCounters.value })
    .from(tenantCounters)
    .where(and(eq(tenantCounters.tenantId, sql.placeholder("tenantId")), eq(tenantCounters.name, "config"))),
);

export async function configVersion(tx: Tx, p: { tenantId: string }): Promise<number> {
  // Read by every registration (the configuration cache's check): built once (docs/decisions/028).
  const [row] = await configVersionOf.run(tx, { tenantId: p.tenantId });
  return row?.value ?? 0;
}
