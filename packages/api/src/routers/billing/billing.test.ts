import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listPlatformAudit, withPlatform } from "@city137/db";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
type Caller = ReturnType<TestApi["caller"]>;
let platform: Caller;
let billing: Caller;
const tenantIdOf = async (slug: string) => (await platform.tenant.list()).find((t) => t.slug === slug)!.id;

const PLAN = {
  code: "city-standard",
  nameFa: "شهری استاندارد",
  nameEn: "City standard",
  monthlyPriceRial: 500_000_000,
  annualPriceRial: 5_000_000_000,
  includedSeats: 3,
  includedMessages: 2,
  extraSeatRial: 20_000_000,
  extraThousandMessagesRial: 30_000_000,
};

beforeAll(async () => {
  api = await createTestApi();
  // a Tehran working morning: 1405/09/03 10:00
  api.setNow(new Date("2026-11-24T06:30:00Z"));
  platform = api.caller(await api.signIn(null, "platform.admin"));
  billing = api.caller(await api.signIn(null, "platform.billing"));
});
afterAll(() => api?.close());

describe("tenants", () => {
  it("provisioning keeps the IT contact on the city's account; suspend, resume and archive are audited with the staff member", async () => {
    const done = await platform.tenant.provision({
      slug: "yazd",
      nameFa: "یزد",
      nameEn: "Yazd",
      template: "metropolis",
      contact: { name: "واحد فناوری یزد", email: "IT@Yazd.example", phone: "035-1234" },
      admin: { username: "yazd.admin", email: "admin@yazd.example", displayName: "مدیر یزد" },
    });
    const view = await billing.billing.account.get({ tenantId: done.tenantId });
    expect(view.account).toMatchObject({ itContactName: "واحد فناوری یزد", itContactEmail: "it@yazd.example", itContactPhone: "035-1234", provider: "offline", state: "active" });

    // platform billing staff handle money, not a city's standing
    expect(await failure(billing.billing.tenantStatus({ tenantId: done.tenantId, action: "suspend" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await platform.billing.tenantStatus({ tenantId: done.tenantId, action: "suspend" })).toEqual({ tenantId: done.tenantId, status: "suspended" });
    expect(await failure(platform.billing.tenantStatus({ tenantId: done.tenantId, action: "suspend" }))).toMatchObject({ code: "CONFLICT", fieldErrors: { action: "billing.errors.statusMove" } });
    expect(await platform.billing.tenantStatus({ tenantId: done.tenantId, action: "resume" })).toMatchObject({ status: "active" });
    expect(await platform.billing.tenantStatus({ tenantId: done.tenantId, action: "archive" })).toMatchObject({ status: "archived" });
    expect(await failure(platform.billing.tenantStatus({ tenantId: done.tenantId, action: "resume" }))).toMatchObject({ code: "CONFLICT" });
    expect((await platform.tenant.list()).find((t) => t.slug === "yazd")!.status).toBe("archived");
    // the archived city keeps its data
    expect((await billing.billing.account.get({ tenantId: done.tenantId })).account.itContactName).toBe("واحد فناوری یزد");

    const adminId = (await platform.auth.me()).user.id;
    const audit = (await withPlatform(api.db, (tx) => listPlatformAudit(tx, { limit: 50 }))).filter((e) => e.targetId === done.tenantId && e.action !== "tenant.provisioned");
    expect(audit.map((e) => [e.action, e.actorId]).reverse()).toEqual([
      ["tenant.suspended", adminId],
      ["tenant.resumed", adminId],
      ["tenant.archived", adminId],
    ]);
    expect(await failure(platform.billing.tenantStatus({ tenantId: "00000000-0000-4000-8000-000000000000", action: "suspend" }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("plans, offline invoices and payments", () => {
  let planId: string;
  let qomId: string;
  let invoiceId: string;

  it("saves a plan, naming a bad field in a translated error", async () => {
    expect(await failure(billing.billing.plan.save({ ...PLAN, monthlyPriceRial: -5 }))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { monthlyPriceRial: "validation.invalid" } });
    expect(await failure(billing.billing.plan.save({ ...PLAN, stripeSeatPriceId: "not a price" }))).toMatchObject({ fieldErrors: { stripeSeatPriceId: "validation.invalid" } });
    const plan = await billing.billing.plan.save(PLAN);
    planId = plan.id;
    expect(await failure(billing.billing.plan.save(PLAN))).toMatchObject({ code: "CONFLICT", fieldErrors: { code: "billing.errors.planCodeTaken" } });
    expect((await billing.billing.plan.list()).map((p) => p.code)).toContain("city-standard");
  });

  it("puts Qom on the plan, meters its messages and issues a numbered invoice once per key", async () => {
    qomId = await tenantIdOf("qom");
    expect(await failure(billing.billing.invoice.issue({ tenantId: qomId, jy: 1405, jm: 9, idempotencyKey: "qom-1405-09-a" }))).toMatchObject({ fieldErrors: { tenantId: "billing.errors.noPlan" } });
    // no Stripe key in this environment: Stripe cannot be chosen, and the overview says the platform bills offline
    expect(await failure(billing.billing.account.update({ tenantId: qomId, planId, cycle: "monthly", provider: "stripe" }))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { provider: "billing.errors.stripeOff" } });
    expect((await billing.billing.overview()).stripeConfigured).toBe(false);
    await billing.billing.account.update({ tenantId: qomId, planId, cycle: "monthly", provider: "offline", legalName: "شهرداری قم", address: "قم، میدان آستانه" });

    const operator = api.caller(await api.signIn("qom", "qom.operator"));
    const qomAdmin = api.caller(await api.signIn("qom", "qom.admin"));
    const before = (await qomAdmin.billing.mine()).usage.messages;
    const category = (await operator.category.list()).find((c) => c.code === "waste.collection")!.id;
    for (let i = 0; i < 3; i++) {
      await operator.request.create({ idempotencyKey: `billing-usage-${i}`, kind: "complaint", categoryId: category, channel: "phone", description: "زباله جمع نشده", attributes: { waste_type: "household" } });
    }
    const mine = await qomAdmin.billing.mine();
    expect(mine.usage.messages).toBe(before + 3);
    expect(mine.usage.activeSeats).toBe(6);
    expect(mine.plan?.code).toBe("city-standard");
    // recounting is not adding: asking again changes nothing
    expect((await qomAdmin.billing.mine()).usage.messages).toBe(before + 3);

    const invoice = await billing.billing.invoice.issue({ tenantId: qomId, jy: 1405, jm: 9, idempotencyKey: "qom-1405-09-a", dueDays: 10 });
    invoiceId = invoice.id;
    expect(invoice).toMatchObject({ periodStart: "2026-11-22", periodEnd: "2026-12-21", issuedOn: "2026-11-24", dueOn: "2026-12-04", status: "open" });
    expect(invoice.lines.map((l) => [l.code, l.quantity])).toEqual([["base", 1], ["extra_seats", 3], ["extra_messages", 1]]);
    expect(invoice.totalRial).toBe(500_000_000 + 3 * 20_000_000 + 30_000_000);
    const again = await billing.billing.invoice.issue({ tenantId: qomId, jy: 1405, jm: 9, idempotencyKey: "qom-1405-09-a" });
    expect(again.id).toBe(invoice.id);
    expect(await failure(billing.billing.invoice.issue({ tenantId: qomId, jy: 1405, jm: 8, idempotencyKey: "qom-1405-09-a" }))).toMatchObject({ code: "CONFLICT", fieldErrors: { idempotencyKey: "billing.errors.idempotencyMismatch" } });
    const second = await billing.billing.invoice.issue({ tenantId: qomId, jy: 1405, jm: 8, idempotencyKey: "qom-1405-08-a" });
    expect(second.number).toBe(invoice.number + 1);
  });

  it("a city admin sees their own invoices and nothing of another city's", async () => {
    const qomAdmin = api.caller(await api.signIn("qom", "qom.admin"));
    const shirazAdmin = api.caller(await api.signIn("shiraz", "shiraz.admin"));
    expect((await qomAdmin.billing.myInvoice({ id: invoiceId })).invoice.id).toBe(invoiceId);
    expect(await failure(shirazAdmin.billing.myInvoice({ id: invoiceId }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await shirazAdmin.billing.mine()).invoices).toEqual([]);
    expect((await qomAdmin.billing.mine()).invoices.map((i) => i.id)).toContain(invoiceId);
    expect(await failure(qomAdmin.billing.overview())).toMatchObject({ code: "FORBIDDEN" });
  });

  it("overdue → past_due → grace; staff restrict; settings refused but citizens' messages go on; payment makes it active", async () => {
    const row = async () => (await billing.billing.overview()).rows.find((r) => r.slug === "qom")!;
    expect(await failure(billing.billing.account.restrict({ tenantId: qomId }))).toMatchObject({ code: "CONFLICT", fieldErrors: { tenantId: "billing.errors.notOverdue" } });

    api.setNow(new Date("2026-12-07T06:30:00Z")); // three days past the due date
    billing = api.caller(await api.signIn(null, "platform.billing")); // sessions expire over weeks
    expect(await row()).toMatchObject({ state: "past_due", planCode: "city-standard" });
    // only Azar's invoice is past its due date; Aban's (issued the same day with 15 days to pay) is not yet
    expect((await row()).overdueRial).toBe(590_000_000);
    expect((await row()).openRial).toBe(590_000_000 + 500_000_000);
    api.setNow(new Date("2026-12-14T06:30:00Z"));
    expect(await row()).toMatchObject({ state: "grace", overdueRial: 1_090_000_000 });

    billing = api.caller(await api.signIn(null, "platform.billing"));
    const qomAdmin = api.caller(await api.signIn("qom", "qom.admin"));
    const operator = api.caller(await api.signIn("qom", "qom.operator"));
    expect(await billing.billing.account.restrict({ tenantId: qomId })).toEqual({ state: "restricted" });
    expect((await qomAdmin.billing.state()).state).toBe("restricted");
    const branding = await qomAdmin.branding.get();
    expect(await failure(qomAdmin.branding.update({ ...branding, nameEn: "Qom!" } as never))).toMatchObject({ code: "FORBIDDEN", messageKey: "billing.errors.restricted" });
    // the billing page still opens, and taking access away still works
    await expect(qomAdmin.billing.mine()).resolves.toBeDefined();
    const operatorId = (await qomAdmin.staff.list()).find((s) => s.username === "qom.inspector")!.id;
    await expect(qomAdmin.staff.setActive({ staffId: operatorId, active: false })).resolves.toBeDefined();
    await qomAdmin.staff.setActive({ staffId: operatorId, active: true }).catch(() => undefined);
    // citizens are never silenced: a message is registered and handled
    const category = (await operator.category.list()).find((c) => c.code === "waste.collection")!.id;
    const created = await operator.request.create({ idempotencyKey: "restricted-1", kind: "complaint", categoryId: category, channel: "phone", description: "زباله جمع نشده", attributes: { waste_type: "household" } });
    expect(created.trackingCode).toBeTruthy();
    // control: another city's admin is not affected
    const shirazAdmin = api.caller(await api.signIn("shiraz", "shiraz.admin"));
    const shirazBranding = await shirazAdmin.branding.get();
    await expect(shirazAdmin.branding.update(shirazBranding as never)).resolves.toBeDefined();

    const invoices = (await billing.billing.account.get({ tenantId: qomId })).invoices;
    expect(await failure(billing.billing.invoice.pay({ tenantId: qomId, invoiceId: invoices[0]!.id, amountRial: 0, paidOn: "2026-12-14", reference: "x" }))).toMatchObject({ fieldErrors: { amountRial: "validation.invalid" } });
    for (const inv of invoices) {
      const paid = await billing.billing.invoice.pay({ tenantId: qomId, invoiceId: inv.id, amountRial: inv.totalRial, paidOn: "2026-12-14", reference: `BANK-${inv.number}` });
      expect(paid.invoice.status).toBe("paid");
    }
    // the same reference again is the same payment; on another invoice it is refused
    const replay = await billing.billing.invoice.pay({ tenantId: qomId, invoiceId: invoices[0]!.id, amountRial: invoices[0]!.totalRial, paidOn: "2026-12-14", reference: `BANK-${invoices[0]!.number}` });
    expect(replay.invoice.paidRial).toBe(invoices[0]!.totalRial);
    expect(await failure(billing.billing.invoice.pay({ tenantId: qomId, invoiceId: invoices[1]!.id, amountRial: 1, paidOn: "2026-12-14", reference: `BANK-${invoices[0]!.number}` }))).toMatchObject({ fieldErrors: { reference: "billing.errors.referenceUsed" } });

    expect((await qomAdmin.billing.state()).state).toBe("active");
    await expect(qomAdmin.branding.update(branding as never)).resolves.toBeDefined();
    const printed = await billing.billing.invoice.get({ tenantId: qomId, id: invoices[0]!.id });
    expect(printed.payments).toHaveLength(1);
    expect(printed.account.legalName).toBe("شهرداری قم");
  });
});
