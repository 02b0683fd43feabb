import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listPlatformAudit, withPlatform } from "@city137/db";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
let platform: ReturnType<TestApi["caller"]>;

beforeAll(async () => {
  api = await createTestApi();
  platform = api.caller(await api.signIn(null, "platform.admin"));
});
afterAll(() => api?.close());

const isfahan = (over: Record<string, unknown> = {}) => ({
  slug: "isfahan",
  nameFa: "اصفهان",
  nameEn: "Isfahan",
  template: "metropolis" as const,
  contact: { name: "فناوری اطلاعات شهرداری اصفهان", email: "it@isfahan.example" },
  admin: { username: "isfahan.admin", email: "admin@isfahan.example", displayName: "سارا اصفهانی" },
  ...over,
});

describe("provisioning a city", () => {
  it("creates a working city from the template with its first admin invited, and records who did it", async () => {
    const done = await platform.tenant.provision(isfahan());
    expect(done).toMatchObject({ slug: "isfahan", admin: { username: "isfahan.admin", roles: ["city_admin"] } });
    expect(done.invitation.token.length).toBeGreaterThan(20);
    const admin = api.caller();
    await admin.auth.acceptInvitation({ city: "isfahan", token: done.invitation.token, password: "a long new password" });
    const signedIn = api.caller(await api.signIn("isfahan", "isfahan.admin", "a long new password"));
    // The template's configuration is there: categories, units, a published routing tree, holidays.
    expect((await signedIn.category.list()).some((c) => c.code === "waste.collection")).toBe(true);
    expect((await signedIn.unit.list()).some((u) => u.code === "HQ")).toBe(true);
    expect((await signedIn.routing.get()).published?.number).toBe(1);
    expect(await signedIn.region.list()).toEqual([]); // geography comes from the city's own GeoJSON
    const listed = (await platform.tenant.list()).find((t) => t.slug === "isfahan");
    expect(listed).toMatchObject({ nameEn: "Isfahan", status: "active", staffCount: 1 });
    const audit = await withPlatform(api.db, (tx) => listPlatformAudit(tx, { limit: 20 }));
    expect(audit.find((e) => e.action === "tenant.provisioned")).toMatchObject({ targetId: done.tenantId, detail: { slug: "isfahan", template: "metropolis" } });
    // Isolation holds for the new city as for any other.
    expect((await signedIn.staff.list()).map((s) => s.username)).toEqual(["isfahan.admin"]);
  });

  it("refuses a taken or reserved address by name, and leaves nothing behind", async () => {
    const before = (await platform.tenant.list()).length;
    expect(await failure(platform.tenant.provision(isfahan({ admin: { username: "other.admin", email: "o@isfahan.example", displayName: "دیگری" } })))).toMatchObject({
      code: "CONFLICT",
      fieldErrors: { slug: "errors.tenant.slugTaken" },
    });
    expect(await failure(platform.tenant.provision(isfahan({ slug: "platform" })))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { slug: "errors.tenant.reservedSlug" } });
    expect(await failure(platform.tenant.provision(isfahan({ slug: "Yazd City!" })))).toMatchObject({ fieldErrors: { slug: "validation.slug" } });
    // A bad admin e-mail fails inside the transaction: no city "yazd" is left half-made.
    expect(await failure(platform.tenant.provision(isfahan({ slug: "yazd", admin: { username: "y", email: "not-an-email", displayName: "" } })))).toMatchObject({ code: "BAD_REQUEST" });
    expect((await platform.tenant.list()).length).toBe(before);
  });

  it("is for platform admins only", async () => {
    const billing = api.caller(await api.signIn(null, "platform.billing"));
    expect(await failure(billing.tenant.provision(isfahan({ slug: "kerman" })))).toMatchObject({ code: "FORBIDDEN" });
    const cityAdmin = api.caller(await api.signIn("tehran", "tehran.admin"));
    expect(await failure(cityAdmin.tenant.provision(isfahan({ slug: "kerman" })))).toMatchObject({ code: "FORBIDDEN" });
  });
});
