import { sql } from "drizzle-orm";
import { check, foreignKey, index, pgTable, primaryKey, smallint, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId } from "./columns";
import { requests } from "./requests";
import { units } from "./units";

/**
 * نظرسنجی: the citizen's satisfaction with a resolved message. One answer per
 * message; the unit that resolved it is copied so scorecards need no timeline walk.
 */
export const requestFeedback = pgTable(
  "request_feedback",
  {
    tenantId: tenantId(),
    id: id(),
    requestId: uuid("request_id").notNull(),
    unitId: uuid("unit_id"),
    /** 1 (very dissatisfied) … 5 (very satisfied). */
    score: smallint("score").notNull(),
    comment: text("comment"),
    /** Where the answer came from: portal (SMS link), phone (operator), ivr. */
    source: text("source").$type<"portal" | "phone" | "ivr">().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("request_feedback_one_per_request").on(t.tenantId, t.requestId),
    check("request_feedback_score_range", sql`${t.score} between 1 and 5`),
    foreignKey({ name: "request_feedback_request_fk", columns: [t.tenantId, t.requestId], foreignColumns: [requests.tenantId, requests.id] }),
    foreignKey({ name: "request_feedback_unit_fk", columns: [t.tenantId, t.unitId], foreignColumns: [units.tenantId, units.id] }),
    index("request_feedback_created_idx").on(t.tenantId, t.createdAt),
  ],
);

/**
 * «من هم»: another citizen reports the same problem (a caller whose message was
 * merged into an open one, or a "me too" on the portal). They are told when it
 * is resolved; the count shows how many people a problem touches.
 */
export const requestSupporters = pgTable(
  "request_supporters",
  {
    tenantId: tenantId(),
    id: id(),
    requestId: uuid("request_id").notNull(),
    /** Normalised 09… mobile, when the supporter left one (notified on resolution). */
    mobile: text("mobile"),
    name: text("name"),
    /** The message merged into this one as a duplicate, if the support came from a merge. */
    mergedRequestId: uuid("merged_request_id"),
    channel: text("channel").notNull(),
    /** The language a supporter used on the portal, for their SMS (null: the city's default language). */
    locale: text("locale").$type<"fa" | "en">(),
    /** The intake form's key: a retried "attach this caller" adds them once. */
    idempotencyKey: text("idempotency_key"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("request_supporters_once_per_mobile").on(t.tenantId, t.requestId, t.mobile),
    unique("request_supporters_idempotency_key").on(t.tenantId, t.idempotencyKey),
    foreignKey({ name: "request_supporters_request_fk", columns: [t.tenantId, t.requestId], foreignColumns: [requests.tenantId, requests.id] }),
    foreignKey({ name: "request_supporters_merged_fk", columns: [t.tenantId, t.mergedRequestId], foreignColumns: [requests.tenantId, requests.id] }),
    index("request_supporters_request_idx").on(t.tenantId, t.requestId),
  ],
);
