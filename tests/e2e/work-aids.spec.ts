import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startPlatform, workdayClock, type Platform } from "./setup/servers";
import { selectByText, signedIn } from "./setup/pages";
import { waitForContent, waitForText } from "./setup/wait";

let p: Platform;
const clock = workdayClock();
const artifacts = new URL("./artifacts/", import.meta.url).pathname;
beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  p = await startPlatform({ now: clock.now });
});
afterAll(() => p?.stop());

const toAscii = (s: string) => s.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))).replace(/\D/g, "");

/** Fills the intake form for a garbage complaint at a point of Tehran's region 1, district 1. */
async function garbageCall(page: Page, mobile: string, name: string, lat: string, lon: string) {
  await page.goto(`${p.consoleUrl}/tehran/intake`);
  await page.waitForSelector("[data-testid=intake-form]");
  await page.fill("#mobile", mobile);
  await page.fill("#name", name);
  await page.click("[data-testid=category-search]");
  await page.keyboard.type("جمع‌آوری زباله");
  await page.keyboard.press("Enter");
  await page.waitForSelector("[data-testid=questions]");
  await page.selectOption("#attr-waste_type", "household");
  await page.fill("#description", "مخزن زباله سر کوچهٔ یاس پر شده و زباله‌ها در خیابان ریخته است.");
  await page.fill("#lat", lat);
  await page.fill("#lon", lon);
  await page.waitForSelector("[data-testid=duplicates]");
}

describe("the work aids of a 137 centre, in a real browser", () => {
  let code = "";

  it("the city admin writes a ready answer for garbage collection", async () => {
    const page = await signedIn(p, "tehran.admin");
    await page.goto(`${p.consoleUrl}/tehran/settings/responses`);
    await page.click("[data-testid=response-save]");
    await waitForContent(page, "#titleFa-error", "عنوان فارسی");
    await page.fill("#titleFa", "تخلیهٔ مخزن");
    await page.fill("#titleEn", "Bin emptied");
    await selectByText(page, "#categoryId", "جمع‌آوری زباله");
    await page.fill("#body", "مخزن زباله تخلیه و محل شست‌وشو شد. از اینکه خبر دادید سپاسگزاریم.");
    await page.click("[data-testid=response-save]");
    await waitForContent(page, "[data-testid=responses-table]", "تخلیهٔ مخزن");
    await page.context().close();
  });

  it("a second caller with the same problem is added to the open message instead of registering a new one", async () => {
    const page = await signedIn(p, "tehran.operator");
    await garbageCall(page, "09127770001", "رضا یاسمی", "35.82", "51.101");
    await page.click("[data-testid=intake-submit]");
    await page.waitForSelector("[data-testid=intake-done]");
    code = toAscii((await page.textContent("[data-testid=tracking-code]"))!);

    await garbageCall(page, "09127770002", "سیمین نوری", "35.8201", "51.1011");
    await page.waitForSelector(`[data-testid=attach-${code}]`);
    await page.click(`[data-testid=attach-${code}]`);
    await page.waitForSelector("[data-testid=joined]");
    expect(await page.textContent("h1")).toBe("تماس‌گیرنده به پیام موجود پیوست");
    // The operator reads the existing message's code back to the second caller.
    expect(toAscii((await page.textContent("[data-testid=tracking-code]"))!)).toBe(code);
    await page.screenshot({ path: `${artifacts}intake-joined-fa.png`, fullPage: true });

    await page.goto(`${p.consoleUrl}/tehran/messages/${code}`);
    await page.waitForSelector("[data-testid=supporters]");
    expect(await page.textContent("[data-testid=supporters]")).toContain("سیمین نوری");
    expect(await page.textContent("[data-testid=timeline]")).toContain("«من هم»");
    await page.context().close();
  });

  it("the unit resolves it starting from the ready answer", async () => {
    const page = await signedIn(p, "tehran.unitstaff");
    await page.goto(`${p.consoleUrl}/tehran/messages/${code}`);
    await page.waitForSelector("[data-testid=template-resolve]");
    await selectByText(page, "[data-testid=template-resolve]", "تخلیهٔ مخزن");
    expect(await page.inputValue("[data-testid=action-resolve] textarea")).toContain("مخزن زباله تخلیه");
    await page.click("[data-testid=action-resolve] button");
    await waitForText(page, "[data-testid=message-status]", "رسیدگی‌شده");
    expect(await page.textContent("[data-testid=timeline]")).toContain("مخزن زباله تخلیه و محل شست‌وشو شد.");
    await page.context().close();
  });

  it("a supervisor re-refers a message, sees it in the week's re-referrals, and keeps a search", async () => {
    const page = await signedIn(p, "tehran.supervisor");
    await garbageCall(page, "09127770003", "کاوه پارسا", "35.83", "51.11");
    await page.click("[data-testid=intake-submit]");
    await page.waitForSelector("[data-testid=intake-done]");
    const second = toAscii((await page.textContent("[data-testid=tracking-code]"))!);
    await page.goto(`${p.consoleUrl}/tehran/messages/${second}`);
    await selectByText(page, "[data-testid=action-refer] select", "سازمان مدیریت پسماند");
    await page.fill("[data-testid=action-refer] textarea", "حجم زیاد است؛ سازمان پسماند رسیدگی کند.");
    await page.click("[data-testid=action-refer] button");
    await waitForContent(page, "[data-testid=message-unit]", "سازمان مدیریت پسماند");

    await page.goto(`${p.consoleUrl}/tehran/supervision`);
    await page.waitForSelector("[data-testid=rereferrals]");
    const row = page.locator("[data-testid=rereferrals-row]", { hasText: "حجم زیاد است" });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain("سازمان مدیریت پسماند");

    await page.goto(`${p.consoleUrl}/tehran/queue?queue=all&q=${encodeURIComponent("کوچهٔ یاس")}`);
    await page.fill("#saved-name", "زباله‌های کوچهٔ یاس");
    await page.check("[data-testid=save-search] input[type=checkbox]");
    await page.click("[data-testid=save-search] button");
    await waitForContent(page, "[data-testid=saved-searches]", "زباله‌های کوچهٔ یاس");
    await page.screenshot({ path: `${artifacts}queue-saved-fa.png`, fullPage: true });
    await page.context().close();

    // Shared: the operator finds it, and it opens the same search.
    const operator = await signedIn(p, "tehran.operator");
    await operator.goto(`${p.consoleUrl}/tehran/queue`);
    await operator.click("[data-testid=saved-search] >> text=زباله‌های کوچهٔ یاس");
    await operator.waitForURL(/q=/);
    await operator.waitForFunction((want) => (document.querySelector("#f-q") as HTMLInputElement | null)?.value === want, "کوچهٔ یاس");
    expect(await operator.locator("[data-testid=queue-row]").count()).toBeGreaterThan(0);
    await operator.context().close();
  });
});
