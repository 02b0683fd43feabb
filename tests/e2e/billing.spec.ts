import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, workdayClock, type Platform } from "./setup/servers";
import { signedIn } from "./setup/pages";
import { waitForContent } from "./setup/wait";


let p: Platform;
const clock = workdayClock();
const artifacts = new URL("./artifacts/", import.meta.url).pathname;
beforeAll(async () => {
  p = await startPlatform({ now: clock.now });
});
afterAll(() => p?.stop());

const toAscii = (s: string) => s.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))).replace(/[٬,]/g, "");

async function registerMessage(who: string, text: string): Promise<string> {
  const operator = await signedIn(p, who);
  const city = who.split(".")[0];
  await operator.goto(`${p.consoleUrl}/${city}/intake`);
  await operator.waitForSelector("[data-testid=intake-form]");
  await operator.selectOption("#kind", "request");
  await operator.click("[data-testid=category-search]");
  await operator.keyboard.type("نخاله");
  await operator.keyboard.press("Enter");
  await operator.fill("#description", text);
  await operator.click("[data-testid=intake-submit]");
  await operator.waitForSelector("[data-testid=intake-done]");
  const code = toAscii((await operator.textContent("[data-testid=tracking-code]"))!).replace(/\D/g, "");
  await operator.context().close();
  return code;
}

describe("platform billing in a real browser", () => {
  it("platform staff put Mashhad on an offline plan, see its usage, invoice it, restrict it when overdue — and its citizens are still heard", async () => {
    const staff = await signedIn(p, "platform.billing");
    await staff.goto(`${p.consoleUrl}/platform/billing`);
    await staff.waitForSelector("[data-testid=billing-overview]");
    // no Stripe key here: the platform says every city is billed offline
    await staff.waitForSelector("[data-testid=stripe-offline]");

    // a plan, with a bad price first: refused by name
    await staff.click("[data-testid=plans-link]");
    await staff.waitForSelector("[data-testid=plan-form]");
    const plan = { code: "metro", nameFa: "کلان‌شهر", nameEn: "Metropolis", monthlyPriceRial: "۸۰۰۰۰۰۰۰۰", annualPriceRial: "8000000000", includedSeats: "10", includedMessages: "1000", extraSeatRial: "20000000", extraThousandMessagesRial: "50000000" };
    for (const [k, v] of Object.entries(plan)) await staff.fill(`#plan-${k}`, k === "monthlyPriceRial" ? "-1" : v);
    await staff.click("[data-testid=plan-save]");
    await staff.waitForSelector("#plan-monthlyPriceRial-error");
    await staff.fill("#plan-monthlyPriceRial", plan.monthlyPriceRial); // Persian digits are fine
    await staff.click("[data-testid=plan-save]");
    await waitForContent(staff, "[data-testid=plans-table]", "کلان‌شهر");

    // Mashhad on the plan, offline, with its details for the invoice
    await staff.goto(`${p.consoleUrl}/platform/billing`);
    await staff.click("[data-testid=manage-mashhad]");
    await staff.waitForSelector("[data-testid=account-form]");
    const planValue = await staff.$eval("#acc-plan", (el) => [...(el as HTMLSelectElement).options].find((o) => o.text.includes("کلان‌شهر"))!.value);
    await staff.selectOption("#acc-plan", planValue);
    await staff.selectOption("#acc-provider", "offline");
    await staff.fill("#acc-legalName", "شهرداری مشهد مقدس");
    await staff.fill("#acc-address", "مشهد، میدان شهدا");
    await staff.click("[data-testid=account-save]");
    await staff.waitForSelector("[data-testid=form-saved]");

    // a message arrives in Mashhad; platform staff see it in this month's usage
    const used = async () => Number(toAscii((await staff.textContent("[data-testid=usage-messages]"))!).split(" ")[0]);
    const before = await used();
    await registerMessage("mashhad.operator", "نخالهٔ ساختمانی کنار جدول ریخته شده است.");
    await staff.reload();
    await staff.waitForSelector("[data-testid=usage-messages]");
    expect(await used()).toBe(before + 1);

    // an invoice for this month, due in 10 days; its printable page has both parties and a Jalali date
    await staff.fill("#issue-due", "10");
    await staff.click("[data-testid=issue-invoice]");
    await staff.waitForSelector("[data-testid=invoices-table]");
    await staff.click("[data-testid=invoices-table] tbody tr td a");
    await staff.waitForSelector("[data-testid=invoice]");
    expect(await staff.textContent("[data-testid=invoice-buyer]")).toBe("شهرداری مشهد مقدس");
    expect(toAscii((await staff.textContent("[data-testid=invoice-total]"))!)).toContain("800000000");
    expect(await staff.textContent("[data-testid=invoice]")).toMatch(/۱۴۰[0-9۰-۹]\/[۰-۹]{2}\/[۰-۹]{2}/);
    await staff.screenshot({ path: `${artifacts}billing-invoice-fa.png`, fullPage: true });
    await staff.context().close();

    // 25 days later the invoice is 15 days overdue (grace period): staff restrict Mashhad
    clock.advance(25 * 24 * 3_600_000);
    const later = await signedIn(p, "platform.billing");
    await later.goto(`${p.consoleUrl}/platform/billing`);
    await later.waitForSelector("[data-testid=billing-row-mashhad]");
    expect(await later.getAttribute("[data-testid=billing-row-mashhad] [data-testid=billing-state]", "data-state")).toBe("grace");
    expect(toAscii((await later.textContent("[data-testid=billing-row-mashhad] [data-testid=row-overdue]"))!)).toContain("800000000");
    await later.click("[data-testid=manage-mashhad]");
    await later.click("[data-testid=restrict]");
    await waitForContent(later, "[data-testid=billing-state]", "محدودشده");
    await later.context().close();

    // Mashhad's admin sees the banner and cannot change settings, told why in Persian
    const admin = await signedIn(p, "mashhad.admin");
    await admin.waitForSelector("[data-testid=billing-banner][data-state=restricted]");
    await admin.goto(`${p.consoleUrl}/mashhad/settings/branding`);
    await admin.waitForSelector("[data-testid=branding-form]");
    await admin.fill("#primaryColor", "#1b5e20");
    await admin.click("[data-testid=branding-save]");
    await admin.waitForSelector("[data-testid=form-error]");
    expect(await admin.textContent("[data-testid=form-error]")).toContain("محدود شده");
    // their own billing page shows the overdue invoice
    await admin.goto(`${p.consoleUrl}/mashhad/settings/billing`);
    await admin.waitForSelector("[data-testid=city-billing]");
    expect(await admin.getAttribute("[data-testid=billing-state]", "data-state")).toBe("restricted");
    await admin.screenshot({ path: `${artifacts}billing-restricted-fa.png`, fullPage: true });
    await admin.context().close();

    // and a citizen's message is still registered
    const code = await registerMessage("mashhad.operator", "چراغ کوچه خاموش است و نخاله هم مانده است.");
    expect(code.length).toBeGreaterThan(5);
  });
});
