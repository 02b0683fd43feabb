import { sql } from "drizzle-orm";
import { bigint, boolean, date, foreignKey, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, tstz } from "./columns";

/** Platform billing (docs/decisions/011). Money is in rial, as whole numbers. */

export type BillingProvider = "offline" | "stripe";
export type BillingCycle = "monthly" | "annual";
export type BillingStateName = "active" | "past_due" | "grace" | "restricted";

/**
 * The platform's price list. Not tenant-owned: every city may read the plans,
 * only platform staff (app_platform) write them; grants in the migration.
 */
export const billingPlans = pgTable("billing_plans", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  code: text("code").notNull().unique(),
  nameFa: text("name_fa").notNull(),
  nameEn: text("name_en").notNull(),
  monthlyPriceRial: bigint("monthly_price_rial", { mode: "number" }).notNull(),
  annualPriceRial: bigint("annual_price_rial", { mode: "number" }).notNull(),
  includedSeats: integer("included_seats").notNull(),
  includedMessages: integer("included_messages").notNull(),
  extraSeatRial: bigint("extra_seat_rial", { mode: "number" }).notNull(),
  extraThousandMessagesRial: bigint("extra_thousand_messages_rial", { mode: "number" }).notNull(),
  stripeSeatPriceId: text("stripe_seat_price_id"),
  stripeUsagePriceId: text("stripe_usage_price_id"),
  active: boolean("active").notNull().default(true),
  createdAt: createdAt(),
});

/**
 * One per city: its IT contact, plan, provider and billing state. Tenant-owned
 * (the city reads its own under RLS); platform staff read every city's through
 * a read-only policy and write through withTenant. plan_id has no foreign key:
 * a tenant table's keys must include tenant_id and plans are platform-wide.
 * One account per city: its id is the city's id (ensureBillingAccount), so a
 * second insert conflicts on the primary key.
 */
export const billingAccounts = pgTable(
  "billing_accounts",
  {
    tenantId: tenantId(),
    id: id(),
    itContactName: text("it_contact_name").notNull().default(""),
    itContactEmail: text("it_contact_email").notNull().default(""),
    itContactPhone: text("it_contact_phone").notNull().default(""),
    /** For the printed invoice. */
    legalName: text("legal_name").notNull().default(""),
    address: text("address").notNull().default(""),
    economicCode: text("economic_code").notNull().default(""),
    planId: uuid("plan_id"),
    cycle: text("cycle").$type<BillingCycle>().notNull().default("monthly"),
    provider: text("provider").$type<BillingProvider>().notNull().default("offline"),
    /** Show prices in toman (rial / 10) to this city's staff. */
    showToman: boolean("show_toman").notNull().default(true),
    state: text("state").$type<BillingStateName>().notNull().default("active"),
    stateChangedAt: tstz("state_changed_at").notNull().defaultNow(),
    stripeCustomerId: text("stripe_customer_id"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    stripeSubscriptionStatus: text("stripe_subscription_status"),
    /** created time of the Stripe event last applied: older events do not overwrite newer state. */
    stripeEventAt: tstz("stripe_event_at"),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index("billing_accounts_stripe_customer_idx").on(t.stripeCustomerId)],
);

/** Invoice numbers are platform-wide, so a printed number names one invoice. */
export const billingInvoiceNumberSeq = pgSequence("billing_invoice_number_seq", { startWith: 1001 });

export interface InvoiceLine {
  code: "base" | "extra_seats" | "extra_messages";
  quantity: number;
  unitRial: number;
  amountRial: number;
}

export const billingInvoices = pgTable(
  "billing_invoices",
  {
    tenantId: tenantId(),
    id: id(),
    number: bigint("number", { mode: "number" }).notNull().default(sql`nextval('billing_invoice_number_seq')`),
    /** Jalali billing period, as Gregorian dates (inclusive). */
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    issuedOn: date("issued_on").notNull(),
    dueOn: date("due_on").notNull(),
    lines: jsonb("lines").$type<InvoiceLine[]>().notNull(),
    totalRial: bigint("total_rial", { mode: "number" }).notNull(),
    paidRial: bigint("paid_rial", { mode: "number" }).notNull().default(0),
    status: text("status").$type<"open" | "paid" | "void">().notNull().default("open"),
    idempotencyKey: text("idempotency_key").notNull(),
    /** The platform staff member who issued it. */
    issuedBy: uuid("issued_by"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("billing_invoices_tenant_number_key").on(t.tenantId, t.number),
    unique("billing_invoices_tenant_idem_key").on(t.tenantId, t.idempotencyKey),
    index("billing_invoices_due_idx").on(t.tenantId, t.status, t.dueOn),
  ],
);

export const billingPayments = pgTable(
  "billing_payments",
  {
    tenantId: tenantId(),
    id: id(),
    /** The invoice it settles; null for a transfer not yet matched to one. */
    invoiceId: uuid("invoice_id"),
    amountRial: bigint("amount_rial", { mode: "number" }).notNull(),
    paidOn: date("paid_on").notNull(),
    /** The bank transfer's reference (شناسه واریز): recording it twice is one payment. */
    reference: text("reference").notNull(),
    recordedBy: uuid("recorded_by"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: "billing_payments_invoice_fk", columns: [t.tenantId, t.invoiceId], foreignColumns: [billingInvoices.tenantId, billingInvoices.id] }),
    unique("billing_payments_reference_key").on(t.tenantId, t.reference),
  ],
);

/** Usage of one Tehran-time day, recomputed (not added to) by the daily job: running it twice changes nothing. */
export const billingUsageDaily = pgTable(
  "billing_usage_daily",
  {
    tenantId: tenantId(),
    day: date("day").notNull(),
    messages: integer("messages").notNull(),
    sms: integer("sms").notNull(),
    activeSeats: integer("active_seats").notNull(),
    computedAt: tstz("computed_at").notNull().defaultNow(),
    /** Messages already sent to Stripe's meter for this day. */
    reportedMessages: integer("reported_messages").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day] })],
);

/** Stripe webhook events applied to this city, recorded in the same transaction as their effect. */
export const billingStripeEvents = pgTable(
  "billing_stripe_events",
  {
    tenantId: tenantId(),
    id: text("id").notNull(),
    type: text("type").notNull(),
    eventCreated: tstz("event_created").notNull(),
    processedAt: tstz("processed_at").notNull().defaultNow(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
