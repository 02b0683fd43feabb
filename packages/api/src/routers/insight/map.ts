import { notFound, percent, type RequestScope } from "@city137/core";
import { districtFigures, heatCells, listCategories, rolledDistrictFigures, type Tx } from "@city137/db";
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
 * density per cell. Same scope and predicates as the dashboard. rollup: the districts
 * come from the daily rollup for a city-wide viewer without a category (ADR 026);
 * false reads the messages (the test's reference). The heatmap reads the messages.
 */
export async function insightMap(tx: Tx, p: { tenantId: string; scope: RequestScope; now: Date; input: InsightMapInput; rollup?: boolean }) {
  await requireOwnCategory(tx, p.tenantId, p.input.categoryId);
  const r = dayRange(p.input.from, p.input.to);
  const base = { tenantId: p.tenantId, scope: p.scope, from: r.from, to: r.to, categoryId: p.input.categoryId };
  const rolled = (p.rollup ?? true) && p.scope.units === "all" && !p.input.categoryId;
  const rows = rolled ? await rolledDistrictFigures(tx, { tenantId: p.tenantId, scope: p.scope, fromDay: r.fromDay, toDay: r.toDay, from: r.from, to: r.to, now: p.now }) : await districtFigures(tx, { ...base, now: p.now });
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
  const heat = await heatCells(tx, { ...base, cell: HEAT_CELL_DEGREES });
  return { from: p.input.from, to: p.input.to, categoryId: p.input.categoryId ?? null, cell: HEAT_CELL_DEGREES, districts, heat };
}
