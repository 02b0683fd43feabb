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

/** Counts above this are not read to the end: the word is common. */
export const COMMON_WORD = 150_000;
/** A word this rare drives the search by itself. */
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
  if (plan.kind === "driven") return [sql`${requests.id} in (${messagesWith(tenantId, plan.rarest)})`, ...words.filter((w) => w !== plan.rarest).map(hasWordStartingWith)];
  return [sql`${requests.id} in (${sql.join(words.map((w) => sql`(${messagesWith(tenantId, w)})`), sql` intersect `)})`];
}

/**
 * Chooses the plan for a search from how many messages have each word (counted on the word
 * table's index, up to COMMON_WORD) and how many the city has. One word: always the walk.
 */
export async function chooseWordPlan(tx: Tx, p: { tenantId: string; words: string[]; limit: number; offset?: number }): Promise<WordPlan> {
  if (p.words.length < 2) return { kind: "walk" };
  const counts = p.words.map((w) => sql`(select count(*)::int from (select 1 from ${requestWords} where ${requestWords.tenantId} = ${p.tenantId} and ${inRange(w)} limit ${COMMON_WORD}) x)`);
  const [row] = rowsOf<{ counts: number[]; messages: number }>(
    await tx.execute(
      sql`select array[${sql.join(counts, sql`, `)}] as counts, coalesce((select ${tenantCounters.value} from ${tenantCounters} where ${tenantCounters.tenantId} = ${p.tenantId} and ${tenantCounters.name} = 'tracking'), 0)::int as messages`,
    ),
  );
  return wordPlanFor(p.words, row!.counts.map(Number), Number(row!.messages), (p.offset ?? 0) + p.limit);
}

/** The choice itself, pure: words with their counts, the city's messages, the rows a page needs. */
export function wordPlanFor(words: string[], counts: number[], messages: number, wanted: number): WordPlan {
  const rarest = counts.indexOf(Math.min(...counts));
  if (counts[rarest]! <= RARE_WORD) return { kind: "driven", rarest: words[rarest]! };
  if (counts.every((c) => c >= COMMON_WORD)) return { kind: "walk" };
  // Messages expected to have every word if words were independent, and so the messages the walk
  // reads to fill the page; a common word's count is a lower bound, which favours intersecting.
  const n = Math.max(messages, ...counts, 1);
  const expected = counts.reduce((e, c) => (e * c) / n, n);
  return (wanted * n) / Math.max(expected, 1) <= WALK_BUDGET ? { kind: "walk" } : { kind: "intersect" };
}
