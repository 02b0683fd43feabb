import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
let admin: ReturnType<TestApi["caller"]>;
beforeAll(async () => {
  api = await createTestApi();
  admin = api.caller(await api.signIn("shiraz", "shiraz.admin"));
});
afterAll(() => api?.close());

const byCode = async (code: string) => (await admin.category.list()).find((c) => c.code === code)!;

describe("categories", () => {
  it("Shiraz starts with the Persian tree, waste first under urban services", async () => {
    const all = await admin.category.list();
    const garbage = all.find((c) => c.code === "waste.collection")!;
    const waste = all.find((c) => c.id === garbage.parentId)!;
    expect([all.find((c) => c.id === waste.parentId)!.nameFa, waste.nameFa, garbage.nameFa]).toEqual(["خدمات شهری", "پسماند", "جمع‌آوری زباله"]);
    expect(garbage.attributes[0]).toMatchObject({ code: "waste_type", datatype: "singlevaluelist", required: true });
    expect(all.find((c) => c.code === "corruption")).toMatchObject({ public: false, kinds: ["corruption_report"] });
  });

  it("adds a sub-category with questions, refuses a loop, an unknown parent and a taken code", async () => {
    const waste = await byCode("waste");
    const created = await admin.category.create({
      code: "waste.recycling",
      parentId: waste.id,
      nameFa: "بازیافت",
      nameEn: "Recycling",
      kinds: ["request", "suggestion"],
      slaMinutes: 960,
      attributes: [{ code: "material", datatype: "multivaluelist", required: false, order: 0, labelFa: "جنس", labelEn: "Material", values: [{ key: "paper", nameFa: "کاغذ", nameEn: "Paper" }] }],
    });
    expect(created).toMatchObject({ code: "waste.recycling", parentId: waste.id, active: true });
    const loop = await failure(admin.category.update({ ...waste, id: waste.id, parentId: created.id, descriptionFa: "", descriptionEn: "", icon: null }));
    expect(loop).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { parentId: "errors.category.cycle" } });
    const tehranRoot = (await api.caller(await api.signIn("tehran", "tehran.admin")).category.list())[0]!;
    expect(await failure(admin.category.create({ code: "x", parentId: tehranRoot.id, nameFa: "الف", nameEn: "A", kinds: ["request"] }))).toMatchObject({
      code: "NOT_FOUND",
      fieldErrors: { parentId: "errors.category.unknownParent" },
    });
    expect(await failure(admin.category.create({ code: "waste", parentId: null, nameFa: "الف", nameEn: "A", kinds: ["request"] }))).toMatchObject({
      code: "CONFLICT",
      fieldErrors: { code: "errors.category.codeTaken" },
    });
    expect(await failure(admin.category.create({ code: "y", parentId: null, nameFa: "الف", nameEn: "A", kinds: [], slaMinutes: 0 }))).toMatchObject({
      fieldErrors: { kinds: "validation.required", slaMinutes: "errors.routing.slaNotPositive" },
    });
  });

  it("disables instead of deleting", async () => {
    const c = await byCode("waste.bins");
    expect((await admin.category.setActive({ id: c.id, active: false })).active).toBe(false);
    expect((await byCode("waste.bins")).active).toBe(false);
  });

  it("imports a CSV all or nothing, reporting every bad row, and round-trips its own export", async () => {
    const missing = await admin.category.import({ format: "csv", text: "code,name_fa\nx,الف\n", dryRun: false });
    expect(missing.problems.map((p) => p.field)).toEqual(expect.arrayContaining(["parent", "name_en", "kinds"]));
    const before = (await admin.category.list()).length;
    const bad = await admin.category.import({
      format: "csv",
      dryRun: false,
      text: "code,parent,name_fa,name_en,kinds,priority,sla_minutes\nnew.a,waste,الف,A,request,normal,60\nnew.b,nowhere,ب,B,request,normal,60\nnew.c,,,C,wish,normal,0\n",
    });
    expect(bad.applied).toBe(false);
    expect(bad.problems).toEqual([
      { row: 3, field: "parent", messageKey: "errors.category.unknownParent" },
      { row: 4, field: "name_fa", messageKey: "validation.required" },
      { row: 4, field: "kinds", messageKey: "validation.invalid" },
      { row: 4, field: "sla_minutes", messageKey: "errors.routing.slaNotPositive" },
    ].sort((a, b) => a.row - b.row));
    expect((await admin.category.list()).length).toBe(before);

    const exported = await admin.category.export({ format: "csv" });
    expect(exported.text.split("\n")[0]).toContain("code,parent,name_fa,name_en,kinds");
    const edited = exported.text.replace("جمع‌آوری زباله", "جمع‌آوری پسماند خانگی");
    const result = await admin.category.import({ format: "csv", text: edited, dryRun: false });
    expect(result).toMatchObject({ applied: true, problems: [] });
    expect((await byCode("waste.collection")).nameFa).toBe("جمع‌آوری پسماند خانگی");
    expect((await admin.category.list()).length).toBe(before);
    const json = await admin.category.export({ format: "json" });
    expect((await admin.category.import({ format: "json", text: json.text, dryRun: true })).problems).toEqual([]);
  });
});
