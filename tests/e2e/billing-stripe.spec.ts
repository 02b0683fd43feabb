/**
 * Stripe billing in a real browser, Stripe's HTTP API stubbed with msw (the
 * API and its job workers run in this process, so msw sees their calls):
 * platform staff provision Yazd from the template and put it on Stripe, the
 * outbox creates its customer and subscription once, a failed payment
 * reported by a signed webhook moves the city to "past due" and a paid
 * invoice back to "active", and Yazd's admin reaches Stripe's customer portal.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stripeWebhooks } from "@city137/billing";
import { stripeMock } from "@city137/billing/testing";
import { startPlatform, workdayClock, type Platform } from "./setup/servers";
import { selectByText, signedIn } from "./setup/pages";
import { waitForContent } from "./setup/wait";

const SECRET_KEY = "sk_test_city137_e2e";
const WEBHOOK_SECRET = "whsec_city137_e2e";
const stripe = stripeMock();
const msw = setupServer(...stripe.handlers);
const clock = workdayClock();
const artifacts = new URL("./artifacts/", import.meta.url).pathname;
let p: Platform;
let previousKey: string | undefined;

beforeAll(async () => {
  // everything else (the console, Chromium, the API's own port) passes through
  msw.listen({ onUnhandledRequest: "bypass" });
  // the platform reads "is Stripe on?" from the API's environment (docs/decisions/011)
  previousKey = process.env.STRIPE_SECRET_KEY;
  process.env.STRIPE_SECRET_KEY = SECRET_KEY;
  p = await startPlatform({ now: clock.now, jobs: true, stripe: { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET } });
});
afterAll(async () => {
  await p?.stop();
  msw.close();
  if (previousKey === undefined) delete process.env.STRIPE_SECRET_KEY;
  else process.env.STRIPE_SECRET_KEY = previousKey;
});

let seq = 0;
/** Stripe's webhook delivery: a signed event for the customer, at the API's clock. */
async function deliver(type: string, object: Record<string, unknown>) {
  const now = Math.floor(clock.now().getTime() / 1000);
  const payload = JSON.stringify({ id: `evt_e2e_${++seq}`, object: "event", type, created: now + seq, data: { object } });
  const signature = stripeWebhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: now });
  const res = await fetch(`${p.api.url}/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: payload });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ received: true });
}

/** Reloads until the page shows `text` in `selector` (the outbox and webhook jobs run in the background). */
async function reloadUntil(page: import("playwright-core").Page, selector: string, attr: string, want: string) {
  for (let i = 0; i < 60; i++) {
    await page.reload();
    await page.waitForSelector(selector);
    if ((await page.getAttribute(selector, attr)) === want) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${selector} never had ${attr}=${want}; it has ${await page.getAttribute(selector, attr)}`);
}

