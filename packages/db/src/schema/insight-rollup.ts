import { boolean, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { id, tenantId } from "./columns";

/** How many messages fall in each figure's group (queries/insight.ts, SERVICE_COUNT_KEYS): the counts of a day row and of a span row. */
const serviceCounts = () => ({
  all: integer("n_all").notNull(),
  open: integer("n_open").notNull(),
  resolved: integer("n_resolved").notNull(),
  /** Has a deadline and was resolved (the part of "due" that does not depend on the clock). */
  dueResolved: integer("n_due_resolved").notNull(),
  /** Has a deadline and no resolution: "due" once the deadline passes, which the reader decides. */
  unresolvedDeadline: integer("n_unresolved_deadline").notNull(),
  onTime: integer("n_on_time").notNull(),
  reopened: integer("n_reopened").notNull(),
  duplicate: integer("n_duplicate").notNull(),
  forwarded: integer("n_forwarded").notNull(),
  rated: integer("n_rated").notNull(),
  ratingSum: integer("rating_sum").notNull(),
});

/**
 * The dashboards' daily rollup (docs/decisions/016): per city, Tehran day,
 * breakdown (dimension + key) and whether the rows are corruption reports,
 * how many messages fall in each figure's group. Every dimension has its own
 * rows (dimension 'none' holds the day's totals), so a breakdown is one
 * index range. Filled from `requests` with the same predicates as the raw
 * figures (packages/db/src/queries/insight-rollup.ts); never written by hand.
 */
export const insightDaily = pgTable(
  "insight_daily",
  {
    tenantId: tenantId(),
    day: integer("day").notNull(),
    dimension: text("dimension").notNull(),
    key: text("key").notNull(),
    corruption: boolean("corruption").notNull(),
    ...serviceCounts(),
    /** Has a deadline and no resolution (migration 0019): "due" once the deadline passes, which the reader decides. */
    unresolvedDeadline: integer("n_unresolved_deadline").notNull().default(0),
  },
  (t) => [
    primaryKey({ name: "insight_daily_pkey", columns: [t.tenantId, t.dimension, t.day, t.key, t.corruption] }),
    // Volumes by bucket and key (charts, totals): an index-only range of exactly the rows read (ADR 025).
    index("insight_daily_volume_idx").on(t.tenantId, t.dimension, t.corruption, t.day, t.key, t.all),
  ],
);

/**
 * Time to resolution and to first referral as a histogram per day: how many
 * messages fall in each hours bucket (core's hoursBucket). Percentiles are
 * read from it; they cannot be summed from daily medians.
 */
export const insightDailyHours = pgTable(
  "insight_daily_hours",
  {
    tenantId: tenantId(),
    day: integer("day").notNull(),
    corruption: boolean("corruption").notNull(),
    /** 'resolution' or 'referral'. */
    measure: text("measure").notNull(),
    /** Upper bound of the bucket in hours. */
    hours: integer("hours").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({ name: "insight_daily_hours_pkey", columns: [t.tenantId, t.measure, t.day, t.corruption, t.hours] }),
    // Both measures of a range at once (the key leads with the measure): index-only (ADR 025).
    index("insight_daily_hours_range_idx").on(t.tenantId, t.corruption, t.day, t.measure, t.hours, t.n),
  ],
);

/**
 * Days whose rollup rows are stale: triggers on requests, request_events and
 * request_feedback append one row per changed day; the insight refresh job
 * deletes the rows it read and recomputes those days. Until then the
 * dashboards read those days from `requests`, so a figure is never stale.
 */
export const insightDirtyDays = pgTable(
  "insight_dirty_days",
  {
    tenantId: tenantId(),
    id: id(),
    day: integer("day").notNull(),
  },
  (t) => [primaryKey({ name: "insight_dirty_days_pkey", columns: [t.tenantId, t.id] }), index("insight_dirty_days_day_idx").on(t.tenantId, t.day)],
);

/**
 * What a ranking needs per day and unit or region (level 'unit' | 'region'; docs/decisions/025):
 * the scoring counts of the day's messages that count for scoring (core's "scored" group,
 * corruption reports never), with the same predicates as the raw ranking. "Resolved within
 * the formula's target hours" depends on the formula: `in_target[i]` counts it for
 * `targets[i]`, the target hours of every formula version the city had when the row was
 * written (and the built-in default). A ranking whose target a row lacks reads that day raw.
 */
export const insightDailyScore = pgTable(
  "insight_daily_score",
  {
    tenantId: tenantId(),
    day: integer("day").notNull(),
    level: text("level").notNull(),
    key: text("key").notNull(),
    volume: integer("n_volume").notNull(),
    dueResolved: integer("n_due_resolved").notNull(),
    unresolvedDeadline: integer("n_unresolved_deadline").notNull(),
    onTime: integer("n_on_time").notNull(),
    resolved: integer("n_resolved").notNull(),
    reopened: integer("n_reopened").notNull(),
    ratings: integer("n_ratings").notNull(),
    ratingSum: integer("rating_sum").notNull(),
    targets: integer("targets").array().notNull(),
    inTarget: integer("n_in_target").array().notNull(),
  },
  (t) => [primaryKey({ name: "insight_daily_score_pkey", columns: [t.tenantId, t.level, t.day, t.key] })],
);

/**
 * The map's heatmap as a rollup (docs/decisions/027): per city, Tehran day, category
 * (`category` = the category id, '' = every category), corruption flag and heatmap cell
 * (`cell_y`, `cell_x`: floor of latitude and longitude over the cell size), how many messages
 * with a location fall there. Filled with the very SQL of the raw heatmap
 * (queries/insight-map.ts, `cellCounts`) by the dashboards' rebuild, so the stale-day marks of
 * `insight_dirty_days`, the refresh job and `insight:rebuild` cover it.
 */
export const insightDailyCells = pgTable(
  "insight_daily_cells",
  {
    tenantId: tenantId(),
    day: integer("day").notNull(),
    category: text("category").notNull(),
    corruption: boolean("corruption").notNull(),
    cellY: integer("cell_y").notNull(),
    cellX: integer("cell_x").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({ name: "insight_daily_cells_pkey", columns: [t.tenantId, t.day, t.category, t.corruption, t.cellY, t.cellX] }),
    // A range of one category (or all) and corruption flag: an index-only range of exactly the rows read.
    index("insight_daily_cells_read_idx").on(t.tenantId, t.category, t.corruption, t.day, t.cellY, t.cellX, t.n),
  ],
);

/**
 * `insight_daily` over coarser spans (docs/decisions/032): per city, span (`kind` 'month' = a
 * Jalali month, 'week' = an Iranian week, Saturday first; `start_day` its first Tehran day),
 * breakdown and corruption flag, the sums of the day rows' counts over the span's days, with the
 * first and last of those days (a chart bucket's drill-down range). Written from the day rows by
 * the same rebuild, for every span holding a rebuilt day; a read takes a span only when none of
 * its days is stale, so it is always the sum of current day rows.
 */
export const insightSpan = pgTable(
  "insight_span",
  {
    tenantId: tenantId(),
    kind: text("kind").notNull(),
    startDay: integer("start_day").notNull(),
    dimension: text("dimension").notNull(),
    key: text("key").notNull(),
    corruption: boolean("corruption").notNull(),
    ...serviceCounts(),
    firstDay: integer("first_day").notNull(),
    lastDay: integer("last_day").notNull(),
  },
  (t) => [
    primaryKey({ name: "insight_span_pkey", columns: [t.tenantId, t.kind, t.startDay, t.dimension, t.key, t.corruption] }),
    // Volumes of one breakdown's spans of one kind (charts, totals): an index-only range of exactly the rows read.
    index("insight_span_volume_idx").on(t.tenantId, t.dimension, t.corruption, t.kind, t.startDay, t.key, t.all, t.firstDay, t.lastDay),
  ],
);

/** `insight_daily_hours` over the same spans (docs/decisions/032): the percentiles' histogram per month or week. */
export const insightSpanHours = pgTable(
  "insight_span_hours",
  {
    tenantId: tenantId(),
    kind: text("kind").notNull(),
    startDay: integer("start_day").notNull(),
    corruption: boolean("corruption").notNull(),
    measure: text("measure").notNull(),
    hours: integer("hours").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({ name: "insight_span_hours_pkey", columns: [t.tenantId, t.kind, t.startDay, t.corruption, t.measure, t.hours] }),
    index("insight_span_hours_read_idx").on(t.tenantId, t.corruption, t.kind, t.startDay, t.measure, t.hours, t.n),
  ],
);

/**
 * The map's heatmap over coarser spans (docs/decisions/032): `insight_daily_cells` summed per
 * Jalali month or Iranian week (`kind`, `start_day`), flag and cell, for every category only
 * (`category` = ''): per category a cell-day rarely has more than one message, so spans would not
 * shrink those rows.
 */
export const insightSpanCells = pgTable(
  "insight_span_cells",
  {
    tenantId: tenantId(),
    kind: text("kind").notNull(),
    startDay: integer("start_day").notNull(),
    category: text("category").notNull(),
    corruption: boolean("corruption").notNull(),
    cellY: integer("cell_y").notNull(),
    cellX: integer("cell_x").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({ name: "insight_span_cells_pkey", columns: [t.tenantId, t.kind, t.startDay, t.category, t.corruption, t.cellY, t.cellX] }),
    index("insight_span_cells_read_idx").on(t.tenantId, t.category, t.corruption, t.kind, t.startDay, t.cellY, t.cellX, t.n),
  ],
);

/**
 * The engaged citizens' rollup (docs/decisions/026): per city, mobile and Tehran day, the
 * counts behind a citizen's points, each on the day of its own instant: messages (registration
 * day) the city confirmed and other accepted ones, feedback given (the feedback's day) on their
 * messages, and "me too" supports (the support's day). Filled with the very SQL of the raw
 * ranking (queries/insight-citizens.ts); days changed since are marked in
 * `insight_citizen_dirty_days` and read from the messages until the refresh job recomputes them.
 */
export const insightCitizenDaily = pgTable(
  "insight_citizen_daily",
  {
    tenantId: tenantId(),
    mobile: text("mobile").notNull(),
    day: integer("day").notNull(),
    confirmed: integer("n_confirmed").notNull(),
    accepted: integer("n_accepted").notNull(),
    feedback: integer("n_feedback").notNull(),
    supports: integer("n_supports").notNull(),
  },
  (t) => [primaryKey({ name: "insight_citizen_daily_pkey", columns: [t.tenantId, t.mobile, t.day] }), index("insight_citizen_daily_day_idx").on(t.tenantId, t.day)],
);

/**
 * Each mobile's counts per week of `insight_citizen_daily` (written with it; weeks start on
 * Saturday: `(day + 5) / 7`), with their points. A mobile's points in the weeks a range
 * touches bound its points in the range from above, so a ranking reads each week's list highest
 * first and stops once the last place beats the sum of the weeks' thresholds; whole weeks of the
 * range are summed from here instead of their days (docs/decisions/031).
 */
export const insightCitizenWeeks = pgTable(
  "insight_citizen_weeks",
  {
    tenantId: tenantId(),
    mobile: text("mobile").notNull(),
    week: integer("week").notNull(),
    confirmed: integer("n_confirmed").notNull(),
    accepted: integer("n_accepted").notNull(),
    feedback: integer("n_feedback").notNull(),
    supports: integer("n_supports").notNull(),
    points: integer("points").notNull(),
  },
  (t) => [primaryKey({ name: "insight_citizen_weeks_pkey", columns: [t.tenantId, t.mobile, t.week] }), index("insight_citizen_weeks_points_idx").on(t.tenantId, t.week, t.points.desc(), t.mobile)],
);

/** Days whose citizen rollup is stale (messages, feedback or supports changed); see insightDirtyDays. */
export const insightCitizenDirtyDays = pgTable(
  "insight_citizen_dirty_days",
  {
    tenantId: tenantId(),
    id: id(),
    day: integer("day").notNull(),
  },
  (t) => [primaryKey({ name: "insight_citizen_dirty_days_pkey", columns: [t.tenantId, t.id] }), index("insight_citizen_dirty_days_day_idx").on(t.tenantId, t.day)],
);
