import { notFound, percent, type RequestScope } from "@city137/core";
import { districtFigures, HEAT_CELL_DEGREES, heatCells, listCategories, rolledDistrictFigures, rolledHeatCells, type Tx } from "@city137/db";
import type { InsightMapInput } from "@city137/validators";
import { dayRange } from "./range";

/** A category id must be the city's own: another city's id is NOT_FOUND, as everywhere. */
export async function requireOwnCategory(tx: Tx, tenantId: string, categoryId: string | undefined) {
  if (categoryId && !(await listCategories(tx, { tenantId })).some((c) => c.id === categoryId)) throw notFound();
}

/**
 * The map of a range (one category or all): each district's volume, deadline
 * compliance and satisfaction, with the counts behind them, and message
 * density per cell. Same scope and predicates as the dashboard. rollup: for a city-wide
 * viewer the districts come from the daily rollup without a category (ADR 026) and the
 * heatmap from the cell rollup with or without one (ADR 027); false reads the messages
 * (the test's reference). Unit staff read the messages.
 */
export async function insightMap(tx: Tx, p: { tenantId: string; scope: RequestScope; now: Date; input: InsightMapInput; rollup?: boolean }) {
  await requireOwnCategory(tx, p.tenantId, p.input.categoryId);
  const r = dayRange(p.input.from, p.input.to);
  const base = { tenantId: p.tenantId, scope: p.scope, from: r.from, to: r.to, categoryId: p.input.categoryId };
  const cityWide = (p.rollup ?? true) && p.scope.units === "all";
  const rows = cityWide && !p.input.categoryId ? await rolledDistrictFigures(tx, { tenantId: p.tenantId, scope: p.scope, fromDay: r.fromDay, toDay: r.toDay, from: r.from, to: r.to, now: p.now }) : await districtFigures(tx, { ...base, now: p.now });
  const districts = [...rows].sort((a, b) => (a.districtId < b.districtId ? -1 : a.districtId > b.districtId ? 1 : 0)).map((d) => {
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
  const heat = cityWide ? await rolledHeatCells(tx, { tenantId: p.tenantId, scope: p.scope, fromDay: r.fromDay, toDay: r.toDay, categoryId: p.input.categoryId }) : await heatCells(tx, base);
  return { from: p.input.from, to: p.input.to, categoryId: p.input.categoryId ?? null, cell: HEAT_CELL_DEGREES, districts, heat };
}
