import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
let admin: ReturnType<TestApi["caller"]>;
let unitStaff: ReturnType<TestApi["caller"]>;
let wasteId: string;

beforeAll(async () => {
  api = await createTestApi();
  admin = api.caller(await api.signIn("tehran", "tehran.admin"));
  unitStaff = api.caller(await api.signIn("tehran", "tehran.unitstaff"));
  wasteId = (await admin.category.list()).find((c) => c.code === "waste.collection")!.id;
});
afterAll(() => api?.close());

describe("ready answers (پاسخ‌های آماده)", () => {
  it("an admin adds one for a category; unit staff are offered it until it is retired", async () => {
    const t = await admin.responseTemplate.create({ categoryId: wasteId, titleFa: "تخلیهٔ مخزن", titleEn: "Bin emptied", body: "مخزن زباله تخلیه و محل شست‌وشو شد. از گزارش شما سپاسگزاریم." });
    expect((await unitStaff.responseTemplate.list()).map((x) => x.id)).toContain(t.id);
    await admin.responseTemplate.update({ id: t.id, categoryId: wasteId, titleFa: "تخلیهٔ مخزن", titleEn: "Bin emptied", body: "مخزن تخلیه شد.", position: 1 });
    expect((await unitStaff.responseTemplate.list()).find((x) => x.id === t.id)?.body).toBe("مخزن تخلیه شد.");
    await admin.responseTemplate.setActive({ id: t.id, active: false });
    expect((await unitStaff.responseTemplate.list()).map((x) => x.id)).not.toContain(t.id);
    // The admin still sees it, to bring it back.
    expect((await admin.responseTemplate.list()).find((x) => x.id === t.id)?.active).toBe(false);
  });

  it("names the bad field, and refuses another city's category and template", async () => {
    expect(await failure(admin.responseTemplate.create({ categoryId: null, titleFa: "", titleEn: "x", body: "" }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { titleFa: "validation.required", body: "validation.required" },
    });
    const shirazAdmin = api.caller(await api.signIn("shiraz", "shiraz.admin"));
    expect(await failure(shirazAdmin.responseTemplate.create({ categoryId: wasteId, titleFa: "الف", titleEn: "A", body: "ب" }))).toMatchObject({ code: "NOT_FOUND", fieldErrors: { categoryId: "errors.request.unknownCategory" } });
    const tehranOne = await admin.responseTemplate.create({ categoryId: null, titleFa: "عمومی", titleEn: "General", body: "پیام شما بررسی شد." });
    expect(await failure(shirazAdmin.responseTemplate.setActive({ id: tehranOne.id, active: false }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await shirazAdmin.responseTemplate.list()).map((x) => x.id)).not.toContain(tehranOne.id);
    // Positive control: Tehran's own admin can.
    expect(await admin.responseTemplate.setActive({ id: tehranOne.id, active: false })).toMatchObject({ active: false });
  });
});
