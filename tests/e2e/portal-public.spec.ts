import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "./setup/pages";
import { startPlatform, workdayClock, type Platform } from "./setup/servers";
import { waitForContent } from "./setup/wait";

/**
 * The portal's public messages and "me too", a voice message recorded in the
 * browser, and staff resending an SMS that never left — on a phone-sized
 * screen, with the job workers on. Chromium gets a fake microphone (a tone).
 * The SMS provider is the development one, except that it refuses one number
 * while `lineDown` is set (a dead letter to resend); the relay retries at once.
 */
const clock = workdayClock();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const CITIZEN = { name: "کاوه نیک‌نام", mobile: "09121357900" };
const NEIGHBOUR = "09121357911";
const DEAD = "09121357922";
let lineDown = true;
let p: Platform;
const tokens = new Map<string, string>();

beforeAll(async () => {
  p = await startPlatform({
    now: clock.now,
    jobs: true,
    sms: {
      portalUrl: "http://127.0.0.1:3137",
      provider: {
        name: "dev",
        send: async (sms) => {
          if (lineDown && sms.to === DEAD) throw new Error("line busy");
          return { providerMessageId: `e2e-${sms.localId}`, deliveryStatus: "delivered" };
        },
      },
    },
    // No wait between attempts: each wake of the relay is one more try of the refused SMS.
    relay: { retryBaseMs: 0 },
    browserArgs: ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"],
  });
});
afterAll(() => p?.stop());

async function tokenOf(login: string): Promise<string> {
  if (!tokens.has(login)) {
    const res = await fetch(`${p.api.url}/trpc/auth.signIn`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ city: login.split(".")[0], login, password: "demo-pass-137" }) });
    tokens.set(login, ((await res.json()) as { result: { data: { token: string } } }).result.data.token);
  }
  return tokens.get(login)!;
}

