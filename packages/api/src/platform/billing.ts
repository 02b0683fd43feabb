import { AppError, invoiceLines, invoiceTotal, notFound, addDays, tehranIsoDate } from "@city137/core";
import {
  applyBillingEvent,
  ensureBillingAccount,
  findInvoice,
  findPaymentByReference,
  findPlan,
  findTenantById,
  insertInvoice,
  insertPlan,
  isUniqueViolation,
  queueStripeSync,
  recordPayment,
  recordPlatformAudit,
  updateBillingAccount,
  updatePlan,
  withPlatform,
  withTenant,
  type Database,
  type Tx,
} from "@city137/db";
import type { IssueInvoiceInput, RecordPaymentInput, SavePlanInput, UpdateAccountInput } from "../routers/billing/inputs";
import type { PlatformActor } from "./actor";
import { periodOf, usageOfPeriod } from "./billing-usage";
import { stripeConfigured } from "./stripe-config";

/*
 * Platform staff's money actions. A city's billing rows are tenant rows, so
 * they are written as that city (withTenant, under RLS); app_platform may only
 * read them. The platform audit row follows in its own transaction, after the
 * change committed (docs/decisions/011).
 */

const audit = (db: Database, actor: PlatformActor, entry: { action: string; tenantId: string | null; targetType: string; targetId: string; detail: unknown }) =>
  withPlatform(db, (tx) =>
    recordPlatformAudit(tx, { action: entry.action, actorId: actor.platformUserId, targetType: entry.targetType, targetId: entry.targetId, detail: { tenantId: entry.tenantId, ...(entry.detail as object) }, ip: actor.ip }),
  );

/** As the city; an unknown city id answers NOT_FOUND. */
async function asCity<T>(db: Database, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withTenant(db, tenantId, async (tx) => {
    if (!(await findTenantById(tx, tenantId))) throw notFound();
    return fn(tx);
  });
}

export async function savePlan(db: Database, actor: PlatformActor, input: SavePlanInput) {
  const { id, ...values } = input;
  try {
    const plan = await withPlatform(db, async (tx) => {
      const row = id ? await updatePlan(tx, id, values) : await insertPlan(tx, values);
      if (!row) throw notFound();
      await recordPlatformAudit(tx, { action: "billing.plan_saved", actorId: actor.platformUserId, targetType: "plan", targetId: row.id, detail: { code: row.code, created: !id }, ip: actor.ip });
      return row;
    });
    return plan;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", "billing.errors.planCodeTaken", { field: "code" });
    throw err;
  }
}

export async function updateAccount(db: Database, actor: PlatformActor, input: UpdateAccountInput) {
  const { tenantId, ...change } = input;
  if (change.provider === "stripe" && !stripeConfigured()) throw new AppError("BAD_REQUEST", "billing.errors.stripeOff", { field: "provider" });
  const account = await asCity(db, tenantId, async (tx) => {
    if (change.planId && !(await findPlan(tx, change.planId))) throw new AppError("BAD_REQUEST", "billing.errors.unknownPlan", { field: "planId" });
    await ensureBillingAccount(tx, { tenantId });
    const account = await updateBillingAccount(tx, { tenantId, change });
    // a Stripe city's customer and subscription follow, through the outbox (same transaction)
    if (account.provider === "stripe") await queueStripeSync(tx, { tenantId, reason: "account", at: actor.now });
    return account;
  });
  await audit(db, actor, { action: "billing.account_updated", tenantId, targetType: "billing_account", targetId: account.id, detail: { planId: account.planId, provider: account.provider, cycle: account.cycle } });
  return account;
}

/**
 * Issues the invoice of one Jalali month from the city's plan and its stored
 * usage: base price (monthly, or annual in the first month of an annual
 * cycle's year), extra seats and extra thousands of messages. A retry with the
 * same key returns the first invoice.
 */
