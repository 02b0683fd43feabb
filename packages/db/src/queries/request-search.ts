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
 *   each word's range, intersected), then read and ordered;
 * - merge (newest first only, docs/decisions/033): every word's entries read newest first from
 *   the word table's key (each entry carries its message's created_at and seq), merged into one
 *   stream and grouped by message; a message having every word goes on to the filters, and the
 *   page stops after its matches. `words` holds, per search word, the description words of its
 *   prefix range (a merge needs each range as exact words: a range is ordered by word first).
 */
export type WordPlan = { kind: "walk" } | { kind: "driven"; rarest: string } | { kind: "intersect" } | { kind: "merge"; words: string[][] };

/** A word in at most this many of the city's messages drives the search by itself. */
export const RARE_WORD = 5_000;
/** The walk may read this many messages to fill a page before intersecting is cheaper. */
export const WALK_BUDGET = 15_000;
/** A search word whose prefix covers more description words than this is not merged (one ordered scan per word). */
export const MERGE_WORDS = 16;
/** The merge is chosen while a page needs at most 1 / MERGE_SHARE of the expected matches. */
export const MERGE_SHARE = 2;

const upper = (w: string) => w + "\u{10FFFF}";

/** A description word starting with `w` (a range on the C-collated key, leakproof under RLS: docs/decisions/015). */
const inRange = (w: string) => sql`${requestWords.word} >= ${w} and ${requestWords.word} < ${upper(w)}`;

const hasWordStartingWith = (w: string) =>
  sql`exists (select 1 from ${requestWords} where ${requestWords.tenantId} = ${requests.tenantId} and ${requestWords.requestId} = ${requests.id} and ${inRange(w)})`;

const messagesWith = (tenantId: string, w: string) => sql`select ${requestWords.requestId} from ${requestWords} where ${requestWords.tenantId} = ${tenantId} and ${inRange(w)}`;

/** The conditions on `requests` that make every word match, in the plan's way. */
export function wordConditions(tenantId: string, words: string[], plan: WordPlan): SQL[] {
  if (!words.length || plan.kind === "merge") return []; // the merge joins its stream instead (mergedMessages)
  if (plan.kind === "walk") return words.map(hasWordStartingWith);
  // `= any(array(…))`: the ids are made once, first, and looked up by key — never a walk over the
  // messages checking each against them, whatever the statistics say.
  if (plan.kind === "driven") return [sql`${requests.id} = any(array(${messagesWith(tenantId, plan.rarest)}))`, ...words.filter((w) => w !== plan.rarest).map(hasWordStartingWith)];
  return [sql`${requests.id} = any(array(${sql.join(words.map((w) => sql`(${messagesWith(tenantId, w)})`), sql` intersect `)}))`];
}

/**
 * The messages having every word of a merge plan, newest first (created_at desc, seq desc: the
 * list's order when it is not the open queue's), as `created_at, seq, request_id`.
 *
 * One backward scan of the word table's key per description word, each its own ordered subquery
 * so that Postgres merges them in that order (Merge Append: a UNION ALL of plain branches is
 * flattened and then sorted whole, as its branch conditions are not known to fix the key's leading
 * columns). A message's entries are then adjacent; a window over that same order (its peers: the
 * message's entries) says which search words it has and keeps its first entry. A window cannot be
 * hashed, so the stream stays in order and is read lazily: under the list's LIMIT the scans stop
 * once the page is full. (A GROUP BY here was planned as a hash of both whole lists, the planner
 * expecting a handful of matches.)
 */
