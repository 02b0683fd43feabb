import type { Polygon } from "geojson";

/**
 * Plausible synthetic boundaries for demo cities: the city's bounding box cut
 * into region rectangles, each cut into district rectangles. Neighbours share
 * edges exactly, so nothing overlaps and every point inside the box falls in
 * exactly one district.
 */
export interface SyntheticArea {
  regionNumber: number;
  districtNumber: number | null;
  geometry: Polygon;
}

export function syntheticBoundaries(
  bbox: [number, number, number, number],
  districtsPerRegion: number[],
): { regions: SyntheticArea[]; districts: SyntheticArea[] } {
  const [minX, minY, maxX, maxY] = bbox;
  const n = districtsPerRegion.length;
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const regions: SyntheticArea[] = [];
  const districts: SyntheticArea[] = [];
  for (let r = 0; r < n; r++) {
    const row = Math.floor(r / cols);
    const col = r % cols;
    // the last row stretches so the regions cover the whole box
    const inRow = row === rows - 1 ? n - row * cols : cols;
    const w = (maxX - minX) / inRow;
    const h = (maxY - minY) / rows;
    const x0 = minX + col * w;
    const y1 = maxY - row * h;
    regions.push({ regionNumber: r + 1, districtNumber: null, geometry: rect(x0, y1 - h, x0 + w, y1) });
    const k = districtsPerRegion[r]!;
    for (let d = 0; d < k; d++) {
      districts.push({ regionNumber: r + 1, districtNumber: d + 1, geometry: rect(x0 + (d * w) / k, y1 - h, x0 + ((d + 1) * w) / k, y1) });
    }
  }
  return { regions, districts };
}

function rect(x0: number, y0: number, x1: number, y1: number): Polygon {
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  return { type: "Polygon", coordinates: [[[r(x0), r(y0)], [r(x1), r(y0)], [r(x1), r(y1)], [r(x0), r(y1)], [r(x0), r(y0)]]] };
}
