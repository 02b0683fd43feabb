import { describe, expect, it } from "vitest";
import { categoryRowsToCsv, parseCategoryCsv, parseCategoryJson } from "./import";
import { createsCycle } from "./tree";

describe("category tree", () => {
  const rows = [
    { id: "a", parentId: null },
    { id: "b", parentId: "a" },
    { id: "c", parentId: "b" },
  ];
  it("spots a loop through any depth, and allows moving under a sibling branch", () => {
    expect(createsCycle(rows, "a", "c")).toBe(true);
    expect(createsCycle(rows, "b", "b")).toBe(true);
    expect(createsCycle(rows, "c", "a")).toBe(false);
    expect(createsCycle(rows, "b", null)).toBe(false);
  });
});

describe("category CSV", () => {
  it("round-trips Persian names, lists of kinds and empty SLAs, with a BOM for spreadsheet apps", () => {
    const csv = categoryRowsToCsv([
      { code: "waste", parentCode: null, nameFa: "پسماند، بازیافت", nameEn: 'Waste "and" recycling', kinds: ["request", "complaint"], priority: "normal", slaMinutes: null, public: true, externalAgency: null },
      { code: "water", parentCode: "waste", nameFa: "آب", nameEn: "Water", kinds: ["inquiry"], priority: "urgent", slaMinutes: 120, public: false, externalAgency: "water" },
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const { rows, problems } = parseCategoryCsv(csv);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ nameFa: "پسماند، بازیافت", nameEn: 'Waste "and" recycling', kinds: ["request", "complaint"], slaMinutes: null });
    expect(rows[1]).toMatchObject({ parentCode: "waste", priority: "urgent", public: false, externalAgency: "water" });
  });
  it("names a missing column once, on the header line", () => {
    expect(parseCategoryCsv("code,parent,name_fa\n").problems).toEqual([
      { row: 1, field: "name_en", messageKey: "errors.import.missingColumn" },
      { row: 1, field: "kinds", messageKey: "errors.import.missingColumn" },
      { row: 1, field: "priority", messageKey: "errors.import.missingColumn" },
      { row: 1, field: "sla_minutes", messageKey: "errors.import.missingColumn" },
    ]);
  });
  it("reads JSON with arrays of kinds and refuses what is not an array", () => {
    expect(parseCategoryJson('[{"code":"a","name_fa":"الف","name_en":"A","kinds":["request"]}]').rows[0]!.kinds).toEqual(["request"]);
    expect(parseCategoryJson('{"code":"a"}').problems[0]!.messageKey).toBe("errors.import.notArray");
    expect(parseCategoryJson("nope").problems[0]!.messageKey).toBe("errors.import.notJson");
  });
});
