import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, workdayClock, type Platform } from "./setup/servers";
import { signedIn } from "./setup/pages";
import { loadedImageWidth, waitForText } from "./setup/wait";

let p: Platform;
/** The API's clock: a Tehran working morning, moved forward to make deadlines pass. */
const clock = workdayClock();
const artifacts = new URL("./artifacts/", import.meta.url).pathname;
beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  p = await startPlatform({ now: clock.now });
});
afterAll(() => p?.stop());

/** An 8×8 PNG, small enough to keep in the test. */
const PNG_8x8 = "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWOQ67HBihiGlgQAcJI5geXKEN4AAAAASUVORK5CYII=";

const toAscii = (s: string) => s.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))).replace(/\D/g, "");

describe("a phone message from intake to resolution, in a real browser", () => {
  let code = "";

  it("an operator registers a call in Persian by keyboard, and reads the tracking code back", async () => {
    const page = await signedIn(p, "tehran.operator");
    await page.click("[data-testid=nav-intake]");
    await page.waitForSelector("[data-testid=intake-form]");
    // The mobile field has the focus: the operator types the caller's number in Persian digits.
    await page.keyboard.type("۰۹۱۲۷۷۷۶۶۵۵");
    await page.click("[data-testid=lookup-caller]");
    await page.waitForSelector("[data-testid=caller-history]");
    expect(await page.textContent("[data-testid=caller-history]")).toContain("پیام دیگری با این شماره ثبت نشده است.");
    await page.fill("#name", "فاطمه موسوی");

    // Bad input first: nothing but a category and a description that is empty.
    await page.selectOption("#kind", "complaint");
    await page.click("[data-testid=category-search]");
    // Words in any order find the category by its path.
    await page.keyboard.type("زباله جمع");
    await page.waitForSelector("[data-testid=category-options] [role=option]");
    expect(await page.textContent("[data-testid=category-options]")).toContain("جمع‌آوری زباله");
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-testid=questions]");
    await page.click("[data-testid=intake-submit]");
    await page.waitForSelector("[data-testid=form-error]");
    const problems = await page.textContent("[data-testid=form-error]");
    expect(problems).toContain("«شرح پیام» را وارد کنید.");
    expect(await page.getAttribute("#description", "aria-invalid")).toBe("true");

    await page.selectOption("#attr-waste_type", "household");
    await page.fill("#description", "زباله‌های کوچهٔ بهار سه روز است جمع نشده و بوی بد همه جا را گرفته است.");
    await page.fill("#address", "خیابان شریعتی، کوچهٔ بهار، پلاک ۱۲");
    await page.fill("#lat", "35.82");
    await page.fill("#lon", "51.101");
    await page.waitForSelector("[data-testid=located]");
    expect(await page.textContent("[data-testid=located]")).toMatch(/این نقطه در .+ است\./);
    await page.waitForSelector("[data-testid=duplicates]");
    await page.screenshot({ path: `${artifacts}intake-fa.png`, fullPage: true });
    await page.click("[data-testid=intake-submit]");
    await page.waitForSelector("[data-testid=intake-done]");
    const shown = (await page.textContent("[data-testid=tracking-code]"))!;
    expect(shown).toMatch(/^[۰-۹ ]+$/);
    code = toAscii(shown);
    expect(code).toMatch(/^\d{8,}$/);
    expect(await page.textContent("[data-testid=routed-to]")).toContain("ناحیهٔ ۱");
    await page.screenshot({ path: `${artifacts}intake-done-fa.png`, fullPage: true });

    // A second call at the same place: the first message is offered as a possible duplicate.
    await page.click("[data-testid=next-call]");
    await page.waitForSelector("[data-testid=intake-form]");
    await page.click("[data-testid=category-search]");
    await page.keyboard.type("جمع‌آوری زباله");
    await page.keyboard.press("Enter");
    await page.fill("#lat", "35.8201");
    await page.fill("#lon", "51.1011");
    await page.waitForSelector("[data-testid=duplicates] a");
    expect(toAscii((await page.textContent("[data-testid=duplicates] a"))!.split("·")[0]!)).toBe(code);
    await page.context().close();
  });

  it("the district's unit staff find it in their inbox, start work and resolve it with an answer and a proof-of-work photo", async () => {
    const page = await signedIn(p, "tehran.unitstaff");
    await page.click("[data-testid=nav-queue]");
    await page.waitForSelector("[data-testid=queue-table]");
    expect(await page.getAttribute("[data-testid=tab-mine]", "aria-current")).toBe("page");
    const row = page.locator("[data-testid=queue-row]", { hasText: "کوچهٔ بهار" });
    await row.locator("a").click();
    await page.waitForSelector("[data-testid=message-actions]");
    expect(await page.textContent("[data-testid=message-status]")).toBe("ارجاع‌شده");
    expect(await page.textContent("[data-testid=message-answers]")).toContain("خانگی");
    // Unit staff may not refer or reject; they start, resolve or return it.
    expect(await page.locator("[data-testid=action-refer]").count()).toBe(0);
    await page.click("[data-testid=action-start] button");
    await waitForText(page, "[data-testid=message-status]", "در دست اقدام");

    await page.click("[data-testid=action-resolve] button");
    await page.waitForSelector("[data-testid=form-error]");
    expect(await page.textContent("[data-testid=action-resolve]")).toContain("برای این اقدام نوشتن توضیح لازم است.");
    // Proof of work: a photo of the cleaned street, checked by content and re-encoded by the API.
    const photo = `${artifacts}proof.png`;
    writeFileSync(photo, Buffer.from(PNG_8x8, "base64"));
    await page.setInputFiles("#upload-file", photo);
    await page.click("[data-testid=upload-submit]");
    await page.waitForSelector("[data-testid=attachment] img");
    expect(await loadedImageWidth(page, "[data-testid=attachment] img")).toBe(8);
    await page.fill("[data-testid=action-resolve] textarea", "پسماند کوچه امروز ساعت ۱۰ جمع‌آوری و محل شست‌وشو شد.");
    await page.click("[data-testid=action-resolve] button");
    await waitForText(page, "[data-testid=message-status]", "رسیدگی‌شده");
    expect(await page.textContent("[data-testid=form-saved]")).toBe("«ثبت پاسخ و پایان رسیدگی» انجام شد.");
    const timeline = (await page.textContent("[data-testid=timeline]"))!;
    expect(timeline).toContain("پاسخ به شهروند");
    expect(timeline).toContain("حمید کریمی");
    await page.screenshot({ path: `${artifacts}message-resolved-fa.png`, fullPage: true });
    await page.context().close();
  });

  it("unit staff cannot open another unit's message; another city's staff cannot open Tehran's", async () => {
    const operator = await signedIn(p, "tehran.operator");
    await operator.goto(`${p.consoleUrl}/tehran/queue?queue=all&q=${encodeURIComponent("کوچهٔ بهار")}&status=any`);
    expect(await operator.locator("[data-testid=queue-row]").count()).toBeGreaterThan(0); // positive control
    await operator.context().close();

    const context = await p.browser.newContext();
    const shiraz = await context.newPage();
    await shiraz.goto(`${p.consoleUrl}/shiraz/sign-in`);
    await shiraz.fill("#login", "shiraz.admin");
    await shiraz.fill("#password", "demo-pass-137");
    await shiraz.click("[data-testid=sign-in-submit]");
    await shiraz.waitForSelector("[data-testid=signed-in-user]");
    const res = await shiraz.goto(`${p.consoleUrl}/shiraz/messages/${code}`);
    expect(res?.status()).toBe(404);
    await shiraz.goto(`${p.consoleUrl}/shiraz/queue?queue=all&status=any&code=${code}`);
    expect(await shiraz.locator("[data-testid=queue-row]").count()).toBe(0);
    await context.close();
  });

  it("a supervisor sees the breach list once a deadline has passed, and searches by Jalali date", async () => {
    const operator = await signedIn(p, "tehran.operator");
    await operator.goto(`${p.consoleUrl}/tehran/intake`);
    await operator.selectOption("#kind", "request");
    await operator.click("[data-testid=category-search]");
    await operator.keyboard.type("نخاله");
    await operator.keyboard.press("Enter");
    await operator.fill("#description", "نخالهٔ ساختمانی پیاده‌رو را بسته است.");
    await operator.fill("#lat", "35.82");
    await operator.fill("#lon", "51.101");
    await operator.click("[data-testid=intake-submit]");
    await operator.waitForSelector("[data-testid=intake-done]");
    const late = toAscii((await operator.textContent("[data-testid=tracking-code]"))!);
    await operator.context().close();

    clock.advance(10 * 24 * 3_600_000); // ten days later
    const page = await signedIn(p, "tehran.supervisor");
    await page.click("[data-testid=nav-supervision]");
    await page.waitForSelector("[data-testid=breach-list]");
    const codes = (await page.locator("[data-testid=breach-row] td:first-child").allTextContents()).map(toAscii);
    expect(codes).toContain(late);
    expect(codes).not.toContain(code); // resolved: not a breach
    await page.screenshot({ path: `${artifacts}supervision-fa.png`, fullPage: true });
    const lateUnit = await page.locator("[data-testid=breach-row]", { hasText: "نخالهٔ ساختمانی" }).locator("[data-testid=breach-unit]").textContent();
    expect(await page.textContent("[data-testid=unit-load]")).toContain(lateUnit);
    expect(await page.textContent("[data-testid=breach-list]")).toMatch(/[۰-۹]+ ساعت تأخیر/);

    // A Jalali date that is not a date is refused by name, not with a crash.
    await page.goto(`${p.consoleUrl}/tehran/queue?queue=all&from=${encodeURIComponent("۱۴۰۵/۱۳/۴۰")}`);
    expect(await page.textContent("[data-testid=search-error]")).toContain("«از تاریخ» درست نیست.");
    clock.reset();
    await page.context().close();
  });

  it("works the same in English, left to right with Latin digits", async () => {
    const page = await signedIn(p, "tehran.operator");
    await page.click("[data-testid=language-switch]");
    await page.waitForFunction(() => document.documentElement.dir === "ltr");
    await page.click("[data-testid=nav-intake]");
    await page.waitForSelector("[data-testid=intake-form]");
    expect(await page.textContent("h1")).toBe("Register a phone call");
    await page.click("[data-testid=category-search]");
    await page.keyboard.type("pothole");
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-testid=questions]");
    await page.click("[data-testid=intake-submit]");
    await page.waitForSelector("[data-testid=form-error]");
    expect(await page.textContent("[data-testid=form-error]")).toContain("Enter the Description.");
    await page.fill("#description", "A deep pothole in front of the school gate.");
    const size = await page.$eval("#attr-size", (el) => (el as HTMLSelectElement).options[1]!.value);
    await page.selectOption("#attr-size", size);
    await page.click("[data-testid=intake-submit]");
    await page.waitForSelector("[data-testid=intake-done]");
    expect(await page.textContent("[data-testid=intake-done] h1")).toBe("Message registered");
    expect(await page.textContent("[data-testid=tracking-code]")).toMatch(/^[0-9 ]+$/);
    await page.screenshot({ path: `${artifacts}intake-done-en.png`, fullPage: true });
    await page.context().close();
  });
});
