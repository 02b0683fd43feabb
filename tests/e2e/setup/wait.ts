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
