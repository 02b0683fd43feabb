import Flatbush from "flatbush";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import type { MultiPolygon, Polygon, Position } from "geojson";

export interface Area {
  id: string;
  /** The region a district belongs to (itself for a region). */
  regionId: string | null;
  geometry: Polygon | MultiPolygon;
}

export interface Located {
  districtId: string;
  regionId: string | null;
}

export function bboxOf(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity; // prettier-ignore
  const polys: Position[][][] = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  for (const poly of polys) {
    for (const [x, y] of poly[0] ?? []) {
      if (x! < minX) minX = x!;
      if (y! < minY) minY = y!;
      if (x! > maxX) maxX = x!;
      if (y! > maxY) maxY = y!;
    }
  }
  return [minX, minY, maxX, maxY];
}

/**
 * Point → district. A static R-tree over the boundaries' boxes narrows the
 * candidates to one or two, then an exact point-in-polygon test decides. A
 * point outside every boundary answers null: the caller reports it, never
 * guesses the nearest.
 */
export class DistrictIndex {
  private readonly index: Flatbush | null;

  constructor(private readonly areas: Area[]) {
    if (areas.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(areas.length);
    for (const a of areas) this.index.add(...bboxOf(a.geometry));
    this.index.finish();
  }

  get size() {
    return this.areas.length;
  }

  locate(lon: number, lat: number): Located | null {
    if (!this.index || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
    const candidates = this.index.search(lon, lat, lon, lat);
    for (const i of candidates) {
      const area = this.areas[i]!;
      if (booleanPointInPolygon([lon, lat], area.geometry)) return { districtId: area.id, regionId: area.regionId };
    }
    return null;
  }
}
