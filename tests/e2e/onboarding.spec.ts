import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startPlatform, workdayClock, type Platform } from "./setup/servers";
import { selectByText } from "./setup/pages";
import { waitForContent } from "./setup/wait";

let p: Platform;
const artifacts = new URL("./artifacts/", import.meta.url).pathname;
beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  p = await startPlatform({ now: workdayClock().now });
});
afterAll(() => p?.stop());

const newPage = async (browser: Browser): Promise<Page> => (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
const square = (x: number, y: number, s: number) => ({ type: "Polygon", coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] });
/** Chooses the option whose text contains `text` (option labels carry tree indentation). */
const feature = (props: Record<string, string>, geometry: unknown) => ({ type: "Feature", properties: props, geometry });

describe("a fifth city onboards itself in the console", () => {
  it("platform staff create Isfahan from the template; its admin imports boundaries, changes routing, publishes, and the next message uses it", async () => {
    // Platform staff provision the city and get the admin's one-time link.
    const staff = await newPage(p.browser);
    await staff.goto(`${p.consoleUrl}/platform/sign-in`);
    await staff.fill("#login", "platform.admin");
    await staff.fill("#password", "demo-pass-137");
    await staff.click("[data-testid=sign-in-submit]");
    await staff.click("[data-testid=new-tenant]");
    await staff.waitForSelector("[data-testid=provision-form]");
    await staff.fill("#slug", "Isfahan City"); // not a valid address: refused by name
    await staff.fill("#nameFa", "اصفهان");
    await staff.fill("#nameEn", "Isfahan");
    await staff.fill("#contactName", "ادارهٔ فناوری اطلاعات شهرداری اصفهان");
    await staff.fill("#contactEmail", "it@isfahan.example");
    await staff.fill("#adminName", "سارا اصفهانی");
    await staff.fill("#adminUsername", "sara.isfahani");
    await staff.fill("#adminEmail", "sara@isfahan.example");
    await staff.click("[data-testid=provision-submit]");
    await staff.waitForSelector("#slug-error");
    expect(await staff.textContent("#slug-error")).toContain("حرف لاتین");
    await staff.fill("#slug", "isfahan");
    await staff.click("[data-testid=provision-submit]");
    await staff.waitForSelector("[data-testid=provisioned]");
    const link = (await staff.textContent("[data-testid=admin-invitation]"))!.trim();
    await staff.goto(`${p.consoleUrl}/platform`);
    expect(await staff.textContent("[data-testid=tenants-table]")).toContain("اصفهان");
    await staff.context().close();

    // The city's admin accepts the invitation and signs in to Isfahan's own console.
    const page = await newPage(p.browser);
    await page.goto(link);
    await page.fill("#password", "isfahan long password");
    await page.fill("#confirm", "isfahan long password");
    await page.click("[data-testid=invitation-submit]");
    await page.waitForURL(/\/isfahan\/sign-in/);
    await page.fill("#login", "sara.isfahani");
    await page.fill("#password", "isfahan long password");
    await page.click("[data-testid=sign-in-submit]");
    await page.waitForSelector("[data-testid=welcome]");
    expect(await page.textContent("[data-testid=city-name]")).toContain("اصفهان");

    // Boundaries from the city's own GeoJSON: two regions, two districts each.
    const file = `${artifacts}isfahan.geojson`;
    const features = [];
    for (const [r, x] of [[1, 51.6], [2, 51.7]] as const) {
      features.push(feature({ code: `R0${r}`, level: "region", name_fa: `منطقهٔ ${"۰۱۲"[r]}`, name_en: `Region ${r}` }, square(x, 32.6, 0.1)));
      for (const [d, dy] of [[1, 0], [2, 0.05]] as const) {
        features.push(feature({ code: `R0${r}-D0${d}`, level: "district", parent: `R0${r}`, name_fa: `ناحیهٔ ${"۰۱۲"[d]}`, name_en: `District ${d}` }, square(x, 32.6 + dy, 0.05)));
      }
    }
    writeFileSync(file, JSON.stringify({ type: "FeatureCollection", features }));
    await page.goto(`${p.consoleUrl}/isfahan/settings/areas`);
    await page.setInputFiles("[data-testid=geojson-file]", file);
    await page.click("[data-testid=geojson-check]");
    await page.waitForSelector("[data-testid=geojson-apply]");
    await page.click("[data-testid=geojson-apply]");
    await waitForContent(page, "[data-testid=areas-table]", "R02-D02");

    // The template's tree sends waste to the district's office; simulate it, then add a rule and publish.
    await page.goto(`${p.consoleUrl}/isfahan/settings/routing`);
    await page.waitForSelector("[data-testid=rules-table]");
    await selectByText(page, "#sim-category", "جمع‌آوری زباله");
    await page.fill("#sim-lat", "32.62");
    await page.fill("#sim-lon", "51.72");
    await page.click("[data-testid=simulate]");
    await page.waitForSelector("[data-testid=simulation-result]");
    expect(await page.textContent("[data-testid=simulation-result]")).toContain("ناحیهٔ ۱");

    // Street lighting has no rule of its own in the template: it falls to the district's office. Isfahan sends it to HQ.
    await page.fill("#rule-name", "روشنایی به ستاد");
    await selectByText(page, "#rule-category", "روشنایی");
    await selectByText(page, "#rule-assign", "ستاد ۱۳۷");
    await page.click("[data-testid=rule-add]");
    await page.waitForSelector("[data-testid=routing-publish]");
    await page.click("[data-testid=routing-publish]");
    await page.waitForSelector("[data-testid=form-saved]");

    // The next message registered is routed by the published tree.
    await page.goto(`${p.consoleUrl}/isfahan/intake`);
    await page.selectOption("#kind", "request");
    await page.click("[data-testid=category-search]");
    await page.keyboard.type("روشنایی معابر");
    await page.keyboard.press("Enter");
    await page.fill("#description", "چراغ‌های خیابان چهارباغ از دیشب خاموش است.");
    await page.fill("#lat", "32.62");
    await page.fill("#lon", "51.72");
    await page.waitForSelector("[data-testid=located]");
    expect(await page.textContent("[data-testid=located]")).toContain("ناحیهٔ ۱ · منطقهٔ ۲");
    await page.click("[data-testid=intake-submit]");
    await page.waitForSelector("[data-testid=intake-done]");
    expect(await page.textContent("[data-testid=routed-to]")).toContain("ستاد ۱۳۷");
    await page.screenshot({ path: `${artifacts}isfahan-intake-done.png`, fullPage: true });
    await page.context().close();
  });
});
