import { and, asc, desc, eq, sql } from "drizzle-orm";
import { daysBetween, nextBillingState, type BillingEvent, type BillingPolicy } from "@city137/core";
import type { Tx } from "../client";
import { billingAccounts, billingInvoices, billingPayments, billingPlans, billingStripeEvents, tenants, type BillingStateName, type InvoiceLine } from "../schema";

/* Plans: platform-wide; app_platform writes, every role reads. */

export type PlanValues = Omit<typeof billingPlans.$inferInsert, "id" | "createdAt">;

export function listPlans(tx: Tx) {
  return tx.select().from(billingPlans).orderBy(asc(billingPlans.monthlyPriceRial), asc(billingPlans.code));
}

export async function findPlan(tx: Tx, id: string) {
  const [row] = await tx.select().from(billingPlans).where(eq(billingPlans.id, id));
  return row ?? null;
}

export async function insertPlan(tx: Tx, values: PlanValues) {
  const [row] = await tx.insert(billingPlans).values(values).returning();
  return row!;
}

export async function updatePlan(tx: Tx, id: string, values: PlanValues) {
  const [row] = await tx.update(billingPlans).set(values).where(eq(billingPlans.id, id)).returning();
  return row ?? null;
}

/* Accounts: one per city (tenant table). */

export type BillingAccount = typeof billingAccounts.$inferSelect;

export async function findBillingAccount(tx: Tx, p: { tenantId: string }): Promise<BillingAccount | null> {
  const [row] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, p.tenantId));
  return row ?? null;
}

/** The city's account, made (offline, no plan, active) the first time it is asked for. */
export async function ensureBillingAccount(tx: Tx, p: { tenantId: string; contact?: { name: string; email: string; phone: string } }): Promise<BillingAccount> {
  await tx
    .insert(billingAccounts)
    .values({ tenantId: p.tenantId, id: p.tenantId, itContactName: p.contact?.name ?? "", itContactEmail: p.contact?.email ?? "", itContactPhone: p.contact?.phone ?? "" })
    .onConflictDoNothing({ target: [billingAccounts.tenantId, billingAccounts.id] });
  return (await findBillingAccount(tx, p))!;
}

export type BillingAccountChange = Partial<
  Pick<BillingAccount, "itContactName" | "itContactEmail" | "itContactPhone" | "legalName" | "address" | "economicCode" | "planId" | "cycle" | "provider" | "showToman" | "stripeCustomerId" | "stripeSubscriptionId" | "stripeSubscriptionStatus" | "stripeEventAt">
>;

export async function updateBillingAccount(tx: Tx, p: { tenantId: string; change: BillingAccountChange }) {
  const [row] = await tx
    .update(billingAccounts)
    .set({ ...p.change, updatedAt: sql`now()` })
    .where(eq(billingAccounts.tenantId, p.tenantId))
    .returning();
  return row!;
}

export async function setBillingState(tx: Tx, p: { tenantId: string; state: BillingStateName; at: Date }) {
  await tx.update(billingAccounts).set({ state: p.state, stateChangedAt: p.at, updatedAt: sql`now()` }).where(eq(billingAccounts.tenantId, p.tenantId));
}

/** The billing state alone, for the guard on administrative changes; active when the city has no account yet. */
export async function billingStateOf(tx: Tx, p: { tenantId: string }): Promise<BillingStateName> {
  const [row] = await tx.select({ state: billingAccounts.state }).from(billingAccounts).where(eq(billingAccounts.tenantId, p.tenantId));
  return row?.state ?? "active";
}

/* Invoices and payments (offline provider). */

export type Invoice = typeof billingInvoices.$inferSelect;

export function listInvoices(tx: Tx, p: { tenantId: string }) {
  return tx.select().from(billingInvoices).where(eq(billingInvoices.tenantId, p.tenantId)).orderBy(desc(billingInvoices.number));
}

export async function findInvoice(tx: Tx, p: { tenantId: string; id: string }): Promise<Invoice | null> {
  const [row] = await tx.select().from(billingInvoices).where(and(eq(billingInvoices.tenantId, p.tenantId), eq(billingInvoices.id, p.id)));
  return row ?? null;
}

/**
 * Issues an invoice once per idempotency key: a retry returns the first
 * invoice (created false); the same key for a different period is reported as
 * a conflict by the caller comparing the period.
 */
