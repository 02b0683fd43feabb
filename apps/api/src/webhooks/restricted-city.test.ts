/**
 * The suspension policy over HTTP (docs/decisions/011): a city restricted for
 * an unpaid invoice cannot change its settings, but its citizens are still
 * heard — through Open311 and through the console's API — and its messages
 * still handled.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findTenantBySlug, setBillingState, ensureBillingAccount, withoutTenant, withTenant } from "@city137/db";
import { open311Harness, type Open311Harness } from "../open311/testing";

let h: Open311Harness;
let secret: string;
beforeAll(async () => {
  h = await open311Harness();
  secret = (await h.newKey("qom", "restricted test")).secret;
  const qom = (await withoutTenant(h.db, (tx) => findTenantBySlug(tx, "qom")))!;
  await withTenant(h.db, qom.id, async (tx) => {
    await ensureBillingAccount(tx, { tenantId: qom.id });
    await setBillingState(tx, { tenantId: qom.id, state: "restricted", at: new Date() });
  });
});
afterAll(() => h?.close());

describe("a restricted city", () => {
  it("refuses its admin's setting changes with a translated reason, while another city's admin is unaffected", async () => {
    const refused = await h.trpc("apiKey.create", await h.token("qom.admin"), { label: "another" }).catch((e: { data: unknown }) => e.data);
    expect(refused).toMatchObject({ code: "FORBIDDEN", messageKey: "billing.errors.restricted" });
    await expect(h.trpc("apiKey.create", await h.token("shiraz.admin"), { label: "another" })).resolves.toMatchObject({ label: "another" });
    expect(await h.trpc("billing.state", await h.token("qom.operator"), undefined, "GET")).toEqual({ state: "restricted" });
  });

  it("still registers a citizen's request through Open311 and reads it back", async () => {
    const posted = await h.post("/open311/v2/qom/requests.json", {
      api_key: secret,
      service_code: "waste.collection",
      description: "زباله‌ها دو روز است جمع نشده",
      address_string: "قم، خیابان صفائیه",
      "attribute[waste_type]": "household",
    });
    expect(posted.status, posted.text).toBe(200);
    const code = (JSON.parse(posted.text) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const read = await h.get(`/open311/v2/qom/requests/${code}.json`);
    expect(read.status).toBe(200);
    expect(read.text).toContain(code);
  });

  it("still registers and handles messages through the console's API", async () => {
    const operator = await h.token("qom.operator");
    const category = await h.categoryId("qom", "waste.collection");
    const created = await h.trpc<{ id: string; trackingCode: string }>("request.create", operator, {
      idempotencyKey: "restricted-city-1",
      kind: "complaint",
      categoryId: category,
      channel: "phone",
      description: "زباله جمع نشده",
      attributes: { waste_type: "household" },
    });
    expect(created.trackingCode).toMatch(/^\d+$/);
    const found = await h.trpc<{ id: string }>("request.get", operator, { id: created.id }, "GET");
    expect(found.id).toBe(created.id);
  });
});
