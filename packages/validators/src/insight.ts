import { z } from "zod";
import { AGEING_BUCKETS, DIMENSIONS, GRANULARITIES, MESSAGE_GROUPS, SUB_SCORES } from "@city137/core";
import { K } from "./common";

const isoDay = z.iso.date({ error: K.invalid });
const range = { from: isoDay, to: isoDay };
/** to is inclusive; a range may not run backwards or span more than two years. */
const sane = <T extends { from: string; to: string }>(v: T, ctx: z.RefinementCtx) => {
  const days = (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000;
  if (days < 0) ctx.addIssue({ code: "custom", path: ["to"], message: K.invalid });
  if (days > 731) ctx.addIssue({ code: "custom", path: ["to"], message: K.invalid });
};

export const ZInsightDashboardInput = z
  .object({ ...range, granularity: z.enum(GRANULARITIES, { error: K.invalid }).default("month"), dimension: z.enum(DIMENSIONS, { error: K.invalid }).default("none") })
  .superRefine(sane);
export type InsightDashboardInput = z.infer<typeof ZInsightDashboardInput>;

const slice = z.object({ dimension: z.enum(DIMENSIONS, { error: K.invalid }), key: z.string().max(64, { error: K.tooLong }) });
const ageing = z.enum(AGEING_BUCKETS.map((b) => b.key) as [string, ...string[]], { error: K.invalid });

export const ZInsightMessagesInput = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    group: z.enum(MESSAGE_GROUPS, { error: K.invalid }).default("all"),
    slice: slice.optional(),
    /** Only this category too (the map's drill-down: a district's messages of one category). */
    categoryId: z.uuid({ error: K.invalid }).optional(),
    /** Open messages by age now (the backlog's buckets). */
    ageing: ageing.optional(),
    /** For the "resolved in target" group: the formula's target. */
    targetHours: z.number().int().min(1).max(10_000).default(72),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).max(100_000).default(0),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to) sane({ from: v.from, to: v.to }, ctx);
  });
export type InsightMessagesInput = z.infer<typeof ZInsightMessagesInput>;

/** What the map shades districts by. */
export const MAP_MEASURES = ["volume", "compliance", "satisfaction"] as const;
export type MapMeasure = (typeof MAP_MEASURES)[number];

/** The map: districts' figures and a heatmap of a range's messages, of one category or all. */
export const ZInsightMapInput = z.object({ ...range, categoryId: z.uuid({ error: K.invalid }).optional() }).superRefine(sane);
export type InsightMapInput = z.infer<typeof ZInsightMapInput>;

const jy = z.number({ error: K.invalid }).int().min(1380, { error: K.invalid }).max(1500, { error: K.invalid });
export const ZRankingPeriod = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("month"), jy, jm: z.number({ error: K.invalid }).int().min(1, { error: K.invalid }).max(12, { error: K.invalid }) }),
  z.object({ kind: z.literal("year"), jy }),
]);

export const ZRankingInput = z.object({
  period: ZRankingPeriod,
  level: z.enum(["unit", "region"], { error: K.invalid }).default("unit"),
  /** Absent: the city's current formula. */
  version: z.number().int().min(0, { error: K.invalid }).optional(),
});
export type RankingInput = z.infer<typeof ZRankingInput>;

const weight = z.number({ error: K.invalid }).int({ error: K.invalid }).min(0, { error: K.invalid }).max(100, { error: K.invalid });
export const ZSaveFormulaInput = z.object({
  weights: z.object(Object.fromEntries(SUB_SCORES.map((s) => [s, weight])) as Record<(typeof SUB_SCORES)[number], typeof weight>),
  minVolume: z.number({ error: K.invalid }).int().min(1, { error: K.invalid }).max(100_000, { error: K.invalid }),
  targetHours: z.number({ error: K.invalid }).int().min(1, { error: K.invalid }).max(10_000, { error: K.invalid }),
  note: z.string().trim().max(500, { error: K.tooLong }).optional(),
});
export type SaveFormulaInput = z.infer<typeof ZSaveFormulaInput>;

export const ZCitizensInput = z.object({ ...range, limit: z.number().int().min(1).max(500).default(50) }).superRefine(sane);
export const ZCouncilInput = z.object({ ...range, minCount: z.number().int().min(1).max(10_000).default(3), limit: z.number().int().min(1).max(200).default(50) }).superRefine(sane);
