import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../client";
import { requestWords, requests, tenantCounters } from "../schema";
import { rowsOf } from "./rows";

/**
 * How the words of a search reach the messages (docs/decisions/030).
 * - walk: read the messages in the list's order and keep those having every word (one EXISTS per
 *   word) — fast when matches are dense, so the first page is found early;
 * - driven: the rarest word's messages first, the other words checked on them;
 * - intersect: the messages having every word, from the word table alone (index-only scans of
 *   each word's range, intersected), then read and ordered.
 */
export type WordPlan = { kind: "walk" } | { kind: "driven"; rarest: string } | { kind: "intersect" };

/** A word in at most this many of the city's messages drives the search by itself. */
export const RARE_WORD = 5_000;
/** The walk may read this many messages to fill a page before intersecting is cheaper. */
export const WALK_BUDGET = 15_000;

const upper = (w: string) => w + "\u{10FFFF}";

/** A description word starting with `w` (a range on the C-collated key, leakproof under RLS: docs/decisions/015). */
const inRange = (w: string) => sql`${requestWords.word} >= ${w} and ${requestWords.word} < ${upper(w)}`;

const hasWordStartingWith = (w: string) =>
  sql`exists (select 1 from ${requestWords} where ${requestWords.tenantId} = ${requests.tenantId} and ${requestWords.requestId} = ${requests.id} and ${inRange(w)})`;

const messagesWith = (tenantId: string, w: string) => sql`select ${requestWords.requestId} from ${requestWords} where ${requestWords.tenantId} = ${tenantId} and ${inRange(w)}`;

/** The conditions on `requests` that make every word match, in the plan's way. */
export function wordConditions(tenantId: string, words: string[], plan: WordPlan): SQL[] {
  if (!words.length) return [];
  if (plan.kind === "walk") return words.map(hasWordStartingWith);
  // `= any(array(…))`: the ids are made once, first, and looked up by key — never a walk over the
  // messages checking each against them, whatever the statistics say.
  if (plan.kind === "driven") return [sql`${requests.id} = any(array(${messagesWith(tenantId, plan.rarest)}))`, ...words.filter((w) => w !== plan.rarest).map(hasWordStartingWith)];
  return [sql`${requests.id} = any(array(${sql.join(words.map((w) => sql`(${messagesWith(tenantId, w)})`), sql` intersect `)}))`];
}

/**
 * Chooses the plan for a search from how many messages have each word — the planner's own
 * estimate for the word's range on the word table (statistics target 1000, migration 0021; no
 * rows are read) — and how many messages the city has. One word: always the walk.
 */
export async function chooseWordPlan(tx: Tx, p: { tenantId: string; words: string[]; limit: number; offset?: number }): Promise<WordPlan> {
  if (p.words.length < 2) return { kind: "walk" };
  const estimates = await Promise.all(p.words.map((w) => tx.execute(sql`explain (format json) select 1 from ${requestWords} where ${requestWords.tenantId} = ${p.tenantId} and ${inRange(w)}`)));
  const [city] = await tx
    .select({ messages: tenantCounters.value })
    .from(tenantCounters)
    .where(sql`${tenantCounters.tenantId} = ${p.tenantId} and ${tenantCounters.name} = 'tracking'`);
  return wordPlanFor(p.words, estimates.map(planRows), Number(city?.messages ?? 0), (p.offset ?? 0) + p.limit);
}

/** The top node's estimated rows of an EXPLAIN (FORMAT JSON) answer (postgres.js and PGlite parse the json; text is parsed here). */
function planRows(res: unknown): number {
  const [row] = rowsOf<Record<string, unknown>>(res);
  const value = row?.["QUERY PLAN"];
  const plan = (typeof value === "string" ? JSON.parse(value) : value) as Array<{ Plan: { "Plan Rows": number } }>;
  return Number(plan[0]?.Plan["Plan Rows"] ?? 0);
}

/** The choice itself, pure: words with their estimated messages, the city's messages, the rows a page needs. */
export function wordPlanFor(words: string[], counts: number[], messages: number, wanted: number): WordPlan {
  const rarest = counts.indexOf(Math.min(...counts));
  if (counts[rarest]! <= RARE_WORD) return { kind: "driven", rarest: words[rarest]! };
  // Messages expected to have every word if words were independent, and so the messages the
  // walk reads to fill the page.
  const n = Math.max(messages, ...counts, 1);
  const expected = counts.reduce((e, c) => (e * c) / n, n);
  return (wanted * n) / Math.max(expected, 1) <= WALK_BUDGET ? { kind: "walk" } : { kind: "intersect" };
}
