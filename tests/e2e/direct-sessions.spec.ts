import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, workdayClock, type Platform } from "./setup/servers";
import { selectByText, signedIn } from "./setup/pages";
import { waitForContent } from "./setup/wait";

/**
 * "Citizen asks, manager answers" in Qom, in Chromium: the admin schedules a
 * session, an operator starts it and registers a caller's question, the
 * manager answers, staff end and publish, and the portal shows it in Persian.
 */
let p: Platform;
const clock = workdayClock();
const artifacts = new URL("./artifacts/", import.meta.url).pathname;

/** The API clock's Tehran day as a Jalali date typed with Persian digits, e.g. «۱۴۰۵/۰۹/۱۲». */
function jalaliToday() {
  const parts = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", { timeZone: "Asia/Tehran", year: "numeric", month: "numeric", day: "numeric" }).formatToParts(clock.now());
  const get = (type: string) => parts.find((x) => x.type === type)!.value;
  return `${get("year")}/${get("month").padStart(2, "0")}/${get("day").padStart(2, "0")}`.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  p = await startPlatform({ now: clock.now });
});
afterAll(() => p?.stop());

describe("direct sessions in a real browser", () => {
  it("Qom's admin schedules, an operator registers a question, the manager answers, staff publish, the portal shows it in Persian", async () => {
    // The admin schedules a session today 14:00–15:00 (the seeded Wednesdays are 10:00–12:00).
    const admin = await signedIn(p, "qom.admin");
    await admin.click("[data-testid=nav-sessions]");
    await admin.waitForSelector("[data-testid=session-form]");
    expect(await admin.getAttribute("html", "dir")).toBe("rtl");
    await selectByText(admin, "#ds-staffId", "حسین طباطبایی");
    await admin.fill("#ds-titleFa", "معاون خدمات شهری شهرداری قم");
    await admin.fill("#ds-titleEn", "Deputy Mayor for Urban Services");
    await selectByText(admin, "#ds-unitId", "ستاد ۱۳۷");
    await admin.fill("#ds-date", jalaliToday());
    await admin.fill("#ds-start", "14:00");
    await admin.fill("#ds-end", "15:00");
    await admin.click("[data-testid=session-submit]");
    await waitForContent(admin, "[data-testid=sessions-made]", "۱ جلسه برنامه‌ریزی شد");
    const row = admin.locator("[data-testid=sessions-table] tr", { hasText: "۱۴:۰۰ تا ۱۵:۰۰" });
    await row.waitFor();
    const sessionId = (await row.getAttribute("data-session"))!;
    expect(await row.textContent()).toContain("برنامه‌ریزی‌شده");
    await admin.screenshot({ path: `${artifacts}direct-session-timetable.png`, fullPage: true });

    // A refused slot is named at its field, in Persian.
    await admin.fill("#ds-date", jalaliToday());
    await admin.fill("#ds-start", "15:00");
    await admin.fill("#ds-end", "14:00");
    await admin.click("[data-testid=session-submit]");
    await waitForContent(admin, "#ds-end-error", "ساعت پایان باید بعد از ساعت آغاز باشد");

    // The operator starts it and registers the caller's question from the keyboard.
    const operator = await signedIn(p, "qom.operator");
    await operator.click("[data-testid=nav-sessions]");
    await operator.click(`[data-session="${sessionId}"] [data-testid=session-open]`);
    await operator.click("[data-testid=session-start]");
    await operator.waitForSelector("[data-testid=question-form]");
    expect(await operator.evaluate(() => document.activeElement?.id)).toBe("ask-categoryId");
    await selectByText(operator, "#ask-categoryId", "جمع‌آوری زباله");
    await selectByText(operator, "#attr-waste_type", "خانگی");
    await operator.fill("#ask-description", "زباله‌های کوچهٔ بهار سه روز است جمع نشده؛ شمارهٔ من ۰۹۱۲۳۴۵۶۷۸۹ است.");
    await operator.fill("#ask-name", "زهرا احمدی");
    await operator.fill("#ask-mobile", "۰۹۱۲۳۴۵۶۷۸۹");
    await operator.press("#ask-mobile", "Enter");
    await waitForContent(operator, "[data-testid=question-registered]", "کد پیگیری");
    await waitForContent(operator, "[data-testid=session-questions]", "زباله‌های کوچهٔ بهار");

    // The manager answers it.
    const manager = await signedIn(p, "qom.manager");
    await manager.click("[data-testid=nav-sessions]");
    await manager.click(`[data-session="${sessionId}"] [data-testid=session-open]`);
    await manager.waitForSelector("[data-testid=answer-form]");
    await manager.fill("[data-testid=answer-form] textarea", "اکیپ پسماند ناحیه امروز تا ساعت ۱۸ کوچه را پاک‌سازی می‌کند.");
    await manager.click("[data-testid=answer-form] button");
    // Stored with Latin digits, shown with Persian ones.
    await waitForContent(manager, "[data-testid=question-answer]", "امروز تا ساعت ۱۸ کوچه را پاک‌سازی می‌کند");

    // The operator ends the session; the manager publishes it.
    await operator.reload();
    await operator.click("[data-testid=session-end]");
    await waitForContent(operator, "[data-testid=session-status]", "پایان‌یافته");
    await manager.reload();
    await manager.click("[data-testid=session-publish]");
    await waitForContent(manager, "[data-testid=session-status]", "منتشرشده");
    await manager.screenshot({ path: `${artifacts}direct-session-console.png`, fullPage: true });

    // The city's portal: from its home page to the sessions, the Q&A in Persian, nothing personal.
    const portal = await (await p.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await portal.goto(`${p.consoleUrl}/p/qom`);
    await portal.click("[data-testid=portal-sessions-link]");
    await portal.waitForSelector(`[data-testid=portal-published][data-session="${sessionId}"]`);
    expect(await portal.getAttribute("html", "dir")).toBe("rtl");
    const published = (await portal.textContent(`[data-testid=portal-published][data-session="${sessionId}"]`))!;
    expect(published).toContain("حسین طباطبایی — معاون خدمات شهری شهرداری قم");
    expect(published).toContain("، ساعت ۱۴:۰۰ تا ۱۵:۰۰");
    expect(published).toContain("زباله‌های کوچهٔ بهار سه روز است جمع نشده؛ شمارهٔ من *** است.");
    expect(published).toContain("امروز تا ساعت ۱۸ کوچه را پاک‌سازی می‌کند.");
    expect(published).not.toMatch(/[0-9]/);
    const whole = (await portal.textContent("main, body"))!;
    expect(whole).not.toContain("زهرا احمدی");
    expect(whole).not.toContain("۰۹۱۲۳۴۵۶۷۸۹");
    // The seeded Wednesday sessions are upcoming, with weekday and time in Persian.
    expect(await portal.textContent("[data-testid=portal-upcoming]")).toMatch(/چهارشنبه، .*، ساعت ۱۰:۰۰ تا ۱۲:۰۰/);
    await portal.screenshot({ path: `${artifacts}direct-session-portal.png`, fullPage: true });

    // The same page in English: Gregorian dates, Latin digits, the English title.
    await portal.click("[data-testid=language-switch]");
    await waitForContent(portal, "h1", "Citizens ask, managers answer");
    expect(await portal.getAttribute("html", "dir")).toBe("ltr");
    const english = (await portal.textContent(`[data-testid=portal-published][data-session="${sessionId}"]`))!;
    expect(english).toContain("Deputy Mayor for Urban Services");
    expect(english).toContain(", 14:00 to 15:00");
    expect(await portal.textContent("[data-testid=portal-upcoming]")).toMatch(/Wednesday, .*, 10:00 to 12:00/);
  });
});
