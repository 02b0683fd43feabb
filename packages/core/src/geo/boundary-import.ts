import { area as turfArea } from "@turf/area";
import { feature, featureCollection } from "@turf/helpers";
import { intersect } from "@turf/intersect";
import { kinks } from "@turf/kinks";
import Flatbush from "flatbush";
import type { MultiPolygon, Polygon, Position } from "geojson";
import { cleanPersianText, normalizePersian } from "../text/normalize";
import { bboxOf } from "./district-index";

export const AREA_LEVELS = ["region", "district", "neighbourhood"] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

export interface ImportedArea {
  code: string;
  level: AreaLevel;
  parentCode: string | null;
  nameFa: string;
  nameEn: string;
  geometry: Polygon | MultiPolygon;
}

export interface Rejection {
  /** Position of the feature in the file, from 0. */
  index: number;
  code: string | null;
  reason:
    | "not_a_feature"
    | "invalid_geometry"
    | "self_intersection"
    | "missing_property"
    | "bad_level"
    | "duplicate_code"
    | "unknown_parent"
    | "overlap";
  /** The property at fault, or the code of the area it overlaps. */
  detail?: string;
}

export interface BoundaryImportReport {
  accepted: ImportedArea[];
  rejected: Rejection[];
}

/** Areas already in the city, that imported ones may name as parents. */
export interface ExistingArea {
  code: string;
  level: AreaLevel;
}

const PARENT_LEVEL: Record<AreaLevel, AreaLevel | null> = { region: null, district: "region", neighbourhood: "district" };
/** Overlaps smaller than this many square metres are drawing noise along shared borders. */
const OVERLAP_TOLERANCE_M2 = 500;

/**
 * Reads a GeoJSON FeatureCollection of boundaries and reports, per feature,
 * whether it is accepted and why not. The caller applies the import only
 * when nothing was rejected, so an import is all or nothing.
 * Properties: code, level (region|district|neighbourhood), parent (code),
 * name_fa, name_en.
 */
export function checkBoundaryImport(input: unknown, existing: ExistingArea[] = []): BoundaryImportReport {
  const rejected: Rejection[] = [];
  if (!isObject(input) || input.type !== "FeatureCollection" || !Array.isArray(input.features)) {
    return { accepted: [], rejected: [{ index: -1, code: null, reason: "not_a_feature", detail: "FeatureCollection" }] };
  }
  const candidates: Array<{ index: number; area: ImportedArea }> = [];
  const seen = new Map<string, number>();
  input.features.forEach((f: unknown, index: number) => {
    const r = readFeature(f, index);
    if ("reason" in r) return void rejected.push(r);
    if (seen.has(r.code) || existing.some((e) => e.code === r.code)) {
      return void rejected.push({ index, code: r.code, reason: "duplicate_code" });
    }
    seen.set(r.code, index);
    candidates.push({ index, area: r });
  });
  const levelOf = new Map<string, AreaLevel>([
    ...existing.map((e) => [e.code, e.level] as const),
    ...candidates.map((c) => [c.area.code, c.area.level] as const),
  ]);
  const parented = candidates.filter(({ index, area }) => {
    const want = PARENT_LEVEL[area.level];
    const ok = want === null ? area.parentCode === null : !!area.parentCode && levelOf.get(area.parentCode) === want;
    if (!ok) rejected.push({ index, code: area.code, reason: "unknown_parent", detail: area.parentCode ?? "" });
    return ok;
  });
  const overlapping = findOverlaps(parented.map((c) => c.area));
  const accepted: ImportedArea[] = [];
  parented.forEach(({ index, area }) => {
    const other = overlapping.get(area.code);
    if (other) rejected.push({ index, code: area.code, reason: "overlap", detail: other });
    else accepted.push(area);
  });
  rejected.sort((a, b) => a.index - b.index);
  return { accepted, rejected };
}

function readFeature(f: unknown, index: number): ImportedArea | Rejection {
  if (!isObject(f) || f.type !== "Feature" || !isObject(f.properties)) return { index, code: null, reason: "not_a_feature" };
  const p = f.properties as Record<string, unknown>;
  const code = typeof p.code === "string" || typeof p.code === "number" ? normalizePersian(String(p.code)) : "";
  for (const key of ["code", "level", "name_fa", "name_en"]) {
    const v = key === "code" ? code : p[key];
    if (typeof v !== "string" || !v.trim()) return { index, code: code || null, reason: "missing_property", detail: key };
  }
  const level = String(p.level).trim() as AreaLevel;
  if (!AREA_LEVELS.includes(level)) return { index, code, reason: "bad_level", detail: String(p.level) };
  const geometry = f.geometry as Polygon | MultiPolygon | null;
  if (!validGeometry(geometry)) return { index, code, reason: "invalid_geometry" };
  if (kinks(feature(geometry)).features.length > 0) return { index, code, reason: "self_intersection" };
  const parent = p.parent;
  return {
    code,
    level,
    parentCode: typeof parent === "string" && parent.trim() ? normalizePersian(parent) : null,
    nameFa: cleanPersianText(String(p.name_fa)),
    nameEn: String(p.name_en).trim(),
    geometry,
  };
}

function validGeometry(g: Polygon | MultiPolygon | null): g is Polygon | MultiPolygon {
  if (!g || (g.type !== "Polygon" && g.type !== "MultiPolygon") || !Array.isArray(g.coordinates)) return false;
  const polys = (g.type === "Polygon" ? [g.coordinates] : g.coordinates) as unknown[];
  return polys.length > 0 && polys.every((rings) => Array.isArray(rings) && rings.length > 0 && rings.every(validRing));
}

function validRing(ring: unknown): boolean {
  if (!Array.isArray(ring) || ring.length < 4) return false;
  const ok = ring.every(
    (p: unknown) =>
      Array.isArray(p) && p.length >= 2 && Math.abs(p[0] as number) <= 180 && Math.abs(p[1] as number) <= 90 &&
      Number.isFinite(p[0]) && Number.isFinite(p[1]),
  );
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  return ok && first[0] === last[0] && first[1] === last[1];
}

/** Areas of the same level whose interiors overlap (beyond a border tolerance): code → the other code. */
function findOverlaps(areas: ImportedArea[]): Map<string, string> {
  const out = new Map<string, string>();
  if (areas.length < 2) return out;
  const index = new Flatbush(areas.length);
  for (const a of areas) index.add(...bboxOf(a.geometry));
  index.finish();
  areas.forEach((a, i) => {
    for (const j of index.search(...bboxOf(a.geometry))) {
      if (j <= i) continue;
      const b = areas[j]!;
      if (a.level !== b.level) continue;
      const shared = intersect(featureCollection([feature(a.geometry), feature(b.geometry)]));
      if (shared && turfArea(shared) > OVERLAP_TOLERANCE_M2) {
        if (!out.has(a.code)) out.set(a.code, b.code);
        if (!out.has(b.code)) out.set(b.code, a.code);
      }
    }
  });
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> & { type?: unknown; features?: unknown; properties?: unknown } {
  return typeof v === "object" && v !== null;
}
