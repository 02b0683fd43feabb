import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, workdayClock, type Platform } from "./setup/servers";
import { signedIn } from "./setup/pages";
import { waitForContent } from "./setup/wait";

let p: Platform;
const clock = workdayClock();
const artifacts = new URL("./artifacts/", import.meta.url).pathname;
const tokens = new Map<string, string>();
let officeId = "";
let hqId = "";

async function tokenOf(login: string): Promise<string> {
  if (!tokens.has(login)) {
    const res = await fetch(`${p.api.url}/trpc/auth.signIn`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ city: login.split(".")[0], login, password: "demo-pass-137" }) });
    tokens.set(login, ((await res.json()) as { result: { data: { token: string } } }).result.data.token);
  }
  return tokens.get(login)!;
}

/** A staff call to the API over HTTP (tRPC without a transformer). */
async function trpc<T>(login: string, path: string, input: unknown, kind: "query" | "mutation"): Promise<T> {
  const token = await tokenOf(login);
  const res =
    kind === "query"
      ? await fetch(`${p.api.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { authorization: `Bearer ${token}` } })
      : await fetch(`${p.api.url}/trpc/${path}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(input) });
  const body = (await res.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

/** The API clock's Tehran day as YYYY-MM-DD, and its Jalali year and month. */
const tehranIso = (d: Date) => new Date(d.getTime() + 210 * 60_000).toISOString().slice(0, 10);
function jalaliNow() {
  const parts = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", { timeZone: "Asia/Tehran", year: "numeric", month: "numeric" }).formatToParts(clock.now());
  return { jy: Number(parts.find((x) => x.type === "year")!.value), jm: Number(parts.find((x) => x.type === "month")!.value) };
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  p = await startPlatform({ now: clock.now });
  const units = await trpc<Array<{ id: string; code: string }>>("tehran.admin", "unit.list", undefined, "query");
  officeId = units.find((u) => u.code === "R01-D01-OFFICE")!.id;
  hqId = units.find((u) => u.code === "HQ")!.id;
  const cats = await trpc<Array<{ id: string; code: string }>>("tehran.admin", "category.list", undefined, "query");
  const create = (key: string, code: string, extra: Record<string, unknown>) =>
    trpc<{ id: string }>("tehran.operator", "request.create", { idempotencyKey: `insight-e2e-${key}`, kind: "complaint", categoryId: cats.find((c) => c.code === code)!.id, channel: "phone", description: "پیام آزمون داشبورد", lat: 35.82, lon: 51.101, citizen: { name: "شهروند", mobile: "09125550000" }, ...extra }, "mutation");
  // The office resolves on time but the citizen reopens once; HQ is never reopened but misses its two-hour deadline.
  const waste = await create("waste", "waste.collection", { attributes: { waste_type: "household" } });
  const flood = await create("flood", "roads.flooding", { kind: "request", attributes: {} });
  const move = (id: string, action: string, note = "") => trpc("tehran.supervisor", "request.transition", { id, action, note }, "mutation");
  await move(waste.id, "resolve", "جمع‌آوری شد");
  await move(waste.id, "reopen", "هنوز مانده");
  await move(waste.id, "resolve", "دوباره جمع‌آوری شد");
  clock.advance(3 * 3_600_000);
  tokens.clear(); // three idle hours end the API sessions
  await move(flood.id, "resolve", "آب‌گرفتگی رفع شد");
});
afterAll(() => p?.stop());

