import { describe, expect, it } from "vitest";
import { billingPeriodOf, daysBetween, jalaliMonth } from "./period";
import { invoiceLines, invoiceTotal } from "./invoice";
import { limitsAdministration, nextBillingState, stateForOverdue } from "./state";
import { rialToToman } from "./money";

const policy = { pastDueDays: 7, graceDays: 14 };

describe("billing state", () => {
  it("moves active → past_due → grace → restricted as days pass, never backwards while overdue", () => {
    expect(stateForOverdue(null, policy)).toBe("active");
    expect(stateForOverdue(0, policy)).toBe("active");
    expect(stateForOverdue(1, policy)).toBe("past_due");
    expect(stateForOverdue(7, policy)).toBe("past_due");
    expect(stateForOverdue(8, policy)).toBe("grace");
    expect(stateForOverdue(21, policy)).toBe("grace");
    expect(stateForOverdue(22, policy)).toBe("restricted");
    expect(nextBillingState("active", { type: "evaluate", daysOverdue: 10 }, policy)).toEqual({ ok: true, state: "grace", changed: true });
    // a city restricted by staff stays restricted while its invoice is unpaid
    expect(nextBillingState("restricted", { type: "evaluate", daysOverdue: 2 }, policy)).toEqual({ ok: true, state: "restricted", changed: false });
    expect(nextBillingState("restricted", { type: "evaluate", daysOverdue: null }, policy)).toEqual({ ok: true, state: "active", changed: true });
    // a failed Stripe payment is not cleared by finding no overdue offline invoice; only Stripe's "paid" clears it
    expect(nextBillingState("past_due", { type: "evaluate", daysOverdue: null, providerUnpaid: true }, policy)).toEqual({ ok: true, state: "past_due", changed: false });
    expect(nextBillingState("restricted", { type: "evaluate", daysOverdue: null, providerUnpaid: true }, policy)).toEqual({ ok: true, state: "restricted", changed: false });
    expect(nextBillingState("active", { type: "evaluate", daysOverdue: null, providerUnpaid: true }, policy)).toEqual({ ok: true, state: "past_due", changed: true });
    expect(nextBillingState("past_due", { type: "paid" }, policy)).toEqual({ ok: true, state: "active", changed: true });
  });

  it("a payment returns any state to active; staff may restrict only an overdue city", () => {
    for (const s of ["past_due", "grace", "restricted"] as const) expect(nextBillingState(s, { type: "paid" })).toMatchObject({ state: "active", changed: true });
    expect(nextBillingState("active", { type: "restrict" })).toEqual({ ok: false, reason: "not_overdue" });
    expect(nextBillingState("past_due", { type: "restrict" })).toMatchObject({ ok: true, state: "restricted" });
    expect(nextBillingState("active", { type: "payment_failed" })).toMatchObject({ state: "past_due" });
    expect(nextBillingState("grace", { type: "payment_failed" })).toMatchObject({ state: "grace", changed: false });
  });

  it("only a restricted city's administration is limited", () => {
    expect(["active", "past_due", "grace", "restricted"].filter((s) => limitsAdministration(s as never))).toEqual(["restricted"]);
  });
});

describe("periods and invoices", () => {
  it("Jalali months in Tehran time", () => {
    expect(jalaliMonth(1405, 1)).toEqual({ jy: 1405, jm: 1, start: "2026-03-21", end: "2026-04-20" });
    expect(jalaliMonth(1405, 9).end).toBe("2026-12-21");
    // 21:00 UTC on 2026-11-21 is already 00:30 on 11-22 in Tehran: the first day of Azar
    expect(billingPeriodOf(new Date("2026-11-21T21:00:00Z"))).toMatchObject({ jy: 1405, jm: 9, start: "2026-11-22" });
    expect(billingPeriodOf(new Date("2026-11-21T20:00:00Z"))).toMatchObject({ jy: 1405, jm: 8 });
    expect(daysBetween("2026-11-01", "2026-11-22")).toBe(21);
  });

  it("charges the base price, extra seats and each started thousand messages above the plan", () => {
    const plan = { monthlyPriceRial: 500_000_000, annualPriceRial: 5_000_000_000, includedSeats: 10, includedMessages: 5000, extraSeatRial: 20_000_000, extraThousandMessagesRial: 30_000_000 };
    expect(invoiceLines(plan, { messages: 5000, seats: 10 }, "monthly")).toEqual([{ code: "base", quantity: 1, unitRial: 500_000_000, amountRial: 500_000_000 }]);
    const lines = invoiceLines(plan, { messages: 6001, seats: 12 }, "monthly");
    expect(lines.map((l) => [l.code, l.quantity])).toEqual([["base", 1], ["extra_seats", 2], ["extra_messages", 2]]);
    expect(invoiceTotal(lines)).toBe(500_000_000 + 40_000_000 + 60_000_000);
    expect(invoiceLines(plan, { messages: 0, seats: 0 }, "annual")[0]!.amountRial).toBe(5_000_000_000);
    expect(rialToToman(500_000_000)).toBe(50_000_000);
  });
});

describe("tenant status", () => {
  it("suspend, resume and archive only from the states they make sense in", async () => {
    const { tenantStatusAfter } = await import("./tenant-status");
    expect(tenantStatusAfter("active", "suspend")).toBe("suspended");
    expect(tenantStatusAfter("suspended", "resume")).toBe("active");
    expect(tenantStatusAfter("suspended", "archive")).toBe("archived");
    expect(tenantStatusAfter("active", "resume")).toBeNull();
    expect(tenantStatusAfter("archived", "resume")).toBeNull();
    expect(tenantStatusAfter("suspended", "suspend")).toBeNull();
  });
});
