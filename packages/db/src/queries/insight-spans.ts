import { and, eq, sql, type SQL } from "drizzle-orm";
import { SPAN_KINDS, spansOfDays, type Dimension, type Span, type SpanKind } from "@city137/core";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Tx } from "../client";
import { insightDaily, insightSpan, insightSpanCells, insightSpanHours } from "../schema";
import { SERVICE_COUNT_KEYS } from "./insight";
import { intArray, textArray } from "./lists";

/*
 * The month and week span rows over the daily rollups (docs/decisions/032): written as the sums
 * of their day rows whenever those are rewritten, read for the whole spans of a range.
 */

/** The breakdowns stored: every dashboard dimension (district too, for the map); 'none' holds day totals. */
export const ROLLUP_DIMENSIONS = ["channel", "kind", "category", "region", "district", "unit", "shift"] as const satisfies ReadonlyArray<Exclude<Dimension, "none">>;
/** Spans of one kind as `kind = … and start_day = any(…)`, all kinds or-ed (false for none). */
export function spansWhere(t: { kind: AnyPgColumn; startDay: AnyPgColumn }, spans: Span[]): SQL {
  const parts = SPAN_KINDS.map((k) => ({ k, starts: spans.filter((s) => s.kind === k).map((s) => s.start) }))
    .filter((x) => x.starts.length)
    .map((x) => sql`(${t.kind} = ${x.k} and ${t.startDay} = any(${intArray(x.starts)}))`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/**
 * Rewrites the span rows (docs/decisions/032) of every span holding one of `days` (every day
 * with rollup rows when none are given) as the sums of their current day rows: the dashboards'
 * volumes and the heatmap's cells. Called after the day rows of `days` were rewritten.
 */
export async function rewriteSpans(tx: Tx, p: { tenantId: string; days?: number[] }) {
  const days = p.days ?? (await tx.selectDistinct({ day: insightDaily.day }).from(insightDaily).where(and(eq(insightDaily.tenantId, p.tenantId), eq(insightDaily.dimension, "none")))).map((r) => r.day);
  const spans = spansOfDays(days);
  for (const t of [insightSpan, insightSpanHours, insightSpanCells]) await tx.delete(t).where(and(eq(t.tenantId, p.tenantId), p.days ? spansWhere(t, spans) : undefined));
  if (!spans.length) return;
  // Each day of each span, with the span it adds up to.
  const members = spans.flatMap((s) => Array.from({ length: s.end - s.start }, (_, i) => ({ day: s.start + i, kind: s.kind, start: s.start })));
  const map = sql`unnest(${intArray(members.map((m) => m.day))}, ${textArray(members.map((m) => m.kind))}, ${intArray(members.map((m) => m.start))}) as s(day, kind, start_day)`;
  // A refresh reads only the day rows of its spans, as index ranges (every breakdown and flag, those days); a whole city reads them all.
  const memberDays = intArray([...new Set(members.map((m) => m.day))]);
  const only = (extra: SQL) => (p.days ? sql`and d.day = any(${memberDays}) and d.corruption = any(array[false, true]) ${extra}` : sql``);
  const counts = SERVICE_COUNT_KEYS.map((k) => sql.identifier(insightDaily[k].name));
  await tx.execute(sql`
    insert into insight_span (tenant_id, kind, start_day, dimension, key, corruption, ${sql.join(counts, sql`, `)}, first_day, last_day)
    select d.tenant_id, s.kind, s.start_day, d.dimension, d.key, d.corruption, ${sql.join(counts.map((n) => sql`sum(d.${n})::int`), sql`, `)}, min(d.day), max(d.day)
    from insight_daily d join ${map} on s.day = d.day
    where d.tenant_id = ${p.tenantId} ${only(sql`and d.dimension = any(${textArray(["none", ...ROLLUP_DIMENSIONS])})`)}
    group by d.tenant_id, s.kind, s.start_day, d.dimension, d.key, d.corruption`);
  await tx.execute(sql`
    insert into insight_span_hours (tenant_id, kind, start_day, corruption, measure, hours, n)
    select d.tenant_id, s.kind, s.start_day, d.corruption, d.measure, d.hours, sum(d.n)::int
    from insight_daily_hours d join ${map} on s.day = d.day
    where d.tenant_id = ${p.tenantId} ${only(sql``)}
    group by d.tenant_id, s.kind, s.start_day, d.corruption, d.measure, d.hours`);
  // Cells only for every category (''): per category, a cell rarely has more than one message a day, so
  // spans would not shrink those rows; a map with a category reads its day rows (ADR 032).
  await tx.execute(sql`
    insert into insight_span_cells (tenant_id, kind, start_day, category, corruption, cell_y, cell_x, n)
    select d.tenant_id, s.kind, s.start_day, d.category, d.corruption, d.cell_y, d.cell_x, sum(d.n)::int
    from insight_daily_cells d join ${map} on s.day = d.day
    where d.tenant_id = ${p.tenantId} and d.category = '' ${only(sql``)}
    group by d.tenant_id, s.kind, s.start_day, d.category, d.corruption, d.cell_y, d.cell_x`);
}

/** Spans grouped by kind (one index range each). */
export function byKind(spans: Span[]): Span[][] {
  return SPAN_KINDS.map((k: SpanKind) => spans.filter((s) => s.kind === k)).filter((x) => x.length);
}
