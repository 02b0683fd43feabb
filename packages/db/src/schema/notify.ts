import { foreignKey, index, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, tstz } from "./columns";
import { requests } from "./requests";

/**
 * Every SMS the city sent (or tried to): what went to whom, for which event
 * and message, through which provider, and what the provider reported back.
 * The development provider's inbox is this table; staff read it in the
 * console. One row per outbox notification (dedupe key): a relay that runs
 * a row again after a crash finds it here and does not send twice.
 */
export const smsMessages = pgTable(
  "sms_messages",
  {
    tenantId: tenantId(),
    id: id(),
    /** The outbox dedupe key (or `otp:<challenge id>` for one-time codes). */
    dedupeKey: text("dedupe_key").notNull(),
    /** Event name: request_registered, request_resolved, otp, … */
    event: text("event").notNull(),
    requestId: uuid("request_id"),
    /** Normalised 09… mobile. */
    to: text("to").notNull(),
    body: text("body").notNull(),
    locale: text("locale").$type<"fa" | "en">().notNull(),
    provider: text("provider").notNull(),
    providerMessageId: text("provider_message_id"),
    /** sent: the provider took it; failed: it refused (the outbox retries). */
    status: text("status").$type<"sent" | "failed">().notNull(),
    /** What the operator's network reported: pending until a delivery report arrives. */
    deliveryStatus: text("delivery_status").$type<"pending" | "delivered" | "undelivered">().notNull().default("pending"),
    deliveredAt: tstz("delivered_at"),
    error: text("error"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("sms_messages_dedupe_key").on(t.tenantId, t.dedupeKey),
    foreignKey({ name: "sms_messages_request_fk", columns: [t.tenantId, t.requestId], foreignColumns: [requests.tenantId, requests.id] }),
    index("sms_messages_created_idx").on(t.tenantId, t.createdAt),
    index("sms_messages_to_idx").on(t.tenantId, t.to, t.createdAt),
    index("sms_messages_provider_id_idx").on(t.tenantId, t.providerMessageId),
  ],
);

/** A city's own wording of one SMS, overriding the default in code. */
export const smsTemplates = pgTable(
  "sms_templates",
  {
    tenantId: tenantId(),
    id: id(),
    event: text("event").notNull(),
    locale: text("locale").$type<"fa" | "en">().notNull(),
    body: text("body").notNull(),
    updatedBy: uuid("updated_by"),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique("sms_templates_event_locale").on(t.tenantId, t.event, t.locale)],
);
