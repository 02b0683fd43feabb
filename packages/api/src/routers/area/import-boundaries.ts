import { AppError, checkBoundaryImport, type BoundaryImportReport } from "@city137/core";
import { insertImportedAreas, listAreas, recordAudit, type Tx } from "@city137/db";

export interface ImportOutcome {
  applied: boolean;
  accepted: Array<{ code: string; level: string; parentCode: string | null; nameFa: string; nameEn: string }>;
  rejected: BoundaryImportReport["rejected"];
  /** The accepted boundaries, for the map preview. */
  preview: { type: "FeatureCollection"; features: unknown[] };
}

/**
 * Checks a GeoJSON upload feature by feature; applies it only when asked and
 * only when every feature was accepted (all or nothing).
 */
export async function importBoundaries(
  tx: Tx,
  p: { tenantId: string; actorId: string; ip: string | null; geojson: string; dryRun: boolean },
): Promise<ImportOutcome> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(p.geojson);
  } catch {
    throw new AppError("BAD_REQUEST", "errors.geo.notJson", { field: "geojson" });
  }
  const existing = await listAreas(tx, { tenantId: p.tenantId });
  const report = checkBoundaryImport(parsed, existing.map((a) => ({ code: a.code, level: a.level })));
  const applied = !p.dryRun && report.rejected.length === 0 && report.accepted.length > 0;
  if (applied) {
    await insertImportedAreas(tx, { tenantId: p.tenantId, areas: report.accepted });
    await recordAudit(tx, p.tenantId, {
      action: "config.boundaries_imported",
      actorId: p.actorId,
      targetType: "areas",
      detail: { codes: report.accepted.map((a) => a.code) },
      ip: p.ip,
    });
  }
  return {
    applied,
    accepted: report.accepted.map(({ geometry: _g, ...a }) => a),
    rejected: report.rejected,
    preview: {
      type: "FeatureCollection",
      features: report.accepted.map((a) => ({ type: "Feature", properties: { code: a.code, level: a.level, name_fa: a.nameFa }, geometry: a.geometry })),
    },
  };
}
