import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const square = (x: number, y: number, s = 0.01) => ({ type: "Polygon", coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] });
const fc = (...features: unknown[]) => JSON.stringify({ type: "FeatureCollection", features });
const f = (props: Record<string, unknown>, geometry: unknown) => ({ type: "Feature", properties: props, geometry });

describe("areas", () => {
  it("Tehran has 22 regions and 124 districts, each district inside the city box", async () => {
    const admin = api.caller(await api.signIn("tehran", "tehran.admin"));
    const areas = await admin.area.list();
    expect(areas.filter((a) => a.level === "region")).toHaveLength(22);
    expect(areas.filter((a) => a.level === "district")).toHaveLength(124);
  });

  it("locates a point in the caller's own city only", async () => {
    const tehran = api.caller(await api.signIn("tehran", "tehran.operator"));
    const shiraz = api.caller(await api.signIn("shiraz", "shiraz.operator"));
    const inTehran = { lat: 35.7, lon: 51.35 };
    const hit = await tehran.area.locate(inTehran);
    expect(hit).not.toBeNull();
    const ids = new Set((await tehran.area.list()).map((a) => a.id));
    expect(ids.has(hit!.districtId) && ids.has(hit!.regionId!)).toBe(true);
    expect(await shiraz.area.locate(inTehran)).toBeNull();
    expect(await shiraz.area.locate({ lat: 29.62, lon: 52.5 })).not.toBeNull(); // control
  });

  it("reports a bad import feature by feature and applies nothing; a clean one applies and exports back", async () => {
    const admin = api.caller(await api.signIn("qom", "qom.admin"));
    const before = (await admin.area.list()).length;
    const bad = await admin.area.importBoundaries({
      dryRun: false,
      geojson: fc(
        f({ code: "R09", level: "region", name_fa: "منطقهٔ ۹", name_en: "Region 9" }, square(51.0, 34.75, 0.05)),
        f({ code: "R01", level: "region", name_fa: "تکراری", name_en: "Dup" }, square(51.2, 34.75)),
        f({ code: "R09-D01", level: "district", parent: "R99", name_fa: "ناحیه", name_en: "D" }, square(51.0, 34.75)),
      ),
    });
    expect(bad.applied).toBe(false);
    expect(bad.rejected.map((r) => [r.index, r.reason])).toEqual([[1, "duplicate_code"], [2, "unknown_parent"]]);
    expect((await admin.area.list()).length).toBe(before);

    const good = await admin.area.importBoundaries({
      dryRun: false,
      geojson: fc(
        f({ code: "R09", level: "region", name_fa: "منطقهٔ ۹", name_en: "Region 9" }, square(51.0, 34.75, 0.05)),
        f({ code: "R09-D01", level: "district", parent: "R09", name_fa: "ناحیهٔ ۱", name_en: "District 1" }, square(51.0, 34.75, 0.02)),
      ),
    });
    expect(good).toMatchObject({ applied: true, rejected: [] });
    expect((await admin.area.list()).length).toBe(before + 2);
    const located = await admin.area.locate({ lat: 34.755, lon: 51.005 });
    const d = (await admin.area.list()).find((a) => a.code === "R09-D01")!;
    expect(located?.districtId).toBe(d.id);
    expect((await admin.unit.list()).some((u) => u.code === "R09-D01-OFFICE" && u.areaId === d.id)).toBe(true);
    const exported = await admin.area.exportBoundaries();
    expect(exported.features.find((x) => x.properties.code === "R09-D01")?.properties).toEqual({ code: "R09-D01", level: "district", parent: "R09", name_fa: "ناحیهٔ ۱", name_en: "District 1" });
  });

  it("refuses text that is not JSON at the field", async () => {
    const admin = api.caller(await api.signIn("qom", "qom.admin"));
    expect(await failure(admin.area.importBoundaries({ geojson: "{nope", dryRun: true }))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { geojson: "errors.geo.notJson" } });
  });
});
