import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startPlatform, type Platform } from "./setup/servers";
import { waitForContent as waitForPage } from "./setup/wait";

let p: Platform;
let page: Page;
const artifacts = new URL("./artifacts/", import.meta.url).pathname;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  p = await startPlatform();
  page = await (await p.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${p.consoleUrl}/qom/sign-in`);
  await page.fill("#login", "qom.admin");
  await page.fill("#password", "demo-pass-137");
  await page.click("[data-testid=sign-in-submit]");
  await page.waitForSelector("[data-testid=welcome]");
});
afterAll(() => p?.stop());

const waitForContent = (selector: string, text: string) => waitForPage(page, selector, text);

const square = (x: number, y: number, s: number) => ({ type: "Polygon", coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] });
const feature = (props: Record<string, string>, geometry: unknown) => ({ type: "Feature", properties: props, geometry });

describe("a city admin configures Qom in the console", () => {
  it("changes the city's colour and sees it at once", async () => {
    await page.click('a[href="/qom/settings"]');
    await page.waitForSelector("[data-testid=branding-form]");
    await page.fill("#primaryColor", "#1b5e20");
    await page.click("[data-testid=branding-save]");
    await page.waitForSelector("[data-testid=form-saved]");
    await page.waitForFunction(() => getComputedStyle(document.querySelector("[data-testid=shell-header]")!).backgroundColor === "rgb(27, 94, 32)");
  });

  it("imports a region from GeoJSON: a bad file is reported per feature, a good one previewed, applied and then located", async () => {
    await page.goto(`${p.consoleUrl}/qom/settings/areas`);
    await page.waitForSelector("[data-testid=boundary-map]");
    const bad = `${artifacts}bad.geojson`;
    writeFileSync(bad, JSON.stringify({ type: "FeatureCollection", features: [
      feature({ code: "R09", level: "region", name_fa: "منطقهٔ ۹", name_en: "Region 9" }, square(50.99, 34.6, 0.05)),
      feature({ code: "R09-D01", level: "district", parent: "R99", name_fa: "ناحیهٔ ۱", name_en: "District 1" }, square(50.99, 34.6, 0.02)),
    ] }));
    await page.setInputFiles("[data-testid=geojson-file]", bad);
    await page.click("[data-testid=geojson-check]");
    await page.waitForSelector("[data-testid=import-report]");
    expect(await page.textContent("[data-testid=import-report]")).toContain("R99");
    expect(await page.$("[data-testid=geojson-apply]")).toBeNull();

    const good = `${artifacts}good.geojson`;
    writeFileSync(good, JSON.stringify({ type: "FeatureCollection", features: [
      feature({ code: "R09", level: "region", name_fa: "منطقهٔ ۹", name_en: "Region 9" }, square(50.99, 34.6, 0.05)),
      feature({ code: "R09-D01", level: "district", parent: "R09", name_fa: "ناحیهٔ ۱", name_en: "District 1" }, square(50.99, 34.6, 0.02)),
    ] }));
    await page.setInputFiles("[data-testid=geojson-file]", good);
    await page.click("[data-testid=geojson-check]");
    await page.waitForSelector("[data-testid=geojson-apply]");
    await page.click("[data-testid=geojson-apply]");
    await page.waitForSelector("[data-testid=form-saved]");
    await waitForContent("[data-testid=areas-table]", "R09-D01");
    await page.fill("#lat", "34.61");
    await page.fill("#lon", "51.0");
    await page.click("[data-testid=locate]");
    await page.waitForSelector("[data-testid=locate-result]");
    expect(await page.textContent("[data-testid=locate-result]")).toContain("ناحیهٔ ۱، منطقهٔ ۹");
    await page.screenshot({ path: `${artifacts}qom-areas.png`, fullPage: true });
  });

  it("adds a routing rule to a draft, simulates it against the draft, publishes it, and the live tree uses it", async () => {
    await page.goto(`${p.consoleUrl}/qom/settings/routing`);
    await page.waitForSelector("[data-testid=rules-table]");
    await page.fill("#rule-name", "اتوبوس به ستاد");
    await page.selectOption("#rule-category", { label: "— — اتوبوس" });
    await page.selectOption("#rule-assign", { label: "ستاد ۱۳۷" });
    await page.click("[data-testid=rule-add]");
    await page.waitForSelector("[data-testid=routing-publish]");
    expect(await page.textContent("[data-testid=rules-table]")).toContain("اتوبوس به ستاد");

    await page.selectOption("#sim-category", { label: "— — اتوبوس" });
    await page.check('input[name="useDraft"]');
    await page.click("[data-testid=simulate]");
    await page.waitForSelector("[data-testid=simulation-result]");
    expect(await page.textContent("[data-testid=simulation-result]")).toContain("اتوبوس به ستاد");

    // Qom's demo has no messages yet: the replay says so rather than guessing.
    await page.click("[data-testid=replay-submit]");
    await page.waitForSelector("[data-testid=replay-result]");
    expect(await page.textContent("[data-testid=replay-result]")).toContain("از ۰ پیام تازه، ۰ پیام");

    await page.click("[data-testid=routing-publish]");
    await page.waitForSelector("[data-testid=form-saved]");
    expect(await page.textContent("[data-testid=form-saved]")).toContain("۲");
    await page.selectOption("#sim-category", { label: "— — اتوبوس" });
    await page.click("[data-testid=simulate]");
    await page.waitForSelector("[data-testid=simulation-result]");
    expect(await page.textContent("[data-testid=simulation-result]")).toContain("ستاد ۱۳۷");
    expect(await page.textContent("[data-testid=versions-table]")).toContain("بایگانی");
    await page.screenshot({ path: `${artifacts}qom-routing.png`, fullPage: true });
  });

  it("invites a new operator who sets a password with the link and signs in", async () => {
    await page.goto(`${p.consoleUrl}/qom/staff`);
    await page.fill("#inv-username", "zahra.qomi");
    await page.fill("#inv-email", "zahra@qom.example");
    await page.fill("#inv-displayName", "زهرا قمی");
    await page.check('[data-testid=invite-form] input[value="operator"]');
    await page.click('[data-testid=invite-form] button[type=submit]');
    await page.waitForSelector("[data-testid=invitation]");
    const link = (await page.textContent("[data-testid=invitation] code"))!.trim();
    const fresh = await (await p.browser.newContext()).newPage();
    await fresh.goto(link);
    await fresh.fill("#password", "a long new password");
    await fresh.fill("#confirm", "a long new password");
    await fresh.click("[data-testid=invitation-submit]");
    await fresh.waitForURL(/\/qom\/sign-in/);
    await fresh.fill("#login", "zahra.qomi");
    await fresh.fill("#password", "a long new password");
    await fresh.click("[data-testid=sign-in-submit]");
    await fresh.waitForSelector("[data-testid=welcome]");
    expect(await fresh.textContent("[data-testid=signed-in-user]")).toContain("زهرا قمی");
    await fresh.context().close();
  });

  it("adds an intake question to a category without losing the ones it had, and intake asks it", async () => {
    await page.goto(`${p.consoleUrl}/qom/settings/categories`);
    await page.locator("[data-testid=categories-table] tr", { hasText: "جمع‌آوری زباله" }).getByRole("link").first().click();
    await page.waitForSelector("[data-testid=question-row]");
    expect(await page.inputValue("[data-testid=question-row] input[name$='.code']")).toBe("waste_type");
    const row = page.locator("[data-testid=question-new]");
    await row.locator("input[name$='.code']").fill("building_no");
    await row.locator("input[name$='.labelFa']").fill("پلاک ساختمان");
    await row.locator("input[name$='.labelEn']").fill("Building number");
    await row.locator("input[name$='.required']").check();
    await page.click("[data-testid=category-save]");
    await waitForContent("[data-testid=categories-table]", "۲ پرسش");

    // A choice list with no choices is refused by name, and nothing changes.
    await page.locator("[data-testid=categories-table] tr", { hasText: "جمع‌آوری زباله" }).getByRole("link").first().click();
    const fresh = page.locator("[data-testid=question-new]");
    await fresh.locator("input[name$='.code']").fill("bin_colour");
    await fresh.locator("input[name$='.labelFa']").fill("رنگ مخزن");
    await fresh.locator("input[name$='.labelEn']").fill("Bin colour");
    await fresh.locator("select[name$='.datatype']").selectOption("singlevaluelist");
    await page.click("[data-testid=category-save]");
    await page.waitForSelector("[data-testid=form-error]");
    expect(await page.textContent("[data-testid=form-error]")).toContain("پرسش چندگزینه‌ای دست‌کم یک گزینه لازم دارد.");

    await page.goto(`${p.consoleUrl}/qom/intake`);
    await page.click("[data-testid=category-search]");
    await page.keyboard.type("جمع‌آوری زباله");
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-testid=questions]");
    const questions = await page.textContent("[data-testid=questions]");
    expect(questions).toContain("نوع پسماند");
    expect(questions).toContain("پلاک ساختمان");
  });

  it("gives the fire service its own round-the-clock calendar, then returns it to the city's", async () => {
    await page.goto(`${p.consoleUrl}/qom/settings/calendar`);
    const before = await page.locator("[data-testid=calendar-form]").count();
    const fire = await page.$eval("#unit-calendar", (el) => [...(el as HTMLSelectElement).options].find((o) => o.text.includes("آتش‌نشانی"))!.value);
    await page.selectOption("#unit-calendar", fire);
    await page.click("[data-testid=add-unit-calendar] button");
    await page.waitForFunction((n) => document.querySelectorAll("[data-testid=calendar-form]").length === n + 1, before);
    const form = page.locator("[data-testid=calendar-form]", { hasText: "آتش‌نشانی" });
    await form.locator("select[name=mode]").selectOption("24x7");
    // Wait for this save's own answer: the banner of the previous action may still be on the page.
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/qom/settings/calendar")),
      form.locator("button[value=week]").click(),
    ]);
    await page.waitForSelector("[data-testid=form-saved]");
    await page.reload();
    expect(await page.locator("[data-testid=calendar-form]", { hasText: "آتش‌نشانی" }).locator("select[name=mode]").inputValue()).toBe("24x7");
    await page.locator("[data-testid=calendar-form]", { hasText: "آتش‌نشانی" }).locator("[data-testid=remove-unit-calendar]").click();
    await page.waitForFunction((n) => document.querySelectorAll("[data-testid=calendar-form]").length === n, before);
  });
});