export async function insertInvoice(
  tx: Tx,
  p: { tenantId: string; idempotencyKey: string; periodStart: string; periodEnd: string; issuedOn: string; dueOn: string; lines: InvoiceLine[]; totalRial: number; issuedBy: string | null },
): Promise<{ invoice: Invoice; created: boolean }> {
  // A retry is answered before inserting: a conflicting insert would still draw a number and leave a gap.
  const [earlier] = await tx
    .select()
    .from(billingInvoices)
    .where(and(eq(billingInvoices.tenantId, p.tenantId), eq(billingInvoices.idempotencyKey, p.idempotencyKey)));
  if (earlier) return { invoice: earlier, created: false };
  const [row] = await tx
    .insert(billingInvoices)
    .values({ ...p, status: p.totalRial === 0 ? "paid" : "open" })
    .onConflictDoNothing({ target: [billingInvoices.tenantId, billingInvoices.idempotencyKey] })
    .returning();
  if (row) return { invoice: row, created: true };
  const [first] = await tx
    .select()
    .from(billingInvoices)
    .where(and(eq(billingInvoices.tenantId, p.tenantId), eq(billingInvoices.idempotencyKey, p.idempotencyKey)));
  return { invoice: first!, created: false };
}

export function listPayments(tx: Tx, p: { tenantId: string; invoiceId: string }) {
  return tx
    .select()
    .from(billingPayments)
    .where(and(eq(billingPayments.tenantId, p.tenantId), eq(billingPayments.invoiceId, p.invoiceId)))
    .orderBy(asc(billingPayments.paidOn), asc(billingPayments.createdAt));
}

/**
 * Records a bank transfer against an invoice; the same reference twice is one
 * payment. The invoice's paid amount is the sum of its payments, and it is
 * paid once that reaches its total.
 */
export async function recordPayment(tx: Tx, p: { tenantId: string; invoiceId: string; amountRial: number; paidOn: string; reference: string; recordedBy: string | null }) {
  const [row] = await tx
    .insert(billingPayments)
    .values(p)
    .onConflictDoNothing({ target: [billingPayments.tenantId, billingPayments.reference] })
    .returning({ id: billingPayments.id });
  const [invoice] = await tx
    .update(billingInvoices)
    .set({
      paidRial: sql`(select coalesce(sum(amount_rial), 0) from billing_payments where tenant_id = ${p.tenantId} and invoice_id = ${p.invoiceId})`,
      status: sql`case when (select coalesce(sum(amount_rial), 0) from billing_payments where tenant_id = ${p.tenantId} and invoice_id = ${p.invoiceId}) >= ${billingInvoices.totalRial} then 'paid' else 'open' end`,
    })
    .where(and(eq(billingInvoices.tenantId, p.tenantId), eq(billingInvoices.id, p.invoiceId)))
    .returning();
  return { created: !!row, invoice: invoice! };
}

/** The oldest due date among the city's unpaid invoices due before today, and what is overdue in all. */
export async function overdueOf(tx: Tx, p: { tenantId: string; today: string }): Promise<{ oldestDueOn: string | null; overdueRial: number; openRial: number }> {
  const [row] = await tx
    .select({
      oldestDueOn: sql<string | null>`min(${billingInvoices.dueOn}) filter (where ${billingInvoices.dueOn} < ${p.today})`,
      overdueRial: sql<number>`coalesce(sum(${billingInvoices.totalRial} - ${billingInvoices.paidRial}) filter (where ${billingInvoices.dueOn} < ${p.today}), 0)::bigint`,
      openRial: sql<number>`coalesce(sum(${billingInvoices.totalRial} - ${billingInvoices.paidRial}), 0)::bigint`,
    })
    .from(billingInvoices)
    .where(and(eq(billingInvoices.tenantId, p.tenantId), eq(billingInvoices.status, "open")));
  return { oldestDueOn: row?.oldestDueOn ?? null, overdueRial: Number(row?.overdueRial ?? 0), openRial: Number(row?.openRial ?? 0) };
}

/**
 * Platform overview (withPlatform: billing tables are readable by
 * app_platform): every city with its account, plan, usage of the period and
 * what it owes.
 */
