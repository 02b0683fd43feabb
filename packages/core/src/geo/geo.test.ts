import { describe, expect, it } from "vitest";
import type { Polygon } from "geojson";
import { checkBoundaryImport } from "./boundary-import";
import { DistrictIndex } from "./district-index";
import { syntheticBoundaries } from "./synthetic";

const TEHRAN_BBOX: [number, number, number, number] = [51.1, 35.55, 51.6, 35.83];
const perRegion = Array.from({ length: 22 }, (_, i) => (i < 14 ? 6 : 5)); // 14×6 + 8×5 = 124

describe("district lookup", () => {
  const { districts } = syntheticBoundaries(TEHRAN_BBOX, perRegion);
  const index = new DistrictIndex(districts.map((d) => ({ id: `R${d.regionNumber}-D${d.districtNumber}`, regionId: `R${d.regionNumber}`, geometry: d.geometry })));

  it("covers Tehran with 124 districts in 22 regions", () => {
    expect(districts).toHaveLength(124);
    expect(index.size).toBe(124);
  });
  it("finds the district and region containing a point", () => {
    // the north-west corner belongs to region 1, district 1
    expect(index.locate(51.1001, 35.8299)).toEqual({ districtId: "R1-D1", regionId: "R1" });
    // every district's own centre is found in that district
    for (const d of districts) {
      const ring = d.geometry.coordinates[0]!;
      const [x0, y0] = ring[0]!;
      const [x1, y1] = ring[2]!;
      expect(index.locate((x0! + x1!) / 2, (y0! + y1!) / 2)?.districtId).toBe(`R${d.regionNumber}-D${d.districtNumber}`);
    }
  });
  it("reports a point outside every boundary as outside, not the nearest district", () => {
    expect(index.locate(52.5, 29.6)).toBeNull(); // Shiraz
    expect(index.locate(Number.NaN, 35.7)).toBeNull();
    expect(new DistrictIndex([]).locate(51.3, 35.7)).toBeNull();
  });
});

const square = (x: number, y: number, s = 0.01): Polygon => ({
  type: "Polygon",
  coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]],
});
const feat = (props: Record<string, unknown>, geometry: unknown) => ({ type: "Feature", properties: props, geometry });

describe("boundary import", () => {
  it("accepts a clean region → district file, including districts sharing a border", () => {
    const report = checkBoundaryImport({
      type: "FeatureCollection",
      features: [
        feat({ code: "R1", level: "region", name_fa: "منطقهٔ ۱", name_en: "Region 1" }, square(51.4, 35.7, 0.02)),
        feat({ code: "D1", level: "district", parent: "R1", name_fa: "ناحیهٔ ۱", name_en: "District 1" }, square(51.4, 35.7)),
        feat({ code: "D2", level: "district", parent: "R1", name_fa: "ناحيه ۲", name_en: "District 2" }, square(51.41, 35.7)),
      ],
    });
    expect(report.rejected).toEqual([]);
    expect(report.accepted.map((a) => [a.code, a.level, a.parentCode, a.nameFa])).toEqual([
      ["R1", "region", null, "منطقهٔ ۱"],
      ["D1", "district", "R1", "ناحیهٔ ۱"],
      ["D2", "district", "R1", "ناحیه ۲"],
    ]);
  });

  it("reports every problem, per feature, with its reason", () => {
    const bowtie: Polygon = { type: "Polygon", coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] };
    const report = checkBoundaryImport(
      {
        type: "FeatureCollection",
        features: [
          feat({ code: "D9", level: "district", parent: "R1", name_fa: "الف", name_en: "A" }, square(51.4, 35.7)),
          feat({ code: "D10", level: "district", parent: "R1", name_fa: "ب", name_en: "B" }, square(51.405, 35.705)),
          feat({ code: "D11", level: "district", parent: "R99", name_fa: "پ", name_en: "C" }, square(51.5, 35.7)),
          feat({ code: "D9", level: "district", parent: "R1", name_fa: "ت", name_en: "D" }, square(51.6, 35.7)),
          feat({ code: "D12", level: "district", parent: "R1", name_fa: "ث", name_en: "E" }, bowtie),
          feat({ code: "D13", level: "district", parent: "R1", name_fa: "ج", name_en: "F" }, { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1]]] }),
          feat({ code: "D14", level: "street", name_fa: "چ", name_en: "G" }, square(51.7, 35.7)),
          feat({ code: "D15", level: "district", parent: "R1", name_en: "H" }, square(51.8, 35.7)),
          { type: "Point" },
        ],
      },
      [{ code: "R1", level: "region" }],
    );
    expect(report.rejected.map((r) => [r.index, r.code, r.reason, r.detail])).toEqual([
      [0, "D9", "overlap", "D10"],
      [1, "D10", "overlap", "D9"],
      [2, "D11", "unknown_parent", "R99"],
      [3, "D9", "duplicate_code", undefined],
      [4, "D12", "self_intersection", undefined],
      [5, "D13", "invalid_geometry", undefined],
      [6, "D14", "bad_level", "street"],
      [7, "D15", "missing_property", "name_fa"],
      [8, null, "not_a_feature", undefined],
    ]);
    expect(report.accepted).toEqual([]);
  });

  it("refuses something that is not a FeatureCollection", () => {
    expect(checkBoundaryImport({ type: "Feature" }).rejected).toEqual([{ index: -1, code: null, reason: "not_a_feature", detail: "FeatureCollection" }]);
    expect(checkBoundaryImport("{not json}").rejected).toHaveLength(1);
  });
});
