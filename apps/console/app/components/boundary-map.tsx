import type { MouseEvent } from "react";

interface Feature {
  properties: { code: string; level: string };
  geometry: unknown;
}

type Ring = number[][];

function polygonsOf(geometry: unknown): Ring[][] {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (g?.type === "Polygon") return [g.coordinates as Ring[]];
  if (g?.type === "MultiPolygon") return g.coordinates as Ring[][];
  return [];
}

/**
 * Boundaries drawn as SVG, so the map works without a tile server (and offline).
 * Longitude is scaled by cos(latitude) so shapes keep their proportions.
 */
export function BoundaryMap({
  features,
  preview = [],
  label,
  point,
  markers = [],
  onPick,
  shades,
  heat = [],
}: {
  features: Feature[];
  preview?: Feature[];
  label: string;
  /** A marker (the message's location). */
  point?: { lat: number; lon: number } | null;
  /** Several points, each a link (the portal's public messages). */
  markers?: Array<{ id: string; lat: number; lon: number; label: string; href: string }>;
  /** When given, a click on the map picks that point. */
  onPick?: (p: { lat: number; lon: number }) => void;
  /** Districts shaded by a measure (class shade-0 … shade-4), each a link, by area code. */
  shades?: Record<string, { level: number; href: string; title: string }>;
  /** A heatmap: circles whose opacity is the weight (0–1). */
  heat?: Array<{ lat: number; lon: number; weight: number; title: string }>;
}) {
  const all = [...features, ...preview];
  const points = all.flatMap((f) => polygonsOf(f.geometry).flatMap((p) => p[0] ?? []));
  if (points.length === 0) return null;
  const lons = points.map((p) => p[0]!);
  const lats = points.map((p) => p[1]!);
  const [minX, maxX, minY, maxY] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const width = 1000;
  const height = Math.max(200, Math.round((width * (maxY - minY)) / Math.max((maxX - minX) * k, 1e-9)));
  const x = (lon: number) => (((lon - minX) * k) / Math.max((maxX - minX) * k, 1e-9)) * width;
  const y = (lat: number) => ((maxY - lat) / Math.max(maxY - minY, 1e-9)) * height;
  const d = (f: Feature) =>
    polygonsOf(f.geometry)
      .flatMap((poly) => poly.map((ring) => "M" + ring.map(([lon, lat]) => `${x(lon!).toFixed(1)},${y(lat!).toFixed(1)}`).join("L") + "Z"))
      .join(" ");
  const pick = (e: MouseEvent<SVGSVGElement>) => {
    const svg = e.currentTarget;
    const m = svg.getScreenCTM();
    if (!m || !onPick) return;
    const pt = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
    const lon = minX + (pt.x / width) * (maxX - minX);
    const lat = maxY - (pt.y / height) * (maxY - minY);
    onPick({ lat: Number(lat.toFixed(6)), lon: Number(lon.toFixed(6)) });
  };
  const order = (f: Feature) => (f.properties.level === "region" ? 1 : 0);
  return (
    <svg
      className={onPick ? "boundary-map pickable" : "boundary-map"}
      viewBox={`-10 -10 ${width + 20} ${height + 20}`}
      role={markers.length ? "group" : "img"}
      aria-label={label}
      data-testid="boundary-map"
      onClick={onPick ? pick : undefined}
    >
      {[...features].sort((a, b) => order(a) - order(b)).map((f) => {
        const shade = shades?.[f.properties.code];
        if (shade)
          return (
            <a key={f.properties.code} href={shade.href} aria-label={shade.title} data-testid="map-district" data-code={f.properties.code}>
              <path d={d(f)} className={`district shade-${shade.level}`}>
                <title>{shade.title}</title>
              </path>
            </a>
          );
        return (
          <path key={f.properties.code} d={d(f)} className={f.properties.level === "region" ? "region" : "district"}>
            <title>{f.properties.code}</title>
          </path>
        );
      })}
      {heat.map((h) => (
        <circle key={`h-${h.lat}-${h.lon}`} cx={x(h.lon)} cy={y(h.lat)} r={14} className="heat" style={{ opacity: 0.15 + 0.75 * h.weight }} data-testid="map-heat">
          <title>{h.title}</title>
        </circle>
      ))}
      {preview.map((f) => (
        <path key={`p-${f.properties.code}`} d={d(f)} className="preview">
          <title>{f.properties.code}</title>
        </path>
      ))}
      {markers.map((m) => (
        <a key={m.id} href={m.href} aria-label={m.label} data-testid="map-message">
          <circle cx={x(m.lon)} cy={y(m.lat)} r={11} className="marker message" />
          <title>{m.label}</title>
        </a>
      ))}
      {point && <circle cx={x(point.lon)} cy={y(point.lat)} r={9} className="marker" data-testid="map-marker" />}
    </svg>
  );
}
