import { sql } from "drizzle-orm";
import { bigint, doublePrecision, foreignKey, index, jsonb, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import type { Channel, MessageKind, Priority, RequestState } from "@city137/core";
import { areas } from "./areas";
import { categories } from "./categories";
import { createdAt, id, tenantId, tstz } from "./columns";
import { units } from "./units";
import { directSessions } from "./direct-sessions";

/** پیام شهروندی: one citizen message, from registration to closing. */
export const requests = pgTable(
  "requests",
  {
    tenantId: tenantId(),
    id: id(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    trackingCode: text("tracking_code").notNull(),
    kind: text("kind").$type<MessageKind>().notNull(),
    categoryId: uuid("category_id").notNull(),
    channel: text("channel").$type<Channel>().notNull(),
    description: text("description").notNull(),
    /** Persian-normalised description, for search. */
    searchText: text("search_text").notNull(),
    attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default({}),
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    address: text("address"),
    districtId: uuid("district_id"),
    regionId: uuid("region_id"),
    citizenName: text("citizen_name"),
    citizenMobile: text("citizen_mobile"),
    citizenNationalId: text("citizen_national_id"),
    /** The language the citizen wrote in on the portal: their SMS use it (null: the city's default language). */
    citizenLocale: text("citizen_locale").$type<"fa" | "en">(),
    priority: text("priority").$type<Priority>().notNull(),
    status: text("status").$type<RequestState>().notNull(),
    unitId: uuid("unit_id"),
    deadline: tstz("deadline"),
    routingVersionId: uuid("routing_version_id"),
    routingRuleId: text("routing_rule_id"),
    duplicateOf: uuid("duplicate_of"),
    externalAgency: text("external_agency"),
    idempotencyKey: text("idempotency_key"),
    /** Hash of the first submission under the key: a replay with another body is refused. */
    idempotencyHash: text("idempotency_hash"),
    createdBy: uuid("created_by"),
    /** The direct session the question was asked in (channel direct_session only). */
    directSessionId: uuid("direct_session_id"),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
    resolvedAt: tstz("resolved_at"),
    closedAt: tstz("closed_at"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("requests_tenant_tracking_key").on(t.tenantId, t.trackingCode),
    unique("requests_tenant_seq_key").on(t.tenantId, t.seq),
    unique("requests_tenant_idempotency_key").on(t.tenantId, t.idempotencyKey),
    foreignKey({ name: "requests_category_fk", columns: [t.tenantId, t.categoryId], foreignColumns: [categories.tenantId, categories.id] }),
    foreignKey({ name: "requests_unit_fk", columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
    foreignKey({ name: "requests_district_fk", columns: [t.tenantId, t.districtId], foreignColumns: [areas.tenantId, areas.id] }),
    foreignKey({ name: "requests_region_fk", columns: [t.tenantId, t.regionId], foreignColumns: [areas.tenantId, areas.id] }),
    foreignKey({ name: "requests_duplicate_fk", columns: [t.tenantId, t.duplicateOf], foreignColumns: [t.tenantId, t.id] }),
    foreignKey({ name: "requests_direct_session_fk", columns: [t.tenantId, t.directSessionId], foreignColumns: [directSessions.tenantId, directSessions.id] }),
    index("requests_inbox_idx").on(t.tenantId, t.unitId, t.status, t.deadline),
    index("requests_mobile_idx").on(t.tenantId, t.citizenMobile),
    index("requests_created_idx").on(t.tenantId, t.createdAt),
    index("requests_category_idx").on(t.tenantId, t.categoryId, t.createdAt),
    index("requests_district_idx").on(t.tenantId, t.districtId, t.createdAt),
    // The unit inbox: one unit's open work, nearest deadline first, read 50 rows at a time (bench:staff).
    index("requests_open_unit_deadline_idx")
      .on(t.tenantId, t.unitId, t.deadline, t.seq)
      .where(sql`status in ('registered','referred','in_progress','reopened')`),
    index("requests_duplicate_of_idx").on(t.tenantId, t.duplicateOf),
    // A session's questions (only questions of a session carry the column).
    index("requests_direct_session_idx").on(t.tenantId, t.directSessionId).where(sql`direct_session_id is not null`),
    // The portal's public list filtered by status, newest first (unfiltered it walks requests_created_idx).
    index("requests_status_created_idx").on(t.tenantId, t.status, t.createdAt),
    index("requests_open_deadline_idx")
      .on(t.tenantId, t.deadline)
      .where(sql`status in ('registered','referred','in_progress','reopened')`),
  ],
);

/** The immutable timeline of a message (append-only for the runtime). */
export const requestEvents = pgTable(
  "request_events",
  {
    tenantId: tenantId(),
    id: id(),
    requestId: uuid("request_id").notNull(),
    at: tstz("at").notNull().defaultNow(),
    /** Insertion time (not transaction time): orders entries that share `at`. */
    recordedAt: tstz("recorded_at").notNull().default(sql`clock_timestamp()`),
    actorStaffId: uuid("actor_staff_id"),
    type: text("type").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    unitId: uuid("unit_id"),
    note: text("note"),
    data: jsonb("data"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: "request_events_request_fk", columns: [t.tenantId, t.requestId], foreignColumns: [requests.tenantId, requests.id] }),
    index("request_events_request_idx").on(t.tenantId, t.requestId, t.at),
    // The supervisor's recent escalations and re-referrals, newest first.
    index("request_events_routing_idx")
      .on(t.tenantId, t.at)
      .where(sql`type in ('escalated','refer','return_to_hq','reopen')`),
  ],
);

/** Per-city counters (tracking sequence). One row per city and name. */
export const tenantCounters = pgTable(
  "tenant_counters",
  {
    tenantId: tenantId(),
    name: text("name").notNull(),
    value: bigint("value", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name] })],
);

/**
 * Side effects (SMS, e-mail, webhooks) written in the same transaction as the
 * change that causes them; a relay sends them with retries. The dedupe key
 * makes a second write of the same notification a no-op.
 */
export const outbox = pgTable(
  "outbox",
  {
    tenantId: tenantId(),
    id: id(),
    topic: text("topic").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: createdAt(),
    sentAt: tstz("sent_at"),
    attempts: bigint("attempts", { mode: "number" }).notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("outbox_tenant_dedupe_key").on(t.tenantId, t.dedupeKey),
    index("outbox_unsent_idx").on(t.tenantId, t.createdAt).where(sql`sent_at is null`),
  ],
);
