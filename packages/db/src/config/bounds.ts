import { bboxOf } from "@city137/core";
import type { MultiPolygon, Polygon } from "geojson";

export function boundsOf(boundary: Polygon | MultiPolygon | null) {
  if (!boundary) return { minLon: null, minLat: null, maxLon: null, maxLat: null };
  const [minLon, minLat, maxLon, maxLat] = bboxOf(boundary);
  return { minLon, minLat, maxLon, maxLat };
}
