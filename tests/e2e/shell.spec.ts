import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startPlatform, type Platform } from "./setup/servers";
import { waitForContent, waitForText } from "./setup/wait";

let p: Platform;
const artifacts = new URL("./artifacts/", import.meta.url).pathname;
beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  p = await startPlatform();
});
afterAll(() => p?.stop());

const CITIES = [
  { slug: "tehran", fa: "تهران", en: "Tehran", colour: "rgb(14, 76, 146)" },
  { slug: "shiraz", fa: "شیراز", en: "Shiraz", colour: "rgb(46, 125, 50)" },
  { slug: "qom", fa: "قم", en: "Qom", colour: "rgb(15, 110, 140)" },
  { slug: "mashhad", fa: "مشهد", en: "Mashhad", colour: "rgb(122, 31, 61)" },
];

async function newPage(): Promise<Page> {
  const context = await p.browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

const html = (page: Page) => page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang }));
const headerColour = (page: Page) => page.$eval("[data-testid=shell-header]", (el) => getComputedStyle(el).backgroundColor);

async function signIn(page: Page, slug: string, login: string, password = "demo-pass-137") {
  await page.goto(`${p.consoleUrl}/${slug}/sign-in`);
  await page.fill("#login", login);
  await page.fill("#password", password);
  await page.click("[data-testid=sign-in-submit]");
}

describe("the console shell in a real browser", () => {
  it("a Tehran operator signs in to the Persian right-to-left shell, switches to English, and signs out", async () => {
    const page = await newPage();
    await page.goto(`${p.consoleUrl}/tehran`);
    expect(page.url()).toContain("/tehran/sign-in");

    await signIn(page, "tehran", "tehran.operator", "not the password");
    expect(await page.textContent("[data-testid=form-error]")).toBe("نام کاربری یا گذرواژه درست نیست.");

    await signIn(page, "tehran", "tehran.operator");
    await page.waitForSelector("[data-testid=welcome]");
    expect(await html(page)).toEqual({ dir: "rtl", lang: "fa" });
    expect(await page.textContent("[data-testid=city-name]")).toContain("تهران");
    expect(await headerColour(page)).toBe("rgb(14, 76, 146)");
    expect(await page.textContent("[data-testid=signed-in-user]")).toContain("اپراتور");
    expect(await page.textContent("[data-testid=today]")).toMatch(/^[^0-9]*[۰-۹]+ [آ-ی]+ ۱۴[۰-۹]{2}$/);
    expect(await page.locator("[data-testid=regions] li").count()).toBe(22);
    await page.screenshot({ path: `${artifacts}tehran-fa.png`, fullPage: true });

    await page.click("[data-testid=language-switch]");
    await page.waitForFunction(() => document.documentElement.dir === "ltr");
    expect(await html(page)).toEqual({ dir: "ltr", lang: "en" });
    await waitForContent(page, "[data-testid=city-name]", "Tehran");
    expect(await page.textContent("[data-testid=signed-in-user]")).toContain("Operator");
    await page.reload();
    expect(await html(page)).toEqual({ dir: "ltr", lang: "en" }); // remembered
    await page.screenshot({ path: `${artifacts}tehran-en.png`, fullPage: true });

    await page.click("[data-testid=sign-out]");
    await page.waitForURL(/\/tehran\/sign-in/);
    await page.goto(`${p.consoleUrl}/tehran`);
    expect(page.url()).toContain("/tehran/sign-in");
    await page.context().close();
  });

  for (const city of CITIES) {
    it(`${city.en}'s console carries its own name and colours in Persian and English`, async () => {
      const page = await newPage();
      await page.goto(`${p.consoleUrl}/${city.slug}/sign-in`);
      expect(await html(page)).toEqual({ dir: "rtl", lang: "fa" });
      expect(await page.textContent("[data-testid=city-name]")).toContain(city.fa);
      expect(await headerColour(page)).toBe(city.colour);
      await page.click("[data-testid=language-switch]");
      await page.waitForFunction(() => document.documentElement.dir === "ltr");
      await waitForContent(page, "[data-testid=city-name]", city.en);
      await waitForText(page, "h1", `${city.en} staff sign-in`);
      await page.context().close();
    });
  }

  it("a session of one city does not open another city's console", async () => {
    const page = await newPage();
    await signIn(page, "shiraz", "shiraz.admin");
    await page.waitForSelector("[data-testid=welcome]");
    await page.goto(`${p.consoleUrl}/qom`);
    expect(page.url()).toContain("/qom/sign-in");
    expect(await page.textContent(".notice")).toContain("شهر دیگری");
    await page.context().close();
  });

  it("a city admin changes a member's roles; an operator cannot open the staff page", async () => {
    const page = await newPage();
    await signIn(page, "mashhad", "mashhad.admin");
    await page.waitForSelector("[data-testid=welcome]");
    await page.click('a[href="/mashhad/staff"]');
    const row = page.locator("tr", { hasText: "mashhad.manager" });
    await row.locator('input[value="supervisor"]').check();
    await row.locator(".roles-form button[type=submit]").click();
    await page.waitForSelector(".notice");
    expect(await page.textContent(".notice")).toContain("ناصر عطار");
    await page.click('a[href="/mashhad/audit"]');
    expect(await page.textContent("[data-testid=audit-table]")).toContain("تغییر نقش‌ها");

    const operator = await newPage();
    await signIn(operator, "mashhad", "mashhad.operator");
    await operator.waitForSelector("[data-testid=welcome]");
    const res = await operator.goto(`${p.consoleUrl}/mashhad/staff`);
    expect(res?.status()).toBe(403);
    expect(await operator.textContent("h1")).toBe("دسترسی ممکن نیست");
    await page.context().close();
    await operator.context().close();
  });

  it("platform staff have their own area listing every city", async () => {
    const page = await newPage();
    await page.goto(`${p.consoleUrl}/platform`);
    expect(page.url()).toContain("/platform/sign-in");
    await page.fill("#login", "platform.admin");
    await page.fill("#password", "demo-pass-137");
    await page.click("[data-testid=sign-in-submit]");
    await page.waitForSelector("[data-testid=tenants-table]");
    const text = await page.textContent("[data-testid=tenants-table]");
    for (const c of CITIES) expect(text).toContain(c.fa);
    expect(await page.$("[data-testid=city-name]")).toBeNull(); // no city's branding here
    await page.screenshot({ path: `${artifacts}platform.png`, fullPage: true });
    await page.context().close();
  });

  it("an unknown city shows a translated not-found page", async () => {
    const page = await newPage();
    const res = await page.goto(`${p.consoleUrl}/atlantis/sign-in`);
    expect(res?.status()).toBe(404);
    expect(await page.textContent("h1")).toBe("صفحه پیدا نشد");
    await page.context().close();
  });
});