export async function issueInvoice(db: Database, actor: PlatformActor, input: IssueInvoiceInput) {
  const period = periodOf(input.jy, input.jm);
  const today = tehranIsoDate(actor.now);
  const outcome = await asCity(db, input.tenantId, async (tx) => {
    const account = await ensureBillingAccount(tx, { tenantId: input.tenantId });
    const plan = account.planId ? await findPlan(tx, account.planId) : null;
    if (!plan) throw new AppError("BAD_REQUEST", "billing.errors.noPlan", { field: "tenantId" });
    if (account.provider !== "offline") throw new AppError("BAD_REQUEST", "billing.errors.notOffline", { field: "tenantId" });
    const usage = await usageOfPeriod(tx, input.tenantId, period);
    const includeBase = account.cycle === "monthly" || input.jm === 1;
    const lines = invoiceLines(plan, { messages: usage.messages, seats: usage.activeSeats }, account.cycle, includeBase);
    const result = await insertInvoice(tx, {
      tenantId: input.tenantId,
      idempotencyKey: input.idempotencyKey,
      periodStart: period.start,
      periodEnd: period.end,
      issuedOn: today,
      dueOn: addDays(today, input.dueDays),
      lines,
      totalRial: invoiceTotal(lines),
      issuedBy: actor.platformUserId,
    });
    if (!result.created && result.invoice.periodStart !== period.start) {
      throw new AppError("CONFLICT", "billing.errors.idempotencyMismatch", { field: "idempotencyKey" });
    }
    return result;
  });
  if (outcome.created) {
    await audit(db, actor, { action: "billing.invoice_issued", tenantId: input.tenantId, targetType: "invoice", targetId: outcome.invoice.id, detail: { number: outcome.invoice.number, totalRial: outcome.invoice.totalRial } });
  }
  return outcome.invoice;
}

/**
 * A bank transfer recorded by hand against an invoice; the same reference
 * again is the same payment. The city's billing state is re-evaluated at once,
 * so a city that has paid everything overdue is active again.
 */
export async function recordInvoicePayment(db: Database, actor: PlatformActor, input: RecordPaymentInput) {
  const today = tehranIsoDate(actor.now);
  const outcome = await asCity(db, input.tenantId, async (tx) => {
    if (!(await findInvoice(tx, { tenantId: input.tenantId, id: input.invoiceId }))) throw notFound();
    const earlier = await findPaymentByReference(tx, { tenantId: input.tenantId, reference: input.reference });
    if (earlier && (earlier.invoiceId !== input.invoiceId || earlier.amountRial !== input.amountRial)) {
      throw new AppError("CONFLICT", "billing.errors.referenceUsed", { field: "reference" });
    }
    const paid = await recordPayment(tx, { ...input, recordedBy: actor.platformUserId });
    const state = await applyBillingEvent(tx, { tenantId: input.tenantId, event: "evaluate", today, at: actor.now });
    return { ...paid, state };
  });
  if (outcome.created) {
    await audit(db, actor, { action: "billing.payment_recorded", tenantId: input.tenantId, targetType: "invoice", targetId: input.invoiceId, detail: { amountRial: input.amountRial, reference: input.reference, stateAfter: outcome.state.result.ok ? outcome.state.result.state : null } });
  }
  return { invoice: outcome.invoice, state: outcome.state.result.ok ? outcome.state.result.state : outcome.state.before };
}

/** Re-reads the city's overdue invoices and moves its state (also run daily by the job). */
export async function evaluateBilling(db: Database, tenantId: string, now: Date) {
  return asCity(db, tenantId, (tx) => applyBillingEvent(tx, { tenantId, event: "evaluate", today: tehranIsoDate(now), at: now }));
}

/** Platform staff restrict an overdue city now; an up-to-date city cannot be restricted. */
export async function restrictTenant(db: Database, actor: PlatformActor, tenantId: string) {
  const today = tehranIsoDate(actor.now);
  const outcome = await asCity(db, tenantId, async (tx) => {
    await applyBillingEvent(tx, { tenantId, event: "evaluate", today, at: actor.now });
    return applyBillingEvent(tx, { tenantId, event: { type: "restrict" }, today, at: actor.now });
  });
  if (!outcome.result.ok) throw new AppError("CONFLICT", "billing.errors.notOverdue", { field: "tenantId" });
  if (outcome.result.changed) {
    await audit(db, actor, { action: "billing.state_changed", tenantId, targetType: "tenant", targetId: tenantId, detail: { before: outcome.before, after: outcome.result.state } });
  }
  return { state: outcome.result.state };
}
