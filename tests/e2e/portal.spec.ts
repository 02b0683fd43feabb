import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { startApiServer, type RunningApi } from "@city137/api-server";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workdayClock } from "./setup/servers";
import { loadedImageWidth, waitForContent } from "./setup/wait";

/**
 * The citizens' portal on a phone-sized screen, against the real API with its
 * job workers on: SMS really go through the outbox relay to the development
 * provider, and the test reads them where staff do (/:city/sms).
 */
const consoleDir = fileURLToPath(new URL("../../apps/console/", import.meta.url));
const clock = workdayClock();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PNG_8x8 = "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWOQ67HBihiGlgQAcJI5geXKEN4AAAAASUVORK5CYII=";
const MOBILE = "09127654321";
const toAscii = (s: string) => s.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d)));

let api: RunningApi;
let consoleUrl: string;
let child: ChildProcess;
let browser: Browser;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

beforeAll(async () => {
  const port = await freePort();
  consoleUrl = `http://127.0.0.1:${port}`;
  api = await startApiServer({ port: 0, seed: true, now: clock.now, jobs: true, sms: { portalUrl: consoleUrl } });
  child = spawn(process.execPath, [`${consoleDir}node_modules/@remix-run/serve/dist/cli.js`, "build/server/index.js"], {
    cwd: consoleDir,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", API_URL: `${api.url}/trpc`, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; ; i++) {
    try {
      await fetch(consoleUrl);
      break;
    } catch {
      if (i > 120) throw new Error("The console did not start.");
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"] });
});
afterAll(async () => {
  await browser?.close();
  child?.kill("SIGTERM");
  await api?.close();
});

async function phone(): Promise<Page> {
  return (await browser.newContext(PHONE)).newPage();
}

/** Opens a page and waits until React has taken it over (typing before that may be lost). */
async function open(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);
}

async function staff(city: string, login: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${consoleUrl}/${city}/sign-in`);
  await page.fill("#login", login);
  await page.fill("#password", "demo-pass-137");
  await page.click("[data-testid=sign-in-submit]");
  await page.waitForSelector("[data-testid=signed-in-user]");
  return page;
}

/** The newest SMS of an event to a mobile, read on the staff SMS page (the development provider's inbox). */
async function smsBody(page: Page, city: string, event: string, contains = ""): Promise<string> {
  for (let i = 0; i < 60; i++) {
    await page.goto(`${consoleUrl}/${city}/sms?to=${MOBILE}`);
    const bodies = await page.$$eval(`[data-testid=sms-table] tr[data-event=${event}] .sms-body`, (cells) => cells.map((c) => c.textContent ?? ""));
    const hit = bodies.find((b) => b.includes(contains));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no ${event} SMS to ${MOBILE} containing "${contains}"`);
}

/** A staff call to the API over HTTP (tRPC without a transformer). */
async function trpc<T>(token: string, path: string, input: unknown, kind: "query" | "mutation"): Promise<T> {
  const res =
    kind === "query"
      ? await fetch(`${api.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { authorization: `Bearer ${token}` } })
      : await fetch(`${api.url}/trpc/${path}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(input) });
  const body = (await res.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

describe("a citizen on a phone, from a message to feedback", () => {
  let code = "";
  let supervisor: Page;

  it("sends a message with a photo and a point, without an account, in Persian; the double tap makes one", async () => {
    const page = await phone();
    await open(page, `${consoleUrl}/p/tehran`);
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.textContent("[data-testid=portal-city]")).toContain("تهران");
    // Nothing filled in: the fields say what is missing, in Persian.
    await page.click("[data-testid=portal-send]");
    await waitForContent(page, "#mobile-error", "شمارهٔ همراه");
    expect(await page.textContent("#categoryId-error")).toBeTruthy();

    await page.click("[data-testid=category-search]");
    await page.keyboard.type("زباله جمع");
    await page.waitForSelector("[data-testid=category-options] [role=option]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-testid=questions]");
    await page.selectOption("#attr-waste_type", "household");
    await page.check("[data-testid=kind-complaint]");
    await page.fill("[data-testid=portal-description]", "کیسه‌های زباله از دیروز کنار پارک مانده است.");
    // The map needs no tile server; the point can also be typed.
    await page.waitForSelector("[data-testid=boundary-map]");
    await page.fill("[data-testid=portal-lat]", "35.7");
    await page.fill("[data-testid=portal-lon]", "51.35");
    await page.waitForSelector("[data-testid=point-set]");
    await page.setInputFiles("[data-testid=portal-files]", { name: "park.png", mimeType: "image/png", buffer: Buffer.from(PNG_8x8, "base64") });
    await page.fill("[data-testid=portal-name]", "سارا رضایی");
    await page.fill("[data-testid=portal-mobile]", "۰۹۱۲ ۷۶۵ ۴۳۲۱");
    await page.dblclick("[data-testid=portal-send]");
    await page.waitForSelector("[data-testid=portal-tracking-code]");
    code = (await page.getAttribute("[data-testid=portal-tracking-code]", "data-code"))!;
    expect(code).toMatch(/^\d{9}$/);
    expect(await page.textContent("[data-testid=portal-done]")).toContain("۱ پرونده پیوست شد.");
    expect(await page.textContent("[data-testid=track-status]")).toContain("به واحد مسئول سپرده شد");

    supervisor = await staff("tehran", "tehran.supervisor");
    const listed = await trpc<{ trackingCode: string; channel: string }[]>(await tokenOf("tehran.supervisor"), "request.list", { queue: "all", mobile: MOBILE }, "query");
    expect(listed.filter((r) => r.trackingCode === code)).toHaveLength(1);
    expect(listed).toHaveLength(1);
  });

  it("receives the tracking code by SMS (development provider), with a link to the message", async () => {
    const body = await smsBody(supervisor, "tehran", "request_registered", code);
    expect(body).toContain(`${consoleUrl}/p/tehran/t/${code}?s=`);
    const page = await phone();
    await page.goto(body.slice(body.indexOf(consoleUrl)).trim());
    await page.waitForSelector("[data-testid=track-view]");
    expect(await page.textContent("[data-testid=track-view]")).toContain("جمع‌آوری زباله");
  });

  it("tracks by code and the mobile's last four digits; a wrong guess is refused", async () => {
    const page = await phone();
    await open(page, `${consoleUrl}/p/tehran/track`);
    await page.fill("[data-testid=track-code]", code);
    await page.fill("[data-testid=track-last4]", "0000");
    await page.click("[data-testid=track-submit]");
    await waitForContent(page, "[role=alert]", "پیدا نشد");
    await page.fill("[data-testid=track-last4]", "۴۳۲۱");
    await page.click("[data-testid=track-submit]");
    await page.waitForSelector("[data-testid=track-timeline]");
    expect(await page.textContent("[data-testid=track-timeline]")).toContain("پیام شما ثبت شد");
  });

  it("after staff resolve it with a photo of the work: the answer, the photo, the SMS link to the survey, one answer only", async () => {
    const token = await tokenOf("tehran.supervisor");
    const r = await trpc<{ id: string }>(token, "request.get", { trackingCode: code }, "query");
    const form = new FormData();
    form.set("purpose", "proof");
    form.set("file", new Blob([Buffer.from(PNG_8x8, "base64")], { type: "image/png" }), "done.png");
    const up = await fetch(`${api.url}/files/requests/${r.id}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
    expect(up.status).toBe(201);
    await trpc(token, "request.transition", { id: r.id, action: "resolve", note: "زباله‌ها جمع‌آوری و محل شسته شد." }, "mutation");

    const sms = await smsBody(supervisor, "tehran", "request_resolved", code);
    expect(sms).toContain("زباله‌ها جمع‌آوری و محل شسته شد.");
    const link = sms.slice(sms.indexOf(`${consoleUrl}/p/tehran/f/`)).split(/\s/)[0]!;
    const page = await phone();
    await open(page, link);
    await page.waitForSelector("[data-testid=feedback-form]");
    await page.click("[data-testid=feedback-send]");
    await waitForContent(page, "[data-testid=feedback-error]", "امتیاز");
    await page.check("[data-testid=score-4]");
    await page.fill("[data-testid=feedback-comment]", "سریع و تمیز");
    await page.click("[data-testid=feedback-send]");
    await page.waitForSelector("[data-testid=feedback-thanks]");
    await page.goto(link);
    await waitForContent(page, "[data-testid=feedback-thanks]", "پیش‌تر ثبت شده");

    await open(page, `${consoleUrl}/p/tehran/track`);
    await page.fill("[data-testid=track-code]", code);
    await page.fill("[data-testid=track-last4]", "4321");
    await page.click("[data-testid=track-submit]");
    await page.waitForSelector("[data-testid=track-answer]");
    expect(await page.textContent("[data-testid=track-answer]")).toContain("محل شسته شد");
    await page.waitForSelector("[data-testid=proof-photos] img");
    expect(await loadedImageWidth(page, "[data-testid=proof-photos] img")).toBeGreaterThan(0);
  });

  it("verifies the mobile with a one-time code read from the SMS, sees the message and reopens it with a reason", async () => {
    const page = await phone();
    await open(page, `${consoleUrl}/p/tehran/me`);
    await page.fill("[data-testid=otp-mobile]", MOBILE);
    await page.click("[data-testid=otp-send]");
    await page.waitForSelector("[data-testid=otp-code]");
    const body = await smsBody(supervisor, "tehran", "otp");
    const otp = /(\d{6})/.exec(toAscii(body))![1]!;
    await page.fill("[data-testid=otp-code]", otp === "000000" ? "111111" : "000000");
    await page.click("[data-testid=otp-verify]");
    await waitForContent(page, "#code-error", "کد تأیید درست نیست");
    await page.fill("[data-testid=otp-code]", otp);
    await page.click("[data-testid=otp-verify]");
    await page.waitForSelector("[data-testid=my-messages]");
    const item = `[data-testid=my-messages] li[data-code="${code}"]`;
    await page.waitForSelector(item);
    await page.click(`${item} summary`);
    await page.fill(`${item} [data-testid=reopen-reason]`, "بوی بد هنوز مانده است.");
    await page.click(`${item} [data-testid=reopen-send]`);
    await page.waitForSelector("[data-testid=reopened]");
    await page.waitForSelector(`${item} [data-status=reopened]`);

    // Consent to be named among the engaged citizens: refused without a name, then given.
    const listed = async () => {
      // The API's clock is not the console's: ask for the month up to the API's today (Tehran date).
      const day = (ms: number) => new Date(ms + 210 * 60_000).toISOString().slice(0, 10);
      await supervisor.goto(`${consoleUrl}/tehran/insight/citizens?from=${day(clock.now().getTime() - 30 * 86_400_000)}&to=${day(clock.now().getTime())}`);
      return (await supervisor.locator("[data-testid=citizens] tbody tr", { hasText: "۰۹۱۲***۴۳۲۱" }).locator("[data-testid=citizen-name]").textContent())!;
    };
    expect(await listed()).toBe("بدون رضایت");
    await page.click("[data-testid=recognition] summary");
    await page.click("[data-testid=recognition-give]");
    await waitForContent(page, "#recognition-name-error", "نام را بنویسید");
    await page.fill("[data-testid=recognition-name]", "سارا نادری");
    await page.click("[data-testid=recognition-give]");
    await page.waitForSelector("[data-testid=recognition-saved]");
    expect(await page.textContent("[data-testid=recognition-state]")).toContain("سارا نادری");
    expect(await listed()).toBe("سارا نادری");
  });

  it("never shows, accepts for, or tracks Tehran's message on Shiraz's portal", async () => {
    const page = await phone();
    await open(page, `${consoleUrl}/p/shiraz/track`);
    expect(await page.textContent("[data-testid=portal-city]")).toContain("شیراز");
    await page.fill("[data-testid=track-code]", code);
    await page.fill("[data-testid=track-last4]", "4321");
    await page.click("[data-testid=track-submit]");
    await waitForContent(page, "[role=alert]", "پیدا نشد");
    // control: the same proof on Tehran's portal works
    await open(page, `${consoleUrl}/p/tehran/track`);
    await page.fill("[data-testid=track-code]", code);
    await page.fill("[data-testid=track-last4]", "4321");
    await page.click("[data-testid=track-submit]");
    await page.waitForSelector("[data-testid=track-view]");
  });
});

describe("QR codes", () => {
  it("staff make a code; a scan opens the form pre-filled, the message comes in as QR, counts show; revoked is polite", async () => {
    const admin = await staff("tehran", "tehran.admin");
    await admin.goto(`${consoleUrl}/tehran/qr`);
    await admin.fill("[data-testid=qr-label]", "ایستگاه اتوبوس ونک");
    await admin.selectOption("[data-testid=qr-kind]", "line");
    await admin.fill("[data-testid=qr-lat]", "35.757");
    await admin.fill("[data-testid=qr-lon]", "51.41");
    await admin.click("[data-testid=qr-create]");
    await admin.waitForSelector("[data-testid=qr-made]");
    await admin.waitForSelector("[data-testid=qr-table] tr[data-code]");
    const qr = (await admin.getAttribute("[data-testid=qr-table] tr[data-code]", "data-code"))!;
    await admin.goto(`${consoleUrl}/tehran/qr/print`);
    expect(await admin.getAttribute("[data-testid=qr-image]", "data-url")).toBe(`${consoleUrl}/p/tehran/q/${qr}`);

    const page = await phone();
    await open(page, `${consoleUrl}/p/tehran/q/${qr}`);
    await page.waitForSelector("[data-testid=qr-notice]");
    expect(await page.inputValue("[data-testid=portal-lat]")).toBe("35.757");
    await page.click("[data-testid=category-search]");
    await page.keyboard.type("زباله جمع");
    await page.waitForSelector("[data-testid=category-options] [role=option]");
    await page.keyboard.press("Enter");
    await page.selectOption("#attr-waste_type", "household");
    await page.fill("[data-testid=portal-description]", "سطل زبالهٔ ایستگاه پر است.");
    await page.fill("[data-testid=portal-mobile]", "09121112233");
    await page.click("[data-testid=portal-send]");
    await page.waitForSelector("[data-testid=portal-tracking-code]");
    const qrCode = (await page.getAttribute("[data-testid=portal-tracking-code]", "data-code"))!;
    const r = await trpc<{ channel: string }>(await tokenOf("tehran.admin"), "request.get", { trackingCode: qrCode }, "query");
    expect(r.channel).toBe("qr");

    await admin.goto(`${consoleUrl}/tehran/qr`);
    expect(toAscii((await admin.textContent(`tr[data-code="${qr}"] [data-testid=qr-scans]`))!)).toBe("1");
    expect(toAscii((await admin.textContent(`tr[data-code="${qr}"] [data-testid=qr-messages]`))!)).toBe("1");
    admin.once("dialog", (d) => void d.accept());
    await admin.click(`[data-testid=qr-revoke-${qr}]`);
    await admin.waitForSelector(`tr[data-code="${qr}"].muted`);
    await page.goto(`${consoleUrl}/p/tehran/q/${qr}`);
    await page.waitForSelector("[data-testid=qr-revoked]");
    // Another city's portal does not know the code at all.
    await page.goto(`${consoleUrl}/p/shiraz/q/${qr}`);
    await page.waitForSelector("[data-testid=qr-unknown]");
  });

  it("the portal speaks English left to right when asked", async () => {
    const page = await phone();
    await open(page, `${consoleUrl}/p/mashhad`);
    await page.click("[data-testid=language-switch]");
    await page.waitForFunction(() => document.documentElement.dir === "ltr");
    await waitForContent(page, "[data-testid=portal-city]", "Mashhad");
    expect(await page.textContent("[data-testid=portal-send]")).toBe("Send message");
  });
});

const tokens = new Map<string, string>();
async function tokenOf(login: string): Promise<string> {
  if (!tokens.has(login)) {
    const res = await fetch(`${api.url}/trpc/auth.signIn`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ city: login.split(".")[0], login, password: "demo-pass-137" }) });
    tokens.set(login, ((await res.json()) as { result: { data: { token: string } } }).result.data.token);
  }
  return tokens.get(login)!;
}