describe("dashboards and rankings in a real browser", () => {
  it("a manager reads the dashboard in Persian and English, drills into a figure and exports CSV", async () => {
    const page = await signedIn(p, "tehran.manager");
    await page.click("[data-testid=nav-insight]");
    await page.waitForSelector("[data-testid=figures]");
    const range = `from=${tehranIso(new Date(clock.now().getTime() - 86_400_000))}&to=${tehranIso(clock.now())}`;
    await page.goto(`${p.consoleUrl}/tehran/insight?${range}&g=day&dim=unit`);
    await page.waitForSelector("[data-testid=volume-chart] svg");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.textContent("[data-testid=figure-total] .value")).toBe("۲");
    expect(await page.textContent("[data-testid=figure-compliance] .value")).toContain("۵۰");
    expect(await page.textContent("[data-testid=breakdown]")).toContain("ستاد");
    // The chart is drawn with Persian digits.
    expect(await page.innerHTML("[data-testid=volume-chart]")).toMatch(/[۰-۹]/);
    await page.screenshot({ path: `${artifacts}insight-fa.png`, fullPage: true });

    // From the "reopened" figure to the message behind it.
    await page.click("[data-testid=figure-reopenRate] a");
    await page.waitForSelector("[data-testid=drill-list]");
    expect(await page.textContent("[data-testid=drill-total]")).toBe("۱ پیام");
    expect(await page.locator("[data-testid=drill-list] tbody tr").count()).toBe(1);
    expect(await page.textContent("[data-testid=drill-list]")).toContain("ناحیهٔ ۱");

    // CSV of the dashboard: UTF-8 with a byte-order mark, Persian headings.
    await page.goto(`${p.consoleUrl}/tehran/insight?${range}&g=day&dim=unit`);
    await page.waitForSelector("[data-testid=export-csv]");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=export-csv]")]);
    const file = await download.path();
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync(file!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8");
    expect(csv).toContain("پیام‌ها در طول زمان");
    expect(csv).toContain("رسیدگی در مهلت,50");

    await page.click("[data-testid=language-switch]");
    await waitForContent(page, "[data-testid=figure-total]", "Messages");
    expect(await page.getAttribute("html", "dir")).toBe("ltr");
    expect(await page.textContent("[data-testid=figure-total] .value")).toBe("2");
    await page.screenshot({ path: `${artifacts}insight-en.png`, fullPage: true });
  });

  it("a city admin changes a weight and sees the ranking change, with its explanation", async () => {
    const page = await signedIn(p, "tehran.admin");
    const { jy, jm } = jalaliNow();
    await page.goto(`${p.consoleUrl}/tehran/rankings?jy=${jy}&jm=${jm}&level=unit`);
    await page.waitForSelector("[data-testid=formula-form]");
    const rankOf = async (id: string) => (await page.textContent(`[data-testid=rank-row-${id}] td:first-child`))!.trim();

    // Only deadline compliance, and small units ranked: the office (on time) leads HQ (late).
    for (const [field, value] of [["#w-compliance", "100"], ["#w-resolutionTime", "0"], ["#w-satisfaction", "0"], ["#w-reopen", "0"], ["#w-min", "1"]]) await page.fill(field!, value!);
    await page.click("[data-testid=formula-save]");
    await waitForContent(page, "[data-testid=ranking-version]", "نسخهٔ ۱");
    expect(await rankOf(officeId)).toBe("۱");
    expect(await rankOf(hqId)).toBe("۲");

    // Only "not reopened": HQ now leads; the office's explanation names its reopened message.
    for (const [field, value] of [["#w-compliance", "0"], ["#w-reopen", "100"]]) await page.fill(field!, value!);
    await page.click("[data-testid=formula-save]");
    await waitForContent(page, "[data-testid=ranking-version]", "نسخهٔ ۲");
    await waitForContent(page, `[data-testid=rank-row-${hqId}] td:first-child`, "۱");
    expect(await rankOf(officeId)).toBe("۲");
    await page.click(`[data-testid=rank-row-${officeId}] summary`);
    const why = (await page.textContent(`[data-testid=rank-row-${officeId}] [data-testid=sub-reopen]`))!;
    expect(why).toContain("۱ پیام از ۱ پیام رسیدگی‌شده دوباره باز شد");
    await page.screenshot({ path: `${artifacts}rankings-fa.png`, fullPage: true });

    // The explanation leads to the message behind it.
    await page.click(`[data-testid=rank-row-${officeId}] [data-testid=sub-reopen] a`);
    await page.waitForSelector("[data-testid=drill-list]");
    expect(await page.locator("[data-testid=drill-list] tbody tr").count()).toBe(1);

    // The first version still gives its own table.
    await page.goto(`${p.consoleUrl}/tehran/rankings?jy=${jy}&jm=${jm}&level=unit&version=1`);
    await page.waitForSelector("[data-testid=ranking]");
    expect(await rankOf(officeId)).toBe("۱");
  });

  it("a manager opens the map: districts shaded by a measure, a heatmap by category, and a district's messages", async () => {
    const page = await signedIn(p, "tehran.manager");
    const range = `from=${tehranIso(new Date(clock.now().getTime() - 86_400_000))}&to=${tehranIso(clock.now())}`;
    await page.goto(`${p.consoleUrl}/tehran/insight`);
    await page.click("[data-testid=tab-map]");
    await page.waitForSelector("[data-testid=boundary-map]");
    await page.goto(`${p.consoleUrl}/tehran/insight/map?${range}&m=compliance`);
    await page.waitForSelector("[data-testid=map-district]");
    // Both messages were registered in one district: it is shaded, and the orange circles show where they came from.
    expect(await page.locator("[data-testid=map-district]").count()).toBe(1);
    expect(await page.getAttribute("[data-testid=map-district] path", "class")).toMatch(/shade-\d/);
    expect(await page.locator("[data-testid=map-heat]").count()).toBeGreaterThan(0);
    expect(await page.textContent("[data-testid=map-districts] tbody tr td:nth-child(2)")).toBe("۲");
    expect(await page.getAttribute("[data-testid=map-district]", "aria-label")).toContain("رعایت مهلت ۵۰٪");
    await page.screenshot({ path: `${artifacts}insight-map-fa.png`, fullPage: true });

    // One category: the district holds one message, and clicking it lists that message.
    const waste = (await trpc<Array<{ id: string; code: string }>>("tehran.admin", "category.list", undefined, "query")).find((c) => c.code === "waste.collection")!.id;
    await page.selectOption("[data-testid=map-category]", waste);
    await page.click(".insight-tools button[type=submit]");
    await page.waitForURL(/cat=/);
    await page.waitForSelector("[data-testid=map-district]");
    expect(await page.textContent("[data-testid=map-districts] tbody tr td:nth-child(2)")).toBe("۱");
    await page.click("[data-testid=map-district]");
    await page.waitForSelector("[data-testid=drill-list]");
    expect(await page.locator("[data-testid=drill-list] tbody tr").count()).toBe(1);
    expect(await page.textContent("[data-testid=drill-total]")).toBe("۱ پیام");

    await page.goto(`${p.consoleUrl}/tehran/insight/map?${range}`);
    await page.click("[data-testid=language-switch]");
    await waitForContent(page, "[data-testid=map-districts] thead", "Messages");
    expect(await page.getAttribute("html", "dir")).toBe("ltr");
  });
});
