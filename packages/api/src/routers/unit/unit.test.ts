import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
let admin: ReturnType<TestApi["caller"]>;
beforeAll(async () => {
  api = await createTestApi();
  admin = api.caller(await api.signIn("mashhad", "mashhad.admin"));
});
afterAll(() => api?.close());

describe("units", () => {
  it("adds an organisation, and refuses a duplicate code or another city's area", async () => {
    const u = await admin.unit.create({ code: "METRO", kind: "organisation", nameFa: "سازمان قطار شهری", nameEn: "Urban Rail Organisation", contactEmail: "metro@mashhad.example" });
    expect(u).toMatchObject({ code: "METRO", active: true });
    expect(await failure(admin.unit.create({ code: "METRO", kind: "organisation", nameFa: "الف", nameEn: "A" }))).toMatchObject({ code: "CONFLICT", fieldErrors: { code: "errors.unit.codeTaken" } });
    const tehranArea = (await api.caller(await api.signIn("tehran", "tehran.admin")).area.list())[0]!;
    expect(await failure(admin.unit.create({ code: "X", kind: "region_office", nameFa: "الف", nameEn: "A", areaId: tehranArea.id }))).toMatchObject({
      code: "NOT_FOUND",
      fieldErrors: { areaId: "errors.unit.unknownArea" },
    });
  });

  it("will not deactivate a unit the live routing tree sends work to, names the rule, and deactivates an unused one", async () => {
    const units = await admin.unit.list();
    const waste = units.find((u) => u.code === "WASTE")!;
    expect(await failure(admin.unit.setActive({ id: waste.id, active: false }))).toMatchObject({
      code: "CONFLICT",
      messageKey: "errors.unit.usedByRouting",
      params: { rule: "نخاله به سازمان پسماند" },
    });
    const metro = units.find((u) => u.code === "METRO")!;
    expect((await admin.unit.setActive({ id: metro.id, active: false })).active).toBe(false);
  });
});
