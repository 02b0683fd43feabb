import { and, desc, eq, gte, lt, ne, sql } from "drizzle-orm";
import type { ScoreFacts, ScoringFormula, SubScore } from "@city137/core";
import type { Tx } from "../client";
import { requestFeedback, requests, scoringFormulas } from "../schema";
import { groupWhere } from "./insight";

const toFormula = (r: typeof scoringFormulas.$inferSelect): ScoringFormula & { createdAt: Date; note: string | null } => ({
  version: r.version,
  weights: r.weights as Record<SubScore, number>,
  minVolume: r.minVolume,
  targetHours: r.targetHours,
  note: r.note,
  createdAt: r.createdAt,
});

/** Every saved version of the city's formula, newest first. */
export async function listScoringFormulas(tx: Tx, p: { tenantId: string }) {
  const rows = await tx.select().from(scoringFormulas).where(eq(scoringFormulas.tenantId, p.tenantId)).orderBy(desc(scoringFormulas.version));
  return rows.map(toFormula);
}

export async function getScoringFormula(tx: Tx, p: { tenantId: string; version: number }) {
  const [row] = await tx.select().from(scoringFormulas).where(and(eq(scoringFormulas.tenantId, p.tenantId), eq(scoringFormulas.version, p.version)));
  return row ? toFormula(row) : null;
}

/** Saves the next version; the unique (tenant, version) key makes a concurrent save fail rather than share a number. */
export async function insertScoringFormula(tx: Tx, p: { tenantId: string; createdBy: string; formula: Omit<ScoringFormula, "version">; note: string | null }) {
  const [last] = await tx.select({ v: sql<number>`coalesce(max(${scoringFormulas.version}), 0)::int` }).from(scoringFormulas).where(eq(scoringFormulas.tenantId, p.tenantId));
  const [row] = await tx
    .insert(scoringFormulas)
    .values({ tenantId: p.tenantId, version: (last?.v ?? 0) + 1, weights: p.formula.weights, minVolume: p.formula.minVolume, targetHours: p.formula.targetHours, note: p.note, createdBy: p.createdBy })
    .returning();
  return toFormula(row!);
}

/**
 * What scoring needs per unit or region, for messages registered in [from, to)
 * (corruption reports never count). "now" fixes which deadlines have passed:
 * for a closed period the caller passes the period's end plus nothing else,
 * so the same period always counts the same messages.
 */
export async function scoreFacts(tx: Tx, p: { tenantId: string; by: "unit" | "region"; from: Date; to: Date; now: Date; targetHours: number }): Promise<ScoreFacts[]> {
  const key = p.by === "unit" ? requests.unitId : requests.regionId;
  const c = { now: p.now, targetHours: p.targetHours };
  const scored = groupWhere("scored", c)!;
  const n = (g: Parameters<typeof groupWhere>[0]) => sql<number>`(count(*) filter (where ${scored} and ${groupWhere(g, c)}))::int`;
  const rows = await tx
    .select({
      id: sql<string>`${key}::text`,
      volume: sql<number>`(count(*) filter (where ${scored}))::int`,
      due: n("due"),
      onTime: n("on_time"),
      resolved: n("resolved"),
      resolvedInTarget: n("resolved_in_target"),
      reopened: n("reopened"),
      ratings: sql<number>`(count(${requestFeedback.score}) filter (where ${scored}))::int`,
      ratingSum: sql<number>`coalesce(sum(${requestFeedback.score}) filter (where ${scored}), 0)::int`,
    })
    .from(requests)
    .leftJoin(requestFeedback, and(eq(requestFeedback.tenantId, requests.tenantId), eq(requestFeedback.requestId, requests.id)))
    .where(and(eq(requests.tenantId, p.tenantId), ne(requests.kind, "corruption_report"), gte(requests.createdAt, p.from), lt(requests.createdAt, p.to), sql`${key} is not null`))
    .groupBy(key);
  return rows;
}