export function listBillingOverview(tx: Tx, p: { periodStart: string; periodEnd: string; today: string }) {
  return tx
    .select({
      tenantId: tenants.id,
      slug: tenants.slug,
      nameFa: tenants.nameFa,
      nameEn: tenants.nameEn,
      status: tenants.status,
      state: sql<BillingStateName>`coalesce(${billingAccounts.state}, 'active')`,
      provider: sql<"offline" | "stripe">`coalesce(${billingAccounts.provider}, 'offline')`,
      planId: billingAccounts.planId,
      planCode: billingPlans.code,
      planNameFa: billingPlans.nameFa,
      planNameEn: billingPlans.nameEn,
      includedMessages: billingPlans.includedMessages,
      includedSeats: billingPlans.includedSeats,
      messages: sql<number>`(select coalesce(sum(u.messages), 0)::int from billing_usage_daily u where u.tenant_id = ${tenants.id} and u.day between ${p.periodStart} and ${p.periodEnd})`,
      sms: sql<number>`(select coalesce(sum(u.sms), 0)::int from billing_usage_daily u where u.tenant_id = ${tenants.id} and u.day between ${p.periodStart} and ${p.periodEnd})`,
      activeSeats: sql<number | null>`(select u.active_seats from billing_usage_daily u where u.tenant_id = ${tenants.id} order by u.day desc limit 1)`,
      lastActivity: sql<string | null>`(select max(u.day)::text from billing_usage_daily u where u.tenant_id = ${tenants.id} and u.messages > 0)`,
      overdueRial: sql<number>`(select coalesce(sum(i.total_rial - i.paid_rial), 0)::bigint from billing_invoices i where i.tenant_id = ${tenants.id} and i.status = 'open' and i.due_on < ${p.today})`,
      openRial: sql<number>`(select coalesce(sum(i.total_rial - i.paid_rial), 0)::bigint from billing_invoices i where i.tenant_id = ${tenants.id} and i.status = 'open')`,
    })
    .from(tenants)
    .leftJoin(billingAccounts, eq(billingAccounts.tenantId, tenants.id))
    .leftJoin(billingPlans, eq(billingPlans.id, billingAccounts.planId))
    .orderBy(asc(tenants.createdAt), asc(tenants.slug));
}

/** Cities whose account pays through Stripe, by customer id (withPlatform). */
export async function tenantOfStripeCustomer(tx: Tx, customerId: string): Promise<string | null> {
  const [row] = await tx.select({ tenantId: billingAccounts.tenantId }).from(billingAccounts).where(eq(billingAccounts.stripeCustomerId, customerId));
  return row?.tenantId ?? null;
}


/**
 * Applies an event to the city's billing state (core's state machine) and
 * stores the result; "evaluate" reads the city's overdue invoices. Returns
 * the states before and after, or the refusal.
 */
export async function applyBillingEvent(
  tx: Tx,
  p: { tenantId: string; event: "evaluate" | Exclude<BillingEvent, { type: "evaluate" }>; today: string; at: Date; policy?: BillingPolicy },
) {
  const account = await ensureBillingAccount(tx, { tenantId: p.tenantId });
  let event: BillingEvent;
  if (p.event === "evaluate") {
    const { oldestDueOn } = await overdueOf(tx, { tenantId: p.tenantId, today: p.today });
    const providerUnpaid = account.provider === "stripe" && (await stripeReportsUnpaid(tx, { tenantId: p.tenantId }));
    event = { type: "evaluate", daysOverdue: oldestDueOn ? daysBetween(oldestDueOn, p.today) : null, providerUnpaid };
  } else event = p.event;
  const result = nextBillingState(account.state, event, p.policy);
  if (result.ok && result.changed) await setBillingState(tx, { tenantId: p.tenantId, state: result.state, at: p.at });
  return { before: account.state, result };
}

/**
 * Whether Stripe's newest word on the city's payments (by the event's own
 * creation time, so late deliveries do not count as newest) is a failure:
 * a failed invoice payment, or a subscription past due or unpaid.
 */
export async function stripeReportsUnpaid(tx: Tx, p: { tenantId: string }): Promise<boolean> {
  const [last] = await tx
    .select({ type: billingStripeEvents.type, status: sql<string | null>`${billingStripeEvents.payload}->>'status'` })
    .from(billingStripeEvents)
    .where(and(eq(billingStripeEvents.tenantId, p.tenantId), sql`(${billingStripeEvents.type} in ('invoice.paid', 'invoice.payment_failed') or ${billingStripeEvents.type} like 'customer.subscription.%')`))
    .orderBy(desc(billingStripeEvents.eventCreated))
    .limit(1);
  if (!last) return false;
  if (last.type === "invoice.payment_failed") return true;
  return last.type.startsWith("customer.subscription.") && last.type !== "customer.subscription.deleted" && (last.status === "past_due" || last.status === "unpaid");
}

/** A payment recorded with this reference in this city, if any. */
export async function findPaymentByReference(tx: Tx, p: { tenantId: string; reference: string }) {
  const [row] = await tx.select().from(billingPayments).where(and(eq(billingPayments.tenantId, p.tenantId), eq(billingPayments.reference, p.reference)));
  return row ?? null;
}
