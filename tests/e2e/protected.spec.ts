import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "./setup/pages";
import { startPlatform, workdayClock, type Platform } from "./setup/servers";

/**
 * The protected channel on a phone (docs/decisions/017): a corruption report
 * filed without name or mobile, its receipt written down, an inspector's
 * question read and answered with the receipt alone. The pages carry no script
 * and load nothing from elsewhere.
 */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PNG_8x8 = "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWOQ67HBihiGlgQAcJI5geXKEN4AAAAASUVORK5CYII=";
const REPORT = "مسئول صدور پروانهٔ ساختمانی در ناحیهٔ چهار برای امضا پول نقد خواست";
const QUESTION = "در چه روزی و در کدام ساختمان این درخواست مطرح شد؟";
const ANSWER = "سه‌شنبهٔ گذشته، ساختمان شهرداری ناحیه";

let p: Platform;
beforeAll(async () => {
  p = await startPlatform({ now: workdayClock().now });
});
afterAll(() => p?.stop());

async function phonePage(): Promise<{ page: Page; requests: string[] }> {
  const context = await p.browser.newContext(PHONE);
  const page = await context.newPage();
  const requests: string[] = [];
  page.on("request", (r: Request) => requests.push(r.url()));
  return { page, requests };
}

async function followWith(page: Page, receipt: string) {
  await page.fill("[data-testid=protected-receipt-input]", receipt);
  await page.click("[data-testid=protected-follow]");
}

describe("protected channel", () => {
  it("a report filed on a phone, a question asked by an inspector and answered with the receipt alone", async () => {
    const { page, requests } = await phonePage();
    await page.goto(`${p.consoleUrl}/p/tehran`);
    await page.click("[data-testid=portal-protected-link]");
    await page.waitForSelector("[data-testid=protected-form]");
    expect(page.url()).toBe(`${p.consoleUrl}/p/tehran/report`);
    const doc = await page.request.get(`${p.consoleUrl}/p/tehran/report`);
    expect(doc.headers()["content-security-policy"]).toContain("default-src 'none'");
    // "same-origin": "no-referrer" would make the browser post its forms with Origin: null, which Remix refuses (docs/decisions/017)
    expect(doc.headers()["referrer-policy"]).toBe("same-origin");
    expect(doc.headers()["cache-control"]).toBe("no-store");
    expect(await page.locator("script").count()).toBe(0);
    // The protections are explained in Persian (the city's default).
    expect(await page.textContent(".protections")).toContain("نه نامتان پرسیده می‌شود");

    // Nothing written: the field says so, in Persian.
    await page.click("[data-testid=protected-submit]");
    await page.waitForSelector("#text-error");
    expect(await page.textContent("#text-error")).toContain("چه اتفاقی افتاده است؟");

    await page.fill("[data-testid=protected-text]", REPORT);
    await page.setInputFiles("[data-testid=protected-files]", { name: "IMG_0042.png", mimeType: "image/png", buffer: Buffer.from(PNG_8x8, "base64") });
    await page.click("[data-testid=protected-submit]");
    await page.waitForSelector("[data-testid=protected-done]");
    const receipt = (await page.getAttribute("[data-testid=protected-receipt]", "data-receipt"))!;
    expect(receipt).toMatch(/^\d{20}$/);
    const shown = (await page.textContent("[data-testid=protected-receipt]"))!;
    expect(shown).toMatch(/^[۰-۹]{4}( [۰-۹]{4}){4}$/);
    expect(await page.textContent(".warning")).toContain("نمی‌توانیم بازیابی");
    // Every request stayed on this origin.
    expect(requests.filter((u) => !u.startsWith(p.consoleUrl))).toEqual([]);

    // The receipt of Tehran opens nothing on Shiraz's portal.
    const other = await phonePage();
    await other.page.goto(`${p.consoleUrl}/p/shiraz/report`);
    await followWith(other.page, receipt);
    await other.page.waitForSelector("#receipt-error");
    expect(await other.page.textContent("#receipt-error")).toContain("رسید درگاه شهر دیگر");

    // An inspector reads it and asks.
    const inspector = await signedIn(p, "tehran.inspector");
    await inspector.goto(`${p.consoleUrl}/tehran/reports`);
    await inspector.click("[data-testid=protected-open]");
    await inspector.waitForSelector("[data-testid=protected-report]");
    expect(await inspector.textContent("[data-testid=protected-text]")).toBe(REPORT);
    expect(await inspector.locator("[data-testid=protected-entries] a[download]").count()).toBe(1);
    await inspector.fill("[data-testid=protected-ask-text]", QUESTION);
    await inspector.click("[data-testid=protected-ask]");
    await inspector.waitForSelector("[data-testid=protected-status][data-status=need_info]");

    // The reporter comes back another day with the receipt as written down (Persian digits, spaces).
    const back = await phonePage();
    await back.page.goto(`${p.consoleUrl}/p/tehran/report`);
    await followWith(back.page, shown);
    await back.page.waitForSelector("[data-testid=protected-view]");
    expect(await back.page.getAttribute("[data-testid=protected-status]", "data-status")).toBe("need_info");
    expect(await back.page.textContent("[data-testid=protected-entries] [data-author=inspector]")).toContain(QUESTION);
    await back.page.fill("[data-testid=protected-reply-text]", ANSWER);
    await back.page.click("[data-testid=protected-reply-submit]");
    await back.page.waitForSelector("[data-testid=protected-replied]");
    expect(await back.page.getAttribute("[data-testid=protected-status]", "data-status")).toBe("in_review");
    expect(back.page.url()).not.toContain(receipt);

    await inspector.reload();
    await inspector.waitForSelector("[data-testid=protected-status][data-status=in_review]");
    expect(await inspector.textContent("[data-testid=protected-entries]")).toContain(ANSWER);

    // The same page in English, errors at the field too.
    const en = await phonePage();
    await en.page.goto(`${p.consoleUrl}/p/tehran/report`);
    await en.page.click("[data-testid=language-switch]");
    await en.page.waitForSelector("text=Protected report of corruption or a violation");
    expect(await en.page.textContent(".protections")).toContain("You are not asked for your name");
    await followWith(en.page, "1234 5678");
    await en.page.waitForSelector("#receipt-error");
    expect(await en.page.textContent("#receipt-error")).toContain("A receipt has 20 digits");

    // A city admin sees only how many there are.
    const admin = await signedIn(p, "tehran.admin");
    await admin.goto(`${p.consoleUrl}/tehran/reports`);
    await admin.waitForSelector("[data-testid=protected-count]");
    expect(await admin.locator("[data-testid=protected-list]").count()).toBe(0);
    expect(await admin.content()).not.toContain(REPORT);
  });
});