describe("Stripe billing in a real browser", () => {
  it("provisions Yazd, puts it on Stripe, follows its payments from signed webhooks, and opens the customer portal for its admin", async () => {
    // a new city, from the template, with its first admin's invitation
    const admin0 = await signedIn(p, "platform.admin");
    await admin0.click("[data-testid=new-tenant]");
    await admin0.waitForSelector("[data-testid=provision-form]");
    const fields = { slug: "yazd", nameFa: "یزد", nameEn: "Yazd", contactName: "ادارهٔ فناوری اطلاعات شهرداری یزد", contactEmail: "it@yazd.example", adminName: "رضا یزدی", adminUsername: "reza.yazdi", adminEmail: "reza@yazd.example" };
    for (const [k, v] of Object.entries(fields)) await admin0.fill(`#${k}`, v);
    await admin0.click("[data-testid=provision-submit]");
    await admin0.waitForSelector("[data-testid=provisioned]");
    const invitation = (await admin0.textContent("[data-testid=admin-invitation]"))!.trim();
    await admin0.context().close();

    const staff = await signedIn(p, "platform.billing");
    await staff.goto(`${p.consoleUrl}/platform/billing`);
    await staff.waitForSelector("[data-testid=billing-overview]");
    expect(await staff.$("[data-testid=stripe-offline]")).toBeNull();

    // a plan with Stripe's seat and usage prices; a malformed price id is refused by name
    await staff.click("[data-testid=plans-link]");
    await staff.waitForSelector("[data-testid=plan-form]");
    const plan = { code: "regional", nameFa: "منطقه‌ای", nameEn: "Regional", monthlyPriceRial: "300000000", annualPriceRial: "3000000000", includedSeats: "5", includedMessages: "500", extraSeatRial: "10000000", extraThousandMessagesRial: "20000000", stripeSeatPriceId: "seat-price", stripeUsagePriceId: "price_1YazdMessages" };
    for (const [k, v] of Object.entries(plan)) await staff.fill(`#plan-${k}`, v);
    await staff.click("[data-testid=plan-save]");
    await staff.waitForSelector("#plan-stripeSeatPriceId-error");
    expect(await staff.textContent("#plan-stripeSeatPriceId-error")).toContain("شناسهٔ قیمت کاربر در استرایپ");
    await staff.fill("#plan-stripeSeatPriceId", "price_1YazdSeats");
    await staff.click("[data-testid=plan-save]");
    await waitForContent(staff, "[data-testid=plans-table]", "منطقه‌ای");

    // Yazd on the plan, paying through Stripe
    await staff.goto(`${p.consoleUrl}/platform/billing`);
    await staff.click("[data-testid=manage-yazd]");
    await staff.waitForSelector("[data-testid=account-form]");
    await selectByText(staff, "#acc-plan", "منطقه‌ای");
    await staff.selectOption("#acc-provider", "stripe");
    await staff.fill("#acc-legalName", "شهرداری یزد");
        await staff.click("[data-testid=account-save]");
    await staff.waitForSelector("[data-testid=form-saved]");

    // the outbox relay creates the customer and the subscription; the page shows them
    await reloadUntil(staff, "[data-testid=stripe-status]", "data-status", "active");
    const customer = (await staff.textContent("[data-testid=stripe-customer]"))!.trim();
    expect(customer).toMatch(/^cus_/);
    expect((await staff.textContent("[data-testid=stripe-subscription]"))!.trim()).toMatch(/^sub_/);
    const customers = stripe.calls.filter((c) => c.path === "/v1/customers");
    expect(customers).toHaveLength(1);
    expect(customers[0]!.form.get("name")).toBe("شهرداری یزد");
    const [subscription, ...more] = stripe.calls.filter((c) => c.path === "/v1/subscriptions");
    expect(more).toHaveLength(0);
    expect([subscription!.form.get("customer"), subscription!.form.get("items[0][price]"), subscription!.form.get("items[1][price]")]).toEqual([customer, "price_1YazdSeats", "price_1YazdMessages"]);
    expect(await staff.getAttribute("[data-testid=billing-state]", "data-state")).toBe("active");

    // Stripe reports a failed payment: the city is past due, on the platform and for its admin
    await deliver("invoice.payment_failed", { id: "in_e2e_1", object: "invoice", customer, status: "open" });
    await reloadUntil(staff, "[data-testid=billing-state]", "data-state", "past_due");
    await staff.screenshot({ path: `${artifacts}billing-stripe-past-due-fa.png`, fullPage: true });
    // Yazd's admin accepts the invitation, signs in, sees the banner and the city's billing page
    const admin = await (await p.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await admin.goto(invitation);
    await admin.fill("#password", "yazd long password");
    await admin.fill("#confirm", "yazd long password");
    await admin.click("[data-testid=invitation-submit]");
    await admin.waitForURL(/\/yazd\/sign-in/);
    await admin.fill("#login", "reza.yazdi");
    await admin.fill("#password", "yazd long password");
    await admin.click("[data-testid=sign-in-submit]");
    await admin.waitForSelector("[data-testid=billing-banner]");
    await admin.goto(`${p.consoleUrl}/yazd/settings/billing`);
    await admin.waitForSelector("[data-testid=city-billing]");
    expect(await admin.getAttribute("[data-testid=billing-state]", "data-state")).toBe("past_due");

    // the admin goes to Stripe's customer portal (Stripe's page stubbed in the browser) with a way back
    let portalUrl = "";
    await admin.route("https://billing.stripe.com/**", (route) => {
      portalUrl = route.request().url();
      return route.fulfill({ status: 200, contentType: "text/html", body: "<title>Stripe</title><p id=stripe-portal-page>Stripe customer portal</p>" });
    });
    await admin.click("[data-testid=stripe-portal]");
    await admin.waitForSelector("#stripe-portal-page");
    expect(portalUrl).toMatch(/^https:\/\/billing\.stripe\.com\/p\/session\//);
    const session = stripe.calls.find((c) => c.path === "/v1/billing_portal/sessions")!;
    expect(session.form.get("customer")).toBe(customer);
    expect(session.form.get("return_url")).toBe(`${p.consoleUrl}/yazd/settings/billing`);

    // the invoice is paid: active again, and the admin's banner is gone
    await deliver("invoice.paid", { id: "in_e2e_1", object: "invoice", customer, status: "paid" });
    await reloadUntil(staff, "[data-testid=billing-state]", "data-state", "active");
    await admin.goto(`${p.consoleUrl}/yazd/settings/billing`);
    await admin.waitForSelector("[data-testid=city-billing]");
    expect(await admin.getAttribute("[data-testid=billing-state]", "data-state")).toBe("active");
    expect(await admin.$("[data-testid=billing-banner]")).toBeNull();

    // the customer and the subscription were each created once, whatever the relay's retries
    expect(stripe.calls.filter((c) => c.path === "/v1/customers")).toHaveLength(1);
    expect(stripe.calls.filter((c) => c.path === "/v1/subscriptions")).toHaveLength(1);
    await admin.context().close();
    await staff.context().close();
  }, 180_000);
});
