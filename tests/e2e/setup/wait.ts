import type { Page } from "playwright-core";

/**
 * Remix renders an action's result before the revalidated loader data arrives, so a test must
 * wait for the element to show the text rather than read it at once.
 */
export const waitForContent = (page: Page, selector: string, text: string) =>
  page.waitForFunction(([sel, want]) => document.querySelector(sel!)?.textContent?.includes(want!) ?? false, [selector, text] as const);

/** Waits until the element's text is exactly `text`. */
export const waitForText = (page: Page, selector: string, text: string) =>
  page.waitForFunction(([sel, want]) => document.querySelector(sel!)?.textContent === want, [selector, text] as const);

/**
 * Waits until the image has finished loading (or failed to) and returns its natural width: 0 for
 * a broken image. The element can be in the page before its bytes have arrived.
 */
export const loadedImageWidth = async (page: Page, selector: string) => {
  await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLImageElement | null)?.complete ?? false, selector);
  return page.$eval(selector, (img) => (img as HTMLImageElement).naturalWidth);
};
