import { notFound, percent, type RequestScope } from "@city137/core";
import { districtFigures, heatCells, listCategories, type Tx } from "@city137/db";
import type { InsightMapInput } from "@city137/validators";
import { dayRange } from "./range";

/** The heatmap's cell: about a kilometre in Iran's cities. */
export const HEAT_CELL_DEGREES = 0.01;

/** A category id must be the city's own: another city's id is NOT_FOUND, as everywhere. */
export async function requireOwnCategory(tx: Tx, tenantId: string, categoryId: string | undefined) {
  if (categoryId && !(await listCategories(tx, { tenantId })).some((c) => c.id === categoryId)) throw notFound();
}

/**
 * The map of a range (one category or all): each district's volume, deadline
 * compliance and satisfaction, with the counts behind them, and message
 * density per cell. Same scope and predicates as the dashboard.
 */
export async function insightMap(tx: Tx, p: { tenantId: string; scope: RequestScope; now: Date; input: InsightMapInput }) {
  await requireOwnCategory(tx, p.tenantId, p.input.categoryId);
  const r = dayRange(p.input.from, p.input.to);
  const base = { tenantId: p.tenantId, scope: p.scope, from: r.from, to: r.to, categoryId: p.input.categoryId };
  const rows = await districtFigures(tx, { ...base, now: p.now });
  const districts = rows.map((d) => {
    const due = d.dueResolved + d.unresolvedDeadline - d.ahead;
    return {
      districtId: d.districtId,
      volume: d.all,
      due,
      onTime: d.onTime,
      compliance: percent(d.onTime, due),
      rated: d.rated,
      satisfaction: d.rated === 0 ? null : Math.round((d.ratingSum / d.rated) * 100) / 100,
    };
  });
  const heat = await heatCells(tx, { ...base, cell: HEAT_CELL_DEGREES });
  return { from: p.input.from, to: p.input.to, categoryId: p.input.categoryId ?? null, cell: HEAT_CELL_DEGREES, districts, heat };
}
