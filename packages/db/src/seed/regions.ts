import { syntheticBoundaries, toPersianDigits } from "@city137/core";
import type { GeographyInput } from "../config/apply-template";
import type { DemoCity } from "./cities";

const pad = (n: number) => String(n).padStart(2, "0");

/** Regions and districts with plausible synthetic boundaries inside the city's real bounding box. */
export function demoGeography(city: Pick<DemoCity, "bbox" | "districtsPerRegion">): GeographyInput {
  const { regions, districts } = syntheticBoundaries(city.bbox, city.districtsPerRegion);
  return {
    regions: regions.map((r) => ({
      code: `R${pad(r.regionNumber)}`,
      number: r.regionNumber,
      nameFa: `منطقهٔ ${toPersianDigits(r.regionNumber)}`,
      nameEn: `Region ${r.regionNumber}`,
      boundary: r.geometry,
      districts: districts
        .filter((d) => d.regionNumber === r.regionNumber)
        .map((d) => ({
          code: `R${pad(r.regionNumber)}-D${pad(d.districtNumber!)}`,
          number: d.districtNumber!,
          nameFa: `ناحیهٔ ${toPersianDigits(d.districtNumber!)}`,
          nameEn: `District ${d.districtNumber}`,
          boundary: d.geometry,
        })),
    })),
  };
}
