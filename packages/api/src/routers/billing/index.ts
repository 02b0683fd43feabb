import { notFound, tehranIsoDate } from "@city137/core";
import { billingStateOf, ensureBillingAccount, findInvoice, findPlan, findTenantById, listInvoices, listPayments, listPlans, overdueOf, meterRecentUsage } from "@city137/db";
import { issueInvoice, recordInvoicePayment, restrictTenant, savePlan, updateAccount } from "../../platform/billing";
import { currentPeriod, usageOfPeriod } from "../../platform/billing-usage";
import { billingOverview } from "../../platform/overview";
import { cityPortalLink } from "../../platform/stripe-portal";
import { changeTenantStatus } from "../../platform/tenant-status";
import { cityAdminProcedure, platformProcedure, router, staffProcedure, type Context } from "../../trpc";
import { billingAccountOf } from "./read";
import { ZInvoiceRef, ZIssueInvoiceInput, ZMyInvoiceInput, ZPortalLinkInput, ZRecordPaymentInput, ZSavePlanInput, ZTenantRef, ZTenantStatusInput, ZUpdateAccountInput } from "./inputs";

/** Money matters: platform admins and platform billing staff. */
const money = platformProcedure("platform_admin", "platform_billing");
const actorOf = (ctx: Pick<Context, "ip" | "now"> & { session: { user: { id: string } } }) => ({ platformUserId: ctx.session.user.id, ip: ctx.ip, now: ctx.now() });

/** A city's own billing page: account, plan, this month's usage and invoices. */
const cityBilling = cityAdminProcedure.query(({ ctx }) =>
  ctx.tenant(async (tx) => {
    const now = ctx.now();
    await meterRecentUsage(tx, { tenantId: ctx.tenantId, now });
    const account = await ensureBillingAccount(tx, { tenantId: ctx.tenantId });
    const plan = account.planId ? await findPlan(tx, account.planId) : null;
    const usage = await usageOfPeriod(tx, ctx.tenantId, currentPeriod(now));
    const invoices = await listInvoices(tx, { tenantId: ctx.tenantId });
    const owed = await overdueOf(tx, { tenantId: ctx.tenantId, today: tehranIsoDate(now) });
    const { stripeCustomerId: _c, stripeSubscriptionId: _s, stripeEventAt: _e, ...visible } = account;
    return { account: visible, plan, usage, invoices, owed, today: tehranIsoDate(now) };
  }),
);

export const billingRouter = router({
  /** Every city at a glance (platform staff). */
  overview: platformProcedure().query(({ ctx }) => billingOverview(ctx.db, ctx.now())),

  plan: router({
    list: platformProcedure().query(({ ctx }) => ctx.platform((tx) => listPlans(tx))),
    save: money.input(ZSavePlanInput).mutation(({ ctx, input }) => savePlan(ctx.db, actorOf(ctx), input)),
  }),

  /** One city's account, plan, invoices and usage, for platform staff. */
  account: router({
    get: platformProcedure()
      .input(ZTenantRef)
      .query(async ({ ctx, input }) => {
        // brings usage and states up to date first, each in its own transaction
        const { rows, period } = await billingOverview(ctx.db, ctx.now());
        return ctx.platform(async (tx) => {
          const tenant = await findTenantById(tx, input.tenantId);
          if (!tenant) throw notFound();
          const summary = rows.find((r) => r.tenantId === input.tenantId) ?? null;
          const invoices = await listInvoices(tx, { tenantId: input.tenantId });
          const plans = await listPlans(tx);
          return { tenant, summary, period, account: await billingAccountOf(tx, input.tenantId), invoices, plans, today: tehranIsoDate(ctx.now()) };
        });
      }),
    update: money.input(ZUpdateAccountInput).mutation(({ ctx, input }) => updateAccount(ctx.db, actorOf(ctx), input)),
    restrict: money.input(ZTenantRef).mutation(({ ctx, input }) => restrictTenant(ctx.db, actorOf(ctx), input.tenantId)),
  }),

  invoice: router({
    issue: money.input(ZIssueInvoiceInput).mutation(({ ctx, input }) => issueInvoice(ctx.db, actorOf(ctx), input)),
    get: platformProcedure()
      .input(ZInvoiceRef)
      .query(({ ctx, input }) =>
        ctx.platform(async (tx) => {
          const invoice = await findInvoice(tx, { tenantId: input.tenantId, id: input.id });
          const tenant = invoice && (await findTenantById(tx, input.tenantId));
          if (!invoice || !tenant) throw notFound();
          return { invoice, tenant, account: await billingAccountOf(tx, input.tenantId), payments: await listPayments(tx, { tenantId: input.tenantId, invoiceId: invoice.id }) };
        }),
      ),
    pay: money.input(ZRecordPaymentInput).mutation(({ ctx, input }) => recordInvoicePayment(ctx.db, actorOf(ctx), input)),
  }),

  /** Suspend, resume or archive a city (platform admins). */
  tenantStatus: platformProcedure("platform_admin")
    .input(ZTenantStatusInput)
    .mutation(({ ctx, input }) => changeTenantStatus(ctx.db, actorOf(ctx), input)),

  /** The city admin's own billing; nothing of other cities. */
  mine: cityBilling,
  myInvoice: cityAdminProcedure.input(ZMyInvoiceInput).query(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const invoice = await findInvoice(tx, { tenantId: ctx.tenantId, id: input.id });
      if (!invoice) throw notFound();
      const tenant = (await findTenantById(tx, ctx.tenantId))!;
      const account = await ensureBillingAccount(tx, { tenantId: ctx.tenantId });
      return { invoice, tenant, account, payments: await listPayments(tx, { tenantId: ctx.tenantId, invoiceId: invoice.id }) };
    }),
  ),

  /** A Stripe city's admin: a link to Stripe's customer portal (open even while restricted, to pay). */
  portalLink: cityAdminProcedure.input(ZPortalLinkInput).mutation(({ ctx, input }) => cityPortalLink(ctx.tenant, ctx.tenantId, input.returnUrl)),

  /** Any staff member of the city: the state behind the console's banner. */
  state: staffProcedure.query(({ ctx }) => ctx.tenant(async (tx) => ({ state: await billingStateOf(tx, { tenantId: ctx.tenantId }) }))),
});
