import { expect } from "vitest";
import type { Page } from "playwright-core";
import type { Platform } from "./servers";

/** A fresh desktop-sized browser context, signed in as a demo member ("tehran.operator", "platform.admin"). */
export async function signedIn(p: Platform, who: string): Promise<Page> {
  const context = await p.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const [city] = who.split(".");
  await page.goto(city === "platform" ? `${p.consoleUrl}/platform/sign-in` : `${p.consoleUrl}/${city}/sign-in`);
  await page.fill("#login", who);
  await page.fill("#password", "demo-pass-137");
  await page.click("[data-testid=sign-in-submit]");
  await page.waitForSelector("[data-testid=signed-in-user]");
  return page;
}

/** Chooses the option whose text contains `text` (option values are ids the test does not know). */
export async function selectByText(page: Page, selector: string, text: string) {
  const value = await page.$eval(selector, (el, want) => [...(el as HTMLSelectElement).options].find((o) => o.text.includes(want))?.value ?? "", text);
  expect(value, `${selector} has an option "${text}"`).not.toBe("");
  await page.selectOption(selector, value);
}