/** An API call over HTTP (tRPC without a transformer), as staff or, without a login, as the public. */
async function trpc<T>(login: string | null, path: string, input: unknown, kind: "query" | "mutation"): Promise<T> {
  const headers: Record<string, string> = login ? { authorization: `Bearer ${await tokenOf(login)}` } : {};
  const res =
    kind === "query"
      ? await fetch(`${p.api.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
      : await fetch(`${p.api.url}/trpc/${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(input) });
  const body = (await res.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

async function phone(): Promise<Page> {
  return (await p.browser.newContext({ ...PHONE, permissions: ["microphone"] })).newPage();
}

/** Opens a page and waits until React has taken it over. */
async function open(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);
}

/** The newest SMS of an event to a mobile, read where staff read them. */
async function smsBody(page: Page, event: string, to: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    await page.goto(`${p.consoleUrl}/tehran/sms?to=${to}`);
    const bodies = await page.$$eval(`[data-testid=sms-table] tr[data-event=${event}] .sms-body`, (cells) => cells.map((c) => c.textContent ?? ""));
    if (bodies[0]) return bodies[0];
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no ${event} SMS to ${to}`);
}

async function fillMessage(page: Page, description: string, mobile: string) {
  await page.click("[data-testid=category-search]");
  await page.keyboard.type("چاله");
  await page.waitForSelector("[data-testid=category-options] [role=option]");
  await page.keyboard.press("Enter");
  await page.check("[data-testid=kind-request]");
  await page.fill("[data-testid=portal-description]", description);
  await page.fill("[data-testid=portal-mobile]", mobile);
}

describe("public messages on a phone", () => {
  let openId = "";

  it("lists the city's messages on a map and a list, without the citizen's name or mobile, filtered by status", async () => {
    const cats = await trpc<Array<{ id: string; code: string }>>("tehran.operator", "category.list", undefined, "query");
    const potholes = cats.find((c) => c.code === "roads.potholes")!.id;
    const message = (description: string, key: string) =>
      trpc<{ id: string }>("tehran.operator", "request.create", { idempotencyKey: key, kind: "request", categoryId: potholes, channel: "phone", description, lat: 35.7012, lon: 51.3456, citizen: { name: CITIZEN.name, mobile: CITIZEN.mobile } }, "mutation");
    openId = (await message(`چالهٔ عمیق جلوی مدرسه؛ شماره‌ام ${CITIZEN.mobile}`, "e2e-public-open-1")).id;
    const done = await message("چالهٔ کوچهٔ شقایق", "e2e-public-done-1");
    await trpc("tehran.supervisor", "request.transition", { id: done.id, action: "resolve", note: "آسفالت شد" }, "mutation");

    const page = await phone();
    await open(page, `${p.consoleUrl}/p/tehran`);
    await page.click("[data-testid=portal-nav-public]");
    await page.waitForSelector("[data-testid=public-list]");
    expect(await page.$$eval("[data-testid=map-message]", (a) => a.length)).toBeGreaterThanOrEqual(2);
    const text = (await page.textContent("[data-testid=public-list]"))!;
    expect(text).toContain("چالهٔ عمیق جلوی مدرسه؛ شماره‌ام ***");
    for (const secret of [CITIZEN.name, CITIZEN.mobile, "۰۹۱۲۱۳۵۷۹۰۰"]) expect(text).not.toContain(secret);
    const html = await page.content();
    expect(html).not.toContain(CITIZEN.mobile);
    expect(html).not.toContain(CITIZEN.name);

    await page.selectOption("[data-testid=public-status-filter]", "resolved");
    await page.click("[data-testid=public-filter]");
    await page.waitForURL(/status=resolved/);
    await waitForContent(page, "[data-testid=public-list]", "چالهٔ کوچهٔ شقایق");
    const statuses = await page.$$eval("[data-testid=public-message]", (els) => els.map((e) => e.getAttribute("data-status")));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["resolved"]));
  });

  it("says “me too” on an open message after verifying the mobile by SMS code; a second time adds nobody", async () => {
    const page = await phone();
    await open(page, `${p.consoleUrl}/p/tehran/public/${openId}`);
    expect(await page.getAttribute("[data-testid=public-supporters]", "data-count")).toBe("0");
    await page.fill("[data-testid=otp-mobile]", NEIGHBOUR);
    await page.click("[data-testid=otp-send]");
    await page.waitForSelector("[data-testid=otp-sent]");
    const staff = await signedIn(p, "tehran.supervisor");
    const otp = (await smsBody(staff, "otp", NEIGHBOUR)).match(/\d{6}/)![0];
    await page.fill("[data-testid=otp-code]", otp);
    await page.click("[data-testid=metoo-verify-send]");
    await page.waitForSelector("[data-testid=metoo-outcome][data-outcome=done]");
    expect(await page.getAttribute("[data-testid=public-supporters]", "data-count")).toBe("1");
    expect(await page.textContent("[data-testid=public-supporters]")).toContain("۱ نفر دیگر");
    // The SMS that says they joined, in Persian (the page's language).
    expect(await smsBody(staff, "request_supported", NEIGHBOUR)).toContain("تهران");

    // Verified now: one tap; the same mobile is not counted twice.
    await open(page, `${p.consoleUrl}/p/tehran/public/${openId}`);
    await page.click("[data-testid=metoo]");
    await page.waitForSelector("[data-testid=metoo-outcome][data-outcome=already]");
    expect(await page.getAttribute("[data-testid=public-supporters]", "data-count")).toBe("1");
  });
});

/** Waits until the recorder's timer has counted `seconds`, and checks it shows them as a Persian clock. */
async function recordedFor(page: Page, seconds: number) {
  await page
    .waitForFunction((n) => Number(document.querySelector("[data-testid=record-timer]")?.getAttribute("data-seconds") ?? -1) >= n, seconds, { timeout: 30_000 })
    .catch(async (err: unknown) => {
      throw new Error(`recorder: ${await page.getAttribute("[data-testid=recorder]", "data-step")} ${await page.getAttribute("[data-testid=recorder]", "data-reason")}: ${await page.textContent("[data-testid=recorder]")}`, { cause: err });
    });
  expect(await page.textContent("[data-testid=record-timer]")).toMatch(/در حال ضبط… ۰:۰[۰-۹]/);
}

describe("a voice message recorded on the phone", () => {
  it("records with a running timer, replays, removes, records again, and sends it with the message; staff can play it", async () => {
    const page = await phone();
    await open(page, `${p.consoleUrl}/p/tehran`);
    await fillMessage(page, "صدای ریزش آب از زیر آسفالت می‌آید.", "09121357933");
    await page.click("[data-testid=record-start]");
    await recordedFor(page, 1);
    await page.click("[data-testid=record-stop]");
    await page.waitForSelector("[data-testid=record-done]");
    expect(await page.getAttribute("[data-testid=record-replay]", "src")).toMatch(/^blob:/);
    await page.click("[data-testid=record-remove]");
    await page.waitForSelector("[data-testid=recorder][data-step=idle]");
    await page.click("[data-testid=record-start]");
    await recordedFor(page, 2);
    await page.click("[data-testid=record-stop]");
    await page.waitForSelector("[data-testid=record-done]");

    // A slow line: the upload shows its progress.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 200, downloadThroughput: -1, uploadThroughput: 4_000 });
    await page.click("[data-testid=portal-send]");
    await page.waitForSelector("[data-testid=upload-progress] progress");
    await page.waitForSelector("[data-testid=portal-tracking-code]", { timeout: 30_000 });
    expect(await page.textContent("[data-testid=portal-done]")).toContain("۱ پرونده پیوست شد.");
    const code = (await page.getAttribute("[data-testid=portal-tracking-code]", "data-code"))!;

    const staff = await signedIn(p, "tehran.supervisor");
    await staff.goto(`${p.consoleUrl}/tehran/messages/${code}`);
    const audio = await staff.waitForSelector("audio[controls]");
    const src = (await audio.getAttribute("src"))!;
    const res = await staff.evaluate(async (url) => {
      const r = await fetch(url);
      return { status: r.status, type: r.headers.get("content-type"), size: (await r.arrayBuffer()).byteLength };
    }, src);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^audio\/(webm|ogg)/);
    expect(res.size).toBeGreaterThan(1000);
  }, 120_000);
});

describe("an SMS that never left", () => {
  it("staff resend a dead letter with one click; it is sent once and shows as delivered", async () => {
    const cats = await trpc<Array<{ id: string; code: string }>>("tehran.operator", "category.list", undefined, "query");
    const submit = { city: "tehran", idempotencyKey: "e2e-dead-letter-1", kind: "request", categoryId: cats.find((c) => c.code === "roads.potholes")!.id, description: "چاله", mobile: DEAD, locale: "en" };
    await trpc(null, "portal.submit", submit, "mutation");
    // Each answered submit wakes the relay; a replay of the same form adds nothing but another attempt of the refused SMS.
    let dead: Array<{ id: string; mobile: string | null }> = [];
    for (let i = 0; i < 80 && !dead.some((d) => d.mobile === DEAD); i++) {
      await trpc(null, "portal.submit", submit, "mutation");
      await new Promise((r) => setTimeout(r, 200));
      dead = (await trpc<{ dead: typeof dead }>("tehran.supervisor", "sms.list", {}, "query")).dead;
    }
    expect(dead.filter((d) => d.mobile === DEAD)).toHaveLength(1);
    lineDown = false;

    const staff = await signedIn(p, "tehran.supervisor");
    await staff.goto(`${p.consoleUrl}/tehran/sms?to=${DEAD}`);
    expect(await staff.textContent("[data-testid=sms-table]")).toContain("line busy");
    await staff.click("[data-testid=sms-resend]");
    await waitForContent(staff, "[data-testid=sms-resent]", "دوباره در صف ارسال");
    // The relay was woken: the same row is now sent and delivered, once, in the citizen's language.
    let row = "";
    for (let i = 0; i < 60 && !row.includes("تحویل شد"); i++) {
      await staff.goto(`${p.consoleUrl}/tehran/sms?to=${DEAD}`);
      row = (await staff.textContent(`[data-testid=sms-table] tr[data-event=request_registered]`)) ?? "";
      if (!row.includes("تحویل شد")) await new Promise((r) => setTimeout(r, 500));
    }
    expect(row).toContain("فرستاده شد · تحویل شد");
    expect(row).toContain("your message is registered");
    expect(await staff.$$eval("[data-testid=sms-table] tr[data-event=request_registered]", (r) => r.length)).toBe(1);
    expect(await staff.textContent("[data-testid=sms-dead]")).not.toContain(DEAD);
    // Resending again is refused politely: nothing is queued twice.
    const again = await trpc<{ requeued: boolean; state: string }>("tehran.supervisor", "sms.resend", { id: dead.find((d) => d.mobile === DEAD)!.id }, "mutation");
    expect(again).toMatchObject({ requeued: false, state: "sent" });
  }, 180_000);
});