export function mergedMessages(tenantId: string, words: string[][]): SQL {
  const w = requestWords;
  const scans = words.flatMap((range, i) =>
    range.map(
      (word) =>
        sql`(select ${w.createdAt} as created_at, ${w.seq} as seq, ${w.requestId} as request_id, ${1 << i}::int as bit
            from ${w} where ${w.tenantId} = ${tenantId} and ${w.word} = ${word}
            order by ${w.createdAt} desc, ${w.seq} desc, ${w.requestId} desc)`,
    ),
  );
  return sql`select created_at, seq, request_id from (
      select created_at, seq, request_id, bit_or(bit) over message as bits, lag(request_id) over message as previous
      from (${sql.join(scans, sql` union all `)}) as e
      window message as (order by created_at desc, seq desc, request_id desc range between current row and current row)
    ) as entries where bits = ${(1 << words.length) - 1} and previous is distinct from request_id`;
}

/**
 * The description words in the prefix range of each search word (at most MERGE_WORDS + 1 each), by
 * skipping through the word table's key from word to word: one index probe per word found.
 */
export async function wordsInRanges(tx: Tx, tenantId: string, words: string[]): Promise<string[][]> {
  const w = requestWords;
  return Promise.all(
    words.map(async (prefix) => {
      const res = await tx.execute(sql`with recursive found(word) as (
          (select ${w.word} from ${w} where ${w.tenantId} = ${tenantId} and ${inRange(prefix)} order by ${w.word} limit 1)
          union all
          select (select ${w.word} from ${w} where ${w.tenantId} = ${tenantId} and ${w.word} > found.word and ${w.word} < ${upper(prefix)} order by ${w.word} limit 1)
          from found where found.word is not null
        ) select word from found where word is not null limit ${MERGE_WORDS + 1}`);
      return rowsOf<{ word: string }>(res).map((r) => r.word);
    }),
  );
}

/**
 * Chooses the plan for a search from how many messages have each word — the planner's own
 * estimate for the word's range on the word table (statistics target 1000, migration 0021; no
 * rows are read) — and how many messages the city has. One word: always the walk. Where the
 * walk would read too much and the list is newest first, the words' lists are merged in that
 * order (docs/decisions/033), unless the page lies deep in the expected matches or a word's
 * prefix covers more than MERGE_WORDS description words.
 */
export async function chooseWordPlan(tx: Tx, p: { tenantId: string; words: string[]; limit: number; offset?: number; newestFirst?: boolean }): Promise<WordPlan> {
  if (p.words.length < 2) return { kind: "walk" };
  const estimates = await Promise.all(p.words.map((w) => tx.execute(sql`explain (format json) select 1 from ${requestWords} where ${requestWords.tenantId} = ${p.tenantId} and ${inRange(w)}`)));
  const [city] = await tx
    .select({ messages: tenantCounters.value })
    .from(tenantCounters)
    .where(sql`${tenantCounters.tenantId} = ${p.tenantId} and ${tenantCounters.name} = 'tracking'`);
  const counts = estimates.map(planRows);
  const messages = Number(city?.messages ?? 0);
  const wanted = (p.offset ?? 0) + p.limit;
  const plan = wordPlanFor(p.words, counts, messages, wanted);
  if (plan.kind !== "intersect" || !p.newestFirst || !mergeBeatsIntersect(counts, messages, wanted)) return plan;
  const ranges = await wordsInRanges(tx, p.tenantId, p.words);
  return ranges.every((r) => r.length > 0 && r.length <= MERGE_WORDS) ? { kind: "merge", words: ranges } : plan;
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
  const expected = expectedMatches(counts, n);
  return (wanted * n) / Math.max(expected, 1) <= WALK_BUDGET ? { kind: "walk" } : { kind: "intersect" };
}

/** Messages expected to have every word, if words were independent. */
function expectedMatches(counts: number[], messages: number): number {
  const n = Math.max(messages, ...counts, 1);
  return counts.reduce((e, c) => (e * c) / n, n);
}

/**
 * Whether merging the lists newest first beats intersecting them whole: the merge reads about
 * wanted / expected of each list but costs more per entry (a window, not a hash); once a page
 * lies past half the expected matches, intersecting is cheaper (docs/decisions/033).
 */
export function mergeBeatsIntersect(counts: number[], messages: number, wanted: number): boolean {
  return wanted * MERGE_SHARE <= expectedMatches(counts, messages);
}
